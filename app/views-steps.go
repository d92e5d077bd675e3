package app

import (
	"fmt"
	"sort"

	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/worker"
)

// The charts over training steps: loss, metric, gradient norm.

// lossCard: each run's training loss at every step and validation loss at each evaluation.
func (p *playground) lossCard() *chartCard {
	spec := p.taskSpec()
	c := p.card("loss")
	l := p.line("loss", "y.loss."+string(spec.Loss))
	if spec.Loss == "" {
		l.YLabel = tr(p.lang, "y.loss")
	}
	for i, r := range p.runs {
		recs := r.records
		step := func(k int) float64 { return float64(recs[k].Step) }
		xs, ys := chart.DownsampleFunc(len(recs), maxPoints, step, func(k int) float64 { return recs[k].Loss })
		s := p.series(i, tr(p.lang, "s.train"), xs, ys)
		s.Width = 1.5
		l.Series = append(l.Series, s)
		if len(recs) > 0 && recs[len(recs)-1].AuxLoss > 0 {
			ax, ay := chart.DownsampleFunc(len(recs), maxPoints, step, func(k int) float64 { return recs[k].AuxLoss })
			s := p.series(i, tr(p.lang, "s.aux"), ax, ay)
			s.Width, s.Dash = 1, true
			l.Series = append(l.Series, s)
		}
		vx, vy := evalSeries(r.evals, func(e worker.Eval) float64 { return e.ValLoss })
		s = p.series(i, tr(p.lang, "s.val"), vx, vy)
		s.Dash, s.Width = true, 2.5
		l.Series = append(l.Series, s)
	}
	if spec.Baseline > 0 {
		l.Rules = []chart.Rule{{Y: spec.Baseline, Label: fmt.Sprintf(tr(p.lang, "ref.chance"), chart.Label(spec.Baseline)), Color: chart.RuleColor}}
	}
	c.Line, c.LogToggle, c.LogDefault = l, true, true
	return c
}

func evalSeries(es []worker.Eval, f func(worker.Eval) float64) (xs, ys []float64) {
	for _, e := range es {
		xs, ys = append(xs, float64(e.Step)), append(ys, f(e))
	}
	return chart.Downsample(xs, ys, maxPoints)
}

// metricCard: each run's validation metric, titled with what it measures.
func (p *playground) metricCard() *chartCard {
	spec := p.taskSpec()
	c := p.card("metric")
	c.Title = joinNonEmpty(" — ", c.Title, tr(p.lang, spec.Metric))
	l := p.line("metric", "y.metric."+spec.Metric)
	if spec.Metric == "" {
		l.YLabel = tr(p.lang, "ch.metric")
	}
	for i, r := range p.runs {
		x, y := evalSeries(r.evals, func(e worker.Eval) float64 { return e.ValMetric })
		s := p.series(i, "", x, y)
		s.Width = 2.5
		l.Series = append(l.Series, s)
	}
	if spec.HigherIsBetter && spec.BaselineMetric >= 0 && spec.BaselineMetric <= 1 {
		l.YLo, l.YHi = 0, 1 // fractions
	}
	if spec.Name != "" {
		l.Rules = []chart.Rule{{Y: spec.BaselineMetric, Label: fmt.Sprintf(tr(p.lang, "ref.chance"), chart.Label(spec.BaselineMetric)), Color: chart.RuleColor}}
	}
	c.Line = l
	return c
}

// gradCard: each run's global gradient norm before clipping, and where it clips, the norm applied
// after clipping with the threshold; one run alone also shows each parameter group's norm.
func (p *playground) gradCard() *chartCard {
	c := p.card("grad")
	l := p.line("grad", "y.grad")
	l.LogY = true
	var notes []string
	thresholds := map[float64]bool{}
	for i, r := range p.runs {
		recs := r.records
		step := func(k int) float64 { return float64(recs[k].Step) }
		xs, ys := chart.DownsampleFunc(len(recs), maxPoints, step, func(k int) float64 { return recs[k].GradNorm })
		cfg, _ := p.runConfig(i)
		clips := cfg.Clip.Mode != "" && cfg.Clip.Mode != "off"
		what := tr(p.lang, "s.gnorm")
		if clips {
			what = tr(p.lang, "s.preclip")
		}
		s := p.series(i, what, xs, ys)
		s.Width = 1.2
		if len(p.runs) == 1 {
			s.Color = chart.Color(4)
		}
		l.Series = append(l.Series, s)
		if clips {
			px, py := chart.DownsampleFunc(len(recs), maxPoints, step, func(k int) float64 { return recs[k].PostNorm })
			s := p.series(i, tr(p.lang, "s.postclip"), px, py)
			s.Width, s.Dash = 2, true
			if len(p.runs) == 1 {
				s.Color = chart.Color(1)
			}
			l.Series = append(l.Series, s)
			if cfg.Clip.Mode == "norm" {
				thresholds[cfg.Clip.Threshold] = true
			}
			if len(recs) > 0 {
				notes = append(notes, fmt.Sprintf("%s %.1f%%", p.runName(i), 100*float64(r.clipped)/float64(r.nrec)))
			}
		}
	}
	if len(p.runs) == 1 {
		r := p.runs[0]
		var groups []string
		if len(r.evals) > 0 {
			for g := range r.evals[len(r.evals)-1].GroupNorms {
				groups = append(groups, g)
			}
		}
		sort.Strings(groups)
		for k, g := range groups {
			x, y := evalSeries(r.evals, func(e worker.Eval) float64 { return e.GroupNorms[g] })
			l.Series = append(l.Series, chart.Series{Name: g, Color: chart.Color([]int{0, 2, 3, 5, 6, 7}[k%6]), X: x, Y: y, Width: 2})
		}
	}
	var ts []float64
	for t := range thresholds {
		ts = append(ts, t)
	}
	sort.Float64s(ts)
	for _, t := range ts {
		l.Rules = append(l.Rules, chart.Rule{Y: t, Label: fmt.Sprintf(tr(p.lang, "ref.clip"), chart.Label(t)), Color: chart.ThresholdColor})
	}
	if len(notes) > 0 {
		c.Note = tr(p.lang, "clipped") + ": " + joinNonEmpty(" · ", notes...)
	}
	c.Line, c.LogToggle, c.LogDefault = l, true, true
	return c
}
