//go:build !js

package e2e

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageMemory is the page's memory in MB: its JavaScript heap in use (performance.memory) and its Go
// wasm linear memory (which only grows: Go returns freed memory to its own heap, not to the browser).
const pageMemory = `(() => {
	const inst = globalThis.go && globalThis.go._inst;
	const wasm = inst ? inst.exports.mem.buffer.byteLength : 0;
	return [performance.memory.usedJSHeapSize / 1e6, wasm / 1e6];
})()`

// TestSoak trains for E2E_SOAK (a duration; the soak is E2E_SOAK=30m) and reports the page's
// memory a minute in and at the end (goal: flat within 10%), with the steps trained and the long tasks.
// Skipped unless E2E_SOAK is set:
//
//	make wasm && E2E_SOAK=30m go test -run TestSoak -timeout 40m -v ./e2e
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("E2E_SOAK"))
	if err != nil {
		t.Skip("set E2E_SOAK=30m to run")
	}
	p := newPage(t)
	p.open("")
	eval[chromedp.Void](p, `window.__long = []; window.__t0 = performance.now(); new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(Math.round(e.duration), Math.round(e.startTime - window.__t0)))).observe({type: "longtask"});`)
	p.click("#btn-play")
	warm := min(time.Minute, d/4)
	time.Sleep(warm)
	start, s0 := eval[[]float64](p, pageMemory), p.step()
	time.Sleep(d - warm)
	end, s1 := eval[[]float64](p, pageMemory), p.step()
	t.Logf("steps %d → %d in %v; JS heap %.1f → %.1f MB, wasm memory %.1f → %.1f MB", s0, s1, d, start[0], end[0], start[1], end[1])
	t.Logf("long tasks (duration, start ms): %v", eval[[]int](p, `window.__long`))
	if s1 <= s0 {
		t.Errorf("the page stopped training: step %d → %d", s0, s1)
	}
	p.noErrors()
}
