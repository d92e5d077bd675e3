package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/worker"
)

// A chart's size before its card has measured its width (prerendering, tests); then the card lays it
// out at its own width (chartHeight).
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

// cards returns every chart card for the current runs, as the charts table declares them. A card is
// rebuilt only when what it shows has changed (new records, a new evaluation, the settings or the
// language); otherwise the previous one is returned as is, which go-app recognises as unchanged without
// comparing its data. A render rebuilds the changed cards, the longest-waiting first, for at most
// buildBudget (at least one), so that no frame takes long (except after a language switch: all at
// once); p.stale says that some wait for the next render.
func (p *playground) cards() []*chartCard {
	spec := p.taskSpec()
	base := p.lang + "|" + spec.Name + "|" + p.set.query().Encode() + "|" + p.xp.id + "|" + strconv.Itoa(int(p.stage()))
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
	var reqs []cardReq
	for _, d := range charts {
		key := evals
		if d.Steps {
			key = recs
		}
		runs := []int{-1}
		if d.Runs != nil {
			runs = d.Runs(p)
		}
		for _, i := range runs {
			id := strings.TrimPrefix(chartElemID(d.ID, i), "chart-")
			reqs = append(reqs, cardReq{id, key, func() *chartCard {
				c := d.Build(p, i)
				c.ID = chartElemID(d.ID, i)
				if c.Line != nil {
					c.Line.Bands = p.markBands(c.ID)
				}
				return c
			}})
		}
	}
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
	// A language switch is one click: every card changes language in that frame, not one per render;
	// so does Play (or Pause before any step) for the empty charts' text.
	switched := p.memoLang != p.lang || p.memoStage != p.stage()
	p.memoLang, p.memoStage = p.lang, p.stage()
	built := 0
	now := time.Now()
	budget := now.Add(buildBudget)
	for _, i := range stale {
		r := reqs[i]
		m, ok := p.memo[r.id]
		if ok && !switched && p.playing && now.Sub(m.at) < p.rebuildEvery(r.id) {
			continue // the next progress message (every ~200 ms) brings it round again
		}
		if ok && !switched && built > 0 && !time.Now().Before(budget) {
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

// minRebuild is the shortest time between two rebuilds of one card while training: a chart redraws at
// most about four times a second, which is smooth to watch and keeps the page's garbage (and so its
// collections) low.
const minRebuild = 250 * time.Millisecond

// awayRebuild is the shortest time between two rebuilds of a card out of view while training (behind
// "more views", or half a screen or more away): its chart and text alternative stay a few seconds
// fresh at most, and a phone, which shows one or two cards at a time, draws only those often.
const awayRebuild = 2 * time.Second

// rebuildEvery is the shortest time between two rebuilds of card id while training: minRebuild if it
// is in view, or if the page has no word of any card (prerendered, tests, no IntersectionObserver);
// awayRebuild if it is out of view or not on the page (behind "more views", or not watched yet).
func (p *playground) rebuildEvery(id string) time.Duration {
	if in, known := p.seen["chart-"+id]; in || (!known && len(p.seen) == 0) {
		return minRebuild
	}
	return awayRebuild
}

// inView records whether the card with element id is in view (the grid's observer says).
func (p *playground) inView(id string, in bool) {
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[id] = in
}

// buildBudget is the time a render spends rebuilding changed cards' charts (cards; drawing them as SVG
// in OnUpdate takes about as long again). A card takes 0.02–0.13 ms natively, a few times that as wasm,
// so one render usually rebuilds all the cards a progress message changed. Rebuilding one card per
// render, as the page did before, rendered the whole page four to five times per message (make
// bench-pool: 18.7 renders and 12.8 layouts a second with one worker, against 4.2 and 5.1 now).
var buildBudget = 4 * time.Millisecond

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

// card is a new card of chart id (see charts) with its title.
func (p *playground) card(id string) *chartCard {
	return &chartCard{ID: chartElemID(id, -1), Title: tr(p.lang, chartTitleKey(id)), Lang: p.lang}
}

// line is a line chart over training steps titled yKey.
func (p *playground) line(id, yKey string) *chart.Line {
	return &chart.Line{ID: id, W: chartW, H: chartH, XLabel: tr(p.lang, "x.step"), YLabel: tr(p.lang, yKey), Empty: p.emptyText(), MinXSpan: 10}
}

// series is run i's series of what, named "model · what" (or just the model when what is empty).
func (p *playground) series(i int, what string, x, y []float64) chart.Series {
	return chart.Series{Name: joinNonEmpty(" · ", p.runName(i), what), Color: runColor(i), X: x, Y: y, Width: 2}
}

// runConfig is what run i trains: the active experiment's run, or the controls' model i.
func (p *playground) runConfig(i int) (worker.Config, bool) {
	cs := p.set.configs()
	if e, ok := p.experiment(); ok {
		cs = e.Configs(p.xp.T)
	}
	if i < 0 || i >= len(cs) {
		return worker.Config{}, false
	}
	return cs[i], true
}

// markBands are the x ranges the active experiment's marks ask to watch on card id.
func (p *playground) markBands(id string) []chart.Band {
	e, ok := p.experiment()
	if !ok {
		return nil
	}
	var out []chart.Band
	for _, m := range e.Marks {
		if m.To > m.From && markCard(e, m) == id {
			out = append(out, chart.Band{From: m.From, To: m.To})
		}
	}
	return out
}

// emptyText is what a chart with nothing to draw says: before training, press Play; while the first
// evaluation is on its way, that it comes; after it, that there is nothing finite to draw (a run that
// diverged at once).
func (p *playground) emptyText() string {
	switch p.stage() {
	case stageEvaluated:
		return tr(p.lang, "no.values")
	case stageTraining:
		return tr(p.lang, "no.data.yet")
	}
	return tr(p.lang, "no.data")
}

// stage is how far the runs have come, as the empty charts tell it.
type stage int

const (
	stageIdle      stage = iota // nothing trained and not playing
	stageTraining               // playing or trained, no evaluation yet
	stageEvaluated              // a run has trained and been evaluated
)

func (p *playground) stage() stage {
	at := stageIdle
	for _, r := range p.runs {
		switch {
		case r.step > 0 && len(r.evals) > 0:
			return stageEvaluated
		case r.step > 0 || p.playing:
			at = stageTraining
		}
	}
	return at
}

// taskSpec is the task's description as the worker reported it (zero before the first report).
func (p *playground) taskSpec() task.Spec {
	if len(p.runs) > 0 && p.runs[0].spec != nil {
		return *p.runs[0].spec
	}
	return task.Spec{}
}
