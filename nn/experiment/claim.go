package experiment

import (
	"math"
	"slices"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// Phase is the part of training a claim speaks about.
type Phase string

// The phases a sentence can name.
const (
	AtInit     Phase = "at initialisation" // the evaluation at step 0
	OnPlateau  Phase = "on the plateau"    // while a run's validation loss sits near the baseline
	Learned    Phase = "after learning"    // once a run has learned
	Throughout Phase = "throughout"        // at every step or evaluation so far
)

// Claim is what a sentence or a mark tells the learner they will see, as a predicate on the runs'
// recorded data. The tests (claims_test.go) train the experiment's short form for seeds 1–5 and require
// every claim to hold at its end; make bench-insight trains it as the page does and reports the first
// evaluation at which each claim holds — the same predicate.
type Claim struct {
	ID    string
	Phase Phase
	// T and Steps: the lag and the number of steps the claim is checked on (0: the experiment's default
	// lag and its Check steps). A claim about another lag of the sweep trains runs of its own.
	T, Steps int
	// Holds reports whether the claim holds on what runs (in the experiment's order) recorded so far, and
	// the figures it looked at.
	Holds func(runs []*train.Run) (bool, string)
}

// ClaimByID returns the experiment's claim with the given id.
func (e *Experiment) ClaimByID(id string) (Claim, bool) {
	for _, c := range e.Claims {
		if c.ID == id {
			return c, true
		}
	}
	return Claim{}, false
}

// Lag and Steps of claim c in e: its own, or the experiment's default lag and short form.
func (e *Experiment) claimRun(c Claim) (T, steps int) {
	T, steps = c.T, c.Steps
	if T == 0 {
		T = e.DefaultT()
	}
	if steps == 0 {
		steps = e.Check
	}
	return T, steps
}

// ClaimGroup is a set of claims checked on the same runs: the experiment at lag T, trained Steps steps.
type ClaimGroup struct {
	T, Steps int
	Claims   []Claim
}

// ClaimGroups groups e's claims by the runs they need, the default lag first.
func (e *Experiment) ClaimGroups() []ClaimGroup {
	var gs []ClaimGroup
	for _, c := range e.Claims {
		T, steps := e.claimRun(c)
		i := 0
		for i < len(gs) && (gs[i].T != T || gs[i].Steps != steps) {
			i++
		}
		if i == len(gs) {
			gs = append(gs, ClaimGroup{T: T, Steps: steps})
		}
		gs[i].Claims = append(gs[i].Claims, c)
	}
	return gs
}

// ShortForm returns e's runs at lag T for seed, stopped after steps steps: what the claims are checked on.
func (e *Experiment) ShortForm(T, steps int, seed uint64) []train.Config {
	cfgs := e.Configs(T)
	for i := range cfgs {
		cfgs[i].Steps, cfgs[i].Seed = steps, seed
	}
	return cfgs
}

// The predicates' vocabulary: small functions of the recorded data, named for what the texts say.

func evals(r *train.Run) []train.Eval { return r.Evals() }

func first(r *train.Run) train.Eval { return r.Evals()[0] }

func latest(r *train.Run) train.Eval { ev := r.Evals(); return ev[len(ev)-1] }

// bestVal is the lowest validation loss so far.
func bestVal(r *train.Run) float64 {
	m := math.Inf(1)
	for _, e := range r.Evals() {
		m = math.Min(m, e.ValLoss)
	}
	return m
}

// bestMetric is the highest validation metric so far.
func bestMetric(r *train.Run) float64 {
	m := math.Inf(-1)
	for _, e := range r.Evals() {
		m = math.Max(m, e.ValMetric)
	}
	return m
}

// learnedAt is the first evaluation with validation loss below v (nil: none yet).
func learnedAt(r *train.Run, v float64) *train.Eval {
	ev := r.Evals()
	for i := range ev {
		if ev[i].ValLoss < v {
			return &ev[i]
		}
	}
	return nil
}

// metricAt is the first evaluation step with validation metric at least m (-1: none yet).
func metricAt(r *train.Run, m float64) int {
	for _, e := range r.Evals() {
		if e.ValMetric >= m {
			return e.Step
		}
	}
	return -1
}

// reach is ‖∂L/∂h_1‖/‖∂L/∂h_T‖ in the first recurrent layer (of the cell state c_t with cell): how much of
// the gradient at the end reaches the first step.
func reach(e train.Eval, cell bool) float64 {
	d := e.DH[0]
	if cell {
		d = e.DC[0]
	}
	return d[0] / d[len(d)-1]
}

// rate is reach per step: the geometric mean factor by which the gradient shrinks per step back in time.
func rate(e train.Eval) float64 {
	d := e.DH[0]
	return math.Pow(d[0]/d[len(d)-1], 1/float64(len(d)-1))
}

// gate is the mean of gate g ("f", "z", …) in the first recurrent layer.
func gate(e train.Eval, g string) float64 { return e.GateMeans[g][0] }

// after returns the evaluations from the one at step s on.
func after(r *train.Run, s int) []train.Eval {
	ev := r.Evals()
	for i := range ev {
		if ev[i].Step >= s {
			return ev[i:]
		}
	}
	return nil
}

// gap is the validation loss at the latest evaluation minus the mean training batch loss of the last 50
// steps before it.
func gap(r *train.Run) float64 {
	e := latest(r)
	recs := r.Records()[:e.Step]
	n := min(50, len(recs))
	var s float64
	for _, rec := range recs[len(recs)-n:] {
		s += rec.Loss / float64(n)
	}
	return e.ValLoss - s
}

// antiDiagonal is the mean attention weight on the anti-diagonal (output t attends input T+1−t).
func antiDiagonal(a [][]float64) float64 {
	var s float64
	for t := range a {
		s += a[t][len(a[t])-1-t]
	}
	return s / float64(len(a))
}

// rowSpread is the largest difference between a row of attention weights and the first row.
func rowSpread(a [][]float64) float64 {
	var d float64
	for t := range a {
		for s := range a[t] {
			d = math.Max(d, math.Abs(a[t][s]-a[0][s]))
		}
	}
	return d
}

// rowRange is the smallest and largest weight of the first row.
func rowRange(a [][]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, w := range a[0] {
		lo, hi = math.Min(lo, w), math.Max(hi, w)
	}
	return lo, hi
}

// median of v (NaN for none).
func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	w := slices.Clone(v)
	slices.Sort(w)
	return w[len(w)/2]
}
