package app

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
	"github.com/rnn-playground/rnn-playground/worker"
)

// expState is the guided experiment the page shows (see package experiment): its id and lag, and the
// settings it put in place — once the user changes a control the page leaves the experiment and trains
// the controls' settings again.
type expState struct {
	id      string
	e       experiment.Experiment
	T       int
	set     settings // a copy of what the experiment set p.set to
	gallery bool     // the gallery is open
}

// experiment returns the active experiment, if any.
func (p *playground) experiment() (experiment.Experiment, bool) {
	if p.xp.id == "" || !reflect.DeepEqual(p.set, p.xp.set) {
		return experiment.Experiment{}, false
	}
	return p.xp.e, true
}

// runConfigs is what the worker trains: the active experiment's runs, or the controls' settings.
func (p *playground) runConfigs() []worker.Config {
	if e, ok := p.experiment(); ok {
		return e.Configs(p.xp.T)
	}
	p.xp.id = ""
	return p.set.configs()
}

// experimentFromURL opens the experiment ?experiment=ID (and &T=lag) names; a bad id or lag is reported
// with the URL's other problems.
func (p *playground) experimentFromURL(q url.Values) {
	id := q.Get("experiment")
	if id == "" {
		return
	}
	e, err := experiment.ByID(id)
	if err != nil {
		p.problems = append(p.problems, "experiment: "+err.Error())
		return
	}
	T := 0
	if s := q.Get("T"); s != "" && len(e.Ts) > 0 {
		if v, err := strconv.Atoi(s); err == nil && slices.Contains(e.Ts, v) {
			T = v
		} else {
			p.problems = append(p.problems, fmt.Sprintf("T: %s is not one of this experiment's lags %v", s, e.Ts))
		}
	}
	p.setExperiment(e, T)
}

// setExperiment makes e (at lag T, 0 for its default) the page's runs and settings.
func (p *playground) setExperiment(e experiment.Experiment, T int) {
	if T == 0 {
		T = e.DefaultT()
	}
	cfgs := e.Configs(T)
	s := settings{Cfg: cfgs[0]}
	for _, c := range cfgs {
		s.Models = append(s.Models, c.Model)
	}
	p.set = s
	p.xp = expState{id: e.ID, e: e, T: T, set: s.clone()}
}

// openExperiment loads e at lag T, writes its URL and, with run, starts training it at once.
func (p *playground) openExperiment(ctx app.Context, e experiment.Experiment, T int, run bool) {
	p.setExperiment(e, T)
	u := *ctx.Page().URL()
	q := url.Values{"experiment": {e.ID}}
	if len(e.Ts) > 0 && p.xp.T != e.DefaultT() {
		q.Set("T", strconv.Itoa(p.xp.T))
	}
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
	p.reset(ctx)
	if run && p.ready && p.crashed == "" {
		p.send(worker.Command{Op: "play"})
		p.playing = true
	}
}

// xpRunName is the active experiment's label for run i.
func (p *playground) xpRunName(i int) (string, bool) {
	e, ok := p.experiment()
	if !ok || i >= len(e.Runs) {
		return "", false
	}
	return e.Runs[i].Label, true
}

// markCard is the id of the chart card a mark points at: the chart's, or for the attention of a run
// after the first, that run's own heatmap (xpAttnCards).
func markCard(e experiment.Experiment, m experiment.Mark) string {
	if m.Chart == experiment.ChartAttn {
		for i, r := range e.Runs {
			if i > 0 && r.Label == m.Run {
				return chartElemID(string(m.Chart), i)
			}
		}
	}
	return chartElemID(string(m.Chart), -1)
}

// xpMark puts the captions of the active experiment's marks on the chart card they point at.
func (p *playground) xpMark(c *chartCard) *chartCard {
	e, ok := p.experiment()
	if !ok {
		return c
	}
	var notes []string
	for i, m := range e.Marks {
		if markCard(e, m) == c.ID {
			notes = append(notes, fmt.Sprintf("%s %s", markBadge(i), m.Caption.In(p.lang)))
			c.Badge += markBadge(i)
		}
	}
	if len(notes) > 0 {
		c.Note = strings.Join(notes, "  ")
	}
	return c
}

func markBadge(i int) string { return string(rune('①' + i)) }

