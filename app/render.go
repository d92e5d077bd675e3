package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Render draws the page. It only reads the state.
func (p *playground) Render() app.UI {
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
	kind, status := p.status()
	step, first, last := 0, "", ""
	if len(p.runs) > 0 {
		r := p.runs[0]
		step = r.step
		if len(r.evals) > 0 {
			first, last = ftoa(r.evals[0].ValLoss), ftoa(r.evals[len(r.evals)-1].ValLoss)
		}
	}
	playLabel := tr(p.lang, "play")
	if p.playing {
		playLabel = tr(p.lang, "pause")
	}
	return app.Div().ID("playground").Class("pg").Lang(p.lang).
		DataSet("mounted", mounted).DataSet("worker", worker).DataSet("playing", strconv.FormatBool(p.playing)).
		DataSet("step", step).DataSet("runs", len(p.runs)).DataSet("val-first", first).DataSet("val-last", last).Body(
		app.Header().Class("top").Body(
			app.Div().Class("brand").Body(
				app.Img().Src("/web/icon.svg").Alt("").Class("logo"),
				app.Div().Body(
					app.H1().Text(tr(p.lang, "title")),
					app.P().Class("sub").Text(tr(p.lang, "subtitle")),
				),
			),
			app.Button().ID("btn-lang").Class("lang").Aria("label", tr(p.lang, "lang.name")).Text(tr(p.lang, "lang")).
				OnClick(func(ctx app.Context, e app.Event) {
					if p.lang == "zh" {
						p.setLang(ctx, "en")
					} else {
						p.setLang(ctx, "zh")
					}
				}),
		),
		app.Div().Class("transport").Role("toolbar").Aria("label", "transport").Body(
			app.Button().ID("btn-play").Class("play").Aria("label", playLabel).Title(playLabel+" (Space)").
				Disabled(!p.ready || p.crashed != "").OnClick(func(ctx app.Context, e app.Event) { p.togglePlay(ctx) }).Body(
				app.If(p.playing, func() app.UI {
					return app.Raw(`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><rect x="6" y="5" width="4" height="14" rx="1" fill="currentColor"/><rect x="14" y="5" width="4" height="14" rx="1" fill="currentColor"/></svg>`)
				}).Else(func() app.UI {
					return app.Raw(`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path d="M8 5v14l11-7z" fill="currentColor"/></svg>`)
				}),
			),
			app.Button().ID("btn-step").Aria("label", tr(p.lang, "step")).Title(tr(p.lang, "step")+" (→)").
				Disabled(!p.ready || p.crashed != "").OnClick(func(ctx app.Context, e app.Event) { p.step(ctx) }).Text(tr(p.lang, "step")+" ▸|"),
			app.Button().ID("btn-reset").Aria("label", tr(p.lang, "reset")).Title(tr(p.lang, "reset")+" (R)").
				OnClick(func(ctx app.Context, e app.Event) { p.reset(ctx) }).Text("↺ "+tr(p.lang, "reset")),
			app.Label().Class("speed").For("ctl-speed").Text(tr(p.lang, "speed")),
			app.Select().ID("ctl-speed").Aria("label", tr(p.lang, "speed")).OnChange(func(ctx app.Context, e app.Event) {
				p.speed = ctx.JSSrc().Get("value").String()
				p.send(workerSpeed(p.speed))
			}).Body(
				app.Option().Value("slow").Selected(p.speed == "slow").Text(tr(p.lang, "speed.slow")),
				app.Option().Value("normal").Selected(p.speed == "normal").Text(tr(p.lang, "speed.normal")),
				app.Option().Value("fast").Selected(p.speed == "fast").Text(tr(p.lang, "speed.fast")),
			),
			app.Div().Class("counter").Body(
				app.Span().Class("label").Text(tr(p.lang, "steps")),
				app.Span().ID("step-count").Class("big").Text(step),
			),
			app.Div().Class("counter").Body(
				app.Span().Class("label").Text(tr(p.lang, "sps")),
				app.Span().ID("sps").Class("big").Text(fmt.Sprintf("%.0f", p.sps)),
			),
			app.Div().ID("status").Class("status "+kind).Role("status").Aria("live", "polite").Text(status),
		),
		app.If(len(p.problems) > 0, func() app.UI {
			return app.Div().Class("banner").Role("alert").Text(tr(p.lang, "bad.url") + ": " + joinNonEmpty("; ", p.problems...))
		}),
		p.experimentUI(),
		app.Main().Class("main").Body(
			&controlPanel{P: p, Set: p.set.clone(), Lang: p.lang, Runs: len(p.runs), Task: p.taskSpec().Describe},
			p.views(),
		),
		app.Footer().Class("foot").Body(
			app.Span().Text(tr(p.lang, "shortcuts")),
		),
	)
}
