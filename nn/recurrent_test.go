package nn

import (
	"math"
	"testing"
)

// sumCell is a fake cell with hand-computable values, to test the time loop apart from any cell's maths:
// gates [p q] = x_t·W + b, c_t = c_{t−1} + p, h_t = h_{t−1} + q. So h_t = h_0 + Σ_{s≤t} q_s, and ∂L/∂h_t is
// the sum of the gradients reaching h_t, h_{t+1}, …, h_T.
type sumCell struct{ declared, inited bool }

var sumKind = CellKind{
	Name: "sum", Key: "cell.sum", Gates: []string{"p", "q"}, Probed: []int{1}, State: true,
	Params: standardParams(2),
	new:    func(LayerConfig) cell { return &sumCell{} },
}

func (c *sumCell) declare(r *Recurrent)        { c.declared = true }
func (c *sumCell) init(r *Recurrent, rng *RNG) { c.inited = true }
func (c *sumCell) alloc(r *Recurrent)          {}

func (c *sumCell) forward(r *Recurrent, t int) {
	B, H := r.B, r.H
	a := r.A[t*B*2*H : (t+1)*B*2*H]
	hp, h := r.hPrev(t)
	cp, ct := r.Cs[t*B*H:(t+1)*B*H], r.Cs[(t+1)*B*H:(t+2)*B*H]
	for b := 0; b < B; b++ {
		for j := 0; j < H; j++ {
			k := b*H + j
			ct[k] = cp[k] + a[b*2*H+j]
			h[k] = hp[k] + a[b*2*H+H+j]
		}
	}
}

func (c *sumCell) backward(r *Recurrent, t int) {
	B, H := r.B, r.H
	da := r.dA[t*B*2*H : (t+1)*B*2*H]
	for b := 0; b < B; b++ {
		for j := 0; j < H; j++ {
			da[b*2*H+j], da[b*2*H+H+j] = r.dcNext[b*H+j], r.dhNext[b*H+j] // dh, dc pass on unchanged
		}
	}
}

func (c *sumCell) finish(r *Recurrent) {}

// registerSum adds the fake cell to the registry for one test.
func registerSum(t *testing.T) {
	cellKinds = append(cellKinds, &sumKind)
	t.Cleanup(func() { cellKinds = cellKinds[:len(cellKinds)-1] })
}

