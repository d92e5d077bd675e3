package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
)

// experimentCard is the gallery of guided experiments and the open one's explanation: title, source,
// equation, the lags it sweeps and what to watch on which chart. The explanation folds to one line.
// Choosing an experiment or a lag goes to the page through On; Play (the transport) runs it.
type experimentCard struct {
	app.Compo

	Lang string
	ID   string // the open experiment, or ""
	T    int    // its lag
	On   experimentEvents

	gallery bool // the gallery is open
	folded  bool // the explanation is folded to its title
}

// experimentEvents are the experiment card's callbacks (the page implements them).
type experimentEvents interface {
	// openExperiment makes e at lag T (0: its default) the page's runs and, with run, starts them.
	openExperiment(ctx app.Context, e experiment.Experiment, T int, run bool)
}

func (c *experimentCard) Render() app.UI {
	all := experiment.All()
	return app.Section().ID("experiments").Class("card experiments").Aria("label", tr(c.Lang, "xp.gallery")).Body(
		app.Div().Class("card-head").Body(
			app.H2().Text(tr(c.Lang, "xp.gallery")),
			app.Button().ID("btn-gallery").Class("mini").Aria("expanded", strconv.FormatBool(c.gallery)).Aria("controls", "gallery").
				Text(map[bool]string{true: "▴", false: "▾"}[c.gallery]+" "+tr(c.Lang, "xp.browse")).
				OnClick(func(ctx app.Context, ev app.Event) { c.gallery = !c.gallery }),
		),
		app.If(c.gallery, func() app.UI {
			return app.Div().ID("gallery").Class("gallery").Body(app.Range(all).Slice(func(i int) app.UI {
				x := all[i]
				cls := "xp-tile"
				if x.ID == c.ID {
					cls += " on"
				}
				return app.Button().ID("xp-"+x.ID).Class(cls).OnClick(func(ctx app.Context, ev app.Event) {
					c.gallery, c.folded = false, false
					c.On.openExperiment(ctx, x, 0, true)
				}, app.EventScope("xp", x.ID)).Body(
					app.Span().Class("xp-n").Text(strconv.Itoa(i+1)),
					app.Strong().Text(x.Title.In(c.Lang)),
					app.Span().Class("xp-sum").Text(x.Summary.In(c.Lang)),
				)
			}))
		}),
		app.If(c.ID != "", c.detail),
	)
}

// detail is the open experiment's explanation.
func (c *experimentCard) detail() app.UI {
	e, err := experiment.ByID(c.ID)
	if err != nil {
		return nil
	}
	paras := strings.Split(e.Explain.In(c.Lang), "\n\n")
	return app.Div().ID("experiment").Class("xp").DataSet("id", e.ID).DataSet("t", c.T).Body(
		app.Div().Class("xp-head").Body(
			app.H3().ID("xp-title").Text(e.Title.In(c.Lang)),
			app.Button().ID("btn-xp-fold").Class("mini").Aria("expanded", strconv.FormatBool(!c.folded)).Aria("controls", "xp-body").
				Text(map[bool]string{true: "▾ " + tr(c.Lang, "xp.show"), false: "▴ " + tr(c.Lang, "xp.hide")}[c.folded]).
				OnClick(func(ctx app.Context, ev app.Event) { c.folded = !c.folded }),
		),
		app.If(!c.folded, func() app.UI {
			return app.Div().ID("xp-body").Body(
				app.P().Class("xp-topic").Text(tr(c.Lang, "xp.topic")+": "+e.Topic.In(c.Lang)),
				app.Pre().ID("xp-eq").Class("xp-eq").Text(e.Equation),
				app.Div().ID("xp-explain").Body(app.Range(paras).Slice(func(i int) app.UI { return app.P().Text(paras[i]) })),
				app.If(len(e.Ts) > 0, func() app.UI {
					return app.Div().Class("xp-ts").Role("group").Aria("label", tr(c.Lang, "xp.lag")).Body(
						app.Span().Aria("hidden", "true").Text(tr(c.Lang, "xp.lag")),
						app.Range(e.Ts).Slice(func(i int) app.UI {
							T := e.Ts[i]
							return app.Button().ID(fmt.Sprintf("xp-T-%d", T)).Class("mini").Aria("pressed", strconv.FormatBool(T == c.T)).
								Text(fmt.Sprintf("T = %d", T)).OnClick(func(ctx app.Context, ev app.Event) { c.On.openExperiment(ctx, e, T, true) }, app.EventScope("T", T))
						}),
					)
				}),
				app.H4().Text(tr(c.Lang, "xp.watch")),
				app.Ol().ID("xp-marks").Class("xp-marks").Body(app.Range(e.Marks).Slice(func(i int) app.UI {
					m := e.Marks[i]
					who := ""
					if m.Run != "" {
						who = " — " + xpLabel(c.Lang, m.Run)
					}
					return app.Li().DataSet("chart", string(m.Chart)).Text(fmt.Sprintf("%s %s%s: %s", markBadge(i), tr(c.Lang, "xp.chart."+string(m.Chart)), who, m.Caption.In(c.Lang)))
				})),
				app.P().Class("xp-play").Text(tr(c.Lang, "xp.play")),
			)
		}),
	)
}
