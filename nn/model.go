package nn

import (
	"fmt"
	"math"
	"strings"
)

// LayerConfig describes one layer of a model.
//
//	type:  a registered cell (recurrent; see Cells), dense, embedding, dropout, attention (see AttnLayer)
//	units: hidden size H (recurrent), output width K (dense), vector size (embedding), additive score
//	       size A (attention; 0 means the input width)
type LayerConfig struct {
	Type            string     `json:"type"`
	Units           int        `json:"units,omitempty"`
	ReturnSequences bool       `json:"return_sequences,omitempty"` // recurrent: all states, not only the last
	Activation      string     `json:"activation,omitempty"`       // recurrent: CellKind.Activations; dense: linear|sigmoid|tanh|relu|softmax
	ResetAfter      bool       `json:"reset_after,omitempty"`      // recurrent, CellKind.ResetAfter: reset gate after the recurrent product
	Rate            float64    `json:"rate,omitempty"`             // dropout rate in [0, 0.9]
	Init            InitConfig `json:"init,omitzero"`              // recurrent layers
	Score           string     `json:"score,omitempty"`            // attention: additive|dot|scaled_dot|general|concat_linear
	Residual        bool       `json:"residual,omitempty"`         // attention: output x_t + c_t instead of c_t

	// RecurrentActivation is the gates' σ of a gated cell (CellKind.Gated): sigmoid (also "") or
	// hard_sigmoid (gate.go).
	RecurrentActivation string `json:"recurrent_activation,omitempty"`
}

// ModelConfig describes a stack of layers and its loss. Input is the number of features per step, or the
// vocabulary size when the first layer is an embedding (the input is then token ids).
//
// With Seq2Seq set the model is an encoder–decoder instead (Layers must be empty, Loss xent; see Seq2Seq).
// Aux adds an auxiliary loss, to a stack or to the encoder of an encoder–decoder (see AuxConfig).
type ModelConfig struct {
	Input   int            `json:"input"`
	Layers  []LayerConfig  `json:"layers,omitempty"`
	Loss    Loss           `json:"loss"`
	Seq2Seq *Seq2SeqConfig `json:"seq2seq,omitempty"`
	Aux     *AuxConfig     `json:"aux,omitempty"`
}

// Limits that keep a model's memory bounded.
const (
	MaxUnits  = 1024
	MaxLayers = 8
	MaxInput  = 100000
)

// Validate checks the configuration and names the offending field in its error.
func (c *ModelConfig) Validate() error {
	if err := c.Loss.valid(); err != nil {
		return err
	}
	if c.Input < 1 || c.Input > MaxInput {
		return fmt.Errorf("model.input: %d is outside [1, %d]", c.Input, MaxInput)
	}
	if c.Seq2Seq != nil {
		return c.validateSeq2Seq()
	}
	if len(c.Layers) == 0 || len(c.Layers) > MaxLayers+4 {
		return fmt.Errorf("model.layers: %d layers, want 1 to %d", len(c.Layers), MaxLayers+4)
	}
	for i, l := range c.Layers {
		where := fmt.Sprintf("model.layers[%d]", i)
		if k := Cell(l.Type); k != nil {
			if l.Units < 1 || l.Units > MaxUnits {
				return fmt.Errorf("%s.units: %d is outside [1, %d]", where, l.Units, MaxUnits)
			}
			if err := k.validate(where, l); err != nil {
				return err
			}
			continue
		}
		switch l.Type {
		case "dense", "embedding":
			if l.Units < 1 || l.Units > MaxUnits {
				return fmt.Errorf("%s.units: %d is outside [1, %d]", where, l.Units, MaxUnits)
			}
		case "dropout":
			if !(l.Rate >= 0 && l.Rate <= 0.9) {
				return fmt.Errorf("%s.rate: %v is outside [0, 0.9]", where, l.Rate)
			}
		case "attention":
			if i == 0 {
				return fmt.Errorf("%s: attention needs a layer before it (it attends over that layer's outputs)", where)
			}
			if l.Units < 0 || l.Units > MaxUnits {
				return fmt.Errorf("%s.units: %d is outside [0, %d]", where, l.Units, MaxUnits)
			}
			if err := validScore(where+".score", l.Score, 1, 1); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s.type: unknown %q (want %s, dense, embedding, dropout or attention)", where, l.Type,
				strings.Join(CellNames(), ", "))
		}
		if l.Type == "embedding" && i != 0 {
			return fmt.Errorf("%s: an embedding must be the first layer", where)
		}
		if l.RecurrentActivation != "" {
			return fmt.Errorf("%s.recurrent_activation: only recurrent layers have gates (leave it empty for %s)", where, l.Type)
		}
		if err := l.Init.validate(where); err != nil {
			return err
		}
	}
	if err := checkSize(*c); err != nil {
		return err
	}
	if err := c.Aux.validate(c.Layers); err != nil {
		return err
	}
	last := c.Layers[len(c.Layers)-1]
	switch c.Loss {
	case BCE:
		if last.Type != "dense" || last.Activation != "sigmoid" {
			return fmt.Errorf("model.loss: bce needs a last dense layer with sigmoid activation")
		}
	case XEnt:
		if last.Type != "dense" || last.Activation != "softmax" || last.Units < 2 {
			return fmt.Errorf("model.loss: xent needs a last dense layer with softmax activation and 2 or more units")
		}
	}
	return nil
}

