package app

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// settingsPanel is the settings: data, model (or the models compared) and training (controls.go), and,
// when the runs differ in more than the model (a guided experiment), a table of how they differ. It
// edits a copy of the page's settings and hands every change back through On; go-app re-renders it
// only when its inputs change, not with every progress message.
type settingsPanel struct {
	app.Compo

	Lang         string
	Set          settings
	Hide         []string // controls hidden on this page (the classroom link it was opened with)
	Describe     string   // the task's description, once the worker has reported it
	DescribeLang string   // the description's language ("en" where no translation exists)
	Text         string   // the user's text for the language model (text-lm.go)
	Differ       runDiff  // how the runs differ, when they do beyond the model
	On           settingsEvents
}

// settingsEvents are the settings panel's callbacks (the page implements them).
type settingsEvents interface {
	// setSettings applies new settings; live says that only the learning rate, clipping or weight
	// decay changed, which the runs take without restarting.
	setSettings(ctx app.Context, s settings, live bool)
	// textField is the language model's text box (text-lm.go), shown with the charlm task.
	textField() app.UI
}

func (c *settingsPanel) Render() app.UI {
	return app.Div().ID("controls").Class("controls").Body(
		append([]app.UI{c.differTable()}, c.controls()...)...,
	)
}

// changed hands the edited settings to the page.
func (c *settingsPanel) changed(ctx app.Context, live bool) {
	c.On.setSettings(ctx, c.Set.clone(), live)
}

// varies reports whether the runs differ in the setting key (its control then shows the first run's).
func (c *settingsPanel) varies(key string) bool {
	return slices.ContainsFunc(c.Differ.Rows, func(r diffRow) bool { return r.Key == key })
}

// differTable shows, per run, the settings in which the runs differ.
func (c *settingsPanel) differTable() app.UI {
	d := c.Differ
	if len(d.Rows) == 0 {
		return nil
	}
	return app.Section().ID("runs-differ").Class("card ctl differ").Aria("label", tr(c.Lang, "differ")).Body(
		app.H2().Text(tr(c.Lang, "differ")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(c.Lang, "setting")),
				app.Range(d.Names).Slice(func(i int) app.UI {
					return app.Th().Scope("col").Style("--c", d.Colors[i]).Body(
						app.Span().Class("swatch-dot").Aria("hidden", "true"), app.Text(d.Names[i]))
				}),
			)),
			app.TBody().Body(app.Range(d.Rows).Slice(func(k int) app.UI {
				r := d.Rows[k]
				return app.Tr().DataSet("key", r.Key).Body(
					app.Th().Scope("row").Text(r.Label),
					app.Range(r.Values).Slice(func(i int) app.UI { return app.Td().Text(r.Values[i]) }),
				)
			})),
		),
	)
}
