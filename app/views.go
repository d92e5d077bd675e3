package app

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/worker"
)

// Chart sizes in SVG units; the page scales them to the card.
const (
	chartW, chartH = 560, 240
	maxPoints      = 500 // per series after downsampling
	maxCols        = 240 // heatmap columns over training
)

// views returns the live views for the current runs, each with its element id; the chart grid
// (chart-grid.go) places them.
func (p *playground) views() []view {
	cards := p.cards()
	vs := make([]view, 0, len(cards)+1)
	for _, c := range cards {
		vs = append(vs, view{c.ID, p.xpMark(c)})
		if c.ID == "chart-task" { // the language model's generated text belongs to the task's view
			vs = append(vs, view{"sample-card", p.sampleView()})
		}
	}
	return vs
}

// cards returns every chart card for the current runs. A card is rebuilt only when what it shows has
// changed (new records, a new evaluation, the settings or the language); otherwise the previous one is
// returned as is, which go-app recognises as unchanged without comparing its data. At most maxBuilds
// cards are rebuilt per render, the longest-waiting first, so that no frame takes long; p.stale says
// that some wait for the next render.
func (p *playground) cards() []*chartCard {
	spec := p.taskSpec()
	base := p.lang + "|" + spec.Name + "|" + p.set.query().Encode()
	var nrec, neval int
	for _, r := range p.runs {
		nrec += r.nrec
		neval += len(r.evals)
		if r.hasLast {
			neval += r.last.Step << 20
		}
	}
	recs := fmt.Sprintf("%s|r%d|e%d|n%d", base, nrec, neval, len(p.runs))
	evals := fmt.Sprintf("%s|e%d|n%d", base, neval, len(p.runs))
	reqs := []cardReq{
		{"loss", recs, func() *chartCard { return p.lossCard(spec) }},
		{"metric", evals, func() *chartCard { return p.metricCard(spec) }},
		{"grad", recs, p.gradCard},
		{"dh", evals, p.dhCard},
	}
	for i := range p.runs {
		reqs = append(reqs, cardReq{fmt.Sprint("dhheat", i), evals, func() *chartCard { return p.dhHeatCard(i) }})
	}
	reqs = append(reqs,
		cardReq{"spectra", evals, p.spectraCard},
		cardReq{"sv", evals, p.singularCard},
		cardReq{"gates", evals, p.gatesCard},
		cardReq{"hidden", evals, p.hiddenCard},
		cardReq{"task", evals, p.taskCard},
	)
	if p.attnRun() >= 0 {
		reqs = append(reqs, cardReq{"attn", evals, p.attentionCard})
	}
	reqs = append(reqs, p.xpAttnCards(evals)...)
	if p.memo == nil {
		p.memo = map[string]memo{}
	}
	// Stale cards, longest-waiting first; a card never built is built now whatever the budget.
	var stale []int
	for i, r := range reqs {
		if m, ok := p.memo[r.id]; !ok || m.key != r.key {
			stale = append(stale, i)
		}
	}
	sort.SliceStable(stale, func(a, b int) bool { return p.memo[reqs[stale[a]].id].gen < p.memo[reqs[stale[b]].id].gen })
	p.gen++
	p.stale = false
	built := 0
	now := time.Now()
	for _, i := range stale {
		r := reqs[i]
		m, ok := p.memo[r.id]
		if ok && p.playing && now.Sub(m.at) < minRebuild {
			continue // the next progress message (every ~200 ms) brings it round again
		}
		if ok && built >= maxBuilds {
			p.stale = true // kick renders again shortly
			continue
		}
		p.memo[r.id] = memo{key: r.key, card: r.build(), gen: p.gen, at: now}
		if ok {
			built++
		}
	}
	if p.stale && p.mounted {
		p.ctx.Defer(p.kick) // after this frame: render again for the waiting cards
	}
	cards := make([]*chartCard, len(reqs))
	for i, r := range reqs {
		cards[i] = p.memo[r.id].card.props()
	}
	return cards
}