// The BPTT loop with the fake cell: a model is built from the registry entry alone; the input projection,
// the initial state, the returned sequence, the probe, the gradient arriving from outside at every step and
// at the last memory state, and the input-side gradients all have values computed by hand.
func TestRecurrentLoopWithFakeCell(t *testing.T) {
	registerSum(t)
	const T, B, D, H = 3, 2, 1, 2
	_, r := oneLayer(t, "sum", D, H, true, nil)
	c := r.cell.(*sumCell)
	if !c.declared || !c.inited || r.G != 2 || r.W.Shape[1] != 4 || !r.State() || len(r.Params) != 3 {
		t.Fatalf("layer not built from the registry: declared %v inited %v G %d W %v", c.declared, c.inited, r.G, r.W.Shape)
	}
	// p = x, q = 2x + 1 in unit 0 and q = −x in unit 1.
	clear(r.W.W)
	clear(r.Bias.W)
	r.W.W[0], r.W.W[1], r.W.W[2], r.W.W[3] = 1, 1, 2, -1
	r.Bias.W[2] = 1
	x := seqOf(T, B, D, 1, 10, 2, 20, 3, 30) // x[t][b]
	r.h0 = []float64{100, 200, 300, 400}
	r.c0 = []float64{-1, -2, -3, -4}
	h := r.Forward(x, true).V
	for tt := 0; tt < T; tt++ {
		for b := 0; b < B; b++ {
			var sx float64
			for s := 0; s <= tt; s++ {
				sx += x.V[s*B+b]
			}
			n := float64(tt + 1)
			want := []float64{r.h0[b*H] + 2*sx + n, r.h0[b*H+1] - sx}
			wantC := []float64{r.c0[b*H] + sx, r.c0[b*H+1] + sx}
			k := (tt*B + b) * H
			ck := ((tt+1)*B + b) * H
			if h[k] != want[0] || h[k+1] != want[1] || r.Cs[ck] != wantC[0] || r.Cs[ck+1] != wantC[1] {
				t.Errorf("t=%d b=%d: h %v c %v, want %v %v", tt, b, h[k:k+2], r.Cs[ck:ck+2], want, wantC)
			}
		}
	}
	// The probe's one gate (q) has mean Σ q / (B·H) at each step.
	p := r.Probe()
	for tt := 0; tt < T; tt++ {
		var s float64
		for b := 0; b < B; b++ {
			xv := x.V[tt*B+b]
			s += 2*xv + 1 - xv
		}
		if want := s / (B * H); p.GateMean[tt] != want {
			t.Errorf("gate mean at t=%d: %v, want %v", tt, p.GateMean[tt], want)
		}
	}

	// Gradients: 1 on every output, 0.5 from outside at every step, 2 on c_T.
	dy := &Seq{}
	dy.Resize(T, B, H)
	for i := range dy.V {
		dy.V[i] = 1
	}
	r.dhOut = make([]float64, T*B*H)
	for i := range r.dhOut {
		r.dhOut[i] = 0.5
	}
	r.dcLast = []float64{2, 2, 2, 2}
	r.noInputGrad = false // the model skips it for its first layer
	dx := r.Backward(dy)
	// ∂L/∂h_t = 1.5·(T−t) in every unit (0-based t): the probe records its mean row norm 1.5·(T−t)·√H.
	for tt := 0; tt < T; tt++ {
		want := 1.5 * float64(T-tt) * math.Sqrt(H)
		if math.Abs(p.DH[tt]-want) > 1e-12 {
			t.Errorf("‖∂L/∂h_%d‖ = %v, want %v", tt+1, p.DH[tt], want)
		}
	}
	// After the loop the layer holds ∂L/∂h_0 = 1.5·T and ∂L/∂c_0 = 2.
	for k := 0; k < B*H; k++ {
		if r.dhNext[k] != 1.5*T || r.dcNext[k] != 2 {
			t.Fatalf("∂L/∂h_0, ∂L/∂c_0 = %v, %v, want %v, 2", r.dhNext, r.dcNext, 1.5*T)
		}
	}
	// ∂L/∂W[0][p_j] = Σ_t,b x·2; ∂L/∂W[0][q_j] = Σ_t,b x·1.5·(T−t); ∂L/∂b likewise without x.
	var wantP, wantQ, wantBQ float64
	for tt := 0; tt < T; tt++ {
		for b := 0; b < B; b++ {
			xv := x.V[tt*B+b]
			wantP += 2 * xv
			wantQ += 1.5 * float64(T-tt) * xv
			wantBQ += 1.5 * float64(T-tt)
		}
	}
	g := r.W.G
	if g[0] != wantP || g[1] != wantP || g[2] != wantQ || g[3] != wantQ {
		t.Errorf("∂L/∂W = %v, want [%v %v %v %v]", g, wantP, wantP, wantQ, wantQ)
	}
	if r.Bias.G[0] != 2*T*B || r.Bias.G[2] != wantBQ {
		t.Errorf("∂L/∂b = %v, want [%v · %v ·]", r.Bias.G, 2*T*B, wantBQ)
	}
	// ∂L/∂x_t = Σ_j dA_t[j]·W[0][j] = 2·(1 + 1) + 1.5·(T−t)·(2 − 1).
	for tt := 0; tt < T; tt++ {
		want := 4 + 1.5*float64(T-tt)
		for b := 0; b < B; b++ {
			if v := dx.V[tt*B+b]; v != want {
				t.Errorf("∂L/∂x at t=%d b=%d: %v, want %v", tt, b, v, want)
			}
		}
	}
}
