package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/chart"
)

// chartCard shows one chart with its title, legend, hover read-out, log toggle, PNG/SVG export, a text
// alternative (its current values, refreshed at most once a second) and a "table" toggle that shows its
// data as an HTML table. The parent gives it the chart (Line, Heat or Examples); the card lays it out
// at the width its plot has on the page, so that the chart's text keeps its size on a phone.
type chartCard struct {
	app.Compo

	ID, Title, Note, Lang string
	Badge                 string // the numbers of the experiment's marks that point here
	Line                  *chart.Line
	Heat                  *chart.Heat
	Examples              *chart.Examples
	Legend                []legendItem // nil: a Line's series, each name once
	LogToggle             bool         // show a log-scale switch (Line only)
	LogDefault            bool

	log      bool
	logSet   bool
	w        int       // the plot's width on the page in px (0: not measured yet)
	plotEl   app.Value // the plot element observe watches
	svg      string
	hover    bool
	hx, hy   float64 // pointer in SVG units
	lastLine *chart.Line
	lastHeat *chart.Heat
	lastEx   *chart.Examples
	desc     string      // the text alternative
	tab      chart.Table // the data as a table, while shown
	descAt   time.Time
	descDue  time.Time // a refresh is scheduled for then
	descLang string    // the language of desc
	table    bool      // the table is shown
	observer app.Value
	onResize app.Func
}

type legendItem struct {
	Label, Color string
	Dash         bool
}

// props returns a new, unmounted card with c's exported fields. The page keeps built cards and hands
// go-app a copy each render: a component value may be mounted only once, and the copy shares the
// chart pointers, which go-app compares cheaply.
func (c *chartCard) props() *chartCard {
	return &chartCard{ID: c.ID, Title: c.Title, Note: c.Note, Lang: c.Lang, Badge: c.Badge, Line: c.Line, Heat: c.Heat,
		Examples: c.Examples, Legend: c.Legend, LogToggle: c.LogToggle, LogDefault: c.LogDefault}
}

func (c *chartCard) OnMount(ctx app.Context) {
	c.build()
	c.describe(ctx)
	c.observe(ctx)
}

func (c *chartCard) OnUpdate(ctx app.Context) {
	c.build()
	c.describe(ctx)
	c.observe(ctx)
}

func (c *chartCard) OnDismount() {
	if c.observer != nil {
		c.observer.Call("disconnect")
		c.observer = nil
	}
	if c.onResize != nil {
		c.onResize.Release()
		c.onResize = nil
	}
	c.plotEl = nil
}

// observe lays the chart out again whenever its plot's width changes (window, layout, a drawer). A
// render may replace the plot's element (a legend appearing above it, say): then the new one is observed,
// and its first report sizes the chart.
func (c *chartCard) observe(ctx app.Context) {
	if !app.IsClient {
		return
	}
	plot := c.JSValue().Call("querySelector", ".plot")
	ro := app.Window().Get("ResizeObserver")
	if !plot.Truthy() || !ro.Truthy() || (c.plotEl != nil && plot.Equal(c.plotEl)) {
		return
	}
	c.OnDismount() // stop watching the element that was replaced
	c.plotEl = plot
	c.onResize = app.FuncOf(func(this app.Value, args []app.Value) any {
		w := int(args[0].Index(0).Get("contentRect").Get("width").Float())
		ctx.Dispatch(func(ctx app.Context) {
			if w > 0 && w != c.w {
				c.w = w
				c.build()
			}
		})
		return nil
	})
	c.observer = ro.New(c.onResize)
	c.observer.Call("observe", plot)
}

// chartHeight is the height of a chart laid out w px wide.
func chartHeight(w int) int { return max(210, min(270, w*43/100)) }

func (c *chartCard) build() {
	if !c.logSet {
		c.log = c.LogDefault
	}
	c.lastLine, c.lastHeat, c.lastEx, c.svg = nil, nil, nil, ""
	switch {
	case c.Line != nil:
		l := *c.Line
		if c.w > 0 {
			l.W, l.H = c.w, chartHeight(c.w)
		}
		if c.LogToggle {
			l.LogY = c.log
		}
		c.lastLine = &l
		c.svg = l.SVG()
	case c.Heat != nil:
		h := *c.Heat
		if c.w > 0 {
			h.W, h.H = c.w, chartHeight(c.w)
		}
		c.lastHeat = &h
		c.svg = h.SVG()
	case c.Examples != nil:
		e := *c.Examples
		if c.w > 0 {
			e.W = c.w
		}
		c.lastEx = &e
		c.svg = e.SVG()
	}
}

// describe refreshes the text alternative from the chart drawn: at once the first time and when the
// language changes, then at most once a second (a screen reader may re-read it). A refresh that must
// wait is written straight into the page's description element when its time comes, changing no
// field: a dispatch would render the whole page again for one sentence.
func (c *chartCard) describe(ctx app.Context) {
	if c.table {
		c.tab = c.data()
	}
	now := time.Now()
	wait := time.Second - now.Sub(c.descAt)
	if c.desc == "" || wait <= 0 || c.descLang != c.Lang {
		c.desc, c.descAt, c.descLang = c.description(), now, c.Lang
		return
	}
	if !app.IsClient || now.Before(c.descDue) {
		return
	}
	c.descDue = now.Add(wait)
	ctx.Async(func() {
		time.Sleep(wait)
		// The text node itself, not the element's textContent: go-app keeps that node and writes to it.
		if el := app.Window().GetElementByID(c.ID + "-desc"); el.Truthy() && el.Get("firstChild").Truthy() {
			el.Get("firstChild").Set("nodeValue", c.description())
		}
	})
}

