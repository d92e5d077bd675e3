//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpperf "github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

var (
	benchWarm    = flag.Duration("page-warm", 3*time.Second, "BenchmarkPageVsNode: training before each measurement")
	benchMeasure = flag.Duration("page-measure", 10*time.Second, "BenchmarkPageVsNode: length of each measurement")
	benchRounds  = flag.Int("page-rounds", 2, "BenchmarkPageVsNode: node, page measurements per configuration")
)

// BenchmarkPageVsNode measures training steps per second of the same run in the page (Chromium: the
// Web Worker posting progress to the page, which renders it) and in the same app.wasm (its worker role) under node with
// no page at all (e2e/testdata/worker-node.js, driven like web/worker.js), alternating node and page so
// that both see the same load. The run is the one the page makes from its URL (read back from its JSON
// export). A third measurement, "bare", runs app.wasm in a Web Worker of the same Chromium with no
// page listening (as under node): it tells the browser's engine apart from the page's cost. Steps/s are counted between progress messages (step numbers and arrival times), after a
// warm-up. Run it with `make bench-page`; the figures are in docs/benchmarks.md.
func BenchmarkPageVsNode(b *testing.B) {
	if _, err := exec.LookPath("node"); err != nil {
		b.Skip("no node on PATH")
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Fatal(err)
	}
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	p := newPage(b)
	for _, c := range []struct{ name, query string }{
		{"adding-lstm32", ""},
		{"charlm-lstm32", "?task=charlm"},
	} {
		b.Run(c.name, func(b *testing.B) {
			p.t = b
			var page, node, bare []speed
			for range b.N {
				for range *benchRounds {
					cfgs := pageConfigs(p, c.query)
					node = append(node, nodeSpeed(b, wasmExec, cfgs))
					page = append(page, pageSpeed(p, c.query))
					bare = append(bare, bareSpeed(p, cfgs))
				}
			}
			for i := range page {
				b.Logf("round %d: node %s | page %s | bare worker %s", i+1, node[i], page[i], bare[i])
			}
			ps, ns, ws := total(page), total(node), total(bare)
			b.ReportMetric(ps.rate(), "page-steps/s")
			b.ReportMetric(ns.rate(), "node-steps/s")
			b.ReportMetric(ws.rate(), "bare-steps/s")
			b.ReportMetric(100*(1-ps.rate()/ns.rate()), "%slower")
			b.ReportMetric(ps.Bytes/ps.Seconds/1e3, "page-kB/s")
		})
	}
	p.t = b
	p.noErrors()
}

// speed is one measurement: steps over seconds, and the progress messages in it.
type speed struct {
	Steps    int     `json:"steps"`
	Seconds  float64 `json:"seconds"`
	Messages int     `json:"messages"`
	Bytes    float64 `json:"bytes"`
	// the page's main thread during the measurement (page only): seconds busy, in script, in style and
	// layout (Chromium's Performance.getMetrics)
	Main, Script, Layout float64
}

func (s speed) rate() float64 { return float64(s.Steps) / s.Seconds }

func (s speed) String() string {
	m := fmt.Sprintf("%6.1f steps/s (%d steps in %.2f s, %d messages, %.0f kB/s)", s.rate(), s.Steps, s.Seconds, s.Messages, s.Bytes/s.Seconds/1e3)
	if s.Main > 0 {
		m += fmt.Sprintf(", main thread busy %.0f%% (script %.0f%%, style+layout %.0f%%)", 100*s.Main/s.Seconds, 100*s.Script/s.Seconds, 100*s.Layout/s.Seconds)
	}
	return m
}

func total(ss []speed) speed {
	var t speed
	for _, s := range ss {
		t.Steps += s.Steps
		t.Seconds += s.Seconds
		t.Messages += s.Messages
		t.Bytes += s.Bytes
		t.Main += s.Main
		t.Script += s.Script
		t.Layout += s.Layout
	}
	return t
}

