package app

import (
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

func TestRunDataThinsAndResets(t *testing.T) {
	var r runData
	for i := 0; i < 3*maxEvals; i++ {
		e := worker.Eval{Eval: train.Eval{Step: i, Hidden: [][]float64{{1}}}}
		r.apply(worker.RunUpdate{Step: i, Records: []worker.Record{{Step: i, Clipped: i%2 == 0}}, Evals: []worker.Eval{e}})
	}
	if len(r.evals) > maxEvals || len(r.evals) < maxEvals/2 {
		t.Errorf("%d evaluations kept, want about %d", len(r.evals), maxEvals)
	}
	if r.evals[0].Step != 0 || r.evals[len(r.evals)-1].Step != 3*maxEvals-1 {
		t.Errorf("thinning lost the ends: %d … %d", r.evals[0].Step, r.evals[len(r.evals)-1].Step)
	}
	if r.evals[5].Hidden != nil || r.last.Hidden == nil {
		t.Error("only the latest evaluation should keep its per-example views")
	}
	if len(r.records) != 3*maxEvals || r.clipped != 3*maxEvals/2 {
		t.Errorf("records %d clipped %d", len(r.records), r.clipped)
	}
	r.apply(worker.RunUpdate{Reset: true})
	if len(r.records) != 0 || len(r.evals) != 0 || r.hasLast || r.clipped != 0 {
		t.Error("reset kept data")
	}
}

// The page, fed a real run's messages, builds every chart with something drawn.
func TestCardsFromARun(t *testing.T) {
	p, _ := trainedPage(t, 80)
	if got := p.runs[0].step; got != 80 {
		t.Fatalf("step %d", got)
	}
	for _, c := range p.cards() {
		c.build()
		if c.svg == "" || !(contains(c.svg, "<polyline") || contains(c.svg, "<image") || contains(c.svg, "<rect x=")) {
			t.Errorf("%s: nothing drawn", c.ID)
		}
	}
	// Unchanged state: the same cards (by their chart pointers), nothing rebuilt.
	a, b := p.cards(), p.cards()
	for i := range a {
		if a[i].Line != b[i].Line || a[i].Heat != b[i].Heat || a[i].Examples != b[i].Examples {
			t.Errorf("%s rebuilt without a change", a[i].ID)
		}
	}
}

func contains(s, sub string) bool { return len(s) >= len(sub) && (len(sub) == 0 || index(s, sub) >= 0) }

func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestRunDataBounded: a long run's records stay within maxRecords (they grew by 64 bytes a step), with
// the counts, the first and the latest record exact.
func TestRunDataBounded(t *testing.T) {
	var r runData
	const steps = 100_000
	for s := 1; s <= steps; s += 10 {
		u := worker.RunUpdate{Step: s + 9}
		for k := s; k < s+10; k++ {
			u.Records = append(u.Records, worker.Record{Step: k, Loss: float64(k), Clipped: k%4 == 0})
		}
		r.apply(u)
		if len(r.records) > maxRecords {
			t.Fatalf("%d records kept at step %d", len(r.records), s+9)
		}
	}
	if r.nrec != steps || r.clipped != steps/4 || r.first.Step != 1 || r.latest.Step != steps || len(r.records) < maxRecords/2 {
		t.Errorf("%d received, %d clipped, first %d latest %d, %d kept", r.nrec, r.clipped, r.first.Step, r.latest.Step, len(r.records))
	}
	if last := r.records[len(r.records)-1]; last.Step != steps {
		t.Errorf("last kept record is of step %d", last.Step)
	}
}