// maxBuilds is the number of changed chart cards rebuilt in one render, and minRebuild the shortest
// time between two rebuilds of one card while training: a chart redraws at most about four times a
// second, which is smooth to watch and keeps the page's garbage (and so its collections) low.
const (
	maxBuilds  = 1
	minRebuild = 250 * time.Millisecond
)

type cardReq struct {
	id, key string
	build   func() *chartCard
}

type memo struct {
	key  string
	card *chartCard
	gen  int       // the render that built it
	at   time.Time // when
}

// kick renders again shortly while some cards wait for a rebuild (see cards).
func (p *playground) kick(ctx app.Context) {
	if p.stale && !p.kicked {
		p.kicked = true
		ctx.After(30*time.Millisecond, func(ctx app.Context) {
			p.kicked = false
			ctx.Defer(p.kick)
		})
	}
}

func (p *playground) runName(i int) string {
	if name, ok := p.xpRunName(i); ok {
		return name
	}
	if i < len(p.set.Models) {
		m := p.set.Models[i]
		name := tr(p.lang, "cell."+m.Cell)
		if len(p.set.Models) > 1 {
			return fmt.Sprintf("%d · %s %d", i+1, name, m.Hidden)
		}
		return name
	}
	return fmt.Sprintf("%s %d", tr(p.lang, "model"), i+1)
}

func (p *playground) card(id, title string) *chartCard {
	return &chartCard{ID: id, Title: title, Lang: p.lang}
}

func (p *playground) line(id string) *chart.Line {
	return &chart.Line{ID: id, W: chartW, H: chartH, XLabel: tr(p.lang, "x.step"), Empty: p.emptyText(), MinXSpan: 10}
}

// emptyText is what a chart with nothing to draw says: before training, press Play; after, that there
// is nothing finite to draw (a run that diverged at once).
func (p *playground) emptyText() string {
	for _, r := range p.runs {
		if r.step > 0 {
			return tr(p.lang, "no.values")
		}
	}
	return tr(p.lang, "no.data")
}

// taskSpec is the task's description as the worker reported it (zero before the first report).
func (p *playground) taskSpec() task.Spec {
	if len(p.runs) > 0 && p.runs[0].spec != nil {
		return *p.runs[0].spec
	}
	return task.Spec{}
}

