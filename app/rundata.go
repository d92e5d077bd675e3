package app

import (
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// runData is what the page has received about one run, bounded whatever the run's length: the steps'
// records, downsampled past maxRecords (train.History: means of the loss, the largest gradient norms),
// and the periodic evaluations (thinned when they grow long; the heavy per-example views only on the
// latest).
type runData struct {
	hist    *train.History
	records []worker.Record // hist.Records(): the charts' and the exports' records
	first   worker.Record   // the first step's record, as it was
	latest  worker.Record   // the last step's record, as it was
	nrec    int             // records received
	evals   []worker.Eval
	last    worker.Eval // the latest evaluation, complete
	hasLast bool
	step    int
	clipped int
	done    bool
	reason  string
	spec    *task.Spec
	// the language model's latest generated text (worker.RunUpdate)
	prime, sample string
	sampleStep    int
}

// crash marks the run stopped by its worker's crash (the other workers' runs go on).
func (r *runData) crash(err string) {
	if !r.done {
		r.done, r.reason = true, "crashed: "+firstLine(err)
	}
}

// maxEvals bounds the evaluations kept per run: beyond it every other old one is dropped.
const maxEvals = 800

// maxRecords bounds the records kept per run (64 bytes each): beyond it neighbours merge in pairs.
const maxRecords = 4000

// apply adds an update from the worker.
func (r *runData) apply(u worker.RunUpdate) {
	if u.Reset {
		*r = runData{spec: u.Spec}
	}
	if r.hist == nil {
		r.hist = train.NewHistory(maxRecords)
	}
	for _, rec := range u.Records {
		if r.nrec == 0 {
			r.first = rec
		}
		r.nrec++
		if rec.Clipped {
			r.clipped++
		}
		r.hist.Add(rec)
		r.latest = rec
	}
	r.records = r.hist.Records()
	for _, e := range u.Evals {
		r.last, r.hasLast = e, true
		e.Hidden, e.Examples, e.Attention, e.Gates = nil, nil, nil, nil // DC stays, as DH: the heatmaps over training draw them
		r.evals = append(r.evals, e)
	}
	if len(r.evals) > maxEvals {
		kept := r.evals[:0]
		for i, e := range r.evals {
			if i%2 == 0 || i == len(r.evals)-1 {
				kept = append(kept, e)
			}
		}
		r.evals = kept
	}
	r.step = max(r.step, u.Step)
	if u.Sample != "" {
		r.prime, r.sample, r.sampleStep = u.Prime, u.Sample, r.step
	}
	r.done, r.reason = u.Done, u.Reason
}
