package train

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// MaxSkips is how many updates in a row the optimiser may skip (a gradient holding NaN or ±Inf, an update
// that would overflow: nn.Optimizer.Step) before the run stops as diverged. A skipped step is recorded
// (Record.Skipped) and leaves the weights as they were.
const MaxSkips = 10

// Run is one training run. It is not safe for concurrent use.
type Run struct {
	cfg  Config
	task task.Task
	spec task.Spec
	net  nn.Net // an *nn.Model, or an *nn.Seq2Seq (Config.Model.Attention set on a sequence→sequence task)
	opt  *nn.Optimizer
	data *nn.RNG // the data stream: batches only

	// Every step's batch is split into nn.ShardCount(Batch) shards (nn.Shards), summed in shard order:
	// the records do not depend on workers, the goroutines that compute the shards (SetWorkers).
	shards  *nn.Shards
	workers int

	raw   nn.Batch // the task's batch
	next  nn.Batch // the next step's, when drawn (drawn) while helpers computed this step's shards
	drawn bool
	train *nn.Batch // what the model trains on: raw, or raw unrolled (sequence→sequence)
	flat  nn.Batch  // the unrolled batch
	val   *nn.Batch
	st    nn.StepStats

	recs  []Record
	evals []Eval
	step  int
	wall  time.Duration
	done  bool
	stop  StopReason

	skips     int       // updates skipped in a row (nn.Optimizer.Step), for the divergence rule
	first     float64   // loss of the first step, for the blow-up rule
	pre, good []float64 // weights before this step, and before the last step with a finite loss
}

// New validates c and builds its run: the task (with its validation set), the model initialised from
// the seed, and the optimiser.
func New(c Config) (*Run, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	tk, err := task.New(c.Task)
	if err != nil {
		return nil, err
	}
	return newRun(c, tk)
}

func newRun(c Config, tk task.Task) (*Run, error) {
	spec := tk.Spec()
	mc, err := c.ModelConfig(&spec)
	if err != nil {
		return nil, err
	}
	root := nn.NewRNG(c.Seed)
	data, init := root.Split(1), root.Split(2)
	m, err := nn.NewNet(mc, init)
	if err != nil {
		return nil, err
	}
	ps := m.Parameters()
	r := &Run{cfg: c, task: tk, spec: spec, net: m, data: data, val: tk.Val(), workers: 1}
	r.shards = nn.NewShards(m, nn.ShardCount(c.Batch), root.Split(3)) // dropout masks and anchors
	r.opt = nn.NewOptimizer(c.Optimizer, ps)
	r.train = &r.raw
	if spec.Seq2Seq && mc.Seq2Seq == nil {
		r.train = &r.flat
		r.val = &nn.Batch{}
		task.Unroll(r.val, tk.Val())
	}
	r.pre = make([]float64, ps.Len())
	r.good = slices.Clone(ps.W)
	return r, nil
}

// Config returns the run's configuration, with the live changes made so far.
func (r *Run) Config() Config { return r.cfg }

// Task returns the run's task.
func (r *Run) Task() task.Task { return r.task }

// Spec returns the task's spec.
func (r *Run) Spec() task.Spec { return r.spec }

// Model returns the network (for saving and for running it on user input).
func (r *Run) Model() nn.Net { return r.net }

// Batch returns the last training batch, as the model saw it.
func (r *Run) Batch() *nn.Batch { return r.train }

// StepsDone is the number of training steps taken.
func (r *Run) StepsDone() int { return r.step }

// A run's memory does not grow with its length: it keeps the records of the last RecordWindow to
// 2·RecordWindow steps, and the first evaluation (step 0) with the last EvalWindow to 2·EvalWindow. A
// reader that streams (the command line, the worker) takes what is new after each call to Step with
// RecordsSince and EvalsSince; charts of a whole run keep a History.
const (
	RecordWindow = 1024 // 64 KB of records
	EvalWindow   = 64
)

// Records returns the records kept (every step's, for a run of fewer than 2·RecordWindow steps), oldest
// first. The slice is the run's own: read, don't keep across Step.
func (r *Run) Records() []Record { return r.recs }

// RecordsSince returns the records kept of the steps after step.
func (r *Run) RecordsSince(step int) []Record {
	if len(r.recs) == 0 {
		return nil
	}
	return r.recs[min(max(0, step-r.recs[0].Step+1), len(r.recs)):]
}

// Evals returns the evaluations kept (all, for a run of fewer than 2·EvalWindow+1), oldest first.
func (r *Run) Evals() []Eval { return r.evals }

