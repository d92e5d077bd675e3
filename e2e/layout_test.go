//go:build !js

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// visible is a JavaScript test that the element with id lies wholly in the viewport, below the sticky
// transport (which would cover it).
func visible(id string) string {
	return fmt.Sprintf(`(() => { const el = document.getElementById(%q); if (!el) return false;
  const r = el.getBoundingClientRect(), bar = document.getElementById("transport").getBoundingClientRect();
  return r.width > 0 && r.top >= Math.max(0, bar.bottom) - 1 && r.left >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1; })()`, id)
}

// box describes where an element is, for failure messages.
func (p *page) box(id string) string {
	return eval[string](p, fmt.Sprintf(`(() => { const el = document.getElementById(%q); if (!el) return "absent";
  const r = el.getBoundingClientRect(); return "top " + Math.round(r.top) + ", bottom " + Math.round(r.bottom) + ", left " + Math.round(r.left) + ", right " + Math.round(r.right) + " in " + innerWidth + "×" + innerHeight; })()`, id))
}

// viewShot saves a PNG of what the viewport shows.
func (p *page) viewShot(name string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	p.saveShot(name, buf, err)
}

// truncatedSelects lists the selects whose chosen option's text is wider than the select's text box
// (the select draws its own arrow in its right padding: style.css).
const truncatedSelects = `(() => { const g = document.createElement("canvas").getContext("2d"), out = [];
  for (const s of document.querySelectorAll("select")) {
    if (!s.offsetParent || s.selectedIndex < 0) continue;
    const cs = getComputedStyle(s); g.font = cs.font;
    const text = s.options[s.selectedIndex].text, w = g.measureText(text).width;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    if (w > room + 0.5) out.push(s.id + " " + JSON.stringify(text) + " " + Math.round(w) + ">" + Math.round(room));
  }
  return out; })()`

