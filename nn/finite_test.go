package nn

import (
	"math"
	"slices"
	"testing"
)

// TestNorm2Extremes: the norm of entries whose squares overflow or underflow is still right; NaN and
// ±Inf entries give NaN and +Inf.
func TestNorm2Extremes(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{1e200, 1e200}, math.Sqrt2 * 1e200},
		{[]float64{3e300, -4e300}, 5e300},
		{[]float64{3e-200, 4e-200}, 5e-200},
		{[]float64{1.5e308, 1.5e308}, math.Inf(1)}, // the norm itself exceeds MaxFloat64
		{[]float64{1, math.Inf(-1)}, math.Inf(1)},
		{[]float64{0, 0}, 0},
	} {
		if got := Norm2(c.v); math.Abs(got-c.want) > 1e-15*c.want && got != c.want {
			t.Errorf("Norm2(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	if got := Norm2([]float64{1, math.NaN(), math.Inf(1)}); !math.IsNaN(got) {
		t.Errorf("Norm2 with NaN = %v", got)
	}
}

// TestClipExtremeGradient: global-norm clipping rescales a finite gradient whatever its size (it was
// zeroed when its norm overflowed), and leaves a gradient holding NaN or ±Inf alone for the optimiser to
// skip (an Inf entry became NaN, Inf·0).
func TestClipExtremeGradient(t *testing.T) {
	norm := ClipConfig{Mode: "norm", Threshold: 1}
	for _, g0 := range [][]float64{{1e200, 1e200}, {1.5e308, -1.5e308}, {math.MaxFloat64, 0}} {
		g := slices.Clone(g0)
		pre, post, clipped := Clip(g, norm)
		want := 1 / Norm2([]float64{1, g0[1] / g0[0]})
		if !clipped || math.Abs(post-1) > 1e-15 || math.Abs(g[0]-want) > 1e-15 || math.Abs(math.Abs(g[1])-math.Abs(g0[1]/g0[0])*want) > 1e-15 {
			t.Errorf("Clip(%v): pre %v post %v clipped %v → %v", g0, pre, post, clipped, g)
		}
	}
	for _, mode := range []string{"norm", "value"} {
		for _, g0 := range [][]float64{{1, math.Inf(1)}, {math.NaN(), 1}, {math.NaN(), math.Inf(-1)}} {
			g := slices.Clone(g0)
			pre, _, clipped := Clip(g, ClipConfig{Mode: mode, Threshold: 0.5})
			if clipped || finite(pre) || !sameBits(g, g0) {
				t.Errorf("%s Clip(%v): pre %v clipped %v → %v, want left alone with a non-finite norm", mode, g0, pre, clipped, g)
			}
		}
	}
}

func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

// everyOptimizer is one configuration per update rule, with L2 and weight decay where they apply.
var everyOptimizer = []OptimConfig{
	{Name: "sgd", LR: 10, L2: 0.1},
	{Name: "momentum", LR: 10, Momentum: 0.9},
	{Name: "momentum", LR: 10, Momentum: 0.9, Nesterov: true},
	{Name: "rmsprop", LR: 10},
	{Name: "adam", LR: 10},
	{Name: "adamw", LR: 10, WeightDecay: 0.5, L2: 0.1},
}

// TestOptimizerSkipsNonFinite: for every optimiser, a gradient holding NaN or ±Inf, or one whose update
// would overflow, is skipped with its reason, leaving the weights, the state and the step count as they
// were; a good step afterwards is applied as if the skipped one had never been.
func TestOptimizerSkipsNonFinite(t *testing.T) {
	w0, good := []float64{1, -2, 3}, []float64{0.5, -0.25, 0.125}
	for _, cfg := range everyOptimizer {
		for _, c := range []struct {
			g    []float64
			want string
		}{
			{[]float64{1, math.NaN(), 0}, SkipGradNaN},
			{[]float64{math.Inf(1), 0, 0}, SkipGradInf},
			{[]float64{0, 0, math.Inf(-1)}, SkipGradInf},
			{[]float64{math.MaxFloat64, -math.MaxFloat64, 1e308}, SkipOverflowed},
		} {
			ps := oneParam(w0, good)
			o := NewOptimizer(cfg, ps)
			ref := oneParam(w0, good)
			oref := NewOptimizer(cfg, ref)
			if why := o.Step(ps); why != "" {
				t.Fatalf("%+v: a good step was skipped: %s", cfg, why)
			}
			oref.Step(ref)
			m, v := slices.Clone(o.m), slices.Clone(o.v)
			w := slices.Clone(ps.W)
			copy(ps.G, c.g)
			if why := o.Step(ps); why != c.want {
				t.Errorf("%+v, g %v: skipped %q, want %q", cfg, c.g, why, c.want)
			}
			if !sameBits(ps.W, w) || !sameBits(o.m, m) || !sameBits(o.v, v) || o.Steps() != 1 {
				t.Errorf("%+v, g %v: a skipped step changed w %v→%v, state or steps %d", cfg, c.g, w, ps.W, o.Steps())
			}
			copy(ps.G, good)
			copy(ref.G, good)
			o.Step(ps)
			oref.Step(ref)
			if !sameBits(ps.W, ref.W) {
				t.Errorf("%+v: after a skipped step the next differs from a run without it: %v vs %v", cfg, ps.W, ref.W)
			}
		}
	}
}

// TestOptimizerKeepsWeightsFinite: whatever finite gradients arrive, from tiny to the largest float64,
// no optimiser makes a weight non-finite.
func TestOptimizerKeepsWeightsFinite(t *testing.T) {
	rng := NewRNG(7)
	for _, cfg := range everyOptimizer {
		ps := oneParam(make([]float64, 16), make([]float64, 16))
		o := NewOptimizer(cfg, ps)
		for step := 0; step < 500; step++ {
			for i := range ps.G {
				e := 600*rng.Float64() - 300 // 10^-300 … 10^300, and now and then the largest
				ps.G[i] = math.Copysign(math.Pow(10, e), rng.Float64()-0.5)
				if rng.Float64() < 0.05 {
					ps.G[i] = math.Copysign(math.MaxFloat64, ps.G[i])
				}
			}
			o.Step(ps)
			if !ps.Finite() || !allFinite(o.m) || !allFinite(o.v) {
				t.Fatalf("%+v, step %d: weights %v", cfg, step, ps.W)
			}
		}
	}
}

// nanNet is a network whose gradient holds NaN, to check TrainStep's report.
type nanNet struct{ ps *Params }

func (n nanNet) Forward(*Batch, bool) float64 { return 1 }
func (n nanNet) Backward()                    { n.ps.G[1] = math.NaN() }
func (n nanNet) Output() *Seq                 { return nil }
func (n nanNet) Probes() []*Probe             { return nil }
func (n nanNet) Parameters() *Params          { return n.ps }

// TestTrainStepReportsSkip: a step whose gradient holds NaN is recorded as skipped, with the reason, and
// leaves the weights alone.
func TestTrainStepReportsSkip(t *testing.T) {
	n := nanNet{oneParam([]float64{1, 2}, []float64{0, 0})}
	o := NewOptimizer(OptimConfig{Name: "adam", LR: 0.1}, n.ps)
	var st StepStats
	TrainStep(n, nil, o, ClipConfig{Mode: "norm", Threshold: 1}, &st)
	if st.Skipped != SkipGradNaN || n.ps.W[0] != 1 || n.ps.W[1] != 2 || !math.IsNaN(st.GradNorm) || st.Clipped {
		t.Errorf("skipped %q, w %v, norm %v clipped %v", st.Skipped, n.ps.W, st.GradNorm, st.Clipped)
	}
}

// TestModerateUpdatesAreFinite: whenever Step skips its check because the update is moderate, the check
// would have passed. States up to and at the bounds (weights, gradients and momenta ±10¹⁰⁰, second
// moments 10²⁰⁰), every rule, and the extremes of Validate's ranges (lr 10, β near 1, ε 10⁻¹⁰⁰).
func TestModerateUpdatesAreFinite(t *testing.T) {
	rng := NewRNG(3)
	cfgs := append(slices.Clone(everyOptimizer),
		OptimConfig{Name: "adam", LR: 10, Beta1: 0.99999, Beta2: 0.99999, Eps: 1e-100, L2: 1},
		OptimConfig{Name: "adamw", LR: 10, WeightDecay: 1, Eps: 1e-100, L2: 1},
		OptimConfig{Name: "rmsprop", LR: 10, Rho: 1, Eps: 1e-100, L2: 1},
		OptimConfig{Name: "momentum", LR: 10, Momentum: 1, Nesterov: true, L2: 1},
		OptimConfig{Name: "adam", LR: 10, Eps: 1e-300}) // ε below moderate's: never moderate
	// draw is ±lim (40%), ±10^e for e uniform below log₁₀ lim down to -300 (40%), 0 (10%: a zero second
	// moment leaves ε alone in the denominator), or ±10^e above lim up to 10³⁰⁷ (10%). Beyond the bounds
	// moderate must say no, or the update must still be finite.
	draw := func(lim float64) float64 {
		x, top := lim, math.Log10(lim)
		switch u := rng.Float64(); {
		case u < 0.4:
		case u < 0.8:
			x = min(lim, math.Pow(10, (top+300)*rng.Float64()-300))
		case u < 0.9:
			x = 0
		default:
			x = math.Pow(10, top+(307-top)*rng.Float64())
		}
		return math.Copysign(x, rng.Float64()-0.5)
	}
	moderate := 0
	for _, cfg := range cfgs {
		for trial := range 3000 {
			w, g := make([]float64, 3), make([]float64, 3)
			for i := range w {
				w[i], g[i] = draw(1e100), draw(1e100)
			}
			ps := oneParam(w, g)
			o := NewOptimizer(cfg, ps)
			gmax := 0.0
			for i := range o.m {
				o.m[i], o.v[i] = draw(1e100), math.Abs(draw(1e200))
				o.mmax, o.vmax = max(o.mmax, math.Abs(o.m[i])), max(o.vmax, o.v[i])
				gmax = max(gmax, math.Abs(g[i]))
			}
			o.t = []int{0, 1, 999}[trial%3] + 1 // as Step counts it before the update
			if o.moderate(ps, gmax) {
				moderate++
				if !o.update(ps, false) {
					t.Errorf("%+v, t %d: moderate, but the update is not finite: w %v, g %v, m %v, v %v", cfg, o.t, w, g, o.m, o.v)
				}
			}
		}
	}
	if moderate < 1000 {
		t.Fatalf("only %d states were moderate: the test checks little", moderate)
	}
}

// The state's maxima survive a live change of rule: Adam leaves a huge first moment, RMSprop (which
// keeps it, unused) steps, and Adam again must not take the update for moderate.
func TestModerateAcrossRules(t *testing.T) {
	ps := oneParam([]float64{1}, []float64{1})
	o := NewOptimizer(OptimConfig{Name: "adam", LR: 10}, ps)
	o.Step(ps)
	o.m[0], o.mmax = 1e300, 1e300 // as a run of huge gradients would leave it
	o.Name = "rmsprop"
	o.Step(ps)
	o.Name = "adam"
	if o.moderate(ps, 1) {
		t.Errorf("after RMSprop the first moment's maximum is %g, the moment %g", o.mmax, o.m[0])
	}
}
