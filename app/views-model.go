package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/worker"
)

// The charts of the model itself: its recurrent matrix, hidden state, attention, and the task's view
// of its predictions.

// spectraCard: the spectral radius of every recurrent gate block over training.
func (p *playground) spectraCard() *chartCard {
	c := p.card("spectra")
	l := p.line("spectra", "y.spectra")
	dashes := []bool{false, true, false, true}
	for i, r := range p.runs {
		if len(r.evals) == 0 {
			continue
		}
		last := r.evals[len(r.evals)-1]
		cfg, _ := p.runConfig(i)
		for k, s := range last.Spectra {
			if len(p.runs) > 1 && s.Param != last.Spectra[0].Param {
				continue
			}
			x, y := evalSeries(r.evals, func(e worker.Eval) float64 {
				if k < len(e.Spectra) {
					return e.Spectra[k].Radius
				}
				return math.NaN()
			})
			gate := gateName(cfg.Model.Cell, s.Gate)
			var ser chart.Series
			if len(p.runs) == 1 {
				ser = chart.Series{Name: fmt.Sprintf("%s · %s", strings.TrimSuffix(s.Param, ".recurrent_kernel"), gate), Color: chart.Color(s.Gate % 4), X: x, Y: y}
			} else {
				ser = p.series(i, gate, x, y)
				ser.Dash = dashes[s.Gate%4]
			}
			ser.Width = 2
			l.Series = append(l.Series, ser)
		}
	}
	l.Rules = []chart.Rule{{Y: 1, Label: "ρ = 1", Color: chart.RuleColor}}
	c.Line = l
	return c
}

// gateName names gate block g of a cell's fused recurrent kernel.
func gateName(cell string, g int) string {
	names := cellKind(cell).Gates
	if g < len(names) {
		return names[g]
	}
	return fmt.Sprint(g)
}

// singularCard: the singular values of each model's first recurrent block, latest evaluation.
func (p *playground) singularCard() *chartCard {
	c := p.card("sv")
	l := p.line("sv", "y.sv")
	l.XLabel, l.MinXSpan = tr(p.lang, "x.k"), 0
	for i, r := range p.runs {
		if !r.hasLast || len(r.last.Spectra) == 0 {
			continue
		}
		s := r.last.Spectra[0]
		xs := make([]float64, len(s.Singular))
		for k := range xs {
			xs[k] = float64(k + 1)
		}
		cfg, _ := p.runConfig(i)
		ser := p.series(i, fmt.Sprintf("%s %s", strings.TrimSuffix(s.Param, ".recurrent_kernel"), gateName(cfg.Model.Cell, s.Gate)), xs, s.Singular)
		ser.Dots = true
		l.Series = append(l.Series, ser)
	}
	l.Rules = []chart.Rule{{Y: 1, Label: "σ = 1", Color: chart.RuleColor}}
	c.Line = l
	return c
}

// hiddenCard: the first model's hidden state over time for one validation example.
func (p *playground) hiddenCard() *chartCard {
	c := p.card("hidden")
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(0)
	}
	h := &chart.Heat{W: chartW, H: chartH, Diverging: true, Lo: -1, Hi: 1, XLabel: tr(p.lang, "x.t"), YLabel: tr(p.lang, "y.unit"),
		ZLabel: tr(p.lang, "z.hidden"), Empty: p.emptyText(), RowsTopTop: true}
	if len(p.set.Models) > 0 && p.set.Models[0].Attention != "" && len(p.runs) > 0 && p.runs[0].step > 0 {
		h.Empty = tr(p.lang, "no.hidden")
	}
	if len(p.runs) > 0 && p.runs[0].hasLast && len(p.runs[0].last.Hidden) > 0 {
		hs := p.runs[0].last.Hidden
		T, H := len(hs), len(hs[0])
		h.Rows, h.Cols = H, T
		h.V = make([]float64, H*T)
		for t := range T {
			for j := range H {
				h.V[j*T+t] = hs[t][j]
			}
		}
		h.X0, h.X1, h.Y0, h.Y1 = 1, float64(T), 1, float64(H)
	}
	c.Heat = h
	return c
}

// attnRun is the first run whose latest evaluation has attention weights, or -1.
func (p *playground) attnRun() int {
	for i, r := range p.runs {
		if r.hasLast && len(r.last.Attention) > 0 && len(r.last.Attention[0]) > 0 {
			return i
		}
	}
	return -1
}

// attentionCard: output step × input step weights of one validation example of run i (-1: the first
// run with attention).
func (p *playground) attentionCard(i int) *chartCard {
	if i < 0 {
		i = p.attnRun()
	}
	c := p.card("attn")
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(i)
	}
	a := p.runs[i].last.Attention
	R, C := len(a), len(a[0])
	h := &chart.Heat{W: chartW, H: chartH, Rows: R, Cols: C, Lo: 0, Hi: 1, XLabel: tr(p.lang, "x.in"), YLabel: tr(p.lang, "y.out"),
		ZLabel: tr(p.lang, "z.attn"), RowsTopTop: true, X0: 1, X1: float64(C), Y0: 1, Y1: float64(R)}
	h.V = make([]float64, R*C)
	for r := range R {
		copy(h.V[r*C:(r+1)*C], a[r])
	}
	c.Heat = h
	return c
}

// marksText names the marked steps of an example in the page's language ("" when none). The task's own
// one-line summary (Example.Text) is English, for the command line; the card already shows the target
// and the prediction above this line.
func (p *playground) marksText(marks []int) string {
	if len(marks) == 0 {
		return ""
	}
	steps := make([]string, len(marks))
	for i, t := range marks {
		steps[i] = strconv.Itoa(t + 1)
	}
	return tr(p.lang, "marks") + " (t): " + strings.Join(steps, ", ")
}

// taskCard: the task's own view of a few validation examples.
func (p *playground) taskCard() *chartCard {
	c := p.card("task")
	var ex []task.Example
	if len(p.runs) > 0 && p.runs[0].hasLast {
		ex = p.runs[0].last.Examples
	}
	v := &chart.Examples{W: chartW, H: chartH, Empty: p.emptyText(), Target: tr(p.lang, "target"), Predicted: tr(p.lang, "predicted")}
	for _, e := range ex {
		v.Rows = append(v.Rows, chart.ExampleRow{Inputs: e.Input, Tokens: e.Tokens, Marks: e.Marks, Target: e.Target, Predict: e.Pred, Text: p.marksText(e.Marks)})
	}
	c.Examples = v
	c.Legend = []legendItem{{tr(p.lang, "marks"), chart.MarkColor, false}}
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(0)
	}
	return c
}