// EvalsSince returns the evaluations kept of the steps after step (-1: all).
func (r *Run) EvalsSince(step int) []Eval {
	i := len(r.evals)
	for i > 0 && r.evals[i-1].Step > step {
		i--
	}
	return r.evals[i:]
}

// Done reports whether the run has stopped, and why.
func (r *Run) Done() (bool, StopReason) { return r.done, r.stop }

// SetLR changes the learning rate from the next step on; the optimiser keeps its state.
func (r *Run) SetLR(lr float64) error {
	o := r.cfg.Optimizer
	o.LR = lr
	if err := o.Validate(); err != nil {
		return err
	}
	r.cfg.Optimizer.LR, r.opt.LR = lr, lr
	return nil
}

// SetClip changes gradient clipping from the next step on.
func (r *Run) SetClip(c nn.ClipConfig) error {
	if err := c.Validate(); err != nil {
		return err
	}
	r.cfg.Clip = c
	return nil
}

// SetWeightDecay changes the decoupled weight decay (adamw) from the next step on.
func (r *Run) SetWeightDecay(wd float64) error {
	o := r.cfg.Optimizer
	o.WeightDecay = wd
	if err := o.Validate(); err != nil {
		return err
	}
	r.cfg.Optimizer.WeightDecay, r.opt.WeightDecay = wd, wd
	return nil
}

// SetWorkers sets how many goroutines compute a step's shards (1, the default: this one). The records do
// not change. With more than one, Close stops them when the run is no longer trained.
func (r *Run) SetWorkers(n int) { r.workers = max(1, n) }

// SetRemote hands the shards of each step to other processes as well (nn.Shards.SetRemote): the records
// do not change. Nil computes them all here.
func (r *Run) SetRemote(rs []nn.Remote) {
	r.shards.SetRemote(rs)
	r.shards.Idle = r.drawNext
}

// drawNext draws the next step's batch while the remotes compute this step's shards, instead of at the
// start of the next step, when nothing else runs: the data stream gives the same batches in the same
// order (it serves batches only, and a task's Next touches nothing that evaluate reads).
func (r *Run) drawNext() {
	if !r.drawn && r.step+1 < r.cfg.Steps {
		r.task.Next(r.data, r.cfg.Batch, &r.next)
		r.drawn = true
	}
}

// Helped is the number of shards other processes computed (SetRemote), and how many of theirs had to
// be computed here again because a remote failed.
func (r *Run) Helped() (served, redone int) { return r.shards.Served, r.shards.Redone }

// Close stops the goroutines of SetWorkers; a later Step starts them again.
func (r *Run) Close() { r.shards.Close() }

// Step runs up to n training steps and returns how many it ran: fewer when a stop rule fires. The first
// call evaluates the initial model (step 0). A warm step allocates nothing, except at evaluations.
func (r *Run) Step(n int) int {
	if r.done || n <= 0 {
		return 0
	}
	start := time.Now()
	defer func() { r.wall += time.Since(start) }()
	if r.step == 0 && len(r.evals) == 0 {
		r.evaluate()
	}
	if r.recs == nil {
		r.recs = make([]Record, 0, min(r.cfg.Steps, 2*RecordWindow))
	}
	done := 0
	for done < n && !r.done {
		r.trainStep(start)
		done++
		switch {
		case r.done: // diverged
		case r.step >= r.cfg.Steps:
			r.evaluate()
			r.finish("steps")
		case r.step%r.cfg.EvalEvery == 0:
			r.evaluate()
		}
		if !r.done && r.cfg.TargetLoss > 0 && r.evalAt(r.step) && r.evals[len(r.evals)-1].ValLoss <= r.cfg.TargetLoss {
			r.finish("target")
		}
	}
	return done
}

func (r *Run) evalAt(step int) bool { return len(r.evals) > 0 && r.evals[len(r.evals)-1].Step == step }

func (r *Run) finish(reason string) {
	r.done, r.stop = true, StopReason{Step: r.step, Reason: reason}
}

