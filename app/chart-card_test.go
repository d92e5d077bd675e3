//go:build !wasm

package app

import (
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
)

// cardByID returns the page's card id, built.
func cardByID(t *testing.T, p *playground, id string) *chartCard {
	t.Helper()
	p.memo = nil
	for _, c := range p.cards() {
		if c.ID == id {
			c.build()
			return c
		}
	}
	t.Fatalf("no card %s", id)
	return nil
}

// seriesNames are the names of a line chart's series.
func seriesNames(l *chart.Line) []string {
	var out []string
	for _, s := range l.Series {
		out = append(out, s.Name)
	}
	return out
}

func hasName(names []string, want string) bool {
	for _, n := range names {
		if n == want {
			return true
		}
	}
	return false
}

// Every chart has a y-axis title with its quantity and unit, drawn in the SVG, in both languages;
// every series of the loss chart names its model.
func TestChartTitlesAndModelNames(t *testing.T) {
	p, _ := trainedPage(t, 48)
	english := map[string]string{}
	for _, tc := range []struct{ lang, loss, train, val, metric string }{
		{"en", "loss: mean squared error (MSE)", "LSTM · training", "LSTM · validation", "fraction of examples with |prediction − target| &lt; 0.04"},
		{"zh", "损失：均方误差 (MSE)", "LSTM · 训练", "LSTM · 验证", "|预测 − 目标| &lt; 0.04 的样本比例"},
	} {
		p.lang = tc.lang
		loss := cardByID(t, p, "chart-loss")
		if !strings.Contains(loss.svg, ">"+tc.loss+"<") {
			t.Errorf("%s: loss chart lacks its y title %q", tc.lang, tc.loss)
		}
		names := seriesNames(loss.Line)
		if !hasName(names, tc.train) || !hasName(names, tc.val) {
			t.Errorf("%s: loss series %q, want %q and %q", tc.lang, names, tc.train, tc.val)
		}
		if m := cardByID(t, p, "chart-metric"); !strings.Contains(m.svg, ">"+tc.metric+"<") {
			t.Errorf("%s: metric chart lacks %q", tc.lang, tc.metric)
		}
		for _, c := range p.cards() {
			c.build()
			switch {
			case c.Line != nil && c.Line.YLabel == "":
				t.Errorf("%s %s: no y title", tc.lang, c.ID)
			case c.Heat != nil && (c.Heat.ZLabel == "" || c.Heat.XLabel == "" || c.Heat.YLabel == ""):
				t.Errorf("%s %s: heatmap axis titles %q %q %q", tc.lang, c.ID, c.Heat.XLabel, c.Heat.YLabel, c.Heat.ZLabel)
			}
			if c.Line != nil {
				if tc.lang == "en" {
					english[c.ID] = c.Line.YLabel
				} else if english[c.ID] == c.Line.YLabel {
					t.Errorf("zh %s: y title %q is English", c.ID, c.Line.YLabel)
				}
			}
		}
	}
}