// TestLayout: the lesson fits the screen. At 1280×720, after Play, Loss and the gradient chart are on
// screen without scrolling, an open experiment's marked charts are all on screen, and the page with
// every card is at most two screens tall; at 390×844 the chart to watch comes on screen when training
// starts and the settings are in a drawer. No select cuts its text at either width.
func TestLayout(t *testing.T) {
	p := newPage(t)
	const vw, vh = 1280, 720
	p.do(chromedp.EmulateViewport(vw, vh))

	t.Run("1280", func(t *testing.T) {
		p.t = t
		p.open("")
		p.click("#btn-play")
		p.waitStep("40 steps", 40)
		for _, id := range []string{"chart-loss", "chart-grad"} {
			if !eval[bool](p, visible(id)) {
				t.Errorf("%s is not on screen after Play: %s", id, p.box(id))
			}
		}
		// The task's own view comes right after them: it starts in the first screen.
		if top := eval[float64](p, `document.getElementById("chart-task").getBoundingClientRect().top`); top >= vh {
			t.Errorf("the task's view starts at %.0f px, below the first screen", top)
		}
		if y := eval[float64](p, `scrollY`); y != 0 {
			t.Errorf("the page scrolled by %.0f px on Play", y)
		}
		if bad := eval[[]string](p, truncatedSelects); len(bad) > 0 {
			t.Errorf("selects that cut their text: %v", bad)
		}
		p.viewShot("layout-1280-training")
		if h := eval[int](p, `document.documentElement.scrollHeight`); h > 2*vh {
			t.Errorf("the page is %d px tall at %d×%d, over two screens", h, vw, vh)
		}
		// The rare views open behind "more views", and the browser remembers the choice.
		p.click("#btn-more")
		p.wait("the rare views", `!!document.getElementById("chart-spectra")`, 10*time.Second)
		p.open("")
		if !eval[bool](p, `!!document.getElementById("chart-spectra")`) {
			t.Error("the open 'more views' was not remembered")
		}
		p.click("#btn-more")
		p.wait("the rare views folded", `!document.getElementById("chart-spectra")`, 10*time.Second)
		p.noErrors()
	})

	t.Run("1280-experiment", func(t *testing.T) {
		p.t = t
		for _, id := range []string{"exploding", "vanishing", "attention"} {
			p.open("?experiment=" + id)
			p.click("#btn-play")
			p.waitStep("training", 5)
			marked := eval[[]string](p, `[...new Set([...document.querySelectorAll("#xp-marks li")].map(li => li.dataset.chart))].map(c => "chart-" + c)`)
			if len(marked) == 0 {
				t.Fatalf("%s: no marked charts", id)
			}
			for _, c := range marked {
				if c == "chart-attn" {
					p.wait("the attention heatmap", `!!document.getElementById("chart-attn")`, 60*time.Second)
				}
				if !eval[bool](p, visible(c)) {
					t.Errorf("%s: marked chart %s is not on screen: %s", id, c, p.box(c))
				}
			}
			if !eval[bool](p, visible("xp-title")) {
				t.Errorf("%s: the explanation's title is off screen: %s", id, p.box("xp-title"))
			}
			if bad := eval[[]string](p, truncatedSelects); len(bad) > 0 {
				t.Errorf("%s: selects that cut their text: %v", id, bad)
			}
			p.viewShot("layout-1280-" + id)
		}
		// The settings show how the runs differ: the exploding experiment's clipping.
		p.open("?experiment=exploding")
		if got := eval[string](p, `(document.querySelector("#runs-differ tr[data-key=clip]") || {}).textContent || ""`); got != "Gradient clippingOffGlobal norm 1" {
			t.Errorf("how the runs differ, clipping row: %q", got)
		}
		if got := eval[string](p, `document.querySelector("label[for=ctl-clip]").textContent`); !strings.Contains(got, "differs per run") {
			t.Errorf("the clipping control does not say it differs per run: %q", got)
		}
		p.noErrors()
	})

	t.Run("390", func(t *testing.T) {
		p.t = t
		p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		defer p.do(chromedp.EmulateReset())
		p.open("")
		if eval[bool](p, `!!document.getElementById("ctl-task").offsetParent`) {
			t.Error("the settings show on a phone before the drawer is opened")
		}
		p.click("#btn-settings")
		p.wait("the settings drawer", `!!document.getElementById("ctl-task").offsetParent`, 5*time.Second)
		if bad := eval[[]string](p, truncatedSelects); len(bad) > 0 {
			t.Errorf("selects that cut their text in the drawer: %v", bad)
		}
		p.viewShot("layout-390-settings")
		if got := eval[string](p, `document.activeElement.id`); got != "btn-drawer-close" {
			t.Errorf("the open drawer has not the focus: %q", got)
		}
		p.key("\x1b") // Escape closes the drawer and gives the focus back to its button
		p.wait("the drawer closed by Escape", `!document.getElementById("ctl-task").offsetParent && document.activeElement.id === "btn-settings"`, 5*time.Second)
		p.click("#btn-settings")
		p.wait("the settings drawer again", `!!document.getElementById("ctl-task").offsetParent`, 5*time.Second)
		p.click("#btn-drawer-close")
		p.wait("the drawer closed", `!document.getElementById("ctl-task").offsetParent`, 5*time.Second)
		p.click("#btn-play")
		p.wait("Loss on screen while training", visible("chart-loss"), 10*time.Second)
		p.waitStep("40 steps", 40)
		if !eval[bool](p, visible("chart-loss")) {
			t.Errorf("Loss is not on screen while training: %s", p.box("chart-loss"))
		}
		if w := eval[int](p, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the page is %d px wide on a 390 px phone", w)
		}
		if got := eval[bool](p, `(() => { const s = document.querySelector(".speed"); return s.getBoundingClientRect().height < 40; })()`); !got {
			t.Errorf("the speed label wraps away from its menu")
		}
		p.viewShot("layout-390-training")

		p.open("?experiment=exploding")
		p.click("#btn-play")
		first := "chart-" + eval[string](p, `document.querySelector("#xp-marks li").dataset.chart`)
		p.wait("the first marked chart on screen while training", visible(first), 10*time.Second)
		p.waitStep("20 steps", 20)
		if !eval[bool](p, visible(first)) {
			t.Errorf("the first marked chart %s is not on screen: %s", first, p.box(first))
		}
		p.viewShot("layout-390-exploding")
		p.click("#btn-lang")
		p.wait("Chinese", `document.querySelector("h1").textContent === "循环神经网络演练场"`, 10*time.Second)
		if h := eval[float64](p, `document.getElementById("btn-lang").getBoundingClientRect().height`); h > 40 {
			t.Errorf("the language button wraps on a phone (%.0f px tall)", h)
		}
		p.do(chromedp.ScrollIntoView(chromedp.CSS("body")))
		p.viewShot("layout-390-zh")
		p.click("#btn-lang")
		p.noErrors()
	})
}
