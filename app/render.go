package app

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Render composes the page from its parts: the header, the transport (transport.go), the experiment
// card (experiment-card.go), the settings and "share & save" (settings-panel.go, share-panel.go; a
// drawer on narrow screens) and the chart grid (chart-grid.go). It only reads the state.
func (p *playground) Render() app.UI {
	e, active := p.experiment()
	return p.root().Body(
		app.A().ID("skip").Class("skip").Href("#charts").Text(tr(p.lang, "skip")).OnClick(p.skipToCharts),
		p.header(),
		p.transportBar(),
		app.If(len(p.problems) > 0, func() app.UI {
			return app.Div().Class("banner").Role("alert").Text(tr(p.lang, "bad.url") + ": " + joinNonEmpty("; ", p.problems...))
		}),
		app.Div().Class("layout").Body(
			p.sideColumn(),
			app.Main().ID("main").Class("main").Body(
				&chartGrid{Lang: p.lang, Rev: p.gen, Marked: p.markedCards(), Src: p},
			),
		),
		app.Raw("<style>"+markStyle(e, active)+"</style>"),
		app.Footer().Class("foot").Body(
			app.P().Text(tr(p.lang, "shortcuts")),
		),
	)
}

// root is the page's element, its data attributes telling the browser tests what state the page is in:
// mounted, the worker's state, playing, the step, the number of runs and the first run's first and last
// validation loss.
func (p *playground) root() app.HTMLDiv {
	mounted := "no"
	if p.mounted {
		mounted = "wasm"
	}
	worker := "starting"
	switch {
	case p.crashed != "":
		worker = "crashed"
	case p.ready:
		worker = "ready"
	}
	first, last := "", ""
	if len(p.runs) > 0 {
		if r := p.runs[0]; len(r.evals) > 0 {
			first, last = ftoa(r.evals[0].ValLoss), ftoa(r.evals[len(r.evals)-1].ValLoss)
		}
	}
	return app.Div().ID("playground").Class("pg").Lang(p.lang).
		DataSet("mounted", mounted).DataSet("worker", worker).DataSet("helped", p.helped).DataSet("playing", strconv.FormatBool(p.playing)).
		DataSet("step", p.maxStep()).DataSet("runs", len(p.runs)).DataSet("val-first", first).DataSet("val-last", last)
}

// header: the title and the language switch.
func (p *playground) header() app.UI {
	return app.Header().Class("top").Body(
		app.Div().Class("brand").Body(
			app.Img().Src("/web/icon.svg").Alt(tr(p.lang, "logo.alt")).Class("logo").Width(36).Height(36),
			app.Div().Body(
				app.H1().Text(tr(p.lang, "title")),
				app.P().Class("sub").Text(tr(p.lang, "subtitle")),
			),
		),
		app.Button().ID("btn-lang").Class("lang").Lang(map[string]string{"en": "zh", "zh": "en"}[p.lang]).
			Title(tr(p.lang, "lang.name")).Text(tr(p.lang, "lang")).
			OnClick(func(ctx app.Context, e app.Event) {
				if p.lang == "zh" {
					p.setLang(ctx, "en")
				} else {
					p.setLang(ctx, "zh")
				}
			}),
	)
}

// transportBar is the bar of play, step and reset, the speed and the run's status.
func (p *playground) transportBar() app.UI {
	kind, status := p.status()
	var runs []runLine
	if len(p.runs) > 1 {
		runs = p.runLines()
	}
	return &transport{Lang: p.lang, CanRun: p.ready && p.crashed == "", Playing: p.playing, Speed: p.speed,
		Step: p.maxStep(), SPS: int(math.Round(p.sps)), Kind: kind, Status: status, Runs: runs, Drawer: p.drawer, On: p}
}

// sideColumn is the side column: the experiment card, then the settings and "share & save" in a drawer
// (open or closed on a narrow screen).
func (p *playground) sideColumn() app.UI {
	xpID := ""
	if e, ok := p.experiment(); ok {
		xpID = e.ID
	}
	describe, describeLang := describeTask(p.lang, p.taskSpec())
	drawer := "side"
	if p.drawer {
		drawer += " open"
	}
	return app.Aside().ID("settings").Class(drawer).Aria("label", tr(p.lang, "settings")).Body(
		&experimentCard{Lang: p.lang, ID: xpID, T: p.xp.T, On: p},
		app.Div().ID("drawer").Class("drawer").Body(
			app.Div().Class("drawer-head").Body(
				app.H2().Text(tr(p.lang, "settings")),
				app.Button().ID("btn-drawer-close").Class("mini").Text("✕ "+tr(p.lang, "close")).
					OnClick(func(ctx app.Context, e app.Event) { p.toggleDrawer(ctx) }),
			),
			&settingsPanel{Lang: p.lang, Set: p.set.clone(), Hide: p.viewHide, Describe: describe, DescribeLang: describeLang,
				Text: p.text, Differ: p.runDiff(), On: p},
			&sharePanel{Lang: p.lang, Hide: p.set.Hide, On: p},
		),
	)
}

// skipToCharts moves the focus to the charts (the skip link), past the header and the settings.
func (p *playground) skipToCharts(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if el := app.Window().GetElementByID("charts"); el.Truthy() {
		el.Call("focus")
		el.Call("scrollIntoView")
	}
}