// With clipping on, the gradient chart draws the applied (post-clip) norm, never above the threshold,
// and the threshold as a reference line; with clipping off it draws neither.
func TestGradChartAppliedNorm(t *testing.T) {
	clip := func(s *settings) { s.Cfg.Clip = nn.ClipConfig{Mode: "norm", Threshold: 0.05} }
	p, _ := trainedPage(t, 48, clip)
	g := cardByID(t, p, "chart-grad")
	var pre, post *chart.Series
	for k, s := range g.Line.Series {
		switch s.Name {
		case "LSTM · ‖g‖ before clipping":
			pre = &g.Line.Series[k]
		case "LSTM · ‖g‖ applied (after clipping)":
			post = &g.Line.Series[k]
		}
	}
	if pre == nil || post == nil {
		t.Fatalf("series %q", seriesNames(g.Line))
	}
	above := 0
	for i := range post.Y {
		if post.Y[i] > 0.05*(1+1e-9) {
			t.Errorf("applied norm %v above the threshold at step %v", post.Y[i], post.X[i])
		}
		if pre.Y[i] > 0.05 {
			above++
		}
	}
	if above == 0 {
		t.Error("no step clipped: the test shows nothing")
	}
	if len(g.Line.Rules) != 1 || g.Line.Rules[0].Y != 0.05 || !strings.Contains(g.svg, ">clip threshold 0.05<") {
		t.Errorf("rules %+v", g.Line.Rules)
	}
	off, _ := trainedPage(t, 16, func(s *settings) { s.Cfg.Clip = nn.ClipConfig{Mode: "off"} })
	g = cardByID(t, off, "chart-grad")
	if names := seriesNames(g.Line); hasName(names, "LSTM · ‖g‖ applied (after clipping)") || len(g.Line.Rules) != 0 || !hasName(names, "LSTM · ‖g‖") {
		t.Errorf("clipping off: series %q, rules %+v", names, g.Line.Rules)
	}
}

var fontPx = regexp.MustCompile(`font-size="([0-9.]+)"`)

// Laid out at a phone's card width, every chart's text is at least 11 px and no label covers a plot.
func TestChartsAtPhoneWidth(t *testing.T) {
	p, _ := trainedPage(t, 48)
	for _, lang := range []string{"en", "zh"} {
		p.lang = lang
		p.memo = nil
		for _, c := range p.cards() {
			for _, w := range []int{342, 560} {
				c.w = w
				c.build()
				for _, m := range fontPx.FindAllStringSubmatch(c.svg, -1) {
					if v, _ := strconv.ParseFloat(m[1], 64); v < 11 {
						t.Errorf("%s %s at %d px: font-size %s", lang, c.ID, w, m[1])
					}
				}
				if !strings.Contains(c.svg, fmt.Sprintf(`width="%d"`, w)) {
					t.Errorf("%s: not laid out at %d px", c.ID, w)
				}
				var plot chart.Box
				var labels []chart.Box
				switch {
				case c.lastLine != nil:
					plot, labels = c.lastLine.Boxes()
				case c.lastHeat != nil:
					plot, labels = c.lastHeat.Boxes()
				}
				for _, b := range labels {
					if b.Overlaps(plot) {
						t.Errorf("%s %s at %d px: a label %+v covers the plot %+v", lang, c.ID, w, b, plot)
					}
				}
			}
		}
	}
}

// A card's text alternative gives the chart's current values, and its table toggle shows the data as
// an HTML table.
func TestCardTextAlternativeAndTable(t *testing.T) {
	p, _ := trainedPage(t, 48)
	c := cardByID(t, p, "chart-loss")
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	recs := p.runs[0].records
	last := recs[len(recs)-1]
	want := fmt.Sprintf("%s at training step %d.", chart.Label(last.Loss), last.Step)
	html := app.HTMLString(c)
	if !strings.Contains(c.desc, "LSTM · training: ") || !strings.Contains(c.desc, want) || !strings.Contains(html, `aria-describedby="chart-loss-desc"`) {
		t.Errorf("description %q lacks %q", c.desc, want)
	}
	if !strings.Contains(html, `id="chart-loss-desc"`) || !strings.Contains(html, want) {
		t.Error("the description is not on the page")
	}
	if strings.Contains(html, "<table") {
		t.Error("table shown before the toggle")
	}
	c.toggleTable()
	html = app.HTMLString(c.Render())
	if !strings.Contains(html, "<table") || !strings.Contains(html, `<th scope="col">LSTM · validation</th>`) {
		t.Errorf("no table after the toggle: %.400s", html)
	}
	if n := strings.Count(html, "<tr>"); n < 4 || n > maxTableRows+1 {
		t.Errorf("%d table rows", n)
	}
	if val := p.runs[0].evals[len(p.runs[0].evals)-1]; !strings.Contains(html, "<td>"+chart.Label(val.ValLoss)+"</td>") {
		t.Errorf("the table lacks the latest validation loss %s", chart.Label(val.ValLoss))
	}
}