func (p *playground) lossCard(spec task.Spec) *chartCard {
	c := p.card("chart-loss", tr(p.lang, "ch.loss"))
	l := p.line("loss")
	for i, r := range p.runs {
		recs := r.records
		xs, ys := chart.DownsampleFunc(len(recs), maxPoints, func(k int) float64 { return float64(recs[k].Step) }, func(k int) float64 { return recs[k].Loss })
		l.Series = append(l.Series, chart.Series{Name: p.runName(i) + " " + tr(p.lang, "train"), Color: runColor(i), X: xs, Y: ys, Width: 1.5})
		if len(recs) > 0 && recs[len(recs)-1].AuxLoss > 0 {
			ax, ay := chart.DownsampleFunc(len(recs), maxPoints, func(k int) float64 { return float64(recs[k].Step) }, func(k int) float64 { return recs[k].AuxLoss })
			l.Series = append(l.Series, chart.Series{Name: p.runName(i) + " " + tr(p.lang, "ch.aux"), Color: runColor(i), X: ax, Y: ay, Width: 1, Dash: true})
			c.Legend = append(c.Legend, legendItem{tr(p.lang, "ch.aux"), runColor(i), true})
		}
		vx, vy := evalSeries(r.evals, func(e worker.Eval) float64 { return e.ValLoss })
		l.Series = append(l.Series, chart.Series{Name: p.runName(i) + " " + tr(p.lang, "val"), Color: runColor(i), X: vx, Y: vy, Dash: true, Width: 2.5})
		c.Legend = append(c.Legend, legendItem{p.runName(i) + " " + tr(p.lang, "train"), runColor(i), false}, legendItem{tr(p.lang, "val"), runColor(i), true})
	}
	if spec.Baseline > 0 {
		l.Rules = []chart.Rule{{Y: spec.Baseline, Label: tr(p.lang, "baseline"), Color: "#6b7280"}}
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

func (p *playground) metricCard(spec task.Spec) *chartCard {
	c := p.card("chart-metric", joinNonEmpty(" — ", tr(p.lang, "ch.metric"), tr(p.lang, spec.Metric)))
	l := p.line("metric")
	for i, r := range p.runs {
		x, y := evalSeries(r.evals, func(e worker.Eval) float64 { return e.ValMetric })
		l.Series = append(l.Series, chart.Series{Name: p.runName(i), Color: runColor(i), X: x, Y: y, Width: 2.5})
		c.Legend = append(c.Legend, legendItem{p.runName(i), runColor(i), false})
	}
	if spec.HigherIsBetter && spec.BaselineMetric >= 0 && spec.BaselineMetric <= 1 {
		l.YLo, l.YHi = 0, 1 // accuracies
	}
	if spec.Name != "" {
		l.Rules = []chart.Rule{{Y: spec.BaselineMetric, Label: tr(p.lang, "baseline"), Color: "#6b7280"}}
	}
	c.Line = l
	return c
}

// gradCard: one model — the global norm and each parameter group; compare — each model's global norm.
func (p *playground) gradCard() *chartCard {
	c := p.card("chart-grad", tr(p.lang, "ch.grad"))
	l := p.line("grad")
	l.LogY = true
	palette := []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}
	var notes []string
	for i, r := range p.runs {
		recs := r.records
		xs, ys := chart.DownsampleFunc(len(recs), maxPoints, func(k int) float64 { return float64(recs[k].Step) }, func(k int) float64 { return recs[k].GradNorm })
		name := p.runName(i) + " ‖g‖"
		col := runColor(i)
		if len(p.runs) == 1 {
			col = "#111827"
		}
		l.Series = append(l.Series, chart.Series{Name: name, Color: col, X: xs, Y: ys, Width: 1.2})
		c.Legend = append(c.Legend, legendItem{name, col, false})
		if r.nrec > 0 {
			notes = append(notes, fmt.Sprintf("%s %.1f%%", p.runName(i), 100*float64(r.clipped)/float64(r.nrec)))
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
			col := palette[(k+1)%len(palette)]
			l.Series = append(l.Series, chart.Series{Name: g, Color: col, X: x, Y: y, Width: 2})
			c.Legend = append(c.Legend, legendItem{g, col, false})
		}
	}
	if cl := p.set.Cfg.Clip; cl.Mode == "norm" {
		l.Rules = []chart.Rule{{Y: cl.Threshold, Label: tr(p.lang, "threshold"), Color: "#dc2626"}}
	}
	if len(notes) > 0 && p.set.Cfg.Clip.Mode != "off" && p.set.Cfg.Clip.Mode != "" {
		c.Note = tr(p.lang, "clipped") + ": " + joinNonEmpty(" · ", notes...)
	}
	c.Line, c.LogToggle, c.LogDefault = l, true, true
	return c
}

// dhCard: ‖∂L/∂h_t‖ against t at the latest evaluation, for every run and recurrent layer.
func (p *playground) dhCard() *chartCard {
	c := p.card("chart-dh", tr(p.lang, "ch.dh"))
	l := p.line("dh")
	l.XLabel, l.MinXSpan = tr(p.lang, "x.t"), 0
	for i, r := range p.runs {
		if !r.hasLast {
			continue
		}
		for k, dh := range r.last.DH {
			xs := make([]float64, len(dh))
			for t := range dh {
				xs[t] = float64(t + 1)
			}
			name := p.runName(i)
			if len(r.last.DH) > 1 {
				name += " " + r.last.Layers[k]
			}
			l.Series = append(l.Series, chart.Series{Name: name, Color: runColor(i), X: xs, Y: dh, Width: 2.5 - float64(k)*0.7, Dots: len(dh) <= 40})
			c.Legend = append(c.Legend, legendItem{name, runColor(i), false})
		}
	}
	c.Line, c.LogToggle, c.LogDefault = l, true, true
	return c
}

// dhHeatCard: run i's ‖∂L/∂h_t‖ of the first recurrent layer over training: t up, training step across.
func (p *playground) dhHeatCard(i int) *chartCard {
	title := tr(p.lang, "ch.dhheat")
	if len(p.runs) > 1 {
		title += " — " + p.runName(i)
	}
	c := p.card(fmt.Sprintf("chart-dhheat-%d", i), title)
	h := &chart.Heat{W: chartW, H: chartH, Log: true, XLabel: tr(p.lang, "x.step"), YLabel: "t", Empty: p.emptyText()}
	var es []worker.Eval
	for _, e := range p.runs[i].evals {
		if len(e.DH) > 0 && len(e.DH[0]) > 0 {
			es = append(es, e)
		}
	}
	if n := len(es); n > 0 {
		T := len(es[n-1].DH[0])
		cols := min(n, maxCols)
		h.Rows, h.Cols = T, cols
		h.V = make([]float64, T*cols)
		for col := 0; col < cols; col++ {
			e := es[col*n/cols]
			for t := 0; t < T && t < len(e.DH[0]); t++ {
				h.V[t*cols+col] = e.DH[0][t]
			}
		}
		h.X0, h.X1 = float64(es[0].Step), float64(es[n-1].Step)
		h.Y0, h.Y1 = 1, float64(T)
	}
	c.Heat = h
	return c
}

// spectraCard: the spectral radius of every recurrent gate block over training.
func (p *playground) spectraCard() *chartCard {
	c := p.card("chart-spectra", tr(p.lang, "ch.spec"))
	l := p.line("spectra")
	dashes := []bool{false, true, false, true}
	for i, r := range p.runs {
		if len(r.evals) == 0 {
			continue
		}
		last := r.evals[len(r.evals)-1]
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
			cell := p.set.Models[min(i, len(p.set.Models)-1)].Cell
			name := fmt.Sprintf("%s · %s", p.runName(i), gateName(cell, s.Gate))
			if len(p.runs) == 1 {
				name = fmt.Sprintf("%s · %s", strings.TrimSuffix(s.Param, ".recurrent_kernel"), gateName(cell, s.Gate))
			}
			col := runColor(i)
			if len(p.runs) == 1 {
				col = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7"}[s.Gate%4]
			}
			l.Series = append(l.Series, chart.Series{Name: name, Color: col, X: x, Y: y, Width: 2, Dash: len(p.runs) > 1 && dashes[s.Gate%4]})
			c.Legend = append(c.Legend, legendItem{name, col, len(p.runs) > 1 && dashes[s.Gate%4]})
		}
	}
	l.Rules = []chart.Rule{{Y: 1, Label: "ρ = 1", Color: "#6b7280"}}
	c.Line = l
	return c
}

