package app

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// chartGrid places the live views: the charts the open experiment marks first, then loss and gradient
// norm (on screen together at 1280×720), the task's own view right after them (the data is what a
// learner looks at first: it starts in the first screen), the other curves, and the rarely used views
// behind a "more views" toggle that the browser remembers. What each card shows is the chart code's
// (views.go); where it goes is the grid's.
type chartGrid struct {
	app.Compo

	Lang   string
	Rev    int      // the page's render count: the views' contents may have changed
	Marked []string // the ids of the cards the open experiment marks, in the marks' order
	Src    viewSource

	more bool     // the rarely used views are shown
	onIO app.Func // hears which cards are in view (watch)
}

// viewSource gives the live views and hears which chart cards are in view (the page implements it,
// views.go).
type viewSource interface {
	views() []view
	inView(id string, in bool)
}

// view is one card of the grid and its element id.
type view struct {
	id string
	ui app.UI
}

// firstViews are the views shown first, in this order, after the marked ones; viewRare prefixes the
// views behind "more views"; every other view comes after the first ones.
var (
	firstViews = []string{"chart-loss", "chart-grad", "chart-task", "sample-card", "chart-metric", "chart-dh"}
	rareViews  = []string{"chart-dhheat-", "chart-dcheat-", "chart-spectra", "chart-sv", "chart-gates", "chart-hidden"}
)

const moreKey = "rnn-playground/more-views"

func (g *chartGrid) OnMount(ctx app.Context) {
	ctx.LocalStorage().Get(moreKey, &g.more)
	ctx.Defer(g.watch)
}

func (g *chartGrid) OnUpdate(ctx app.Context) { ctx.Defer(g.watch) }

func (g *chartGrid) OnDismount() {
	if g.onIO != nil {
		app.Window().Call("rnnWatchCards", nil)
		g.onIO.Release()
		g.onIO = nil
	}
}

// watch tells the page which chart cards are in view or near it (half a screen's margin), so that it
// redraws the others less often while training (views.go). After each render of the grid it watches
// the cards it has not seen yet (rnnWatchCards in web/page.js).
func (g *chartGrid) watch(ctx app.Context) {
	if !app.IsClient {
		return
	}
	if g.onIO == nil {
		g.onIO = app.FuncOf(func(this app.Value, args []app.Value) any {
			lines := strings.Split(args[0].String(), "\n")
			ctx.Dispatch(func(ctx app.Context) {
				for _, l := range lines {
					id, in, _ := strings.Cut(l, " ")
					g.Src.inView(id, in == "1")
				}
			})
			return nil
		})
	}
	app.Window().Call("rnnWatchCards", g.onIO)
}

// arrange orders the views: marked, first, others, and apart the rare ones (unless marked).
func arrange(vs []view, marked []string) (shown, rare []view) {
	var ordered []view
	for k, ids := range [][]string{marked, firstViews} {
		for _, id := range ids {
			if k == 1 && slices.Contains(marked, id) {
				continue // placed with the marked ones
			}
			for _, v := range vs {
				if v.id == id {
					ordered = append(ordered, v)
				}
			}
		}
	}
	for _, v := range vs {
		if !slices.Contains(marked, v.id) && !slices.Contains(firstViews, v.id) {
			ordered = append(ordered, v)
		}
	}
	for _, v := range ordered {
		if v.ui == nil {
			continue
		}
		if !slices.Contains(marked, v.id) && slices.ContainsFunc(rareViews, func(p string) bool { return strings.HasPrefix(v.id, p) }) {
			rare = append(rare, v)
		} else {
			shown = append(shown, v)
		}
	}
	return shown, rare
}

func (g *chartGrid) Render() app.UI {
	shown, rare := arrange(g.Src.views(), g.Marked)
	ui := make([]app.UI, 0, len(shown)+len(rare)+1)
	for _, v := range shown {
		ui = append(ui, v.ui)
	}
	if len(rare) > 0 {
		label := tr(g.Lang, "more.views") + " (" + strconv.Itoa(len(rare)) + ")"
		if g.more {
			label = tr(g.Lang, "fewer.views")
		}
		ui = append(ui, app.Div().Class("more-row").Body(
			app.Button().ID("btn-more").Class("wide").Aria("expanded", strconv.FormatBool(g.more)).Text(map[bool]string{true: "▴ ", false: "▾ "}[g.more]+label).
				OnClick(func(ctx app.Context, e app.Event) {
					g.more = !g.more
					ctx.LocalStorage().Set(moreKey, g.more)
				}),
		))
		if g.more {
			for _, v := range rare {
				ui = append(ui, v.ui)
			}
		}
	}
	cls := "views"
	if len(g.Marked) > 2 { // three marked charts share the first row on a wide screen
		cls += " cols-3"
	}
	return app.Section().ID("charts").Class(cls).TabIndex(-1).Aria("label", tr(g.Lang, "charts")).Body(ui...)
}