// Each chart is declared once: ids unique, a title in both languages, and every chart an experiment
// marks is one of them.
func TestChartTable(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range charts {
		if seen[d.ID] || d.Build == nil {
			t.Errorf("chart %q declared twice or without a builder", d.ID)
		}
		seen[d.ID] = true
		for _, lang := range []string{"en", "zh"} {
			if words[lang][chartTitleKey(d.ID)] == "" || words[lang]["xp.chart."+d.ID] == "" {
				t.Errorf("%s: no %s title %s or mark name xp.chart.%s", d.ID, lang, chartTitleKey(d.ID), d.ID)
			}
		}
	}
	for _, e := range experiment.All() {
		for _, m := range e.Marks {
			if _, ok := chartDefByID(m.Chart); !ok {
				t.Errorf("experiment %s marks chart %q, which the page does not have", e.ID, m.Chart)
			}
		}
	}
}

// An LSTM's ‖∂L/∂c_t‖ is drawn beside its ‖∂L/∂h_t‖ (line and heatmap), and its forget gate's mean over
// training has its own chart, from the evaluations' values.
func TestLSTMCellGradientAndGates(t *testing.T) {
	p, _ := trainedPage(t, 48)
	r := p.runs[0]
	dh := cardByID(t, p, "chart-dh")
	names := seriesNames(dh.Line)
	if !hasName(names, "LSTM · ‖∂L/∂hₜ‖") || !hasName(names, "LSTM · ‖∂L/∂cₜ‖") {
		t.Errorf("‖∂L/∂h_t‖ chart series %q", names)
	}
	for _, s := range dh.Line.Series {
		if s.Name == "LSTM · ‖∂L/∂cₜ‖" && (len(s.Y) != len(r.last.DC[0]) || s.Y[0] != r.last.DC[0][0]) {
			t.Errorf("‖∂L/∂c_t‖ series %v, want %v", s.Y, r.last.DC[0])
		}
	}
	heat := cardByID(t, p, "chart-dcheat-0")
	if heat.Heat == nil || heat.Heat.Rows != len(r.last.DC[0]) || heat.Heat.Cols != len(r.evals) || !strings.Contains(heat.svg, "<image") {
		t.Errorf("‖∂L/∂c_t‖ heatmap: %+v", heat.Heat)
	}
	g := cardByID(t, p, "chart-gates-time")
	if len(g.Line.Series) != 1 || g.Line.Series[0].Name != "LSTM · forget gate f" {
		t.Fatalf("gate chart series %q", seriesNames(g.Line))
	}
	s := g.Line.Series[0]
	if len(s.Y) != len(r.evals) {
		t.Errorf("%d gate means for %d evaluations", len(s.Y), len(r.evals))
	}
	for k, e := range r.evals {
		if k < len(s.Y) && (s.Y[k] != e.GateMeans["f"][0] || s.Y[k] <= 0 || s.Y[k] >= 1) {
			t.Errorf("step %d: forget gate mean %v, evaluation says %v", e.Step, s.Y[k], e.GateMeans["f"])
		}
	}
}

// Only a cell with a memory state gets a ‖∂L/∂c_t‖ series: a GRU's chart names none.
func TestNoCellGradientWithoutCellState(t *testing.T) {
	p, _ := trainedPage(t, 16, func(s *settings) { s.Models[0].Cell = "gru" })
	for _, n := range seriesNames(cardByID(t, p, "chart-dh").Line) {
		if strings.Contains(n, "∂cₜ") {
			t.Errorf("a GRU's ‖∂L/∂h_t‖ chart has series %q", n)
		}
	}
}

