package nn

import (
	"math"
	"testing"
)

// Hand-checkable forward values: H = 2, D = 1, chosen weights, three steps; unit 1 goes inactive.
func TestIndRNNForwardByHand(t *testing.T) {
	_, r := oneLayer(t, "indrnn", 1, 2, true, nil)
	copy(r.W.W, []float64{2, -1})
	copy(r.U.W, []float64{0.5, 0.9})
	copy(r.Bias.W, []float64{0.1, 0.2})
	x := seqOf(3, 1, 1, 0.5, -1, 3)
	h := r.Forward(x, false).V
	relu := func(v float64) float64 { return math.Max(v, 0) }
	var h0, h1 float64
	for step, xv := range []float64{0.5, -1, 3} {
		h0 = relu(2*xv + 0.5*h0 + 0.1)
		h1 = relu(-1*xv + 0.9*h1 + 0.2)
		if !near(h[2*step], h0) || !near(h[2*step+1], h1) {
			t.Errorf("h[%d] = %v, want [%v %v]", step, h[2*step:2*step+2], h0, h1)
		}
	}
	if h[5] != 0 {
		t.Errorf("unit 1 at step 3 is %v, want 0 (inactive)", h[5])
	}
}

// kinkDistance is the smallest |pre-activation| of an IndRNN layer in its last forward.
func kinkDistance(r *Recurrent) float64 {
	d := math.Inf(1)
	T, B, H, D := r.T, r.B, r.H, r.D
	for t := 0; t < T; t++ {
		for b := 0; b < B; b++ {
			for j := 0; j < H; j++ {
				a := r.Bias.W[j] + r.U.W[j]*r.Hs[(t*B+b)*H+j]
				for k := 0; k < D; k++ {
					a += r.x.V[(t*B+b)*D+k] * r.W.W[k*H+j]
				}
				d = math.Min(d, math.Abs(a))
			}
		}
	}
	return d
}

// Every parameter of IndRNN layers against float64 finite differences. A pre-activation near relu's kink
// would spoil the differences (the five-point formula moves a weight by up to 2·fdEps): each case uses the
// first seed whose every pre-activation is at least 0.02 from 0, and at least one unit active.
func TestIndRNNGradCheck(t *testing.T) {
	const D, H, B = 3, 3, 2
	for _, c := range []struct {
		name   string
		layers []LayerConfig
		loss   Loss
		T, Ty  int
		K      int
	}{
		{"last-state", []LayerConfig{{Type: "indrnn", Units: H}, {Type: "dense", Units: 1}}, MSE, 5, 1, 1},
		{"stacked-seq", []LayerConfig{{Type: "indrnn", Units: H, ReturnSequences: true},
			{Type: "indrnn", Units: H, ReturnSequences: true}, {Type: "dense", Units: 3, Activation: "softmax"}}, XEnt, 4, 4, 3},
		{"long-T", []LayerConfig{{Type: "indrnn", Units: H, Init: InitConfig{Gain: 1.05}},
			{Type: "dense", Units: 1, Activation: "sigmoid"}}, BCE, 20, 1, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 1000; seed++ {
				rng := NewRNG(seed)
				m, err := NewModel(ModelConfig{Input: D, Layers: c.layers, Loss: c.loss}, rng)
				if err != nil {
					t.Fatal(err)
				}
				b := randomBatch(rng, c.T, B, D, c.Ty, c.K, c.loss, false, c.Ty > 1)
				m.Forward(b, false)
				away, active := true, false
				for _, l := range m.Layers {
					if r, ok := l.(*Recurrent); ok {
						away = away && kinkDistance(r) >= 0.02
						for _, a := range r.A {
							active = active || a > 0
						}
					}
				}
				if away && active {
					checkGrad(t, m, b)
					return
				}
			}
			t.Fatal("no seed in 1..1000 keeps the pre-activations 0.02 from the kink")
		})
	}
}