// gateName names gate block g of a cell's fused recurrent kernel.
func gateName(cell string, g int) string {
	names := map[string][]string{"lstm": {"i", "f", "c", "o"}, "gru": {"z", "r", "h"}, "rnn": {"h"}}[cell]
	if g < len(names) {
		return names[g]
	}
	return fmt.Sprint(g)
}

// singularCard: the singular values of each model's first recurrent block, latest evaluation.
func (p *playground) singularCard() *chartCard {
	c := p.card("chart-sv", tr(p.lang, "ch.sv"))
	l := p.line("sv")
	l.XLabel, l.MinXSpan = "k", 0
	for i, r := range p.runs {
		if !r.hasLast || len(r.last.Spectra) == 0 {
			continue
		}
		s := r.last.Spectra[0]
		xs := make([]float64, len(s.Singular))
		for k := range xs {
			xs[k] = float64(k + 1)
		}
		l.Series = append(l.Series, chart.Series{Name: p.runName(i), Color: runColor(i), X: xs, Y: s.Singular, Dots: true})
		c.Legend = append(c.Legend, legendItem{fmt.Sprintf("%s · %s %s", p.runName(i), strings.TrimSuffix(s.Param, ".recurrent_kernel"), gateName(p.set.Models[min(i, len(p.set.Models)-1)].Cell, s.Gate)), runColor(i), false})
	}
	l.Rules = []chart.Rule{{Y: 1, Label: "σ = 1", Color: "#6b7280"}}
	c.Line = l
	return c
}