// A language switch changes every card in the next render, while training too, even when a render
// may rebuild only one card (otherwise the page shows both languages for a while).
func TestLanguageSwitchRebuildsEveryCard(t *testing.T) {
	oneCardPerRender(t)
	p, _ := trainedPage(t, 48)
	p.playing = true
	english := map[string]string{}
	for _, c := range p.cards() {
		english[c.ID] = c.Title
	}
	p.lang = "zh"
	cards := p.cards()
	if len(cards) < 2 {
		t.Fatalf("%d cards: the test needs more cards than one render rebuilds", len(cards))
	}
	for _, c := range cards {
		if c.Title == english[c.ID] || c.Lang != "zh" {
			t.Errorf("%s after the switch to 中文: title %q (English %q), language %q", c.ID, c.Title, english[c.ID], c.Lang)
		}
	}
}

// The examples card speaks the page's language: the marked steps are named in it, not in the task's
// English summary for the command line.
func TestExamplesMarksInPageLanguage(t *testing.T) {
	p, _ := trainedPage(t, 48)
	for lang, want := range map[string]string{"en": "marked inputs (t): ", "zh": "被标记的输入 (t): "} {
		p.lang = lang
		c := cardByID(t, p, "chart-task")
		c.build()
		if !strings.Contains(c.svg, want) || strings.Contains(c.svg, "marked steps") {
			t.Errorf("%s: the examples card lacks %q or shows the task's English summary", lang, want)
		}
	}
}

// Every run label of every guided experiment reads in both languages: a label with words (three or more
// lowercase letters in a row, as in "no clipping") has its Chinese entry (which may keep a term the
// Chinese texts use, such as dropout); "RNN", "b_f = 1", "2×LSTM(128)" read the same in both.
func TestRunLabelsInBothLanguages(t *testing.T) {
	words3 := regexp.MustCompile(`[a-z]{3,}`)
	used := map[string]bool{}
	for _, e := range experiment.All() {
		for _, r := range e.Runs {
			used[r.Label] = true
			if _, ok := xpLabelsZh[r.Label]; words3.MatchString(r.Label) && !ok {
				t.Errorf("%s: run %q has no Chinese label (xpLabelsZh in experiment-words.go)", e.ID, r.Label)
			}
		}
	}
	for l := range xpLabelsZh {
		if !used[l] {
			t.Errorf("xpLabelsZh translates %q, which no experiment's run is called", l)
		}
	}
	e, err := experiment.ByID("exploding")
	if err != nil {
		t.Fatal(err)
	}
	p := newPlayground()
	p.OnInit()
	p.lang = "zh"
	p.xp.id, p.xp.e, p.xp.set = e.ID, e, p.set
	if name, ok := p.xpRunName(0); !ok || name != "不裁剪" {
		t.Errorf("the exploding experiment's first run is %q on the Chinese page, want 不裁剪", name)
	}
}

// An empty chart says what comes: before Play, to press it; once Play is pressed, in that render and on
// every card, that the first evaluation fills it; after an evaluation, that nothing finite is left
// to draw. In both languages.
func TestEmptyChartsSayWhatComes(t *testing.T) {
	empty := func(c *chartCard) string {
		switch {
		case c.Line != nil:
			return c.Line.Empty
		case c.Heat != nil:
			return c.Heat.Empty
		case c.Examples != nil:
			return c.Examples.Empty
		}
		return ""
	}
	check := func(p *playground, key string) {
		t.Helper()
		cards := p.cards()
		if len(cards) < 2 {
			t.Fatalf("%d cards: the test needs more cards than one render rebuilds", len(cards))
		}
		for _, c := range cards {
			if got, want := empty(c), tr(p.lang, key); got != want {
				t.Errorf("%s, %s, playing %v: an empty chart would say %q, want %q", c.ID, p.lang, p.playing, got, want)
			}
		}
	}
	oneCardPerRender(t)
	for _, lang := range []string{"en", "zh"} {
		p, _ := trainedPage(t, 0)
		p.lang = lang
		check(p, "no.data")
		p.playing = true
		check(p, "no.data.yet")
		p.playing = false
		check(p, "no.data")
		p, _ = trainedPage(t, 48)
		p.lang, p.playing = lang, true
		check(p, "no.values")
	}
}

