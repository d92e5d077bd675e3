package nn

import (
	"math"
	"strings"
	"testing"
)

func TestHardSigmoidValues(t *testing.T) {
	xs := []float64{0, 1, -1, 2.5, -2.5, 2.4, 3, -3, 1e300, -1e300, math.Inf(1), math.Inf(-1)}
	want := []float64{0.5, 0.7, 0.3, 1, 0, 0.98, 1, 0, 1, 0, 1, 0}
	got := make([]float64, len(xs))
	hardSigmoidTo(got, xs)
	for i := range xs {
		if !near(got[i], want[i]) {
			t.Errorf("hard_sigmoid(%v) = %v, want %v", xs[i], got[i], want[i])
		}
	}
	hardSigmoidTo(got[:1], []float64{math.NaN()})
	if !math.IsNaN(got[0]) {
		t.Errorf("hard_sigmoid(NaN) = %v, want NaN", got[0])
	}
	for _, c := range []struct{ y, d float64 }{{0, 0}, {1, 0}, {0.5, 0.2}, {1e-9, 0.2}, {0.999, 0.2}} {
		if d := gateHardSigmoid.grad(c.y); d != c.d {
			t.Errorf("hard_sigmoid'(at value %v) = %v, want %v", c.y, d, c.d)
		}
	}
}

// Hand-checkable forward values of an LSTM whose gates use hard_sigmoid: H = 1, D = 1, two steps, weights
// chosen so that some gates clip and some do not. (The GRU's are checked against TensorFlow.js itself, in
// package nn/tfjs.)
func TestHardSigmoidCellsByHand(t *testing.T) {
	x := seqOf(2, 1, 1, 0.5, -1)
	hs := func(v float64) float64 { return math.Min(math.Max(0.2*v+0.5, 0), 1) }
	hard := func(l *LayerConfig) { l.RecurrentActivation = RecHardSigmoid }
	t.Run("lstm", func(t *testing.T) {
		_, r := oneLayer(t, "lstm", 1, 1, true, hard)
		copy(r.W.W, []float64{1, 8, 3, -7}) // i f g o
		copy(r.U.W, []float64{0.5, -0.5, 1, 0.25})
		copy(r.Bias.W, []float64{0, 1, 0, -1})
		h := r.Forward(x, false).V
		var hp, cp float64
		for step, xv := range []float64{0.5, -1} {
			i := hs(1*xv + 0.5*hp)
			f := hs(8*xv - 0.5*hp + 1)
			g := math.Tanh(3*xv + 1*hp)
			o := hs(-7*xv + 0.25*hp - 1)
			cp = f*cp + i*g
			hp = o * math.Tanh(cp)
			if !near(h[step], hp) {
				t.Errorf("lstm h[%d] = %v, want %v", step, h[step], hp)
			}
		}
	})
}

// The gradient through hard_sigmoid gates, by finite differences. The weights are scaled up so that some
// gates clip (gradient 0) and some do not (0.2); each seed is one whose gates all lie away from the kinks at
// ±2.5, where the function has no derivative: the test asserts that no gate value lies within 1e-3 of 0 or
// 1 without being clipped (a difference step of 1e-3 moves a pre-activation by about 1e-3 at most).
func TestGradCheckHardSigmoid(t *testing.T) {
	const D, H, T, B = 3, 4, 5, 2
	hard := func(typ string, seq, after bool) LayerConfig {
		return LayerConfig{Type: typ, Units: H, ReturnSequences: seq, ResetAfter: after, RecurrentActivation: RecHardSigmoid}
	}
	cases := []struct {
		name   string
		seed   uint64
		layers []LayerConfig
	}{
		{"lstm", 12, []LayerConfig{hard("lstm", false, false), {Type: "dense", Units: 1}}},
		{"gru-reset-before", 11, []LayerConfig{hard("gru", false, false), {Type: "dense", Units: 1}}},
		{"gru-reset-after", 11, []LayerConfig{hard("gru", false, true), {Type: "dense", Units: 1}}},
		{"stacked", 11, []LayerConfig{hard("lstm", true, false), hard("gru", true, false), {Type: "dense", Units: 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := NewRNG(c.seed)
			m, err := NewModel(ModelConfig{Input: D, Layers: c.layers, Loss: MSE}, rng)
			if err != nil {
				t.Fatal(err)
			}
			for i := range m.Params.W {
				m.Params.W[i] *= 3
			}
			Ty, K := 1, c.layers[len(c.layers)-1].Units
			if c.layers[len(c.layers)-2].ReturnSequences {
				Ty = T
			}
			b := randomBatch(rng, T, B, D, Ty, K, MSE, false, false)
			m.Forward(b, false)
			var clipped, inside int
			for _, l := range m.Layers {
				r, ok := l.(*Recurrent)
				if !ok {
					continue
				}
				GH := r.G * r.H
				for row := 0; row < T*B; row++ {
					for _, g := range r.Kind.Probed {
						for _, y := range r.A[row*GH+g*H : row*GH+(g+1)*H] {
							switch {
							case y == 0 || y == 1:
								clipped++
							case y > 1e-3 && y < 1-1e-3:
								inside++
							default:
								t.Fatalf("%s: a gate value %v lies within 1e-3 of a kink: choose another seed", r.Name, y)
							}
						}
					}
				}
			}
			if clipped == 0 || inside == 0 {
				t.Fatalf("gate values: %d clipped, %d inside: the check needs both", clipped, inside)
			}
			t.Logf("gate values: %d clipped, %d inside (0, 1)", clipped, inside)
			checkGrad(t, m, b)
		})
	}
}

// A warm training step with hard_sigmoid gates allocates nothing.
func TestHardSigmoidAllocs(t *testing.T) {
	for _, typ := range []string{"lstm", "gru"} {
		rng := NewRNG(5)
		cfg := ModelConfig{Input: 3, Loss: BCE, Layers: []LayerConfig{
			{Type: typ, Units: 8, ReturnSequences: true, RecurrentActivation: RecHardSigmoid},
			{Type: typ, Units: 8, RecurrentActivation: RecHardSigmoid}, {Type: "dense", Units: 1, Activation: "sigmoid"}}}
		m, err := NewModel(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		b := randomBatch(rng, 7, 4, 3, 1, 1, BCE, false, false)
		opt := NewOptimizer(OptimConfig{Name: "adam", LR: 1e-3}, m.Params)
		var st StepStats
		clip := ClipConfig{Mode: "norm", Threshold: 1}
		TrainStep(m, b, opt, clip, &st)
		if n := testing.AllocsPerRun(20, func() { TrainStep(m, b, opt, clip, &st) }); n != 0 {
			t.Errorf("%s: a warm training step allocates %v times", typ, n)
		}
	}
}

func TestRecurrentActivationConfig(t *testing.T) {
	for _, c := range []struct {
		l    LayerConfig
		want string
	}{
		{LayerConfig{Type: "rnn", Units: 2, RecurrentActivation: RecHardSigmoid}, "model.layers[0].recurrent_activation: only lstm and gru"},
		{LayerConfig{Type: "lstm", Units: 2, RecurrentActivation: "relu"}, `model.layers[0].recurrent_activation: unknown "relu"`},
	} {
		cfg := ModelConfig{Input: 2, Loss: MSE, Layers: []LayerConfig{c.l, {Type: "dense", Units: 1}}}
		err := cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one containing %q", c.l, err, c.want)
		}
	}
}
