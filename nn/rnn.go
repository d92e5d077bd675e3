package nn

// rnnCell is the vanilla (Elman) recurrent cell, as Keras SimpleRNN:
//
//	h_t = φ(x_t·W + h_{t-1}·U + b),   φ = tanh (default), ReLU, or the identity ("linear", for demos)
//
// W [D, H], U [H, H], b [H].
var rnnKind = CellKind{
	Name: "rnn", Key: "cell.rnn", Gates: []string{"h"},
	Activations: []string{"tanh", "relu", "linear"},
	Equations:   "h_t = φ(x_t·W + h_{t−1}·U + b),  φ = tanh, relu or linear",
	Params:      standardParams(1),
	new:         func(l LayerConfig) cell { return &rnnCell{act: l.Activation} },
}

type rnnCell struct {
	act    string
	uF, uB []float64 // U packed for h·U and for dA·Uᵀ, once per pass (packNN, packNT)
}

func (c *rnnCell) declare(r *Recurrent)        {}
func (c *rnnCell) init(r *Recurrent, rng *RNG) {}
func (c *rnnCell) alloc(r *Recurrent)          {}

func (c *rnnCell) forward(r *Recurrent, t int) {
	B, H := r.B, r.H
	a := r.A[t*B*H : (t+1)*B*H]
	hp, h := r.hPrev(t)
	if t == 0 {
		c.uF = packNN(c.uF, H, H, r.U.W, H)
	}
	gemmPacked(B, H, H, hp, H, c.uF, a, H)
	switch c.act {
	case "relu":
		for i, v := range a {
			a[i] = max(v, 0)
		}
	case "linear":
	default:
		tanhTo(a, a)
	}
	copy(h, a)
}

func (c *rnnCell) backward(r *Recurrent, t int) {
	B, H := r.B, r.H
	a := r.A[t*B*H : (t+1)*B*H]
	da := r.dA[t*B*H : (t+1)*B*H]
	switch c.act {
	case "relu":
		for i, h := range a {
			if h > 0 {
				da[i] = r.dhNext[i]
			}
		}
	case "linear":
		copy(da, r.dhNext)
	default:
		for i, h := range a {
			da[i] = r.dhNext[i] * (1 - h*h)
		}
	}
	clear(r.dhNext)
	if t == r.T-1 {
		c.uB = packNT(c.uB, H, H, r.U.W, H)
	}
	gemmPacked(B, H, H, da, H, c.uB, r.dhNext, H)
}

func (c *rnnCell) finish(r *Recurrent) {
	// dU += H_{0..T-1}ᵀ · dA, one [H, T·B]·[T·B, H] product.
	gemmTN(r.H, r.H, r.T*r.B, r.Hs, r.H, r.dA, r.H, r.U.G, r.H)
}
