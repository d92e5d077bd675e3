package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/chart"
)

// chartCard shows one chart with its title, legend, hover read-out, log toggle and PNG/SVG export.
// The parent gives it the chart (Line or Heat); the card keeps the SVG text, the hover position and
// the log choice.
type chartCard struct {
	app.Compo

	ID, Title, Note, Lang string
	Line                  *chart.Line
	Heat                  *chart.Heat
	Examples              *chart.Examples
	Legend                []legendItem
	LogToggle             bool // show a log-scale switch (Line only)
	LogDefault            bool

	log      bool
	logSet   bool
	svg      string
	hover    bool
	hx, hy   float64 // pointer in SVG units
	lastLine *chart.Line
}

type legendItem struct {
	Label, Color string
	Dash         bool
}

// props returns a new, unmounted card with c's exported fields. The page keeps built cards and hands
// go-app a copy each render: a component value may be mounted only once, and the copy shares the
// chart pointers, which go-app compares cheaply.
func (c *chartCard) props() *chartCard {
	return &chartCard{ID: c.ID, Title: c.Title, Note: c.Note, Lang: c.Lang, Line: c.Line, Heat: c.Heat,
		Examples: c.Examples, Legend: c.Legend, LogToggle: c.LogToggle, LogDefault: c.LogDefault}
}

func (c *chartCard) OnMount(ctx app.Context)  { c.build() }
func (c *chartCard) OnUpdate(ctx app.Context) { c.build() }

func (c *chartCard) build() {
	if !c.logSet {
		c.log = c.LogDefault
	}
	switch {
	case c.Line != nil:
		l := *c.Line
		if c.LogToggle {
			l.LogY = c.log
		}
		c.lastLine = &l
		c.svg = l.SVG()
	case c.Heat != nil:
		c.svg = c.Heat.SVG()
	case c.Examples != nil:
		c.svg = c.Examples.SVG()
	default:
		c.svg = ""
	}
}

func (c *chartCard) size() (float64, float64) {
	if c.Line != nil {
		return float64(c.Line.W), float64(c.Line.H)
	}
	if c.Heat != nil {
		return float64(c.Heat.W), float64(c.Heat.H)
	}
	if c.Examples != nil {
		return float64(c.Examples.W), float64(c.Examples.H)
	}
	return 1, 1
}

func (c *chartCard) Render() app.UI {
	svg := c.svg
	if svg == "" { // prerendering, before OnMount
		c.build()
		svg = c.svg
	}
	return app.Figure().ID(c.ID).Class("card chart-card").Aria("label", c.Title).Body(
		app.Div().Class("card-head").Body(
			app.H3().Text(c.Title),
			app.Div().Class("tools").Body(
				app.If(c.LogToggle, func() app.UI {
					return app.Label().Class("check small").Body(
						app.Input().Type("checkbox").Checked(c.log).Aria("label", c.Title+": "+tr(c.Lang, "log")).OnChange(func(ctx app.Context, e app.Event) {
							c.log, c.logSet = ctx.JSSrc().Get("checked").Bool(), true
							c.build()
						}),
						app.Text(tr(c.Lang, "log")),
					)
				}),
				app.Button().Class("mini").Title(c.Title+" — PNG").Aria("label", c.Title+": PNG").Text("PNG").OnClick(func(ctx app.Context, e app.Event) {
					w, h := c.size()
					app.Window().Call("rnnPNG", c.ID+".png", c.svg, w, h)
				}),
				app.Button().Class("mini").Title(c.Title+" — SVG").Aria("label", c.Title+": SVG").Text("SVG").OnClick(func(ctx app.Context, e app.Event) {
					download(c.ID+".svg", "image/svg+xml", c.svg)
				}),
			),
		),
		app.If(len(c.Legend) > 0, func() app.UI {
			return app.Div().Class("legend").Body(app.Range(c.Legend).Slice(func(i int) app.UI {
				l := c.Legend[i]
				cls := "key"
				if l.Dash {
					cls += " dash"
				}
				return app.Span().Class("item").Body(app.Span().Class(cls).Style("--c", l.Color), app.Text(l.Label))
			}))
		}),
		app.Div().Class("plot").
			OnMouseMove(c.move).
			On("mouseleave", func(ctx app.Context, e app.Event) { c.hover = false }).
			Body(
				app.Raw(svg),
				app.If(c.hover, c.overlay),
			),
		app.If(c.Note != "", func() app.UI { return app.P().Class("note").Text(c.Note) }),
	)
}

func (c *chartCard) move(ctx app.Context, e app.Event) {
	r := ctx.JSSrc().Call("getBoundingClientRect")
	w, h := c.size()
	rw, rh := r.Get("width").Float(), r.Get("height").Float()
	if rw <= 0 || rh <= 0 {
		return
	}
	c.hx = (e.Get("clientX").Float() - r.Get("left").Float()) / rw * w
	c.hy = (e.Get("clientY").Float() - r.Get("top").Float()) / rh * h
	c.hover = true
}

// overlay is the hover read-out: a cursor line and the values under it.
func (c *chartCard) overlay() app.UI {
	w, h := c.size()
	var lines []string
	left := c.hx / w * 100
	switch {
	case c.lastLine != nil:
		f, ok := c.lastLine.Frame()
		if !ok || c.hx < f.X.P0 || c.hx > f.X.P1 {
			return nil
		}
		x := f.X.Value(c.hx)
		near := c.lastLine.Nearest(x)
		step := math.NaN()
		for k, i := range near {
			if i < 0 {
				continue
			}
			s := c.lastLine.Series[k]
			if math.IsNaN(step) {
				step = s.X[i] // the first series' point: the densest (training records)
			}
			lines = append(lines, fmt.Sprintf("%s: %s", s.Name, chart.Label(s.Y[i])))
		}
		if len(lines) == 0 {
			return nil
		}
		lines = append([]string{fmt.Sprintf("x = %s", chart.Label(step))}, lines...)
	case c.Heat != nil:
		r, col, ok := c.Heat.Cell(c.hx, c.hy)
		if !ok {
			return nil
		}
		hm := c.Heat
		fx := hm.X0 + (hm.X1-hm.X0)*(float64(col)+0.5)/float64(hm.Cols)
		fy := hm.Y0 + (hm.Y1-hm.Y0)*(float64(r)+0.5)/float64(hm.Rows)
		lines = append(lines, fmt.Sprintf("%s %s, %s %s", hm.XLabel, chart.Label(math.Round(fx)), hm.YLabel, chart.Label(math.Round(fy))),
			"= "+chart.Label(hm.V[r*hm.Cols+col]))
	default:
		return nil
	}
	side := "left"
	pos := left + 1.5
	if left > 60 {
		side, pos = "right", 100-left+1.5
	}
	return app.Div().Class("hover").Body(
		app.Div().Class("cursor").Style("left", fmt.Sprintf("%.2f%%", left)),
		app.Div().Class("tip").Style(side, fmt.Sprintf("%.2f%%", pos)).Style("top", fmt.Sprintf("%.1f%%", math.Min(c.hy/h*100, 60))).
			Body(app.Range(lines).Slice(func(i int) app.UI { return app.Div().Text(lines[i]) })),
	)
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
