package app

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// sharePanel is "Share & save": the page's link (with the controls a classroom link hides), the model
// to a file or the browser's storage and back, and the records as CSV or JSON. What the buttons do is
// the page's (share.go), through On.
type sharePanel struct {
	app.Compo

	Lang string
	Hide []string // the controls the link hides
	On   shareEvents
}

// shareEvents are the share panel's callbacks (the page implements them).
type shareEvents interface {
	copyLink(ctx app.Context, e app.Event)
	saveModel(ctx app.Context, target string) // target: "file" or "browser"
	loadFile(ctx app.Context, e app.Event)    // e: the file input's change
	exportTFJS(ctx app.Context)               // the model as a TensorFlow.js LayersModel (tfjs.go)
	loadBrowser(ctx app.Context, e app.Event)
	exportRecords(ctx app.Context, format string) // format: "csv" or "json"
	setHide(ctx app.Context, hide []string)
}

func (s *sharePanel) Render() app.UI {
	return app.Section().ID("share").Class("card ctl").Aria("label", tr(s.Lang, "sec.share")).Body(
		app.H2().Text(tr(s.Lang, "sec.share")),
		app.Div().Class("fields").Body(
			app.Div().Class("buttons").Body(
				app.Button().ID("btn-link").Text(tr(s.Lang, "copy.link")).OnClick(func(ctx app.Context, e app.Event) { s.On.copyLink(ctx, e) }),
				app.Button().ID("btn-save-file").Text(tr(s.Lang, "save.file")).OnClick(func(ctx app.Context, e app.Event) { s.On.saveModel(ctx, "file") }),
				app.Button().ID("btn-save-tfjs").Text(tr(s.Lang, "save.tfjs")).OnClick(func(ctx app.Context, e app.Event) { s.On.exportTFJS(ctx) }),
				// The file input is hidden inside its label, which shows its focus (style.css). It takes a saved
				// run, or a TensorFlow.js model.json with its weight file(s), chosen together.
				app.Label().ID("btn-load-file").Class("button file-label").Body(
					app.Text(tr(s.Lang, "load.file")),
					app.Input().ID("file-load").Type("file").Multiple(true).Accept(".json,.bin,application/json,application/octet-stream").Class("visually-hidden").
						OnChange(func(ctx app.Context, e app.Event) { s.On.loadFile(ctx, e) }),
				),
				app.Button().ID("btn-save-browser").Text(tr(s.Lang, "save.browser")).OnClick(func(ctx app.Context, e app.Event) { s.On.saveModel(ctx, "browser") }),
				app.Button().ID("btn-load-browser").Text(tr(s.Lang, "load.browser")).OnClick(func(ctx app.Context, e app.Event) { s.On.loadBrowser(ctx, e) }),
				app.Button().ID("btn-csv").Text(tr(s.Lang, "export.csv")).OnClick(func(ctx app.Context, e app.Event) { s.On.exportRecords(ctx, "csv") }),
				app.Button().ID("btn-json").Text(tr(s.Lang, "export.json")).OnClick(func(ctx app.Context, e app.Event) { s.On.exportRecords(ctx, "json") }),
			),
			app.Details().Class("classroom").Body(
				app.Summary().Text(tr(s.Lang, "classroom")),
				app.Div().Class("checks").Body(
					app.Range(controlKeys).Slice(func(i int) app.UI {
						k := controlKeys[i]
						return app.Label().Class("check").Body(
							app.Input().Type("checkbox").ID("hide-"+k).Checked(slices.Contains(s.Hide, k)).OnChange(func(ctx app.Context, e app.Event) {
								hide := slices.DeleteFunc(slices.Clone(s.Hide), func(h string) bool { return h == k })
								if ctx.JSSrc().Get("checked").Bool() {
									hide = append(hide, k)
								}
								s.On.setHide(ctx, hide)
							}, app.EventScope("hide", k)),
							app.Text(tr(s.Lang, k)),
						)
					}),
				),
			),
		),
	)
}
