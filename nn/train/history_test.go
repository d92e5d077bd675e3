package train

import (
	"math"
	"testing"
)

// tiny is a run whose steps take microseconds, for long runs.
func tiny(steps, evalEvery int) Config {
	c := Default("adding")
	c.Task.T, c.Task.ValSize = 3, 4
	c.Model.Cell, c.Model.Hidden = "rnn", 2
	c.Batch, c.Steps, c.EvalEvery = 2, steps, evalEvery
	return c
}

// TestRunKeepsBoundedHistory: a run longer than its windows keeps the recent records and evaluations
// (and the first evaluation), no more, in a record slice that never grows; a streaming reader gets every
// step and evaluation in order. (Every record used to stay in memory: 0.6 KB a step.)
func TestRunKeepsBoundedHistory(t *testing.T) {
	const steps = 2*RecordWindow + 1000
	r := mustRun(t, tiny(steps, 7))
	rec, ev, evals := 0, -1, 0
	for r.Step(13) > 0 {
		for _, x := range r.RecordsSince(rec) {
			if x.Step != rec+1 {
				t.Fatalf("record of step %d after step %d", x.Step, rec)
			}
			rec = x.Step
		}
		for _, e := range r.EvalsSince(ev) {
			if e.Step <= ev || (e.Step%7 != 0 && e.Step != steps) {
				t.Fatalf("evaluation at step %d after %d", e.Step, ev)
			}
			ev, evals = e.Step, evals+1
		}
		if n := len(r.Records()); n > 2*RecordWindow || cap(r.Records()) > 2*RecordWindow {
			t.Fatalf("%d records kept (capacity %d) at step %d", n, cap(r.Records()), r.StepsDone())
		}
	}
	if rec != steps || evals != steps/7+2 {
		t.Errorf("read %d steps and %d evaluations, want %d and %d", rec, evals, steps, steps/7+2)
	}
	recs, evs := r.Records(), r.Evals()
	if len(recs) < RecordWindow || recs[len(recs)-1].Step != steps || len(evs) > 1+2*EvalWindow || len(evs) < EvalWindow || evs[0].Step != 0 || evs[len(evs)-1].Step != steps {
		t.Errorf("kept %d records (last step %d), %d evaluations (first %d, last %d)", len(recs), recs[len(recs)-1].Step, len(evs), evs[0].Step, evs[len(evs)-1].Step)
	}
	if got := r.RecordsSince(steps - 5); len(got) != 5 || got[0].Step != steps-4 {
		t.Errorf("RecordsSince(%d): %d records", steps-5, len(got))
	}
}

// TestHistory: a history of at most 100 records over 10,000 steps: the mean loss of each bucket, the largest
// gradient norm (a spike and a NaN stay visible), clipping if any step was, the counts of every step.
func TestHistory(t *testing.T) {
	h := NewHistory(100)
	for s := 1; s <= 10000; s++ {
		rec := Record{Step: s, Loss: float64(s), GradNorm: 1, Clipped: s == 5000}
		if s == 7777 {
			rec.GradNorm = 1e6
		}
		if s == 9999 {
			rec.GradNorm, rec.Skipped = math.NaN(), "gradient holds NaN"
		}
		h.Add(rec)
		if len(h.Records()) > 100 {
			t.Fatalf("%d records after %d steps", len(h.Records()), s)
		}
	}
	recs, k := h.Records(), h.Stride()
	if len(recs) < 50 || k != 128 || h.Steps() != 10000 || h.Clipped() != 1 || h.Skipped() != 1 {
		t.Fatalf("%d records, stride %d, steps %d clipped %d skipped %d", len(recs), k, h.Steps(), h.Clipped(), h.Skipped())
	}
	spike, nan, clipped := false, false, 0
	for i, r := range recs {
		first := i*k + 1
		last := min(first+k-1, 10000)
		if r.Step != last || math.Abs(r.Loss-float64(first+last)/2) > 1e-9 {
			t.Errorf("record %d: step %d loss %v, want step %d mean %v", i, r.Step, r.Loss, last, float64(first+last)/2)
		}
		spike = spike || r.GradNorm == 1e6
		nan = nan || (math.IsNaN(r.GradNorm) && r.Skipped != "")
		if r.Clipped {
			clipped++
		}
	}
	if !spike || !nan || clipped != 1 {
		t.Errorf("spike %v, NaN %v, %d clipped buckets", spike, nan, clipped)
	}
}
