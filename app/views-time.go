package app

import (
	"fmt"
	"math"

	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/worker"
)

// The charts over the time steps of a sequence: the gradient reaching each step, the gates.

// dhCard: ‖∂L/∂h_t‖ against t at the latest evaluation, for every run and recurrent layer, and for an
// LSTM ‖∂L/∂c_t‖ beside it (dashed): the LSTM carries its memory in c_t.
func (p *playground) dhCard() *chartCard {
	c := p.card("dh")
	l := p.line("dh", "y.dh")
	l.XLabel, l.MinXSpan = tr(p.lang, "x.t"), 0
	for i, r := range p.runs {
		if !r.hasLast {
			continue
		}
		add := func(norms [][]float64, what string, dash bool) {
			for k, v := range norms {
				if len(v) == 0 { // a layer without a cell state has no ‖∂L/∂c_t‖
					continue
				}
				xs := make([]float64, len(v))
				for t := range v {
					xs[t] = float64(t + 1)
				}
				name := what
				if len(norms) > 1 && k < len(r.last.Layers) {
					name += " " + r.last.Layers[k]
				}
				s := p.series(i, name, xs, v)
				s.Width, s.Dots, s.Dash = 2.5-float64(k)*0.7, len(v) <= 40, dash
				l.Series = append(l.Series, s)
			}
		}
		add(r.last.DH, "‖∂L/∂hₜ‖", false)
		add(r.last.DC, "‖∂L/∂cₜ‖", true)
	}
	c.Line, c.LogToggle, c.LogDefault = l, true, true
	return c
}

// gradHeat is run i's gradient norms of the first recurrent layer over training (norms(e)[0][t] of
// each evaluation): t up, training step across.
func (p *playground) gradHeat(id string, i int, zKey string, norms func(worker.Eval) [][]float64) *chartCard {
	c := p.card(id)
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(i)
	}
	h := &chart.Heat{W: chartW, H: chartH, Log: true, XLabel: tr(p.lang, "x.step"), YLabel: tr(p.lang, "x.t"), ZLabel: tr(p.lang, zKey), Empty: p.emptyText()}
	var es []worker.Eval
	for _, e := range p.runs[i].evals {
		if n := norms(e); len(n) > 0 && len(n[0]) > 0 {
			es = append(es, e)
		}
	}
	if n := len(es); n > 0 {
		T := len(norms(es[n-1])[0])
		cols := min(n, maxCols)
		h.Rows, h.Cols = T, cols
		h.V = make([]float64, T*cols)
		for col := 0; col < cols; col++ {
			v := norms(es[col*n/cols])[0]
			for t := 0; t < T && t < len(v); t++ {
				h.V[t*cols+col] = v[t]
			}
		}
		h.X0, h.X1 = float64(es[0].Step), float64(es[n-1].Step)
		h.Y0, h.Y1 = 1, float64(T)
	}
	c.Heat = h
	return c
}

// dhHeatCard: run i's ‖∂L/∂h_t‖ over training.
func (p *playground) dhHeatCard(i int) *chartCard {
	return p.gradHeat("dhheat", i, "z.dh", func(e worker.Eval) [][]float64 { return e.DH })
}

// dcHeatCard: an LSTM run's ‖∂L/∂c_t‖ over training, beside its ‖∂L/∂h_t‖.
func (p *playground) dcHeatCard(i int) *chartCard {
	return p.gradHeat("dcheat", i, "z.dc", func(e worker.Eval) [][]float64 { return e.DC })
}

// gatesCard: the mean activation of each gate over time, first model, first recurrent layer.
func (p *playground) gatesCard() *chartCard {
	c := p.card("gates")
	l := p.line("gates", "y.gate")
	l.XLabel, l.YLo, l.YHi, l.MinXSpan = tr(p.lang, "x.t"), 0, 1, 0
	if len(p.runs) > 0 && p.runs[0].hasLast {
		if len(p.runs[0].last.Gates) == 0 || len(p.runs[0].last.Gates[0].Gates) == 0 {
			l.Empty = tr(p.lang, "no.gates")
		} else {
			g := p.runs[0].last.Gates[0]
			for k, name := range g.Gates {
				if (k+1)*g.T > len(g.Mean) {
					break
				}
				xs := make([]float64, g.T)
				for t := range xs {
					xs[t] = float64(t + 1)
				}
				l.Series = append(l.Series, chart.Series{Name: gateLabel(p.lang, name), Color: chart.Color(k), X: xs, Y: g.Mean[k*g.T : (k+1)*g.T], Width: 2.5})
			}
		}
	}
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(0)
	}
	c.Line = l
	return c
}

// gateLabel names a gate for a legend: "forget gate f".
func gateLabel(lang, g string) string {
	if w := tr(lang, "gate."+g); w != "gate."+g {
		return w
	}
	return fmt.Sprintf("%s %s", tr(lang, "gate"), g)
}

// carryGates are the gates that keep a cell's memory when they open (→ 1): the LSTM's forget gate
// (c_t = f ⊙ c_{t-1} + …) and the GRU's update gate (h_t = z ⊙ h_{t-1} + …).
var carryGates = []string{"f", "z"}

// gatesTimeCard: each run's forget or update gate mean (first recurrent layer) over training: a gated
// cell learns to open its carry path, a plain RNN has none.
func (p *playground) gatesTimeCard() *chartCard {
	c := p.card("gates-time")
	l := p.line("gates-time", "y.carry")
	l.YLo, l.YHi = 0, 1
	for i, r := range p.runs {
		for _, g := range carryGates {
			if len(r.last.GateMeans[g]) == 0 {
				continue
			}
			x, y := evalSeries(r.evals, func(e worker.Eval) float64 {
				if v := e.GateMeans[g]; len(v) > 0 {
					return v[0]
				}
				return math.NaN()
			})
			s := p.series(i, gateLabel(p.lang, g), x, y)
			s.Width = 2.5
			l.Series = append(l.Series, s)
		}
	}
	if len(l.Series) == 0 && len(p.runs) > 0 && p.runs[0].hasLast {
		l.Empty = tr(p.lang, "no.gates")
	}
	c.Line = l
	return c
}
