package nn

import (
	"math"
	"testing"
)

// oneParam returns a Params slab with one decayed parameter of the given weights and gradient.
func oneParam(w, g []float64) *Params {
	ps := &Params{}
	ps.Add("p", true, len(w))
	ps.Alloc()
	copy(ps.W, w)
	copy(ps.G, g)
	return ps
}

func TestOptimizersByHand(t *testing.T) {
	const lr = 0.1
	w0, g := []float64{1, -2}, []float64{0.5, -4}
	cases := []struct {
		cfg  OptimConfig
		want func(i int) float64 // weight i after two identical steps
	}{
		{OptimConfig{Name: "sgd", LR: lr}, func(i int) float64 { return w0[i] - 2*lr*g[i] }},
		// v1 = g, v2 = μg + g: w −= lr·(g + (1+μ)g)
		{OptimConfig{Name: "momentum", LR: lr, Momentum: 0.5}, func(i int) float64 { return w0[i] - lr*(g[i]+1.5*g[i]) }},
		// Nesterov: w −= lr·(g + μv): v1 = g, v2 = 1.5g
		{OptimConfig{Name: "momentum", LR: lr, Momentum: 0.5, Nesterov: true}, func(i int) float64 {
			return w0[i] - lr*(g[i]+0.5*g[i]) - lr*(g[i]+0.5*1.5*g[i])
		}},
		// RMSProp ρ=0.9: s1 = 0.1g², s2 = 0.19g².
		{OptimConfig{Name: "rmsprop", LR: lr, Rho: 0.9, Eps: 1e-12}, func(i int) float64 {
			a := math.Abs(g[i])
			return w0[i] - lr*g[i]/(math.Sqrt(0.1)*a+1e-12) - lr*g[i]/(math.Sqrt(0.19)*a+1e-12)
		}},
		// Adam with a constant gradient: m̂ = g, v̂ = g², so each step moves lr·g/(|g|+ε).
		{OptimConfig{Name: "adam", LR: lr, Eps: 1e-12}, func(i int) float64 { return w0[i] - 2*lr*g[i]/(math.Abs(g[i])+1e-12) }},
	}
	for _, c := range cases {
		ps := oneParam(w0, g)
		o := NewOptimizer(c.cfg, ps)
		o.Step(ps)
		copy(ps.G, g)
		o.Step(ps)
		for i := range w0 {
			if want := c.want(i); math.Abs(ps.W[i]-want) > 1e-12 {
				t.Errorf("%+v: w[%d] = %.15g, want %.15g", c.cfg, i, ps.W[i], want)
			}
		}
	}
}

func TestWeightDecayAndL2(t *testing.T) {
	// AdamW: after the Adam step, w −= lr·wd·w (decoupled); biases (Decay false) are untouched.
	ps := &Params{}
	ps.Add("k", true, 1)
	ps.Add("b", false, 1)
	ps.Alloc()
	ps.W[0], ps.W[1] = 2, 2
	ps.G[0], ps.G[1] = 1, 1
	o := NewOptimizer(OptimConfig{Name: "adamw", LR: 0.1, WeightDecay: 0.5, Eps: 1e-12}, ps)
	o.Step(ps)
	if want := (2 - 0.1) * (1 - 0.1*0.5); math.Abs(ps.W[0]-want) > 1e-12 {
		t.Errorf("adamw kernel = %v, want %v", ps.W[0], want)
	}
	if want := 2 - 0.1; math.Abs(ps.W[1]-want) > 1e-12 {
		t.Errorf("adamw bias = %v, want %v", ps.W[1], want)
	}
	// L2 adds l2·w to the gradient of decayed parameters.
	ps = oneParam([]float64{3}, []float64{1})
	o = NewOptimizer(OptimConfig{Name: "sgd", LR: 0.1, L2: 0.2}, ps)
	o.Step(ps)
	if want := 3 - 0.1*(1+0.2*3); math.Abs(ps.W[0]-want) > 1e-12 {
		t.Errorf("l2 = %v, want %v", ps.W[0], want)
	}
}

