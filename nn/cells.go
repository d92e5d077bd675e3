package nn

import (
	"fmt"
	"slices"
	"strings"
)

// cell is one step of a recurrent layer: the maths of one kind of cell (rnn.go, lstm.go, gru.go, …). The
// layer (Recurrent) owns the time loop, the input projection and the input-side gradients; a cell owns one
// step for the whole batch. What the rest of the program needs to know about a cell is in its CellKind.
type cell interface {
	declare(r *Recurrent) // after the parameters are declared: keep what the cell needs (r.Params)
	init(r *Recurrent, rng *RNG)
	alloc(r *Recurrent)          // size per-step buffers for r.T, r.B
	forward(r *Recurrent, t int) // A[t] holds x_t·W + b; make it the activations and set H[t+1] (and C[t+1])
	backward(r *Recurrent, t int)
	finish(r *Recurrent) // after the backward loop: recurrent-kernel gradients over all steps
}

// ParamShape is one parameter of a recurrent layer with input width D and H units.
type ParamShape struct {
	Name  string // suffix of the parameter's name: the layer "lstm0" has "lstm0.kernel"
	Shape []int
	Decay bool // a weight that weight decay and L2 apply to (not a bias)
	Rec   bool // a recurrent kernel [H, G·H]: initialised block by block, singular values reported
}

// CellKind describes one kind of recurrent cell to the rest of the program: the model, the encoder–decoder,
// the auxiliary heads, the size limits, the run configuration, the command line and the page read it here
// instead of spelling the cell's name. The first three parameters of every cell are its kernel W, its
// recurrent weights U and its bias b, in that order.
type CellKind struct {
	Name  string   // the configuration's name: LayerConfig.Type, Seq2SeqConfig.Cell
	Key   string   // translation key of the display name
	Gates []string // the fused blocks of the pre-activations [·, G·H], in order; G = len(Gates)
	// Probed lists the gate blocks (sigmoid gates) whose statistics the probe records.
	Probed []int
	// State: the cell carries a memory state c_t beside h_t (handed on by the encoder–decoder and the
	// auxiliary decoder, and its gradient ‖∂L/∂c_t‖ recorded).
	State bool
	// Activations the cell takes (LayerConfig.Activation), the default first; nil: none.
	Activations []string
	ResetAfter  bool   // the cell takes reset_after
	ForgetBias  bool   // the cell has a forget gate whose bias InitConfig.ForgetBias sets
	Gated       bool   // the cell has σ gates: it takes recurrent_activation (gate.go)
	Equations   string // one step's equations, for documentation and help
	// Params lists the cell's parameters for input width D and H units.
	Params func(D, H int, l LayerConfig) []ParamShape
	new    func(l LayerConfig) cell
}

// G is the number of fused gate blocks.
func (k *CellKind) G() int { return len(k.Gates) }

// Count is the number of scalar parameters of a layer of this cell.
func (k *CellKind) Count(D, H int, l LayerConfig) int { return k.count(D, H, l, false) }

// Kernels is the number of its kernels' weights (the parameters weight decay applies to, not the
// biases): what a step multiplies by, for FLOP counts.
func (k *CellKind) Kernels(D, H int, l LayerConfig) int { return k.count(D, H, l, true) }

func (k *CellKind) count(D, H int, l LayerConfig, kernels bool) int {
	n := 0
	for _, p := range k.Params(D, H, l) {
		if kernels && !p.Decay {
			continue
		}
		m := 1
		for _, d := range p.Shape {
			m *= d
		}
		n += m
	}
	return n
}

// validate checks the options of a layer of this cell; where names the configuration's field prefix.
func (k *CellKind) validate(where string, l LayerConfig) error {
	if l.Activation != "" && !slices.Contains(k.Activations, l.Activation) {
		if k.Activations == nil {
			return fmt.Errorf("%s.activation: the %s cell takes none (leave it empty)", where, k.Name)
		}
		return fmt.Errorf("%s.activation: %q for %s (want %s)", where, l.Activation, k.Name, strings.Join(k.Activations, ", "))
	}
	if l.RecurrentActivation != "" {
		if !k.Gated {
			return fmt.Errorf("%s.recurrent_activation: only %s layers have gates (leave it empty for %s)", where,
				AndList(CellNames(func(k *CellKind) bool { return k.Gated })), k.Name)
		}
		if _, err := newGateAct(l.RecurrentActivation); err != nil {
			return fmt.Errorf("%s.recurrent_activation: %v", where, err)
		}
	}
	if l.ResetAfter && !k.ResetAfter {
		return fmt.Errorf("%s.reset_after: the %s cell has none (a %s option)", where, k.Name,
			strings.Join(CellNames(func(k *CellKind) bool { return k.ResetAfter }), ", "))
	}
	return l.Init.validate(where)
}

// AndList joins names as "a, b and c".
func AndList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// gateActOf is the gates' σ of a validated layer.
func gateActOf(l LayerConfig) gateAct {
	g, _ := newGateAct(l.RecurrentActivation)
	return g
}

// standardParams are the parameters of a cell whose recurrent weights are a full matrix: W [D, G·H],
// U [H, G·H], b [G·H].
func standardParams(G int) func(D, H int, l LayerConfig) []ParamShape {
	return func(D, H int, l LayerConfig) []ParamShape {
		return []ParamShape{
			{Name: "kernel", Shape: []int{D, G * H}, Decay: true},
			{Name: "recurrent_kernel", Shape: []int{H, G * H}, Decay: true, Rec: true},
			{Name: "bias", Shape: []int{G * H}},
		}
	}
}

// cellKinds is the registry of recurrent cells, in the order the page and the help list them.
var cellKinds = []*CellKind{&rnnKind, &lstmKind, &gruKind, &indrnnKind}

// DefaultCell is the cell a run uses unless told otherwise.
var DefaultCell = &lstmKind

// Cells returns the registered cells, in order.
func Cells() []*CellKind { return cellKinds }

// Cell returns the registered cell of that name, or nil.
func Cell(name string) *CellKind {
	for _, k := range cellKinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// CellNames lists the names of the registered cells, or of those for which keep is true.
func CellNames(keep ...func(*CellKind) bool) []string {
	var s []string
	for _, k := range cellKinds {
		if len(keep) == 0 || keep[0](k) {
			s = append(s, k.Name)
		}
	}
	return s
}

// cellKind returns the cell of that name or an error naming the field and the choices.
func cellKind(where, name string) (*CellKind, error) {
	if k := Cell(name); k != nil {
		return k, nil
	}
	return nil, fmt.Errorf("%s: unknown %q (want %s)", where, name, strings.Join(CellNames(), ", "))
}
