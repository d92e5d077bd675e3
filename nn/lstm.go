package nn

import "math"

// lstmCell is the long short-term memory cell in the Keras/TF.js layout, gates in the order i, f, g, o
// (g, the candidate, is the block Keras calls c):
//
//	[i f g o] = x_t·W + h_{t-1}·U + b       W [D, 4H], U [H, 4H], b [4H]
//	i = σ(·), f = σ(·), g = tanh(·), o = σ(·)      σ: sigmoid or hard_sigmoid (gateAct)
//	c_t = f ⊙ c_{t-1} + i ⊙ g
//	h_t = o ⊙ tanh(c_t)
//
// The forget-gate bias starts at 1 (Keras unit_forget_bias), 0, or chrono (Tallec & Ollivier 2018).
var lstmKind = CellKind{
	Name: "lstm", Key: "cell.lstm", Gates: []string{"i", "f", "g", "o"}, Probed: []int{0, 1, 3},
	State: true, ForgetBias: true, Gated: true,
	Equations: "[i f g o] = x_t·W + h_{t−1}·U + b;  i, f, o = σ(·), g = tanh(·);  " +
		"c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)",
	Params: standardParams(4),
	new:    func(l LayerConfig) cell { return &lstmCell{act: gateActOf(l)} },
}

type lstmCell struct {
	act    gateAct   // σ of the gates i, f, o
	tc     []float64 // [T, B, H] tanh(c_t)
	uF, uB []float64 // U packed for h·U and for dA·Uᵀ, once per pass (packNN, packNT)
}

func (c *lstmCell) declare(r *Recurrent) {}

func (c *lstmCell) init(r *Recurrent, rng *RNG) {
	H := r.H
	bf := r.Bias.W[H : 2*H]
	switch r.InitCfg.ForgetBias {
	case "", "1", "one":
		for i := range bf {
			bf[i] = 1
		}
	case "0", "zero":
	case "chrono":
		// b_f ~ log(U[1, Tmax-1]), b_i = -b_f.
		tmax := r.InitCfg.ChronoT
		if tmax < 3 {
			tmax = 3
		}
		for i := range bf {
			bf[i] = Log(rng.Uniform(1, float64(tmax-1)))
			r.Bias.W[i] = -bf[i]
		}
	}
}

func (c *lstmCell) alloc(r *Recurrent) { c.tc = growF(c.tc, r.T*r.B*r.H) }

func (c *lstmCell) forward(r *Recurrent, t int) {
	B, H := r.B, r.H
	GH := 4 * H
	a := r.A[t*B*GH : (t+1)*B*GH]
	hp, h := r.hPrev(t)
	cp, ct := r.Cs[t*B*H:(t+1)*B*H], r.Cs[(t+1)*B*H:(t+2)*B*H]
	tc := c.tc[t*B*H : (t+1)*B*H]
	if t == 0 {
		c.uF = packNN(c.uF, H, GH, r.U.W, GH)
	}
	gemmPacked(B, GH, H, hp, H, c.uF, a, GH) // a += h_{t-1}·U
	for b := 0; b < B; b++ {
		ab := a[b*GH : (b+1)*GH]
		c.act.apply(ab[:2*H], ab[:2*H]) // i, f
		tanhTo(ab[2*H:3*H], ab[2*H:3*H])
		c.act.apply(ab[3*H:], ab[3*H:]) // o
		ai, af, ag, ao := ab[:H], ab[H:2*H], ab[2*H:3*H], ab[3*H:4*H]
		cpb, ctb, tcb, hb := cp[b*H:(b+1)*H], ct[b*H:(b+1)*H], tc[b*H:(b+1)*H], h[b*H:(b+1)*H]
		for j, cv := range cpb {
			ctb[j] = af[j]*cv + ai[j]*ag[j]
		}
		tanhTo(tcb, ctb)
		for j, th := range tcb {
			hb[j] = ao[j] * th
		}
	}
}

func (c *lstmCell) backward(r *Recurrent, t int) {
	B, H := r.B, r.H
	GH := 4 * H
	a := r.A[t*B*GH : (t+1)*B*GH]
	da := r.dA[t*B*GH : (t+1)*B*GH]
	cp := r.Cs[t*B*H : (t+1)*B*H]
	tc := c.tc[t*B*H : (t+1)*B*H]
	var norm float64 // Σ_b ‖∂L/∂c_t‖ for the probe
	for b := 0; b < B; b++ {
		ab, db := a[b*GH:(b+1)*GH], da[b*GH:(b+1)*GH]
		var ss float64
		for j := 0; j < H; j++ {
			k := b*H + j
			i, f, g, o := ab[j], ab[H+j], ab[2*H+j], ab[3*H+j]
			dh, th := r.dhNext[k], tc[k]
			dc := r.dcNext[k] + dh*o*(1-th*th)
			db[j] = dc * g * c.act.grad(i)
			db[H+j] = dc * cp[k] * c.act.grad(f)
			db[2*H+j] = dc * i * (1 - g*g)
			db[3*H+j] = dh * th * c.act.grad(o)
			r.dcNext[k] = dc * f
			ss += dc * dc
		}
		norm += math.Sqrt(ss)
	}
	r.probe.DC[t] = norm / float64(B)
	clear(r.dhNext)
	if t == r.T-1 {
		c.uB = packNT(c.uB, GH, H, r.U.W, GH)
	}
	gemmPacked(B, H, GH, da, GH, c.uB, r.dhNext, H) // dH = dA·Uᵀ
}

func (c *lstmCell) finish(r *Recurrent) {
	GH := 4 * r.H
	gemmTN(r.H, GH, r.T*r.B, r.Hs, r.H, r.dA, GH, r.U.G, GH)
}