// trainStep draws a batch, takes one step, records it and applies the divergence rule.
func (r *Run) trainStep(start time.Time) {
	if r.drawn {
		r.raw, r.next, r.drawn = r.next, r.raw, false
	} else {
		r.task.Next(r.data, r.cfg.Batch, &r.raw)
	}
	if r.train == &r.flat {
		task.Unroll(&r.flat, &r.raw)
	}
	ps := r.net.Parameters()
	copy(r.pre, ps.W)
	r.shards.Step(r.train, r.opt, r.cfg.Clip, &r.st, r.workers)
	r.step++
	st := &r.st
	if len(r.recs) == 2*RecordWindow {
		r.recs = r.recs[:copy(r.recs, r.recs[RecordWindow:])]
	}
	r.recs = append(r.recs, Record{Step: r.step, Loss: st.Loss, AuxLoss: st.AuxLoss, GradNorm: st.GradNorm, PostNorm: st.PostNorm,
		Clipped: st.Clipped, LR: r.opt.LR, WallMS: float64(r.wall+time.Since(start)) / 1e6, Skipped: st.Skipped})
	if r.step == 1 {
		r.first = st.Loss
	}
	limit := r.cfg.Diverge
	if limit == 0 {
		limit = 100
	}
	limit *= math.Max(r.first, r.spec.Baseline)
	switch {
	case !finite(st.Loss):
		r.diverge(r.good, "loss is not finite")
	case st.Loss > limit:
		r.diverge(r.good, fmt.Sprintf("loss %.4g exceeds %.4g (%g × max(first loss, baseline))", st.Loss, limit, limit/math.Max(r.first, r.spec.Baseline)))
	case !ps.Finite(): // nn.Optimizer.Step never does this; a guard for networks that might
		r.diverge(r.pre, "weights are not finite")
	default:
		r.pre, r.good = r.good, r.pre // the weights before this step gave a finite loss
		r.skips++
		if st.Skipped == "" {
			r.skips = 0
		} else if r.skips >= MaxSkips {
			r.finish(fmt.Sprintf("diverged: %d updates in a row skipped (%s)", MaxSkips, st.Skipped))
			r.evaluate()
		}
	}
}

// diverge stops the run and restores w, the last weights known to give a finite loss.
func (r *Run) diverge(w []float64, why string) {
	copy(r.net.Parameters().W, w)
	r.finish("diverged: " + why)
	r.evaluate()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// evaluate runs the model on the validation set and appends an Eval.
func (r *Run) evaluate() {
	m, ps := r.net, r.net.Parameters()
	e := Eval{Step: r.step}
	e.ValLoss = m.Forward(r.val, false)
	e.Hidden = hiddenStates(m)
	if n := len(r.evals); n > 0 {
		r.evals[n-1].Hidden = nil
	}
	out := m.Output()
	e.ValMetric = r.task.Metric(out, r.val)
	e.Examples = []task.Example{r.task.View(out, r.val, 0)}
	if a, ok := m.(interface {
		AttentionWeights() (rows, cols int, w []float64)
	}); ok {
		rows, cols, w := a.AttentionWeights() // of validation example 0
		for i := 0; i < rows; i++ {
			e.Attention = append(e.Attention, slices.Clone(w[i*cols:(i+1)*cols]))
		}
	}
	ps.ZeroGrad()
	m.Backward() // for ‖∂L/∂h_t‖ on the validation set; the next step zeroes the gradients again
	for _, p := range m.Probes() {
		e.Layers = append(e.Layers, p.Layer)
		e.DH = append(e.DH, slices.Clone(p.DH))
		e.DC = append(e.DC, slices.Clone(p.DC))
		if len(p.Gates) > 0 {
			e.Gates = append(e.Gates, GateStats{Layer: p.Layer, Gates: p.Gates, T: p.T, Mean: slices.Clone(p.GateMean),
				Low: slices.Clone(p.GateLow), High: slices.Clone(p.GateHigh)})
		}
	}
	e.GateMeans = gateMeans(e.Gates)
	e.Spectra = nn.Spectra(ps)
	e.GroupNorms = map[string]float64{}
	for i, p := range ps.List {
		if i < len(r.st.GradNorms) {
			e.GroupNorms[p.Group] += r.st.GradNorms[i] * r.st.GradNorms[i]
		}
	}
	for g, s := range e.GroupNorms {
		e.GroupNorms[g] = math.Sqrt(s)
	}
	if len(r.evals) == 1+2*EvalWindow {
		n := copy(r.evals[1:], r.evals[1+EvalWindow:])
		clear(r.evals[1+n:])
		r.evals = r.evals[:1+n]
	}
	r.evals = append(r.evals, e)
}

// hiddenStates returns h_t, t = 1..T, of validation example 0 in the first recurrent layer of the last
// forward pass (nil for networks other than a layer stack).
func hiddenStates(net nn.Net) [][]float64 {
	m, ok := net.(*nn.Model)
	if !ok {
		return nil
	}
	for _, l := range m.Layers {
		if rec, ok := l.(*nn.Recurrent); ok {
			B, H := rec.B, rec.H
			out := make([][]float64, rec.T)
			for t := 1; t <= rec.T; t++ {
				out[t-1] = slices.Clone(rec.Hs[t*B*H : t*B*H+H])
			}
			return out
		}
	}
	return nil
}