// Model is a stack of layers with a loss: the engine's sequence→one and sequence→sequence network.
type Model struct {
	Config ModelConfig
	Params *Params
	Layers []Layer
	Names  []string

	rngDrop *RNG
	out     *Seq // output of the last forward (logits when the loss is fused)
	pred    Seq
	dy      Seq
	head    *Dense
	aux     *auxHead // nil without an auxiliary loss
	attn    *Attention
	main    float64 // main loss of the last forward
}

// NewModel builds a model from cfg and initialises its weights from rng.
func NewModel(cfg ModelConfig, rng *RNG) (*Model, error) {
	m, err := buildModel(cfg, rng)
	if err != nil {
		return nil, err
	}
	m.Init(rng)
	if m.aux != nil {
		// After Init, so that a head leaves the main weights as they are without it.
		m.aux.rng = rng.Split(2)
	}
	return m, nil
}

// buildModel builds a model with zero weights.
func buildModel(cfg ModelConfig, rng *RNG) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m := &Model{Config: cfg, Params: &Params{}, rngDrop: rng.Split(1)}
	ps := m.Params
	width := cfg.Input
	count := map[string]int{}
	for _, l := range cfg.Layers {
		name := fmt.Sprintf("%s%d", l.Type, count[l.Type])
		count[l.Type]++
		var layer Layer
		switch l.Type {
		case "dense":
			d, err := newDense(name, width, l.Units, l.Activation, ps)
			if err != nil {
				return nil, err
			}
			layer = d
		case "embedding":
			layer = newEmbedding(name, width, l.Units, ps)
		case "dropout":
			layer = &Dropout{Rate: l.Rate, rng: m.rngDrop}
		case "attention":
			a := newAttnLayer(name, width, l, ps)
			if m.attn == nil {
				m.attn = a.Att
			}
			layer = a
		default:
			layer = newRecurrent(name, l, width, ps)
		}
		if w := layer.OutWidth(); w > 0 {
			width = w
		}
		m.Layers = append(m.Layers, layer)
		m.Names = append(m.Names, name)
	}
	if cfg.Loss != MSE {
		m.head = m.Layers[len(m.Layers)-1].(*Dense)
		m.head.fused = true
	}
	if cfg.Aux != nil && cfg.Aux.Weight > 0 {
		// On the last recurrent layer; token inputs are read through the first layer, an embedding.
		var rec *Recurrent
		var lc LayerConfig
		for i, l := range m.Layers {
			if r, ok := l.(*Recurrent); ok {
				rec, lc = r, cfg.Layers[i]
			}
		}
		emb, _ := m.Layers[0].(*Embedding)
		m.aux = newAuxHead(*cfg.Aux, rec, lc, emb, cfg.Input, ps)
	}
	if r, ok := m.Layers[0].(*Recurrent); ok {
		r.noInputGrad = true // the gradient to the data is not needed: 4% of the seed model's step
	}
	ps.Alloc()
	return m, nil
}

