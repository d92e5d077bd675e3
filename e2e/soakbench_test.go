//go:build !js

package e2e

import (
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var (
	soakFlag  = flag.Duration("soak", 30*time.Minute, "BenchmarkSoakPage: how long the page trains")
	soakEvery = flag.Duration("soak-every", 5*time.Minute, "BenchmarkSoakPage: time between memory readings")
)

// The Go live heap after a collection (cmd/wasm's rnnHeap) and the wasm linear memory (which only
// grows: Go keeps freed memory for itself), in MB, in the page (web/page.js) and in a worker
// (web/worker.js's Go instance).
const (
	pageGoMemory   = `[rnnHeap() / 1e6, rnnWasmMemory() / 1e6]`
	workerGoMemory = `[rnnHeap() / 1e6, go._inst.exports.mem.buffer.byteLength / 1e6]`
)

// soakMemory is one reading, in MB, per global (the page, then each worker): the JavaScript heap in use
// after a collection, Go's live heap after a collection, and the wasm linear memory.
func soakMemory(b *testing.B, p *page) (names []string, mb []float64) {
	read := func(ctx context.Context, name, goMemory string) {
		c, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		if _, err := chromedp.Call(c, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
			b.Fatalf("collecting the %s's garbage: %v", name, err)
		}
		u, err := chromedp.Call(c, runtime.GetHeapUsage, cdp.Empty{})
		if err != nil {
			b.Fatalf("reading the %s's JavaScript heap: %v", name, err)
		}
		g, err := chromedp.Run(c, chromedp.Evaluate[[]float64](goMemory))
		if err != nil {
			b.Fatalf("reading the %s's Go memory: %v", name, err)
		}
		names = append(names, name+" JS heap", name+" Go live heap", name+" wasm memory")
		mb = append(mb, u.UsedSize/1e6, g[0], g[1])
	}
	read(p.ctx, "page", pageGoMemory)
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		b.Fatalf("listing the browser's targets: %v", err)
	}
	for _, ti := range targets {
		if ti.Type != "worker" {
			continue
		}
		wctx, wcancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(ti.TargetID))
		read(wctx, "worker", workerGoMemory)
		wcancel()
	}
	return names, mb
}

// BenchmarkSoakPage trains the page's default run for -soak (30 minutes by default) and reports the
// memory of the page and of its training worker a minute in, every -soak-every (5 minutes) and at the
// end: the JavaScript heaps and Go's live heaps after a collection, and the wasm linear memories
// (issue 14's soak; goal: flat within 10% once the page's bounded histories are full), with the steps
// trained. docs/cli.md, "Memory over long runs":
//
//	make soak-page            # SOAK=5m for a shorter one
func BenchmarkSoakPage(b *testing.B) {
	d, every := *soakFlag, *soakEvery
	for range b.N {
		p := newPage(b)
		p.open("")
		p.click("#btn-play")
		start := time.Now()
		var (
			names []string
			at    []time.Duration
			steps []int
			rows  [][]float64
		)
		for next := min(time.Minute, d/4); ; next = min(next+every, d) {
			time.Sleep(time.Until(start.Add(next)))
			n, mb := soakMemory(b, p)
			if names != nil && len(mb) != len(rows[0]) {
				b.Fatalf("the workers changed during the soak: %d readings, then %d", len(rows[0]), len(mb))
			}
			names = n
			at, steps, rows = append(at, next), append(steps, p.step()), append(rows, mb)
			if next == d {
				break
			}
		}
		if last := len(steps) - 1; steps[last] <= steps[0] {
			b.Fatalf("the page stopped training: step %d → %d", steps[0], steps[last])
		}
		// One column per reading: the time and step, then each global's memory in MB; the last column
		// is the change from the first reading to the last.
		head, rule := "| memory (MB) |", "| --- |"
		for i := range at {
			head += fmt.Sprintf(" %v, step %d |", at[i], steps[i])
			rule += " ---: |"
		}
		fmt.Println(head + " first → last |")
		fmt.Println(rule + " ---: |")
		for j, n := range names {
			line := "| " + n + " |"
			for i := range rows {
				line += fmt.Sprintf(" %.1f |", rows[i][j])
			}
			first, last := rows[0][j], rows[len(rows)-1][j]
			fmt.Printf("%s %+.1f%% |\n", line, 100*(last/first-1))
		}
		b.ReportMetric(float64(steps[len(steps)-1]), "steps")
		p.noErrors()
	}
}