// oneCardPerRender lets a render rebuild one changed card only (buildBudget 0) for the rest of the test:
// what must change in a single render is then seen to.
func oneCardPerRender(t *testing.T) {
	old := buildBudget
	buildBudget = 0
	t.Cleanup(func() { buildBudget = old })
}

// A render rebuilds the cards that a progress message changed, longest-waiting first, as long as its
// budget lasts and at least one; the others wait for the next render (p.stale), each rebuilt in turn.
func TestCardsRebuiltWithinBudget(t *testing.T) {
	_, msgs := trainedPage(t, 40) // the last message brings an evaluation
	page := func() (*playground, map[string]memo) {
		p := newPlayground()
		p.OnInit()
		feed(t, p, msgs[:len(msgs)-1])
		p.cards()
		before := maps.Clone(p.memo)
		feed(t, p, msgs[len(msgs)-1:]) // eight more steps and an evaluation
		return p, before
	}
	rebuilt := func(p *playground, before map[string]memo) (n int) {
		for id, m := range p.memo {
			if m.card != before[id].card {
				n++
			}
		}
		return n
	}

	old := buildBudget
	t.Cleanup(func() { buildBudget = old })
	buildBudget = time.Hour
	p, before := page()
	p.cards()
	changed := rebuilt(p, before)
	if changed < 3 || p.stale {
		t.Fatalf("with time to spare one render rebuilt %d cards and left some waiting (%v): want every changed card, at least 3", changed, p.stale)
	}

	buildBudget = 0
	p, before = page()
	for r := 1; r <= changed; r++ {
		p.cards()
		if n := rebuilt(p, before); n != r || p.stale != (r < changed) {
			t.Fatalf("with no time to spare, after %d renders %d cards rebuilt, some waiting: %v; want %d, %v", r, n, p.stale, r, r < changed)
		}
	}
}

// While training, a card out of view (or not on the page) is rebuilt at most every awayRebuild, one in
// view every minRebuild; with no word from the grid's observer every card is in view.
func TestAwayCardsRebuiltLessOften(t *testing.T) {
	_, msgs := trainedPage(t, 40)
	p := newPlayground()
	p.OnInit()
	feed(t, p, msgs[:len(msgs)-1])
	p.playing = true
	if p.rebuildEvery("loss") != minRebuild {
		t.Fatalf("with no word from the observer a card is rebuilt every %v, want %v", p.rebuildEvery("loss"), minRebuild)
	}
	p.inView("chart-loss", true)
	p.inView("chart-grad", false) // chart-metric: never reported (not on the page)
	p.cards()
	feed(t, p, msgs[len(msgs)-1:])
	p.playing = true // as the message would say while training
	age := func(d time.Duration) map[string]*chartCard {
		for id, m := range p.memo {
			m.at = time.Now().Add(-d)
			p.memo[id] = m
		}
		before := map[string]*chartCard{}
		for id, m := range p.memo {
			before[id] = m.card
		}
		return before
	}
	before := age(minRebuild + 50*time.Millisecond)
	p.cards()
	for id, want := range map[string]bool{"loss": true, "grad": false, "metric": false} {
		if got := p.memo[id].card != before[id]; got != want {
			t.Errorf("%s, built %v ago, changed: rebuilt %v, want %v", id, minRebuild+50*time.Millisecond, got, want)
		}
	}
	before = age(awayRebuild + 50*time.Millisecond)
	p.cards()
	for _, id := range []string{"grad", "metric"} {
		if p.memo[id].card == before[id] {
			t.Errorf("%s, out of view, built %v ago and changed: not rebuilt", id, awayRebuild+50*time.Millisecond)
		}
	}
}