// pageConfigs opens the page at query and returns the run configurations it trains (its JSON export).
func pageConfigs(p *page, query string) string {
	p.open(query)
	eval[chromedp.Void](p, `window.__files = []; window.rnnDownload = (name, mime, text) => window.__files.push(text);`)
	p.click("#btn-json")
	p.wait("the JSON export", `window.__files.length === 1`, 5*time.Second)
	var runs []struct {
		Config json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal([]byte(eval[string](p, `window.__files[0]`)), &runs); err != nil || len(runs) == 0 {
		p.t.Fatalf("the page's JSON export: %v (%d runs)", err, len(runs))
	}
	var cfgs []json.RawMessage
	for _, r := range runs {
		cfgs = append(cfgs, r.Config)
	}
	out, _ := json.Marshal(cfgs)
	return string(out)
}

func nodeSpeed(b *testing.B, wasmExec, configs string) speed {
	out, err := exec.Command("node", filepath.Join("testdata", "worker-node.js"), wasmExec, filepath.Join("..", "web", "app.wasm"),
		configs, fmt.Sprint(benchWarm.Seconds()), fmt.Sprint(benchMeasure.Seconds())).CombinedOutput()
	if err != nil {
		b.Fatalf("node: %v\n%s", err, out)
	}
	var s speed
	if err := json.Unmarshal(out, &s); err != nil {
		b.Fatalf("node: %v\n%s", err, out)
	}
	return s
}

// pageSpeed opens the page at query, plays, and counts steps between the progress messages that reach
// the page after the warm-up.
func pageSpeed(p *page, query string) speed {
	p.open(query)
	eval[chromedp.Void](p, `(() => { window.__pm = []; const w = window.__workers[window.__workers.length - 1];
		w.addEventListener("message", e => { const r = /"runs":\[\{"id":0,"step":(\d+)/.exec(e.data); if (r) window.__pm.push([performance.now(), +r[1], e.data.length]); }); })()`)
	p.click("#btn-play")
	p.wait("playing", `document.getElementById("playground").dataset.playing === "true"`, 10*time.Second)
	t0 := eval[float64](p, `performance.now()`)
	time.Sleep(*benchWarm)
	m0 := mainThread(p)
	time.Sleep(*benchMeasure)
	m1 := mainThread(p)
	p.click("#btn-play")
	js := fmt.Sprintf(`(() => { const m = window.__pm.filter(x => x[0] >= %f && x[0] <= %f); const a = m[0], z = m[m.length - 1];
		return JSON.stringify({steps: z[1] - a[1], seconds: (z[0] - a[0]) / 1000, messages: m.length - 1, bytes: m.slice(1).reduce((s, x) => s + x[2], 0)}); })()`,
		t0+float64(benchWarm.Milliseconds()), t0+float64((*benchWarm+*benchMeasure).Milliseconds()))
	var s speed
	if err := json.Unmarshal([]byte(eval[string](p, js)), &s); err != nil {
		p.t.Fatal(err)
	}
	s.Main = m1["TaskDuration"] - m0["TaskDuration"]
	s.Script = m1["ScriptDuration"] - m0["ScriptDuration"]
	s.Layout = m1["LayoutDuration"] + m1["RecalcStyleDuration"] - m0["LayoutDuration"] - m0["RecalcStyleDuration"]
	return s
}

// mainThread returns Chromium's counters of the page's main thread (seconds).
func mainThread(p *page) map[string]float64 {
	if _, err := chromedp.Call(p.ctx, cdpperf.Enable, cdpperf.EnableParams{}); err != nil {
		p.t.Fatal(err)
	}
	r, err := chromedp.Call(p.ctx, cdpperf.GetMetrics, cdp.Empty{})
	if err != nil {
		p.t.Fatal(err)
	}
	m := map[string]float64{}
	for _, x := range r.Metrics {
		m[x.Name] = x.Value
	}
	return m
}

// bareSpeed runs testdata/worker-node.js's loop in a Web Worker of the (idle) page: Chromium's engine,
// no page receiving the progress.
func bareSpeed(p *page, configs string) speed {
	src, err := os.ReadFile(filepath.Join("testdata", "worker-bare.js"))
	if err != nil {
		p.t.Fatal(err)
	}
	js := fmt.Sprintf(`new Promise((ok, fail) => {
		const w = new Worker(URL.createObjectURL(new Blob([%s], {type: "text/javascript"})));
		w.onmessage = e => ok(e.data); w.onerror = e => fail(e.message);
		w.postMessage({origin: location.origin, configs: %s, warm: %f, measure: %f});
	})`, strconv.Quote(string(src)), strconv.Quote(configs), benchWarm.Seconds(), benchMeasure.Seconds())
	ctx, cancel := context.WithTimeout(p.ctx, *benchWarm+*benchMeasure+60*time.Second)
	defer cancel()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("bare worker: %v", err)
	}
	var s speed
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		p.t.Fatalf("bare worker: %v: %s", err, out)
	}
	return s
}
