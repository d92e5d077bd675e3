package train

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

// small returns a quick configuration: adding with T = 20, 8 units, batches of 8.
func small(cell string) Config {
	c := Default("adding")
	c.Task.T, c.Task.ValSize = 20, 32
	c.Model.Cell, c.Model.Hidden = cell, 8
	c.Batch, c.Steps, c.EvalEvery = 8, 20, 5
	return c
}

func mustRun(t testing.TB, c Config) *Run {
	t.Helper()
	r, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sameRecords compares records bit for bit, wall time aside.
func sameRecords(a, b []Record) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.WallMS, y.WallMS = 0, 0
		if math.Float64bits(x.Loss) != math.Float64bits(y.Loss) || math.Float64bits(x.GradNorm) != math.Float64bits(y.GradNorm) ||
			math.Float64bits(x.PostNorm) != math.Float64bits(y.PostNorm) || x != y {
			return false
		}
	}
	return true
}

func TestStopSteps(t *testing.T) {
	r := mustRun(t, small("lstm"))
	if n := r.Step(100); n != 20 {
		t.Fatalf("ran %d steps, want 20", n)
	}
	done, why := r.Done()
	if !done || why != (StopReason{Step: 20, Reason: "steps"}) {
		t.Errorf("done %v %+v", done, why)
	}
	var steps []int
	for _, e := range r.Evals() {
		steps = append(steps, e.Step)
	}
	if !slices.Equal(steps, []int{0, 5, 10, 15, 20}) {
		t.Errorf("evaluations at %v", steps)
	}
	for i, rec := range r.Records() {
		if rec.Step != i+1 || rec.LR != 0.01 || !(rec.PostNorm <= 1+1e-12) || rec.Clipped != (rec.GradNorm > 1) {
			t.Errorf("record %d: %+v", i, rec)
		}
		if i > 0 && rec.WallMS < r.Records()[i-1].WallMS {
			t.Errorf("wall time goes back at %d", i)
		}
	}
	if r.Step(5) != 0 {
		t.Error("a stopped run took more steps")
	}
}

func TestStopTarget(t *testing.T) {
	c := small("gru")
	c.TargetLoss, c.Steps = 10, 100 // reached at the first evaluation after training starts
	r := mustRun(t, c)
	r.Step(100)
	if _, why := r.Done(); why != (StopReason{Step: 5, Reason: "target"}) {
		t.Errorf("stop %+v, want target at step 5", why)
	}
}

// TestChunks: how steps are split into chunks does not change the run.
func TestChunks(t *testing.T) {
	a, b := mustRun(t, small("lstm")), mustRun(t, small("lstm"))
	a.Step(20)
	for b.Step(3) > 0 {
	}
	if !sameRecords(a.Records(), b.Records()) || !slices.Equal(a.Model().Parameters().W, b.Model().Parameters().W) {
		t.Error("chunked run differs from the run in one go")
	}
	if a.Evals()[2].ValLoss != b.Evals()[2].ValLoss {
		t.Error("evaluations differ")
	}
}

// TestLiveSettings: the learning rate, clipping and weight decay change mid-run, without a reset.
func TestLiveSettings(t *testing.T) {
	c := small("rnn")
	a, b := mustRun(t, c), mustRun(t, c)
	a.Step(10)
	b.Step(10)
	if err := b.SetLR(0.01); err != nil { // the same value: the optimiser's state is kept, nothing changes
		t.Fatal(err)
	}
	a.Step(10)
	b.Step(10)
	if !sameRecords(a.Records(), b.Records()) {
		t.Fatal("setting the same learning rate changed the run")
	}
	d := mustRun(t, c)
	d.Step(10)
	if err := d.SetLR(0.001); err != nil {
		t.Fatal(err)
	}
	if err := d.SetClip(nn.ClipConfig{Mode: "norm", Threshold: 0.01}); err != nil {
		t.Fatal(err)
	}
	d.Step(10)
	recs := d.Records()
	for i, rec := range recs {
		wantLR := 0.01
		if i >= 10 {
			wantLR = 0.001
			if !(rec.PostNorm <= 0.01*(1+1e-12)) {
				t.Errorf("step %d: applied norm %v above the new threshold", rec.Step, rec.PostNorm)
			}
		}
		if rec.LR != wantLR {
			t.Errorf("step %d: lr %v, want %v", rec.Step, rec.LR, wantLR)
		}
	}
	if recs[10].Loss != a.Records()[10].Loss || recs[11].Loss == a.Records()[11].Loss {
		t.Error("the change did not take effect exactly from the next step")
	}
	if err := d.SetLR(-1); err == nil || !strings.Contains(err.Error(), "optimizer.lr") {
		t.Errorf("SetLR(-1) = %v", err)
	}
	if err := d.SetClip(nn.ClipConfig{Mode: "norm"}); err == nil || !strings.Contains(err.Error(), "clip.threshold") {
		t.Errorf("SetClip without threshold = %v", err)
	}
	if err := d.SetWeightDecay(2); err == nil || !strings.Contains(err.Error(), "optimizer.weight_decay") {
		t.Errorf("SetWeightDecay(2) = %v", err)
	}
	if err := d.SetWeightDecay(0.1); err != nil || d.Config().Optimizer.WeightDecay != 0.1 || d.Config().Optimizer.LR != 0.001 {
		t.Errorf("config after live changes: %+v, %v", d.Config().Optimizer, err)
	}
}