// data is the chart's data as a table.
func (c *chartCard) data() chart.Table {
	switch {
	case c.lastLine != nil:
		return c.lastLine.Table(maxTableRows)
	case c.lastHeat != nil:
		return c.lastHeat.Table(maxTableRows, 8)
	case c.lastEx != nil:
		return c.lastEx.Table([4]string{"#", tr(c.Lang, "input"), tr(c.Lang, "target"), tr(c.Lang, "predicted")})
	}
	return chart.Table{}
}

// maxTableRows bounds a chart's table: the evaluations, evenly thinned.
const maxTableRows = 40

func (c *chartCard) size() (float64, float64) {
	switch {
	case c.lastLine != nil:
		return float64(c.lastLine.W), float64(c.lastLine.H)
	case c.lastHeat != nil:
		return float64(c.lastHeat.W), float64(c.lastHeat.H)
	case c.lastEx != nil:
		return float64(c.lastEx.W), float64(c.lastEx.H)
	}
	return 1, 1
}

// legend is the card's legend: its own, or its line chart's series.
func (c *chartCard) legend() []legendItem {
	if c.Legend != nil || c.Line == nil {
		return c.Legend
	}
	var out []legendItem
	seen := map[string]bool{}
	for _, s := range c.Line.Series {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, legendItem{s.Name, s.Color, s.Dash})
		}
	}
	return out
}

func (c *chartCard) Render() app.UI {
	if c.svg == "" { // prerendering, before OnMount
		c.build()
	}
	if c.desc == "" { // prerendering
		c.desc = c.description()
	}
	legend := c.legend()
	return app.Figure().ID(c.ID).Class("card chart-card").Aria("labelledby", c.ID+"-title").Aria("describedby", c.ID+"-desc").Body(
		app.Div().Class("card-head").Body(
			app.H3().ID(c.ID+"-title").Body(
				app.Text(c.Title),
				app.If(c.Badge != "", func() app.UI { return app.Span().Class("badge").Text(" " + c.Badge) }),
			),
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
				app.Button().ID(c.ID+"-table").Class("mini").Aria("pressed", strconv.FormatBool(c.table)).
					Aria("label", c.Title+": "+tr(c.Lang, "table")).Text(tr(c.Lang, "table")).OnClick(func(ctx app.Context, e app.Event) { c.toggleTable() }),
				app.Button().Class("mini").Title(c.Title+" — PNG").Aria("label", c.Title+": PNG").Text("PNG").OnClick(func(ctx app.Context, e app.Event) {
					w, h := c.size()
					app.Window().Call("rnnPNG", c.ID+".png", c.svg, w, h)
				}),
				app.Button().Class("mini").Title(c.Title+" — SVG").Aria("label", c.Title+": SVG").Text("SVG").OnClick(func(ctx app.Context, e app.Event) {
					download(c.ID+".svg", "image/svg+xml", c.svg)
				}),
			),
		),
		app.If(len(legend) > 0, func() app.UI {
			return app.Div().Class("legend").Body(app.Range(legend).Slice(func(i int) app.UI {
				l := legend[i]
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
				app.Raw(c.svg),
				app.If(c.hover, c.overlay),
			),
		app.P().ID(c.ID+"-desc").Class("visually-hidden").Text(c.desc),
		app.If(c.table, c.tableUI),
		app.If(c.Note != "", func() app.UI { return app.P().Class("note").Text(c.Note) }),
	)
}

// toggleTable shows or hides the chart's data as a table.
func (c *chartCard) toggleTable() {
	c.table = !c.table
	c.tab = c.data()
}

// tableUI is the chart's data as a table, in a box that scrolls (and so takes the keyboard's focus).
func (c *chartCard) tableUI() app.UI {
	t := c.tab
	return app.Div().ID(c.ID+"-data").Class("chart-table").TabIndex(0).Role("region").Aria("label", c.Title+": "+tr(c.Lang, "table")).Body(
		app.Table().Body(
			app.Caption().Class("visually-hidden").Text(c.Title),
			app.THead().Body(app.Tr().Body(app.Range(t.Head).Slice(func(i int) app.UI { return app.Th().Scope("col").Text(t.Head[i]) }))),
			app.TBody().Body(app.Range(t.Rows).Slice(func(r int) app.UI {
				row := t.Rows[r]
				return app.Tr().Body(app.Range(row).Slice(func(i int) app.UI {
					if i == 0 {
						return app.Th().Scope("row").Text(row[i])
					}
					return app.Td().Text(row[i])
				}))
			})),
		),
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
	case c.lastHeat != nil:
		hm := c.lastHeat
		r, col, ok := hm.Cell(c.hx, c.hy)
		if !ok {
			return nil
		}
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
