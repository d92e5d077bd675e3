package nn

import "fmt"

// Recurrent is a recurrent layer: a cell unrolled over T steps with the state starting at zero. It returns
// its whole sequence of hidden states [T, B, H] or only the last one [1, B, H].
//
// Shapes: D = input width, H = units, G = fused gates (Kind.G(): 1 RNN, 4 LSTM, 3 GRU).
type Recurrent struct {
	Name       string
	Kind       *CellKind
	D, H, G    int
	ReturnSeq  bool
	W, U, Bias *Param   // kernel [D, G·H], recurrent weights (U [H, G·H] for most cells), bias [G·H]
	Params     []*Param // W, U, Bias and the cell's own (Kind.Params order)
	InitCfg    InitConfig
	cell       cell

	T, B   int
	x      *Seq
	A      []float64 // [T, B, G·H] pre-activations, made activations by the cell in place
	Hs     []float64 // [T+1, B, H] hidden states; Hs[0] is the zero initial state
	Cs     []float64 // [T+1, B, H] memory states c_t (cells with Kind.State)
	dA     []float64 // [T, B, G·H] ∂L/∂(input-side pre-activations)
	dhNext []float64 // [B, H] ∂L/∂h_t during the backward loop; the cell's step makes it ∂L/∂h_{t−1}
	dcNext []float64 // [B, H] ∂L/∂c_t during the backward loop (Kind.State), likewise
	out    Seq
	dx     Seq
	probe  Probe

	// Wiring for networks that connect recurrent layers (Seq2Seq, auxiliary heads); nil means none.
	// After Backward, dhNext and dcNext hold the gradient of the initial state (∂L/∂h_0, ∂L/∂c_0).
	h0, c0      []float64 // [B, H] initial state instead of zero (c0: Kind.State)
	dcLast      []float64 // [B, H] ∂L/∂c_T from outside the layer (Kind.State), where the backward loop starts
	dhOut       []float64 // [T, B, H] ∂L/∂h_t from outside the layer, added at every step
	dcOut       []float64 // [T, B, H] ∂L/∂c_t from outside the layer (Kind.State)
	noInputGrad bool      // the model's first layer: Backward skips ∂L/∂x, which nothing uses
}

// newRecurrent declares the recurrent layer l (its Type a registered cell) on inputs of width D.
func newRecurrent(name string, l LayerConfig, D int, ps *Params) *Recurrent {
	k := Cell(l.Type)
	r := &Recurrent{Name: name, Kind: k, D: D, H: l.Units, G: k.G(), ReturnSeq: l.ReturnSequences, InitCfg: l.Init,
		cell: k.new(l)}
	for _, s := range k.Params(D, l.Units, l) {
		p := ps.Add(name+"."+s.Name, s.Decay, s.Shape...)
		p.Rec, p.Group = s.Rec, name
		r.Params = append(r.Params, p)
	}
	r.W, r.U, r.Bias = r.Params[0], r.Params[1], r.Params[2]
	r.cell.declare(r)
	r.probe.Layer = name
	for _, g := range k.Probed {
		r.probe.Gates = append(r.probe.Gates, k.Gates[g])
	}
	if k.State {
		r.probe.DC = []float64{}
	}
	return r
}

// State reports whether the layer's cell carries a memory state c_t.
func (r *Recurrent) State() bool { return r.Kind.State }

func (r *Recurrent) initParams(rng *RNG) {
	initKernel(r.W.W, r.D, r.G*r.H, r.InitCfg, rng)
	if r.U.Rec {
		initRecurrent(r.U.W, r.H, r.G, r.InitCfg, rng)
	}
	clear(r.Bias.W)
	r.cell.init(r, rng)
}

// Group sets the UI parameter group of the layer's parameters.
func (r *Recurrent) Group(g string) {
	for _, p := range r.Params {
		p.Group = g
	}
}

// OutWidth is H.
func (r *Recurrent) OutWidth() int { return r.H }

// Probe returns the gradient and gate statistics of the last forward and backward pass.
func (r *Recurrent) Probe() *Probe { return &r.probe }