// TestDivergence: a run that blows up stops cleanly, reports the step and reason, and keeps the last
// weights that gave a finite loss — checked against a replay of the same run.
func TestDivergence(t *testing.T) {
	c := small("rnn")
	c.Optimizer = nn.OptimConfig{Name: "sgd", LR: 5}
	c.Clip = nn.ClipConfig{Mode: "off"}
	c.Model.Init.Gain = 3
	c.Steps = 1000
	r := mustRun(t, c)
	n := r.Step(1000)
	done, why := r.Done()
	if !done || !strings.HasPrefix(why.Reason, "diverged") || why.Step != n || n >= 1000 {
		t.Fatalf("done %v, %+v after %d steps", done, why, n)
	}
	t.Logf("stopped at step %d: %s", why.Step, why.Reason)
	if !r.Model().Parameters().Finite() {
		t.Fatal("weights not finite after the stop")
	}
	last := r.Evals()[len(r.Evals())-1]
	if last.Step != n || !finite(last.ValLoss) {
		t.Errorf("final evaluation %+v", last.ValLoss)
	}
	// Replay: the last weights with a finite loss are those before the diverging step when the loss itself
	// blew up, and those after the previous step when only the gradient or the update went wrong.
	back := n - 2
	if strings.Contains(why.Reason, "gradient") || strings.Contains(why.Reason, "weights") {
		back = n - 1
	}
	replay := mustRun(t, c)
	replay.Step(back)
	if !slices.Equal(replay.Model().Parameters().W, r.Model().Parameters().W) {
		t.Error("restored weights are not the last good ones")
	}
	if b, err := json.Marshal(r.Records()[n-1]); err != nil || !json.Valid(b) {
		t.Errorf("record of the diverged step does not encode: %s %v", b, err)
	}
}

// TestRecordJSON: non-finite values encode as null, the rest round-trip.
func TestRecordJSON(t *testing.T) {
	rec := Record{Step: 3, Loss: math.NaN(), GradNorm: math.Inf(1), PostNorm: 0.5, Clipped: true, LR: 1e-3, WallMS: 2}
	b, err := json.Marshal(rec)
	if err != nil || string(b) != `{"step":3,"loss":null,"aux_loss":0,"grad_norm":null,"post_norm":0.5,"clipped":true,"lr":0.001,"wall_ms":2}` {
		t.Errorf("%s %v", b, err)
	}
	rec.Loss, rec.GradNorm = 0.1234567890123, 7
	b, _ = json.Marshal(rec)
	var back Record
	if err := json.Unmarshal(b, &back); err != nil || back != rec {
		t.Errorf("round trip %+v %v", back, err)
	}
}

// TestCompare: compared runs see identical batches and share the validation set.
// Compared runs stepped each on its own goroutine record exactly what they record stepped in turn.
func TestCompareConcurrent(t *testing.T) {
	cfgs := []Config{small("rnn"), small("lstm"), small("gru")}
	for i := range cfgs {
		cfgs[i].Steps, cfgs[i].EvalEvery = 40, 10
	}
	train := func(concurrent bool) []byte {
		runs, err := Compare(cfgs...)
		if err != nil {
			t.Fatal(err)
		}
		for active := true; active; {
			active = false
			var wg sync.WaitGroup
			n := make([]int, len(runs))
			for i, r := range runs {
				if !concurrent {
					n[i] = r.Step(10)
					continue
				}
				wg.Add(1)
				go func() { defer wg.Done(); n[i] = r.Step(10) }()
			}
			wg.Wait()
			active = slices.ContainsFunc(n, func(k int) bool { return k > 0 })
		}
		var out []byte
		for _, r := range runs {
			for _, rec := range r.Records() {
				rec.WallMS = 0
				b, _ := json.Marshal(rec)
				out = append(out, b...)
			}
			for _, e := range r.Evals() {
				b, _ := json.Marshal(e)
				out = append(out, b...)
			}
		}
		return out
	}
	seq, par := train(false), train(true)
	if len(seq) == 0 || !bytes.Equal(seq, par) {
		t.Errorf("concurrent runs recorded %d bytes that differ from the %d bytes of runs in turn", len(par), len(seq))
	}
}