// The per-unit gradient factor: with the loss on h_T only, ∂L/∂h_{s,b,j} = ∂L/∂h_{T,b,j}·Π_{t=s+1..T}
// u_j·relu'(a_{t,b,j}) exactly, the product taken in the order of the backward loop; no unit's gradient
// reaches another's. The probe's ‖∂L/∂h_s‖ and the initial state's gradient are compared bit for bit.
func TestIndRNNGradientFactor(t *testing.T) {
	const D, H, T, B = 2, 5, 9, 3
	_, r := oneLayer(t, "indrnn", D, H, false, nil)
	copy(r.U.W, []float64{0.5, 1, 1.05, -0.8, 0.95})
	rng := NewRNG(4)
	x := &Seq{}
	x.Resize(T, B, D)
	for i := range x.V {
		x.V[i] = rng.Uniform(-1, 1)
	}
	r.h0 = make([]float64, B*H)
	for i := range r.h0 {
		r.h0[i] = rng.Uniform(0, 1)
	}
	r.noInputGrad = true
	r.Forward(x, true)
	dy := &Seq{}
	dy.Resize(1, B, H)
	for i := range dy.V {
		dy.V[i] = rng.Normal()
	}
	r.Backward(dy)
	inactive := 0
	want := make([]float64, B*H) // ∂L/∂h_s, from s = T down to 0
	copy(want, dy.V)
	for s := T; s >= 0; s-- {
		if s < T {
			for k := range want {
				if r.A[s*B*H+k] > 0 { // a_{s+1} (A is 0-based in time)
					want[k] *= r.U.W[k%H]
				} else {
					want[k] = 0
					inactive++
				}
			}
		}
		if s == 0 {
			for k, v := range want {
				if r.dhNext[k] != v {
					t.Errorf("∂L/∂h_0[%d] = %v, want %v", k, r.dhNext[k], v)
				}
			}
			break
		}
		if got, w := r.Probe().DH[s-1], meanRowNorm(want, B, H); got != w {
			t.Errorf("‖∂L/∂h_%d‖ = %v, want %v", s, got, w)
		}
	}
	if inactive == 0 || inactive == T*B*H {
		t.Fatalf("%d of %d steps inactive: choose data with both", inactive, T*B*H)
	}
}

// The paper's bound: after an update no |u_j| exceeds γ^(1/T) (γ = 2, T the sequence length), so an
// active unit's gradient grows at most by γ over the T steps.
func TestIndRNNBound(t *testing.T) {
	const D, H, T, B = 1, 3, 16, 2
	m, r := oneLayer(t, "indrnn", D, H, false, nil)
	b := randomBatch(NewRNG(2), T, B, D, 1, 1, MSE, false, false)
	copy(r.U.W, []float64{5, -5, 0.5})
	opt := NewOptimizer(OptimConfig{Name: "sgd", LR: 0}, m.Params) // the update itself changes nothing
	var st StepStats
	TrainStep(m, b, opt, ClipConfig{Mode: "off"}, &st)
	bound := Exp(Log(2) / T)
	if r.U.W[0] != bound || r.U.W[1] != -bound || r.U.W[2] != 0.5 {
		t.Fatalf("u = %v after the update, want [%v %v 0.5]", r.U.W, bound, -bound)
	}
	if g := math.Pow(bound, T); math.Abs(g-2) > 1e-12 {
		t.Errorf("bound^T = %v, want 2", g)
	}
}

// IndRNN as the encoder and decoder of an encoder–decoder (with attention, and with a reconstruction
// head whose decoder is an IndRNN too): every parameter against finite differences, with the first seed
// whose pre-activations all keep 0.02 from the kink.
func TestIndRNNSeq2SeqGradCheck(t *testing.T) {
	const S, Ty, B = 4, 3, 2
	att := s2sConfig("indrnn", ScoreAdditive, true)
	aux := s2sConfig("indrnn", "none", false)
	aux.Aux = &AuxConfig{Kind: AuxReconstruct, Weight: 0.5, Segment: 2}
	for name, cfg := range map[string]ModelConfig{"additive-tokens": att, "none-aux-reconstruct": aux} {
		t.Run(name, func(t *testing.T) {
			for seed := uint64(1); seed <= 1000; seed++ {
				rng := NewRNG(seed)
				n, err := NewSeq2Seq(cfg, rng)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range []*Embedding{n.EncEmb, n.DecEmb} {
					if e != nil {
						for i := range e.E.W {
							e.E.W[i] = rng.Uniform(-1, 1)
						}
					}
				}
				b := randomBatch(rng, S, B, 3, Ty, 3, XEnt, cfg.Seq2Seq.Tokens, true)
				b.DecIn = make([]int32, Ty*B)
				for i := range b.DecIn {
					b.DecIn[i] = int32(rng.IntN(4))
				}
				n.Forward(b, true)
				layers := []*Recurrent{n.Enc, n.Dec}
				if n.aux != nil {
					n.aux.fixed = true // the anchors drawn, then kept for the differences
					layers = append(layers, n.aux.dec)
				}
				away, active := true, true
				for _, r := range layers {
					away = away && kinkDistance(r) >= 0.02
					on := false
					for _, a := range r.A {
						on = on || a > 0
					}
					active = active && on
				}
				if away && active {
					checkGrad(t, n, b)
					return
				}
			}
			t.Fatal("no seed in 1..1000 keeps the pre-activations 0.02 from the kink")
		})
	}
}