// experimentUI is the gallery and the active experiment's explanation.
func (p *playground) experimentUI() app.UI {
	e, active := p.experiment()
	all := experiment.All()
	open := p.xp.gallery
	return app.Section().ID("experiments").Class("card experiments").Aria("label", tr(p.lang, "xp.gallery")).Body(
		app.Div().Class("card-head").Body(
			app.H2().Text(tr(p.lang, "xp.gallery")),
			app.Button().ID("btn-gallery").Class("mini").Aria("expanded", strconv.FormatBool(open)).
				Text(map[bool]string{true: "▴", false: "▾"}[open]+" "+tr(p.lang, "xp.browse")).
				OnClick(func(ctx app.Context, ev app.Event) { p.xp.gallery = !p.xp.gallery }),
		),
		app.If(open, func() app.UI {
			return app.Div().ID("gallery").Class("gallery").Body(app.Range(all).Slice(func(i int) app.UI {
				x := all[i]
				cls := "xp-tile"
				if active && x.ID == e.ID {
					cls += " on"
				}
				return app.Button().ID("xp-"+x.ID).Class(cls).OnClick(func(ctx app.Context, ev app.Event) {
					p.xp.gallery = false
					p.openExperiment(ctx, x, 0, true)
				}).Body(
					app.Span().Class("xp-n").Text(strconv.Itoa(i+1)),
					app.Strong().Text(x.Title.In(p.lang)),
					app.Span().Class("xp-sum").Text(x.Summary.In(p.lang)),
				)
			}))
		}),
		app.If(active, func() app.UI { return p.experimentDetail(e) }),
		app.Raw("<style>"+xpStyle+markStyle(e, active)+"</style>"),
	)
}

func (p *playground) experimentDetail(e experiment.Experiment) app.UI {
	paras := strings.Split(e.Explain.In(p.lang), "\n\n")
	return app.Div().ID("experiment").Class("xp").DataSet("id", e.ID).DataSet("t", p.xp.T).Body(
		app.H3().ID("xp-title").Text(e.Title.In(p.lang)),
		app.P().Class("xp-topic").Text(tr(p.lang, "xp.topic")+": "+e.Topic.In(p.lang)),
		app.Pre().ID("xp-eq").Class("xp-eq").Text(e.Equation),
		app.Div().ID("xp-explain").Body(app.Range(paras).Slice(func(i int) app.UI { return app.P().Text(paras[i]) })),
		app.If(len(e.Ts) > 0, func() app.UI {
			return app.Div().Class("xp-ts").Role("group").Aria("label", "T").Body(
				app.Span().Text(tr(p.lang, "xp.lag")),
				app.Range(e.Ts).Slice(func(i int) app.UI {
					T := e.Ts[i]
					return app.Button().ID(fmt.Sprintf("xp-T-%d", T)).Class("mini").Aria("pressed", strconv.FormatBool(T == p.xp.T)).
						Text(fmt.Sprintf("T = %d", T)).OnClick(func(ctx app.Context, ev app.Event) { p.openExperiment(ctx, e, T, true) })
				}),
			)
		}),
		app.Button().ID("btn-xp-run").Class("xp-run").Text("▶ "+tr(p.lang, "xp.run")).Disabled(!p.ready || p.crashed != "").
			OnClick(func(ctx app.Context, ev app.Event) { p.openExperiment(ctx, e, p.xp.T, true) }),
		app.H4().Text(tr(p.lang, "xp.watch")),
		app.Ol().ID("xp-marks").Class("xp-marks").Body(app.Range(e.Marks).Slice(func(i int) app.UI {
			m := e.Marks[i]
			who := ""
			if m.Run != "" {
				who = " — " + m.Run
			}
			return app.Li().DataSet("chart", string(m.Chart)).Text(fmt.Sprintf("%s %s%s: %s", markBadge(i), tr(p.lang, "xp.chart."+string(m.Chart)), who, m.Caption.In(p.lang)))
		})),
	)
}

// markStyle outlines the chart cards the marks point at (the card shows the marks' numbers by its title).
func markStyle(e experiment.Experiment, active bool) string {
	var b strings.Builder
	if !active {
		return ""
	}
	seen := map[string]bool{}
	for _, m := range e.Marks {
		c := markCard(e, m)
		if seen[c] {
			continue
		}
		seen[c] = true
		id := "#" + c
		fmt.Fprintf(&b, "%s{outline:3px solid #f59e0b;outline-offset:2px}%s .note{color:#92400e;font-weight:600}", id, id)
	}
	return b.String()
}

const xpStyle = `.experiments{margin:0 1rem 1rem;padding:.75rem 1rem}
.experiments .card-head{display:flex;align-items:center;gap:1rem}
.experiments h2{font-size:1.05rem;margin:0}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.5rem;margin-top:.6rem}
.xp-tile{display:flex;flex-direction:column;align-items:flex-start;gap:.2rem;text-align:left;padding:.5rem .7rem;border:1px solid #cbd5e1;border-radius:8px;background:#fff;cursor:pointer}
.xp-tile:hover,.xp-tile.on{border-color:#f59e0b;background:#fffbeb}
.xp-n{font-size:.75rem;color:#64748b}.xp-sum{font-size:.85rem;color:#334155}
.xp h3{margin:.6rem 0 .2rem}.xp-topic{margin:0;color:#64748b;font-size:.85rem}
.xp-eq{background:#f1f5f9;padding:.4rem .6rem;border-radius:6px;white-space:pre-wrap;font-size:.9rem}
.xp-ts{display:flex;gap:.4rem;align-items:center;margin:.4rem 0}
.xp-ts button[aria-pressed=true]{background:#f59e0b;color:#fff}
.xp-run{margin:.4rem 0;padding:.4rem 1rem;font-weight:600}
.xp h4{margin:.5rem 0 .2rem}.xp-marks{margin:0;padding-left:1.2rem;list-style:none}`