// Forward runs the cell over the T steps of x [T, B, D].
func (r *Recurrent) Forward(x *Seq, train bool) *Seq {
	T, B, H, GH := x.T, x.B, r.H, r.G*r.H
	if x.F != r.D {
		panic(fmt.Sprintf("nn: %s: input width %d, the layer takes %d", r.Name, x.F, r.D))
	}
	r.x, r.T, r.B = x, T, B
	r.A = growF(r.A, T*B*GH)
	r.Hs = growF(r.Hs, (T+1)*B*H)
	if r.State() {
		r.Cs = growF(r.Cs, (T+1)*B*H)
	}
	r.cell.alloc(r)
	r.probe.resize(T)
	if r.h0 != nil {
		copy(r.Hs[:B*H], r.h0)
	}
	if r.c0 != nil && r.State() {
		copy(r.Cs[:B*H], r.c0)
	}

	// Input projection for all steps at once: A = X·W + b, an [T·B, D]·[D, G·H] product.
	bias := r.Bias.W
	for i := 0; i < T*B; i++ {
		copy(r.A[i*GH:(i+1)*GH], bias)
	}
	gemmNN(T*B, GH, r.D, x.V, r.D, r.W.W, GH, r.A, GH)
	for t := 0; t < T; t++ {
		r.cell.forward(r, t)
	}
	for g, blk := range r.Kind.Probed {
		for t := 0; t < T; t++ {
			r.probe.gateStats(g, t, r.A[t*B*GH:(t+1)*B*GH], B, GH, blk*H, H)
		}
	}
	if r.ReturnSeq {
		r.out.T, r.out.B, r.out.F, r.out.V = T, B, H, r.Hs[B*H:(T+1)*B*H]
	} else {
		r.out.T, r.out.B, r.out.F, r.out.V = 1, B, H, r.Hs[T*B*H:(T+1)*B*H]
	}
	return &r.out
}

// Backward runs backpropagation through time: dy is [T, B, H] (or [1, B, H] for the last state only).
func (r *Recurrent) Backward(dy *Seq) *Seq {
	T, B, H, GH := r.T, r.B, r.H, r.G*r.H
	r.dA = growF(r.dA, T*B*GH)
	r.dhNext = growF(r.dhNext, B*H)
	r.dcNext = growF(r.dcNext, B*H)
	if r.dcLast != nil {
		copy(r.dcNext, r.dcLast)
	}
	for t := T - 1; t >= 0; t-- {
		if r.dhOut != nil {
			addTo(r.dhNext, r.dhOut[t*B*H:(t+1)*B*H])
		}
		if r.dcOut != nil && r.State() {
			addTo(r.dcNext, r.dcOut[t*B*H:(t+1)*B*H])
		}
		if r.ReturnSeq {
			addTo(r.dhNext, dy.Step(t))
		} else if t == T-1 {
			addTo(r.dhNext, dy.V)
		}
		r.probe.DH[t] = meanRowNorm(r.dhNext, B, H)
		r.cell.backward(r, t) // dA[t] from dhNext (and dcNext), which become ∂L/∂h_{t−1}, ∂L/∂c_{t−1}
	}
	// Input-side gradients over all steps at once.
	gemmTN(r.D, GH, T*B, r.x.V, r.D, r.dA, GH, r.W.G, GH)
	colSum(r.Bias.G, r.dA, T*B, GH)
	r.cell.finish(r)
	if r.noInputGrad {
		return nil
	}
	r.dx.Resize(T, B, r.D)
	gemmNT(T*B, r.D, GH, r.dA, GH, r.W.W, GH, r.dx.V, r.D)
	return &r.dx
}

// hPrev returns h_{t-1} [B, H] (the zero state for t = 0) and h_t.
func (r *Recurrent) hPrev(t int) (hp, h []float64) {
	n := r.B * r.H
	return r.Hs[t*n : (t+1)*n], r.Hs[(t+1)*n : (t+2)*n]
}

func addTo(dst, src []float64) {
	for i, v := range src {
		dst[i] += v
	}
}

func colSum(dst, a []float64, rows, cols int) {
	for i := 0; i < rows; i++ {
		addTo(dst, a[i*cols:(i+1)*cols])
	}
}

func meanRowNorm(a []float64, rows, cols int) float64 {
	var s float64
	for i := 0; i < rows; i++ {
		s += Norm2(a[i*cols : (i+1)*cols])
	}
	return s / float64(rows)
}
