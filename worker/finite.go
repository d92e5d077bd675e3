package worker

import (
	"math"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// JSON has no NaN or infinity, and a diverged run produces them. Records with a non-finite loss or
// gradient norm are not sent (the run's stop reason says what happened); in evaluations, non-finite
// numbers become ±math.MaxFloat64, which the page's charts treat as off the scale.

func finiteRecord(r Record) bool {
	return finite(r.Loss) && finite(r.GradNorm) && finite(r.PostNorm) && finite(r.AuxLoss)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v float64) float64 {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 1):
		return math.MaxFloat64
	case math.IsInf(v, -1):
		return -math.MaxFloat64
	}
	return v
}

func clampAll(vs []float64) {
	for i, v := range vs {
		vs[i] = clamp(v)
	}
}

func clamp2(vs [][]float64) {
	for _, v := range vs {
		clampAll(v)
	}
}

// sanitize makes e encodable: it is a copy, so the run's own evaluations are left as they are.
func sanitize(e *Eval) {
	e.ValLoss, e.ValMetric = clamp(e.ValLoss), clamp(e.ValMetric)
	e.DH, e.DC = clone2(e.DH), clone2(e.DC)
	clamp2(e.DH)
	clamp2(e.DC)
	e.Hidden = clone2(e.Hidden)
	clamp2(e.Hidden)
	e.Attention = clone2(e.Attention)
	e.Gates = append([]train.GateStats(nil), e.Gates...)
	if e.GateMeans != nil {
		m := make(map[string][]float64, len(e.GateMeans))
		for g, v := range e.GateMeans {
			m[g] = clone(v)
			clampAll(m[g])
		}
		e.GateMeans = m
	}
	e.Spectra = append([]nn.Spectrum(nil), e.Spectra...)
	e.Examples = append([]task.Example(nil), e.Examples...)
	clamp2(e.Attention)
	for i := range e.Gates {
		g := e.Gates[i]
		g.Mean, g.Low, g.High = clone(g.Mean), clone(g.Low), clone(g.High)
		clampAll(g.Mean)
		clampAll(g.Low)
		clampAll(g.High)
		e.Gates[i] = g
	}
	for i := range e.Spectra {
		s := e.Spectra[i]
		s.Singular = clone(s.Singular)
		clampAll(s.Singular)
		s.Radius = clamp(s.Radius)
		e.Spectra[i] = s
	}
	norms := make(map[string]float64, len(e.GroupNorms))
	for k, v := range e.GroupNorms {
		norms[k] = clamp(v)
	}
	e.GroupNorms = norms
	for i := range e.Examples {
		x := e.Examples[i]
		x.Input, x.Probs = clone2(x.Input), clone2(x.Probs)
		clamp2(x.Input)
		clamp2(x.Probs)
		e.Examples[i] = x
	}
}

func clone(v []float64) []float64 { return append([]float64(nil), v...) }

func clone2(v [][]float64) [][]float64 {
	if v == nil {
		return nil
	}
	out := make([][]float64, len(v))
	for i := range v {
		out[i] = clone(v[i])
	}
	return out
}
