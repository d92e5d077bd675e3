package main

import (
	"math"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// maxPoints bounds each line of the charts: a run of any length keeps at most this many points of each.
const maxPoints = 2000

// follower reads one run as it trains: after each chunk of steps it takes the new records and
// evaluations, makes a line per evaluation, and keeps what the charts need, bounded whatever the length
// of the run (the run itself keeps only its recent records: train.RecordWindow).
type follower struct {
	name    string
	r       *train.Run
	rec, ev int          // the steps of the last record and evaluation read (ev -1: none yet)
	last    train.Record // the latest record
	n       int          // records since the previous evaluation,
	sum     float64      // their summed loss
	clipped int          // and how many were clipped
	hist    *train.History
	val     series // validation loss per evaluation
}

func newFollower(name string, r *train.Run) *follower {
	return &follower{name: name, r: r, ev: -1, hist: train.NewHistory(maxPoints), last: train.Record{Loss: math.NaN()}}
}

// read takes what is new since the last call and passes each new evaluation's line to emit, in step order.
func (f *follower) read(emit func(line) error) error {
	recs := f.r.RecordsSince(f.rec)
	for _, e := range f.r.EvalsSince(f.ev) {
		for len(recs) > 0 && recs[0].Step <= e.Step {
			f.add(recs[0])
			recs = recs[1:]
		}
		if err := emit(f.line(e)); err != nil {
			return err
		}
		f.n, f.sum, f.clipped, f.ev = 0, 0, 0, e.Step
		f.val.add(float64(e.Step), e.ValLoss)
	}
	for _, rec := range recs {
		f.add(rec)
	}
	return nil
}

func (f *follower) add(rec train.Record) {
	f.rec, f.last = rec.Step, rec
	f.n++
	f.sum += rec.Loss
	if rec.Clipped {
		f.clipped++
	}
	f.hist.Add(rec)
}

// line is evaluation e as -out writes it, with the record of its step and the means since the previous
// evaluation (null at step 0).
func (f *follower) line(e train.Eval) line {
	l := line{Run: f.name, Step: e.Step, ValLoss: jnum(e.ValLoss), ValMetric: jnum(e.ValMetric),
		Loss: jnum(math.NaN()), LossMean: jnum(math.NaN()), GradNorm: jnum(math.NaN()), PostNorm: jnum(math.NaN()),
		ClippedFrac: jnum(math.NaN()), LR: jnum(f.r.Config().Optimizer.LR), WallMS: jnum(math.NaN())}
	if len(e.DH) > 0 {
		l.DHNorms = e.DH[len(e.DH)-1]
	}
	if len(e.DC) > 0 && len(e.DC[len(e.DC)-1]) > 0 {
		l.DCNorms = e.DC[len(e.DC)-1]
	}
	l.GateMeans = e.GateMeans
	if e.Step == 0 || f.last.Step != e.Step || f.n == 0 {
		return l
	}
	rec := f.last
	l.Loss, l.GradNorm, l.PostNorm, l.Clipped = jnum(rec.Loss), jnum(rec.GradNorm), jnum(rec.PostNorm), rec.Clipped
	l.LR, l.WallMS, l.Skipped = jnum(rec.LR), jnum(rec.WallMS), rec.Skipped
	l.LossMean, l.ClippedFrac = jnum(f.sum/float64(f.n)), jnum(float64(f.clipped)/float64(f.n))
	return l
}

// series is a chart line of at most maxPoints points: past that it keeps every other point, and from then
// on every other new one (and so on, doubling).
type series struct {
	x, y        []float64
	every, seen int
}

func (s *series) add(x, y float64) {
	if s.every == 0 {
		s.every = 1
	}
	if s.seen%s.every == 0 {
		s.x, s.y = append(s.x, x), append(s.y, y)
	}
	s.seen++
	if len(s.x) > maxPoints {
		k := 0
		for i := 0; i < len(s.x); i += 2 {
			s.x[k], s.y[k] = s.x[i], s.y[i]
			k++
		}
		s.x, s.y = s.x[:k], s.y[:k]
		s.every *= 2
	}
}
