package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// transport is the bar that runs the lesson: Play/Pause, Step, Reset, the speed, the page's status
// line and, per run, its step counter and what it is doing in plain words. On a phone it also opens
// the settings drawer. It re-renders with every progress message; it holds no state of its own.
type transport struct {
	app.Compo

	Lang    string
	CanRun  bool // the worker is ready and has not crashed
	Playing bool
	Speed   string // slow, normal or fast
	Step    int    // the furthest step of any run
	SPS     int    // training steps per second, all runs together
	Kind    string // the status line's tone: "", "ok" or "bad"
	Status  string // the page's status line: loading, errors, notices
	Runs    []runLine
	Drawer  bool // the settings drawer is open (phones)
	On      transportEvents
}

// runLine is one run as the transport shows it.
type runLine struct {
	Name, Color string
	Step        int
	Kind        string // "", "ok" or "bad"
	Status      string // plain words: "Training", "Finished: 600 steps", …
}

// transportEvents are the transport's callbacks (the page implements them).
type transportEvents interface {
	togglePlay(ctx app.Context)
	step(ctx app.Context)
	reset(ctx app.Context)
	setSpeed(ctx app.Context, speed string)
	toggleDrawer(ctx app.Context)
}

// speeds are the play loop's paces, slowest first (workerSpeed).
var speeds = []string{"slow", "normal", "fast"}

func (t *transport) Render() app.UI {
	playLabel := tr(t.Lang, "play")
	if t.Playing {
		playLabel = tr(t.Lang, "pause")
	}
	return app.Section().ID("transport").Class("transport").Aria("label", tr(t.Lang, "transport")).Body(
		app.Div().Class("buttons-row").Body(
			app.Button().ID("btn-play").Class("play").Aria("label", playLabel).Title(playLabel+" (Space)").
				Disabled(!t.CanRun).OnClick(func(ctx app.Context, e app.Event) { t.On.togglePlay(ctx) }).Body(
				app.If(t.Playing, func() app.UI {
					return app.Raw(`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><rect x="6" y="5" width="4" height="14" rx="1" fill="currentColor"/><rect x="14" y="5" width="4" height="14" rx="1" fill="currentColor"/></svg>`)
				}).Else(func() app.UI {
					return app.Raw(`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path d="M8 5v14l11-7z" fill="currentColor"/></svg>`)
				}),
			),
			app.Button().ID("btn-step").Title(tr(t.Lang, "step")+" (→)").
				Disabled(!t.CanRun).OnClick(func(ctx app.Context, e app.Event) { t.On.step(ctx) }).Text(tr(t.Lang, "step")+" ▸|"),
			app.Button().ID("btn-reset").Title(tr(t.Lang, "reset")+" (R)").
				OnClick(func(ctx app.Context, e app.Event) { t.On.reset(ctx) }).Text("↺ "+tr(t.Lang, "reset")),
			app.Label().Class("speed").Body(
				app.Span().Text(tr(t.Lang, "speed")),
				app.Select().ID("ctl-speed").Aria("label", tr(t.Lang, "speed")).OnChange(func(ctx app.Context, e app.Event) {
					t.On.setSpeed(ctx, ctx.JSSrc().Get("value").String())
				}).Body(app.Range(speeds).Slice(func(i int) app.UI {
					return app.Option().Value(speeds[i]).Selected(t.Speed == speeds[i]).Text(tr(t.Lang, "speed."+speeds[i]))
				})),
			),
			app.Button().ID("btn-settings").Class("drawer-toggle").Aria("expanded", strconv.FormatBool(t.Drawer)).
				Aria("controls", "settings").OnClick(func(ctx app.Context, e app.Event) { t.On.toggleDrawer(ctx) }).
				Text("⚙ "+tr(t.Lang, "settings")),
		),
		app.Div().Class("counter").Body(
			app.Span().Class("label").Text(tr(t.Lang, "steps")),
			app.Span().ID("step-count").Class("big").Text(t.Step),
		),
		app.Div().Class("counter").Body(
			app.Span().Class("label").Text(tr(t.Lang, "sps")),
			app.Span().ID("sps").Class("big").Text(t.SPS),
		),
		app.Div().Class("statuses").Body(
			app.Div().ID("status").Class("status "+t.Kind).Title(t.Status).Role("status").Aria("live", "polite").Text(t.Status),
			app.If(len(t.Runs) > 0, func() app.UI {
				return app.Ul().ID("run-status").Class("run-status").Aria("label", tr(t.Lang, "runs")).Body(
					app.Range(t.Runs).Slice(func(i int) app.UI {
						r := t.Runs[i]
						return app.Li().ID("run-"+strconv.Itoa(i)).Class("run "+r.Kind).Title(r.Name+": "+r.Status).Style("--c", r.Color).DataSet("step", r.Step).Body(
							app.Span().Class("swatch-dot").Aria("hidden", "true"),
							app.If(len(t.Runs) > 1, func() app.UI { return app.Span().Class("run-name").Text(r.Name) }),
							app.If(len(t.Runs) > 1, func() app.UI {
								return app.Span().Class("run-step").Text(tr(t.Lang, "steps") + " " + strconv.Itoa(r.Step))
							}),
							app.Span().Class("run-text").Text(r.Status),
						)
					}),
				)
			}),
		),
	)
}