// gatesCard: the mean activation of each gate over time, first model, first recurrent layer.
func (p *playground) gatesCard() *chartCard {
	c := p.card("chart-gates", tr(p.lang, "ch.gates"))
	l := p.line("gates")
	l.XLabel, l.YLo, l.YHi, l.MinXSpan = tr(p.lang, "x.t"), 0, 1, 0
	if len(p.runs) > 0 && p.runs[0].hasLast {
		if len(p.runs[0].last.Gates) == 0 || len(p.runs[0].last.Gates[0].Gates) == 0 {
			l.Empty = tr(p.lang, "no.gates")
		} else {
			g := p.runs[0].last.Gates[0]
			cols := []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7"}
			for k, name := range g.Gates {
				if (k+1)*g.T > len(g.Mean) {
					break
				}
				xs := make([]float64, g.T)
				for t := range xs {
					xs[t] = float64(t + 1)
				}
				l.Series = append(l.Series, chart.Series{Name: name, Color: cols[k%4], X: xs, Y: g.Mean[k*g.T : (k+1)*g.T], Width: 2.5})
				c.Legend = append(c.Legend, legendItem{tr(p.lang, "gate") + " " + name, cols[k%4], false})
			}
		}
	}
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(0)
	}
	c.Line = l
	return c
}

// hiddenCard: the first model's hidden state over time for one validation example.
func (p *playground) hiddenCard() *chartCard {
	title := tr(p.lang, "ch.hidden")
	if len(p.runs) > 1 {
		title += " — " + p.runName(0)
	}
	c := p.card("chart-hidden", title)
	h := &chart.Heat{W: chartW, H: chartH, Diverging: true, Lo: -1, Hi: 1, XLabel: "t", YLabel: tr(p.lang, "y.unit"), Empty: p.emptyText(), RowsTopTop: true}
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

// attentionCard: output step × input step weights of one validation example, first model with attention.
func (p *playground) attentionCard() *chartCard {
	i := p.attnRun()
	title := tr(p.lang, "ch.attn")
	if len(p.runs) > 1 {
		title += " — " + p.runName(i)
	}
	c := p.card("chart-attn", title)
	a := p.runs[i].last.Attention
	R, C := len(a), len(a[0])
	h := &chart.Heat{W: chartW, H: chartH, Rows: R, Cols: C, Lo: 0, Hi: 1, XLabel: "input t", YLabel: "output t", RowsTopTop: true,
		X0: 1, X1: float64(C), Y0: 1, Y1: float64(R)}
	h.V = make([]float64, R*C)
	for r := range R {
		copy(h.V[r*C:(r+1)*C], a[r])
	}
	c.Heat = h
	return c
}

// taskCard: the task's own view of a few validation examples.
func (p *playground) taskCard() *chartCard {
	c := p.card("chart-task", tr(p.lang, "ch.task"))
	var ex []task.Example
	if len(p.runs) > 0 && p.runs[0].hasLast {
		ex = p.runs[0].last.Examples
	}
	v := &chart.Examples{W: chartW, H: chartH, Empty: p.emptyText(), Target: tr(p.lang, "target"), Predicted: tr(p.lang, "predicted")}
	for _, e := range ex {
		v.Rows = append(v.Rows, chart.ExampleRow{Inputs: e.Input, Tokens: e.Tokens, Marks: e.Marks, Target: e.Target, Predict: e.Pred, Text: e.Text})
	}
	c.Examples = v
	c.Legend = []legendItem{{tr(p.lang, "marks"), "#D55E00", false}}
	if len(p.runs) > 1 {
		c.Title += " — " + p.runName(0)
	}
	return c
}