// The learning rate changes between steps without resetting the state.
func TestOptimizerLiveLR(t *testing.T) {
	ps := oneParam([]float64{0}, []float64{1})
	o := NewOptimizer(OptimConfig{Name: "momentum", LR: 1, Momentum: 0.5}, ps)
	o.Step(ps) // v = 1, w = -1
	o.LR = 0.1
	ps.G[0] = 1
	o.Step(ps) // v = 1.5, w = -1.15
	if math.Abs(ps.W[0]+1.15) > 1e-12 || o.Steps() != 2 {
		t.Errorf("w = %v after a live LR change, want -1.15", ps.W[0])
	}
}

func TestClip(t *testing.T) {
	g := []float64{3, 4}
	pre, post, clipped := Clip(g, ClipConfig{Mode: "norm", Threshold: 1})
	if pre != 5 || math.Abs(post-1) > 1e-15 || !clipped || math.Abs(g[0]-0.6) > 1e-15 || math.Abs(g[1]-0.8) > 1e-15 {
		t.Errorf("norm clip: pre %v post %v clipped %v g %v", pre, post, clipped, g)
	}
	g = []float64{0.3, 0.4}
	if _, post, clipped := Clip(g, ClipConfig{Mode: "norm", Threshold: 1}); clipped || post != 0.5 {
		t.Errorf("norm clip under threshold changed the gradient: %v %v", post, clipped)
	}
	g = []float64{3, -0.5, -7}
	pre, _, clipped = Clip(g, ClipConfig{Mode: "value", Threshold: 1})
	if !clipped || g[0] != 1 || g[1] != -0.5 || g[2] != -1 || math.Abs(pre-math.Sqrt(9+0.25+49)) > 1e-12 {
		t.Errorf("value clip: %v clipped %v pre %v", g, clipped, pre)
	}
	for _, c := range []ClipConfig{{Mode: "norm"}, {Mode: "value", Threshold: -1}, {Mode: "sideways", Threshold: 1}} {
		if c.Validate() == nil {
			t.Errorf("%+v validated", c)
		}
	}
}

// A bounded parameter is clipped to [−Bound, Bound] after the update; the others are not.
func TestOptimizerBound(t *testing.T) {
	ps := &Params{}
	a, b := ps.Add("a", false, 3), ps.Add("b", false, 2)
	ps.Alloc()
	a.Bound = 1.5
	copy(a.W, []float64{1, -1, 0})
	copy(a.G, []float64{-1, 1, -10})
	copy(b.W, []float64{1, -1})
	copy(b.G, []float64{-1, 1})
	NewOptimizer(OptimConfig{Name: "sgd", LR: 1}, ps).Step(ps)
	if a.W[0] != 1.5 || a.W[1] != -1.5 || a.W[2] != 1.5 || b.W[0] != 2 || b.W[1] != -2 {
		t.Errorf("after the step a = %v (bound 1.5), b = %v (no bound), want [1.5 -1.5 1.5] [2 -2]", a.W, b.W)
	}
}

// BenchmarkOptimizerStep is one update of the seed LSTM's 222,337 weights (2×LSTM(128) on 50 inputs and a
// dense output) by each rule.
func BenchmarkOptimizerStep(b *testing.B) {
	rng := NewRNG(1)
	const n = 4*128*(50+128+1) + 4*128*(128+128+1) + 129
	for _, cfg := range []OptimConfig{{Name: "adam", LR: 1e-3}, {Name: "sgd", LR: 0.1}} {
		b.Run(cfg.Name, func(b *testing.B) {
			w, g := make([]float64, n), make([]float64, n)
			for i := range w {
				w[i], g[i] = rng.Normal(), 0.01*rng.Normal()
			}
			ps := oneParam(w, g)
			o := NewOptimizer(cfg, ps)
			for b.Loop() {
				o.Step(ps)
			}
		})
	}
}