func TestCompare(t *testing.T) {
	var cfgs []Config
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		cfgs = append(cfgs, small(cell))
	}
	cfgs[2].Optimizer.LR = 0.002
	runs, err := Compare(cfgs...)
	if err != nil {
		t.Fatal(err)
	}
	for s := 0; s < 6; s++ {
		for _, r := range runs {
			r.Step(1)
		}
		for _, r := range runs[1:] {
			if !slices.Equal(r.Batch().X.V, runs[0].Batch().X.V) || !slices.Equal(r.Batch().Y, runs[0].Batch().Y) {
				t.Fatalf("step %d: batches differ", s+1)
			}
		}
	}
	v0, v2 := runs[0].Task().Val(), runs[2].Task().Val()
	if v0 == v2 {
		t.Error("runs share a task: they could not train concurrently")
	}
	if !slices.Equal(v0.X.V, v2.X.V) || !slices.Equal(v0.Y, v2.Y) {
		t.Error("compared runs have different validation sets")
	}
	if runs[0].Records()[0].Loss == runs[1].Records()[0].Loss {
		t.Error("different models gave the same loss")
	}
	bad := small("gru")
	bad.Seed = 2
	if _, err := Compare(small("rnn"), bad); err == nil {
		t.Error("runs with different seeds were compared")
	}
}

// TestEval checks what an evaluation holds for a two-layer LSTM.
func TestEval(t *testing.T) {
	c := small("lstm")
	c.Model.Layers = 2
	r := mustRun(t, c)
	r.Step(5)
	e := r.Evals()[1]
	if len(e.DH) != 2 || len(e.DH[0]) != 20 || len(e.DH[1]) != 20 || !slices.Equal(e.Layers, []string{"lstm0", "lstm1"}) {
		t.Fatalf("dh %d layers, layers %v", len(e.DH), e.Layers)
	}
	// The last layer returns only its last state: the loss reaches h_t, t < T, only through time.
	if !(e.DH[1][19] > 0 && e.DH[1][0] > 0) {
		t.Errorf("dh %v", e.DH[1])
	}
	if len(e.Gates) != 2 || len(e.Gates[0].Mean) != 3*20 || len(e.Spectra) != 8 || len(e.Spectra[0].Singular) != 8 {
		t.Errorf("gates %d, spectra %d", len(e.Gates), len(e.Spectra))
	}
	// Gate means over t equal the mean of the per-step statistics; forget bias 1 starts f near σ(1) ≈ 0.73.
	for g, name := range e.Gates[1].Gates {
		var sum float64
		for _, v := range e.Gates[1].Mean[g*20 : (g+1)*20] {
			sum += v / 20
		}
		if m := e.GateMeans[name]; len(m) != 2 || math.Abs(m[1]-sum) > 1e-12 {
			t.Errorf("gate_means[%s] = %v, want layer 1 = %v", name, m, sum)
		}
	}
	if f := r.Evals()[0].GateMeans["f"][0]; !(f > 0.6 && f < 0.85) {
		t.Errorf("forget gate mean at step 0 = %.3f, want near σ(1) ≈ 0.73", f)
	}
	if len(e.DC) != 2 || len(e.DC[1]) != 20 || !(e.DC[1][0] > 0) {
		t.Errorf("dc_norms %v", e.DC)
	}
	for _, g := range []string{"lstm0", "lstm1", "dense0"} {
		if !(e.GroupNorms[g] > 0) {
			t.Errorf("group norm %s = %v", g, e.GroupNorms[g])
		}
	}
	if len(e.Examples) != 1 || len(e.Examples[0].Marks) != 2 {
		t.Errorf("examples %+v", e.Examples)
	}
	if _, err := json.Marshal(e); err != nil {
		t.Error(err)
	}
}

// TestStepAllocs: a warm training step allocates nothing, records included (the record slice grows by
// doubling, so 200 steps may allocate once or twice).
func TestStepAllocs(t *testing.T) {
	for _, c := range []Config{small("lstm"), small("gru"), Default("reverse")} {
		c.Steps, c.EvalEvery, c.Batch, c.Task.ValSize, c.Model.Hidden = 100000, 100000, 8, 8, 8
		r := mustRun(t, c)
		r.Step(10)
		if n := testing.AllocsPerRun(50, func() { r.Step(1) }); n != 0 {
			t.Errorf("%s/%s: %v allocations per step", c.Task.Name, c.Model.Cell, n)
		}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		for i := 0; i < 200; i++ {
			r.Step(1)
		}
		runtime.ReadMemStats(&m1)
		if d := m1.Mallocs - m0.Mallocs; d > 2 {
			t.Errorf("%s/%s: %d allocations in 200 steps", c.Task.Name, c.Model.Cell, d)
		}
	}
}

