package nn

// gruCell is the gated recurrent unit, gates in the Keras order z, r, h, in both conventions users meet.
//
// Reset before the recurrent product (Keras reset_after=false, the only one TF.js has):
//
//	z = σ(x_t·W_z + h_{t-1}·U_z + b_z)
//	r = σ(x_t·W_r + h_{t-1}·U_r + b_r)
//	ĥ = tanh(x_t·W_h + (r ⊙ h_{t-1})·U_h + b_h)
//	h_t = z ⊙ h_{t-1} + (1 − z) ⊙ ĥ
//
// Reset after it (PyTorch; Keras 2 default), with a separate recurrent bias b' [3H]:
//
//	[u_z u_r u_h] = h_{t-1}·U + b'
//	z = σ(x_t·W_z + b_z + u_z),  r = σ(x_t·W_r + b_r + u_r)
//	ĥ = tanh(x_t·W_h + b_h + r ⊙ u_h)
//	h_t = z ⊙ h_{t-1} + (1 − z) ⊙ ĥ
//
// W [D, 3H], U [H, 3H], b [3H]. σ is sigmoid or hard_sigmoid (gateAct).
var gruKind = CellKind{
	Name: "gru", Key: "cell.gru", Gates: []string{"z", "r", "h"}, Probed: []int{0, 1}, ResetAfter: true, Gated: true,
	Equations: "z = σ(x_t·W_z + h_{t−1}·U_z + b_z);  r = σ(x_t·W_r + h_{t−1}·U_r + b_r);  " +
		"ĥ = tanh(x_t·W_h + (r ⊙ h_{t−1})·U_h + b_h);  h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ",
	Params: func(D, H int, l LayerConfig) []ParamShape {
		ps := standardParams(3)(D, H, l)
		if l.ResetAfter {
			ps = append(ps, ParamShape{Name: "recurrent_bias", Shape: []int{3 * H}})
		}
		return ps
	},
	new: func(l LayerConfig) cell { return &gruCell{resetAfter: l.ResetAfter, act: gateActOf(l)} },
}

type gruCell struct {
	resetAfter bool
	act        gateAct   // σ of the gates z, r
	RB         *Param    // recurrent bias b' [3H] (reset after)
	rh         []float64 // [T, B, H] r ⊙ h_{t-1} (reset before)
	u          []float64 // [T, B, 3H] h_{t-1}·U + b' (reset after)
	du         []float64 // [T, B, 3H] ∂L/∂u (reset after)
	tmp        []float64 // [B, H]
	// U packed once per pass (packNN, packNT): reset after, uF = U and uB = Uᵀ; reset before, uF, uB
	// for the z and r columns and uF2, uB2 for the candidate's.
	uF, uB, uF2, uB2 []float64
}

func (c *gruCell) declare(r *Recurrent) {
	if c.resetAfter {
		c.RB = r.Params[3]
	}
}

func (c *gruCell) init(r *Recurrent, rng *RNG) {
	if c.RB != nil {
		clear(c.RB.W)
	}
}

func (c *gruCell) alloc(r *Recurrent) {
	n := r.T * r.B * r.H
	if c.resetAfter {
		c.u = growF(c.u, 3*n)
		c.du = growF(c.du, 3*n)
	} else {
		c.rh = growF(c.rh, n)
		c.tmp = growF(c.tmp, r.B*r.H)
	}
}

func (c *gruCell) forward(r *Recurrent, t int) {
	B, H := r.B, r.H
	GH := 3 * H
	a := r.A[t*B*GH : (t+1)*B*GH]
	hp, h := r.hPrev(t)
	if c.resetAfter {
		u := c.u[t*B*GH : (t+1)*B*GH]
		for b := 0; b < B; b++ {
			copy(u[b*GH:(b+1)*GH], c.RB.W)
		}
		if t == 0 {
			c.uF = packNN(c.uF, H, GH, r.U.W, GH)
		}
		gemmPacked(B, GH, H, hp, H, c.uF, u, GH)
		for b := 0; b < B; b++ {
			ab, ub := a[b*GH:(b+1)*GH], u[b*GH:(b+1)*GH]
			zr, uzr := ab[:2*H], ub[:2*H]
			for j := range zr {
				zr[j] += uzr[j]
			}
			c.act.apply(zr, zr)
			rr, n, un := ab[H:2*H], ab[2*H:3*H], ub[2*H:3*H]
			for j := range n {
				n[j] += rr[j] * un[j]
			}
			tanhTo(n, n)
			z, hpb, hb := ab[:H], hp[b*H:(b+1)*H], h[b*H:(b+1)*H]
			for j, nj := range n {
				hb[j] = z[j]*hpb[j] + (1-z[j])*nj
			}
		}
		return
	}
	// z and r from the first 2H columns of U, then the candidate from (r ⊙ h_{t-1})·U_h.
	if t == 0 {
		c.uF = packNN(c.uF, H, 2*H, r.U.W, GH)
		c.uF2 = packNN(c.uF2, H, H, r.U.W[2*H:], GH)
	}
	gemmPacked(B, 2*H, H, hp, H, c.uF, a, GH)
	rh := c.rh[t*B*H : (t+1)*B*H]
	for b := 0; b < B; b++ {
		ab := a[b*GH : (b+1)*GH]
		c.act.apply(ab[:2*H], ab[:2*H]) // z, r
		rr, hpb, rhb := ab[H:2*H], hp[b*H:(b+1)*H], rh[b*H:(b+1)*H]
		for j, v := range rr {
			rhb[j] = v * hpb[j]
		}
	}
	gemmPacked(B, H, H, rh, H, c.uF2, a[2*H:], GH)
	for b := 0; b < B; b++ {
		ab := a[b*GH : (b+1)*GH]
		z, n, hpb, hb := ab[:H], ab[2*H:3*H], hp[b*H:(b+1)*H], h[b*H:(b+1)*H]
		tanhTo(n, n)
		for j, nj := range n {
			hb[j] = z[j]*hpb[j] + (1-z[j])*nj
		}
	}
}

