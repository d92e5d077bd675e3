//go:build !js

package e2e

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSoak trains for E2E_SOAK (a duration) and logs the long tasks: how often the page's garbage
// collection interrupts a long run. Skipped unless E2E_SOAK is set.
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("E2E_SOAK"))
	if err != nil {
		t.Skip("set E2E_SOAK=90s to run")
	}
	p := newPage(t)
	p.open("")
	eval[chromedp.Void](p, `window.__long = []; window.__t0 = performance.now(); new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(Math.round(e.duration), Math.round(e.startTime - window.__t0)))).observe({type: "longtask"});`)
	p.click("#btn-play")
	time.Sleep(d)
	t.Logf("%d steps in %v; long tasks (duration, start ms): %v", p.step(), d, eval[[]int](p, `window.__long`))
	p.noErrors()
}
