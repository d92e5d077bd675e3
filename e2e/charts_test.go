//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chartText measures every text of every chart card as drawn: its font size on screen (the computed
// size times the SVG's scale) and whether its box, in the SVG's units, meets the plot area (data-plot).
const chartText = `(() => {
  const out = {small: [], covering: [], texts: 0, charts: 0};
  for (const svg of document.querySelectorAll(".chart-card svg.chart")) {
    const r = svg.getBoundingClientRect();
    if (r.width === 0) continue;
    out.charts++;
    const scale = r.width / svg.viewBox.baseVal.width;
    const [x0, y0, x1, y1] = (svg.dataset.plot || "0 0 0 0").split(" ").map(Number);
    const empty = !svg.querySelector("polyline, image");
    for (const t of svg.querySelectorAll("text")) {
      out.texts++;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      const id = svg.closest(".chart-card").id;
      if (px < 10.99) out.small.push(id + ": " + t.textContent + " " + px.toFixed(1) + "px");
      if (empty || !t.textContent.trim()) continue;
      const b = t.getBoundingClientRect();
      const bx0 = (b.left - r.left) / scale, bx1 = (b.right - r.left) / scale;
      const by0 = (b.top - r.top) / scale, by1 = (b.bottom - r.top) / scale;
      if (bx0 < x1 && x0 < bx1 && by0 < y1 && y0 < by1) out.covering.push(id + ": " + t.textContent);
    }
  }
  return out;
})()`

type textReport struct {
	Small, Covering []string
	Texts, Charts   int
}

// The charts at a desktop's and a phone's width: text at least 11 px on screen, no label over a plot,
// a text alternative that follows training, and a table toggle that shows the data.
func TestCharts(t *testing.T) {
	p := newPage(t)
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"1280", 1280, 720}, {"390", 390, 844}} {
		t.Run(vp.name, func(t *testing.T) {
			p.t = t
			p.do(chromedp.EmulateViewport(vp.w, vp.h))
			p.open("")
			p.click("#btn-play")
			p.waitStep("training", 40)
			desc := func() string { return eval[string](p, `document.getElementById("chart-loss-desc").textContent`) }
			// The description is refreshed at most once a second, after the card has been rebuilt.
			p.wait("the loss description to show the training", `document.getElementById("chart-loss-desc").textContent.includes("training step")`, 10*time.Second)
			d1 := desc()
			if !strings.Contains(d1, "training step") || !strings.Contains(d1, "LSTM · training: ") {
				t.Errorf("loss description %q", d1)
			}
			if got := eval[string](p, `document.getElementById("chart-loss").getAttribute("aria-describedby")`); got != "chart-loss-desc" {
				t.Errorf("aria-describedby %q", got)
			}
			s1 := p.step()
			p.waitStep("more training", s1+30)
			p.wait("the description to follow", fmt.Sprintf(`document.getElementById("chart-loss-desc").textContent !== %q`, d1), 5*time.Second)

			if eval[string](p, `document.getElementById("btn-more").getAttribute("aria-expanded")`) == "false" {
				p.click("#btn-more") // every view, the rarely used ones too
			}
			p.wait("every view", `!!document.getElementById("chart-hidden")`, 5*time.Second)
			rep := eval[textReport](p, chartText)
			if rep.Charts < 10 || rep.Texts < 60 {
				t.Errorf("measured %d texts in %d charts", rep.Texts, rep.Charts)
			}
			for _, s := range rep.Small {
				t.Errorf("chart text below 11 px: %s", s)
			}
			for _, s := range rep.Covering {
				t.Errorf("label over the plot: %s", s)
			}
			grad := eval[string](p, `[...document.querySelectorAll("#chart-grad .legend .item")].map(e => e.textContent).join("|")`)
			if !strings.Contains(grad, "LSTM · ‖g‖ applied (after clipping)") {
				t.Errorf("gradient chart legend %q lacks the applied norm", grad)
			}
			p.screenshot("charts-" + vp.name)

			p.click("#chart-loss-table")
			p.wait("the loss table", `document.querySelectorAll("#chart-loss-data tbody tr").length >= 2`, 5*time.Second)
			head := eval[string](p, `[...document.querySelectorAll("#chart-loss-data thead th")].map(e => e.textContent).join("|")`)
			if !strings.Contains(head, "LSTM · validation") || eval[string](p, `document.getElementById("chart-loss-table").getAttribute("aria-pressed")`) != "true" {
				t.Errorf("table head %q", head)
			}
			p.do(chromedp.ScrollIntoView(chromedp.CSS("#chart-loss")))
			p.screenshot("charts-table-" + vp.name)
			p.click("#chart-loss-table")
			p.wait("the table to close", `!document.getElementById("chart-loss-data")`, 5*time.Second)
			p.click("#btn-play")

			// In Chinese: axis titles, series and keys translated, still ≥ 11 px and off the plots.
			p.click("#btn-lang")
			p.wait("Chinese charts", `document.querySelector("#chart-loss svg").textContent.includes("均方误差") && document.querySelector("#chart-loss .legend").textContent.includes("LSTM · 验证")`, 10*time.Second)
			// Cards are rebuilt one per frame: the last ones follow shortly.
			p.wait("the Chinese description of the gradient chart", `(d => d.includes("训练步") && d.includes("裁剪阈值 1"))(document.getElementById("chart-grad-desc").textContent)`, 10*time.Second)
			p.wait("every chart in Chinese", `![...document.querySelectorAll(".chart-card svg")].some(s => s.textContent.includes("training step"))`, 10*time.Second)
			rep = eval[textReport](p, chartText)
			for _, s := range append(rep.Small, rep.Covering...) {
				t.Errorf("in Chinese: %s", s)
			}
			p.screenshot("charts-" + vp.name + "-zh")
			p.click("#btn-lang")
			p.wait("English", `document.querySelector("#chart-loss svg").textContent.includes("mean squared error")`, 10*time.Second)
			p.noErrors()
		})
	}
}
