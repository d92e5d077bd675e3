package nn

// cell is one step of a recurrent layer: the maths of a vanilla RNN, LSTM or GRU cell. The layer
// (Recurrent) owns the time loop, the input projection and the input-side gradients; a cell owns one step
// for the whole batch. See rnn.go, lstm.go and gru.go for the equations.
type cell interface {
	gates() int                    // G: the fused projections are [·, G·H]
	probeGates() ([]string, []int) // gates whose statistics are recorded, and their block index
	declare(r *Recurrent, ps *Params)
	init(r *Recurrent, rng *RNG)
	alloc(r *Recurrent)          // size per-step buffers for r.T, r.B
	forward(r *Recurrent, t int) // A[t] holds x_t·W + b; make it the activations and set H[t+1] (and C[t+1])
	backward(r *Recurrent, t int)
	finish(r *Recurrent) // after the backward loop: recurrent-kernel gradients over all steps
}

// Recurrent is a recurrent layer: a cell unrolled over T steps with the state starting at zero. It returns
// its whole sequence of hidden states [T, B, H] or only the last one [1, B, H].
//
// Shapes: D = input width, H = units, G = fused gates (1 RNN, 4 LSTM, 3 GRU).
type Recurrent struct {
	Name       string
	D, H, G    int
	ReturnSeq  bool
	W, U, Bias *Param // kernel [D, G·H], recurrent kernel [H, G·H], bias [G·H]
	InitCfg    InitConfig
	cell       cell

	T, B  int
	x     *Seq
	A     []float64 // [T, B, G·H] pre-activations, made activations by the cell in place
	Hs    []float64 // [T+1, B, H] hidden states; Hs[0] is the zero initial state
	Cs    []float64 // [T+1, B, H] LSTM cell states
	dA    []float64 // [T, B, G·H] ∂L/∂(input-side pre-activations)
	dH    []float64 // [B, H] ∂L/∂h_t during the backward loop
	dC    []float64 // [B, H] ∂L/∂c_t during the backward loop (LSTM)
	out   Seq
	dx    Seq
	probe Probe

	// Wiring for networks that connect recurrent layers (Seq2Seq, auxiliary heads); nil means none.
	h0, c0      []float64 // [B, H] initial state instead of zero (c0: LSTM); after Backward, dH and dC hold its gradient
	dcT         []float64 // [B, H] ∂L/∂c_T from outside the layer (LSTM), where the backward loop starts
	dHx         []float64 // [T, B, H] extra ∂L/∂h_t from outside the layer, added at every step
	dCx         []float64 // [T, B, H] extra ∂L/∂c_t from outside the layer (LSTM)
	blocks      []int     // gate block of each probed gate
	noInputGrad bool      // the model's first layer: Backward skips ∂L/∂x, which nothing uses
}

func newRecurrent(name string, c cell, D, H int, returnSeq bool, ic InitConfig, ps *Params) *Recurrent {
	r := &Recurrent{Name: name, D: D, H: H, G: c.gates(), ReturnSeq: returnSeq, InitCfg: ic, cell: c}
	r.W = ps.Add(name+".kernel", true, D, r.G*H)
	r.U = ps.Add(name+".recurrent_kernel", true, H, r.G*H)
	r.U.Rec = true
	r.Bias = ps.Add(name+".bias", false, r.G*H)
	for _, p := range []*Param{r.W, r.U, r.Bias} {
		p.Group = name
	}
	c.declare(r, ps)
	r.probe.Layer = name
	r.probe.Gates, r.blocks = c.probeGates() // once: the cells return new slices
	return r
}

func (r *Recurrent) initParams(rng *RNG) {
	glorotUniform(r.W.W, r.D, r.G*r.H, rng)
	initRecurrent(r.U.W, r.H, r.G, r.InitCfg, rng)
	clear(r.Bias.W)
	r.cell.init(r, rng)
}

// OutWidth is H.
func (r *Recurrent) OutWidth() int { return r.H }

// Probe returns the gradient and gate statistics of the last forward and backward pass.
func (r *Recurrent) Probe() *Probe { return &r.probe }

// Forward runs the cell over the T steps of x [T, B, D].
func (r *Recurrent) Forward(x *Seq, train bool) *Seq {
	T, B, H, GH := x.T, x.B, r.H, r.G*r.H
	if x.F != r.D {
		panic("nn: recurrent input width mismatch")
	}
	r.x, r.T, r.B = x, T, B
	r.A = growF(r.A, T*B*GH)
	r.Hs = growF(r.Hs, (T+1)*B*H)
	if r.G == 4 {
		r.Cs = growF(r.Cs, (T+1)*B*H)
	}
	r.cell.alloc(r)
	r.probe.resize(T)
	if r.h0 != nil {
		copy(r.Hs[:B*H], r.h0)
	}
	if r.c0 != nil && r.G == 4 {
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
	blocks := r.blocks
	for g := range r.probe.Gates {
		for t := 0; t < T; t++ {
			r.probe.gateStats(g, t, r.A[t*B*GH:(t+1)*B*GH], B, GH, blocks[g]*H, H)
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
	r.dH = growF(r.dH, B*H)
	r.dC = growF(r.dC, B*H)
	if r.dcT != nil {
		copy(r.dC, r.dcT)
	}
	for t := T - 1; t >= 0; t-- {
		if r.dHx != nil {
			addTo(r.dH, r.dHx[t*B*H:(t+1)*B*H])
		}
		if r.dCx != nil && r.G == 4 {
			addTo(r.dC, r.dCx[t*B*H:(t+1)*B*H])
		}
		if r.ReturnSeq {
			addTo(r.dH, dy.Step(t))
		} else if t == T-1 {
			addTo(r.dH, dy.V)
		}
		r.probe.DH[t] = meanRowNorm(r.dH, B, H)
		r.cell.backward(r, t) // dA[t] from dH (and dC); dH, dC become ∂L/∂h_{t-1}, ∂L/∂c_{t-1}
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
