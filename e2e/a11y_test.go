//go:build !js

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeVersion is the axe-core release the accessibility test runs. It is fetched with npm into
// build/axe on first use (a test-only dependency: it never ships in the site).
const axeVersion = "4.14.1"

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource returns axe-core's script, installing it into build/axe with npm if it is not there.
func axeSource(t testing.TB) string {
	axeOnce.Do(func() {
		dir := filepath.Join("..", "build", "axe")
		file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
		if b, err := os.ReadFile(file); err == nil && strings.Contains(string(b[:min(len(b), 200)]), axeVersion) {
			axeJS = string(b)
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			axeErr = err
			return
		}
		out, err := exec.Command("npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "-E", "axe-core@"+axeVersion).CombinedOutput()
		if err != nil {
			axeErr = fmt.Errorf("npm install axe-core@%s: %v\n%s", axeVersion, err, out)
			return
		}
		b, err := os.ReadFile(file)
		axeJS, axeErr = string(b), err
	})
	if axeErr != nil {
		t.Fatalf("axe-core is needed for the accessibility check (npm and the npm registry): %v", axeErr)
	}
	return axeJS
}

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axe runs axe-core on the page as it is, with its default rules (WCAG 2.x A and AA, best practices)
// and its experimental ones (label-content-name-mismatch among them), and fails the test for each
// violation, whatever its impact.
func (p *page) axe(state string) {
	p.t.Helper()
	if !eval[bool](p, `typeof window.axe === "object"`) {
		eval[chromedp.Void](p, axeSource(p.t))
	}
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"],
  rules: Object.fromEntries(axe.getRules(["experimental"]).map(r => [r.ruleId, {enabled: true}]))})
  .then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("axe on %s: %v", state, err)
	}
	for _, v := range vs {
		p.t.Errorf("axe, %s: %s (%s) %s: %v", state, v.ID, v.Impact, v.Help, v.Nodes)
	}
	p.t.Logf("axe %s: %d violations", state, len(vs))
}

// focusRings tabs through the whole page from its start and returns the controls that take the focus
// without a visible ring (a 2 px outline or more; the hidden file input's ring is on its label), and
// how many controls it visited.
func (p *page) focusRings() ([]string, int) {
	p.t.Helper()
	eval[chromedp.Void](p, `window.scrollTo(0, 0); document.getElementById("skip").focus()`)
	var bad []string
	seen := map[string]bool{}
	n := 0
	for i := range 300 {
		if i > 0 {
			p.key("\t")
		}
		id := eval[string](p, `(() => { const a = document.activeElement; if (!a || a === document.body) return "";
  return a.id || (a.tagName.toLowerCase() + ":" + (a.getAttribute("aria-label") || a.textContent.trim().slice(0, 30))); })()`)
		if id == "" || seen[id] {
			break
		}
		seen[id], n = true, n+1
		ring := eval[string](p, `(() => { let a = document.activeElement;
  if (a.type === "file") a = a.closest("label");
  const s = getComputedStyle(a), r = a.getBoundingClientRect();
  if (r.width < 4 || r.height < 4) return "too small to see (" + Math.round(r.width) + "×" + Math.round(r.height) + ")";
  if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 2) return "no ring (outline " + s.outlineStyle + " " + s.outlineWidth + ")";
  return ""; })()`)
		if ring != "" {
			bad = append(bad, id+": "+ring)
		}
	}
	return bad, n
}

// TestAccessibility: axe-core finds nothing on load, while training, with an experiment open and in
// Chinese, at 1280×720 and 390×844 (with the settings drawer open too); the first Tab reaches a skip
// link that moves the focus to the charts; every control shows a focus ring, Upload included.
func TestAccessibility(t *testing.T) {
	p := newPage(t)
	axeSource(t)
	for _, size := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"1280", 1280, 720, false}, {"390", 390, 844, true}} {
		t.Run(size.name, func(t *testing.T) {
			p.t = t
			if size.mobile {
				p.do(chromedp.EmulateViewport(size.w, size.h, chromedp.EmulateMobile))
				defer p.do(chromedp.EmulateReset())
			} else {
				p.do(chromedp.EmulateViewport(size.w, size.h))
			}
			p.open("")
			p.axe("load " + size.name)
			if size.mobile {
				p.click("#btn-settings")
				p.wait("the drawer", `!!document.getElementById("ctl-task").offsetParent`, 5*time.Second)
				p.axe("settings drawer " + size.name)
				p.click("#btn-drawer-close")
			}
			p.click("#btn-play")
			p.waitStep("30 steps", 30)
			p.axe("training " + size.name)
			p.click("#btn-play")
			p.open("?experiment=exploding")
			p.click("#btn-play")
			p.waitStep("the experiment to run", 10)
			p.axe("experiment " + size.name)
			p.click("#btn-lang")
			p.wait("Chinese", `document.querySelector("h1").textContent === "循环神经网络演练场"`, 10*time.Second)
			p.axe("experiment in Chinese " + size.name)
			p.click("#btn-lang")
			p.wait("English", `document.querySelector("h1").textContent === "RNN Playground"`, 10*time.Second)
			p.noErrors()
		})
	}

	t.Run("keyboard", func(t *testing.T) {
		p.t = t
		p.do(chromedp.EmulateViewport(1280, 720))
		p.open("")
		p.key("\t")
		if got := eval[string](p, `document.activeElement.id`); got != "skip" {
			t.Fatalf("the first Tab reaches %q, not the skip link", got)
		}
		if !eval[bool](p, visible("skip")+` || document.getElementById("skip").getBoundingClientRect().top >= 0`) {
			t.Errorf("the focused skip link is off screen: %s", p.box("skip"))
		}
		p.key("\r")
		p.wait("the focus on the charts", `document.activeElement.id === "charts"`, 5*time.Second)
		p.key("\t")
		if !eval[bool](p, `document.getElementById("charts").contains(document.activeElement)`) {
			t.Errorf("Tab after the skip link leaves the charts: %q", eval[string](p, `document.activeElement.id`))
		}
		bad, n := p.focusRings()
		t.Logf("%d controls reached by Tab", n)
		if n < 30 {
			t.Errorf("only %d controls reached by Tab", n)
		}
		for _, b := range bad {
			t.Errorf("focus: %s", b)
		}
		// Upload by the keyboard: the file input takes the focus and its label shows the ring.
		eval[chromedp.Void](p, `document.getElementById("file-load").focus()`)
		if got := eval[string](p, `document.activeElement.id + " " + getComputedStyle(document.getElementById("btn-load-file")).outlineStyle`); got != "file-load solid" {
			t.Errorf("the Upload label shows no ring when its file input has the focus (focus, outline: %s)", got)
		}
		p.noErrors()
	})
}
