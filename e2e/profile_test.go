//go:build !js

package e2e

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

var (
	profileURL     = flag.String("profile-url", "?experiment=vanishing", "BenchmarkProfilePage: the page's query")
	profileWorkers = flag.Int("profile-workers", 0, "BenchmarkProfilePage: the pool's size (window.rnnPoolSize; 0: the page's choice)")
	profileFor     = flag.Duration("profile-for", 8*time.Second, "BenchmarkProfilePage: how long to sample")
)

// BenchmarkProfilePage samples where the time goes while the page trains: a CPU profile of the page's
// thread and one of each training worker (the DevTools Profiler attached to every worker target), written
// to build/profiles/*.cpuprofile (open them in Chromium's DevTools, Performance panel) and summarised in
// the log: each thread's busy share and its functions by time spent in them and below. Run it with
// `make profile-page` (PAGE_BENCH_FLAGS='-profile-url=?… -profile-workers=2').
func BenchmarkProfilePage(b *testing.B) {
	p := newPoolPage(b, *profileWorkers)
	warmUp(p, *profileURL)
	p.open(*profileURL)
	p.click("#btn-play")
	time.Sleep(*benchWarm)
	targets, err := chromedp.Targets(p.ctx)
	if err != nil {
		b.Fatal(err)
	}
	type sampled struct {
		name string
		stop func() (*profiler.Profile, error)
	}
	start := func(ctx context.Context, name string) sampled {
		for _, c := range []func() error{
			func() error { _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); return err },
			func() error {
				_, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 500})
				return err
			},
			func() error { _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); return err },
		} {
			if err := c(); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
		}
		return sampled{name, func() (*profiler.Profile, error) {
			r, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
			if err != nil {
				return nil, err
			}
			return r.Profile, nil
		}}
	}
	all := []sampled{start(p.ctx, "page")}
	for _, t := range targets {
		if t.Type == "worker" && strings.HasSuffix(t.URL, "/web/worker.js") {
			ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(t.TargetID))
			defer cancel()
			all = append(all, start(ctx, fmt.Sprintf("worker-%d", len(all)-1)))
		}
	}
	time.Sleep(*profileFor)
	dir := filepath.Join("..", "build", "profiles")
	os.MkdirAll(dir, 0o755)
	for _, s := range all {
		prof, err := s.stop()
		if err != nil {
			b.Fatalf("%s: %v", s.name, err)
		}
		buf, _ := json.Marshal(prof)
		if err := os.WriteFile(filepath.Join(dir, s.name+".cpuprofile"), buf, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Log(summarise(s.name, prof, 25))
	}
	p.click("#btn-play")
}

// glue are the frames that every sample of Go code passes through (the wasm runtime's entry and exit, the
// event handler that calls Go): they would head every summary.
var glue = map[string]bool{"": true, "(root)": true, "_resume": true, "js-to-wasm::": true, "wasm_export_resume": true,
	"wasm_pc_f_loop": true, "wasm-to-js": true, "runtime.handleEvent": true, "syscall_js.handleEvent": true}

// summarise is a profile's busy share and its n functions with the most time spent in them and in what
// they call (each function once per sample), as a share of the busy time.
func summarise(name string, prof *profiler.Profile, n int) string {
	node, parent := map[int64]*profiler.ProfileNode{}, map[int64]int64{}
	for _, x := range prof.Nodes {
		node[x.ID] = x
		for _, c := range x.Children {
			parent[c] = x.ID
		}
	}
	total, idle := 0.0, 0.0
	incl := map[string]float64{}
	for i, id := range prof.Samples {
		dt := float64(prof.TimeDeltas[i])
		total += dt
		if node[id].CallFrame.FunctionName == "(idle)" {
			idle += dt
			continue
		}
		seen := map[string]bool{}
		for x, ok := id, true; ok; x, ok = parent[x] {
			f := node[x].CallFrame.FunctionName
			if !glue[f] && !seen[f] {
				seen[f] = true
				incl[f] += dt
			}
		}
	}
	busy := total - idle
	var out strings.Builder
	fmt.Fprintf(&out, "%s: busy %.0f%% of %.1f s\n", name, 100*busy/max(total, 1), total/1e6)
	fs := slices.SortedFunc(maps.Keys(incl), func(a, b string) int { return cmp.Compare(incl[b], incl[a]) })
	for _, f := range fs[:min(n, len(fs))] {
		fmt.Fprintf(&out, "  %5.1f%%  %s\n", 100*incl[f]/max(busy, 1), strings.NewReplacer("github_com_rnn_playground_rnn_playground_", "",
			"github.com_rnn_playground_rnn_playground_", "", "github_com_maxence_charriere_go_app_v10_pkg_", "",
			"github.com_maxence_charriere_go_app_v10_pkg_", "").Replace(f))
	}
	return out.String()
}