// Init draws fresh weights from rng.
func (m *Model) Init(rng *RNG) {
	for _, l := range m.Layers {
		if i, ok := l.(interface{ initParams(*RNG) }); ok {
			i.initParams(rng)
		}
	}
	if m.aux != nil {
		m.aux.initParams(rng)
	}
}

// Forward runs the model on b's inputs and returns the loss against b's targets. train enables dropout
// (and random anchors of the reconstruction loss). With an auxiliary loss it returns the objective
// MainLoss + λ·AuxLoss.
func (m *Model) Forward(b *Batch, train bool) float64 {
	x := &b.X
	for _, l := range m.Layers {
		x = l.Forward(x, train)
	}
	m.out = x
	m.main = m.Config.Loss.Eval(x, b, &m.dy)
	if m.aux == nil {
		return m.main
	}
	return m.main + m.aux.lambda*m.aux.forward(b, train)
}

// MainLoss returns the loss of the last Forward against the batch's targets, without the auxiliary loss.
func (m *Model) MainLoss() float64 { return m.main }

// AuxLoss returns the auxiliary loss of the last Forward (unweighted; 0 without one).
func (m *Model) AuxLoss() float64 {
	if m.aux == nil {
		return 0
	}
	return m.aux.loss
}

// AttentionWeights returns the weights of the first attention layer in the last Forward for the chosen
// example (SetAttentionExample): rows query steps, cols input steps, w[row*cols+col]; 0, 0, nil without
// attention. w is reused by the next Forward.
func (m *Model) AttentionWeights() (rows, cols int, w []float64) {
	if m.attn == nil {
		return 0, 0, nil
	}
	return m.attn.Weights()
}

// SetAttentionExample chooses the example of the batch whose attention weights are recorded (default 0).
func (m *Model) SetAttentionExample(i int) {
	if m.attn != nil {
		m.attn.Example = i
	}
}

// Backward accumulates ∂L/∂θ for the last Forward into Params.G.
func (m *Model) Backward() {
	if m.aux != nil {
		m.aux.backward()
	}
	d := &m.dy
	for i := len(m.Layers) - 1; i >= 0; i-- {
		d = m.Layers[i].Backward(d)
	}
}

// Output returns the predictions of the last Forward [Ty, B, K]: probabilities for bce and xent.
func (m *Model) Output() *Seq {
	if m.head == nil {
		return m.out
	}
	m.pred.Resize(m.out.T, m.out.B, m.out.F)
	copy(m.pred.V, m.out.V)
	activate(m.head.Act, m.pred.V, m.out.F)
	return &m.pred
}

// Probes returns the instrumentation of every recurrent layer, in layer order.
func (m *Model) Probes() []*Probe {
	var ps []*Probe
	for _, l := range m.Layers {
		if p, ok := l.(Probed); ok {
			ps = append(ps, p.Probe())
		}
	}
	return ps
}

// Spectrum is the singular values and spectral radius of one H×H block of a recurrent kernel.
type Spectrum struct {
	Param    string    `json:"param"`
	Gate     int       `json:"gate"`
	Singular []float64 `json:"singular"`
	Radius   float64   `json:"radius"`
}

// Spectra computes, on demand, the singular values and spectral radius of every gate block of every
// recurrent kernel (SingularValues and SpectralRadius, spectrum.go).
func Spectra(ps *Params) []Spectrum {
	var out []Spectrum
	for _, p := range ps.List {
		if !p.Rec {
			continue
		}
		H, GH := p.Shape[0], p.Shape[1]
		blk := make([]float64, H*H)
		for g := 0; g < GH/H; g++ {
			for i := 0; i < H; i++ {
				copy(blk[i*H:(i+1)*H], p.W[i*GH+g*H:i*GH+(g+1)*H])
			}
			out = append(out, Spectrum{Param: p.Name, Gate: g, Singular: SingularValues(blk, H, H), Radius: SpectralRadius(blk, H)})
		}
	}
	return out
}

// Finite reports whether every weight is finite.
func (ps *Params) Finite() bool {
	for _, w := range ps.W {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return false
		}
	}
	return true
}