func (c *gruCell) backward(r *Recurrent, t int) {
	B, H := r.B, r.H
	GH := 3 * H
	a := r.A[t*B*GH : (t+1)*B*GH]
	da := r.dA[t*B*GH : (t+1)*B*GH]
	hp, _ := r.hPrev(t)
	if c.resetAfter {
		u := c.u[t*B*GH : (t+1)*B*GH]
		du := c.du[t*B*GH : (t+1)*B*GH]
		for b := 0; b < B; b++ {
			ab, db, ub, dub := a[b*GH:(b+1)*GH], da[b*GH:(b+1)*GH], u[b*GH:(b+1)*GH], du[b*GH:(b+1)*GH]
			for j := 0; j < H; j++ {
				k := b*H + j
				z, rr, n := ab[j], ab[H+j], ab[2*H+j]
				dh := r.dhNext[k]
				dn := dh * (1 - z) * (1 - n*n)
				dz := dh * (hp[k] - n) * c.act.grad(z)
				dr := dn * ub[2*H+j] * c.act.grad(rr)
				db[j], db[H+j], db[2*H+j] = dz, dr, dn
				dub[j], dub[H+j], dub[2*H+j] = dz, dr, dn*rr
				r.dhNext[k] = dh * z
			}
		}
		if t == r.T-1 {
			c.uB = packNT(c.uB, GH, H, r.U.W, GH)
		}
		gemmPacked(B, H, GH, du, GH, c.uB, r.dhNext, H)
		return
	}
	// Candidate first: ∂L/∂(r⊙h) = dA_h·U_hᵀ.
	for b := 0; b < B; b++ {
		ab, db := a[b*GH:(b+1)*GH], da[b*GH:(b+1)*GH]
		for j := 0; j < H; j++ {
			k := b*H + j
			z, n := ab[j], ab[2*H+j]
			dh := r.dhNext[k]
			db[2*H+j] = dh * (1 - z) * (1 - n*n)
			db[j] = dh * (hp[k] - n) * c.act.grad(z)
			r.dhNext[k] = dh * z
		}
	}
	clear(c.tmp)
	if t == r.T-1 {
		c.uB = packNT(c.uB, 2*H, H, r.U.W, GH)
		c.uB2 = packNT(c.uB2, H, H, r.U.W[2*H:], GH)
	}
	gemmPacked(B, H, H, da[2*H:], GH, c.uB2, c.tmp, H)
	for b := 0; b < B; b++ {
		ab, db := a[b*GH:(b+1)*GH], da[b*GH:(b+1)*GH]
		for j := 0; j < H; j++ {
			k := b*H + j
			rr := ab[H+j]
			drh := c.tmp[k]
			db[H+j] = drh * hp[k] * c.act.grad(rr)
			r.dhNext[k] += drh * rr
		}
	}
	gemmPacked(B, H, 2*H, da, GH, c.uB, r.dhNext, H)
}

func (c *gruCell) finish(r *Recurrent) {
	H, GH, TB := r.H, 3*r.H, r.T*r.B
	if c.resetAfter {
		gemmTN(H, GH, TB, r.Hs, H, c.du, GH, r.U.G, GH)
		colSum(c.RB.G, c.du, TB, GH)
		return
	}
	gemmTN(H, 2*H, TB, r.Hs, H, r.dA, GH, r.U.G, GH)
	gemmTN(H, H, TB, c.rh, H, r.dA[2*H:], GH, r.U.G[2*H:], GH)
}