// TestSaveLoad: a saved run loads back with identical weights and validation loss.
func TestSaveLoad(t *testing.T) {
	c := Default("charlm")
	c.Task.T, c.Task.ValSize, c.Model.Hidden, c.Batch, c.Steps = 16, 8, 8, 4, 3
	r := mustRun(t, c)
	r.Step(3)
	data, err := r.Save()
	if err != nil {
		t.Fatal(err)
	}
	c2, tk, m, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if c2 != c || !slices.Equal(m.Parameters().W, r.Model().Parameters().W) {
		t.Error("loaded run differs")
	}
	if got, want := m.Forward(tk.Val(), false), r.Evals()[len(r.Evals())-1].ValLoss; got != want {
		t.Errorf("val loss %v after loading, %v before", got, want)
	}
	for _, bad := range []string{`{}`, `nonsense`, strings.Replace(string(data), `"hidden":8`, `"hidden":9`, 1)} {
		if _, _, _, err := Load([]byte(bad)); err == nil {
			t.Errorf("Load(%.40q) accepted", bad)
		}
	}
}

// TestEvalAttention: an evaluation records the attention weights of validation example 0 when the net
// has attention (here an attention-pooling model put in place of the run's own).
func TestEvalAttention(t *testing.T) {
	c := small("gru")
	r := mustRun(t, c)
	m, err := nn.NewModel(nn.ModelConfig{Input: 2, Loss: nn.MSE, Layers: []nn.LayerConfig{
		{Type: "gru", Units: 8, ReturnSequences: true}, {Type: "attention", Score: "dot"}, {Type: "dense", Units: 1}}}, nn.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	r.net, r.opt = m, nn.NewOptimizer(c.Optimizer, m.Params)
	r.pre, r.good = make([]float64, m.Params.Len()), slices.Clone(m.Params.W)
	r.Step(5)
	a := r.Evals()[1].Attention
	if len(a) != 1 || len(a[0]) != 20 {
		t.Fatalf("attention %d rows", len(a))
	}
	var sum float64
	for _, w := range a[0] {
		sum += w
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("attention weights sum to %v", sum)
	}
	if r.Evals()[0].Attention == nil {
		t.Error("no attention at step 0")
	}
}

// The latest evaluation records the hidden states of validation example 0 from its own forward pass: a
// copy that later training steps do not overwrite; older evaluations drop them.
func TestEvalHidden(t *testing.T) {
	r := mustRun(t, small("gru"))
	r.Step(10) // evaluations at 0, 5 and 10: the last forward pass is the evaluation's
	want := hiddenStates(r.Model())
	r.Step(2) // two training steps overwrite the layer's states
	evs := r.Evals()
	last := evs[len(evs)-1]
	if last.Step != 10 || len(last.Hidden) != 20 || len(last.Hidden[0]) != 8 {
		t.Fatalf("evaluation at step %d has hidden states %d×?, want step 10 and 20×8", last.Step, len(last.Hidden))
	}
	for i := range want {
		for j := range want[i] {
			if want[i][j] != last.Hidden[i][j] {
				t.Fatalf("h[%d][%d] = %v, want %v", i, j, last.Hidden[i][j], want[i][j])
			}
		}
	}
	for _, e := range evs[:len(evs)-1] {
		if e.Hidden != nil {
			t.Errorf("evaluation at step %d kept its hidden states", e.Step)
		}
	}
}

// A run whose updates are skipped MaxSkips times in a row stops, saying why, with its weights as they were:
// a decayed kernel weight near the largest float64 saturates its gate (the loss stays finite, the weight's
// gradient is 0), and AdamW's decay (lr·wd = 10) would take it beyond, so every update is skipped.
func TestSkippedUpdatesStopTheRun(t *testing.T) {
	c := small("lstm")
	c.Optimizer = nn.OptimConfig{Name: "adamw", LR: 10, WeightDecay: 1}
	c.Steps = 100
	r := mustRun(t, c)
	ps := r.Model().Parameters()
	i := slices.IndexFunc(ps.List, func(p *nn.Param) bool { return p.Decay })
	ps.List[i].W[0] = 1e308
	w := slices.Clone(ps.W)
	n := r.Step(100)
	done, why := r.Done()
	if !done || n != MaxSkips || why.Step != MaxSkips || !strings.Contains(why.Reason, fmt.Sprintf("%d updates in a row skipped", MaxSkips)) ||
		!strings.Contains(why.Reason, nn.SkipOverflowed) {
		t.Fatalf("after %d steps: done %v, %+v", n, done, why)
	}
	for _, rec := range r.Records() {
		if rec.Skipped != nn.SkipOverflowed || !finite(rec.Loss) {
			t.Errorf("step %d: skipped %q, loss %v", rec.Step, rec.Skipped, rec.Loss)
		}
	}
	if !slices.Equal(ps.W, w) {
		t.Error("skipped updates changed the weights")
	}
}
