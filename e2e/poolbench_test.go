//go:build !js

package e2e

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/nn/experiment"
)

// BenchmarkPool measures the vanishing experiment's three runs in the page with a pool of 1 and of 2
// workers (window.rnnPoolSize), alternating: training steps per second summed over the runs, counted
// from the runs' step counters after a warm-up, up to the last reading before a run reaches its last
// step (600: two workers get there within the 13 s of warm-up and measurement, after which the runs
// done add nothing). Run with `make bench-pool`; figures in
// docs/benchmarks.md.
func BenchmarkPool(b *testing.B) {
	xp, err := experiment.ByID("vanishing")
	if err != nil {
		b.Fatal(err)
	}
	last := xp.Runs[0].Config.Steps // a run stops there: the measurement ends before
	sizes := []int{1, 2}
	pages := map[int]*page{}
	for _, n := range sizes {
		pages[n] = newPoolPage(b, n)
	}
	sps, busy, layouts := map[int][]float64{}, map[int][]float64{}, map[int][]float64{}
	for _, n := range sizes { // a first visit: the browser compiles the module's hot code in the background
		warmUp(pages[n], "?experiment=vanishing")
	}
	for range b.N {
		for range *benchRounds {
			for _, n := range sizes {
				p := pages[n]
				p.open("?experiment=vanishing")
				p.click("#btn-play")
				time.Sleep(*benchWarm)
				a, z := poolSample(p, len(xp.Runs)), poolSample(p, len(xp.Runs))
				if a.max >= last {
					b.Fatalf("pool of %d: a run reached its last step (%d) during the warm-up", n, last)
				}
				for end := a.t.Add(*benchMeasure); time.Now().Before(end); {
					time.Sleep(250 * time.Millisecond)
					s := poolSample(p, len(xp.Runs))
					if s.max >= last {
						break
					}
					z = s
				}
				p.click("#btn-play")
				dt := z.t.Sub(a.t).Seconds()
				b.Logf("pool of %d: %d steps in %.1f s", n, z.sum-a.sum, dt)
				sps[n] = append(sps[n], float64(z.sum-a.sum)/dt)
				busy[n] = append(busy[n], (z.m["TaskDuration"]-a.m["TaskDuration"])/dt)
				layouts[n] = append(layouts[n], (z.m["LayoutCount"]-a.m["LayoutCount"])/dt)
			}
		}
	}
	for _, n := range sizes {
		b.Logf("pool of %d: %v steps/s (summed over 3 runs), page's main thread busy %v of the time, %v layouts a second", n, sps[n], busy[n], layouts[n])
	}
	b.ReportMetric(mean(sps[1]), "steps/s-1-worker")
	b.ReportMetric(mean(sps[2]), "steps/s-2-workers")
	b.ReportMetric(mean(sps[2])/mean(sps[1]), "speedup")
}

// warmUp trains the page of query for a while, unmeasured: in a page's first seconds the browser
// compiles the module's hot functions again, optimised, on its other threads (V8 tiers up), which
// slows the first measurement on two busy cores by a fifth or more.
func warmUp(p *page, query string) {
	p.open(query)
	p.click("#btn-play")
	time.Sleep(*benchWarm + *benchMeasure/2)
	p.click("#btn-play")
}

// poolStep is what BenchmarkPool reads of the page at one time: the runs' steps summed, the furthest
// run's step and the page's main-thread metrics.
type poolStep struct {
	sum, max int
	t        time.Time
	m        map[string]float64
}

func poolSample(p *page, runs int) poolStep {
	steps := eval[[]int](p, fmt.Sprintf(`[...Array(%d).keys()].map(i => +document.getElementById("run-" + i).dataset.step)`, runs))
	s := poolStep{t: time.Now(), m: mainThread(p)}
	for _, v := range steps {
		s.sum += v
		s.max = max(s.max, v)
	}
	return s
}

// shardBenchURLs are the lone runs BenchmarkShardPage measures: the article's 2×LSTM(128) (the TF.js
// anchor's seed-lstm) and smaller models of the default task, for the threshold minShardFLOPs.
var shardBenchURLs = flag.String("shard-urls", "?experiment=article,?hidden=128,?hidden=64,?", "BenchmarkShardPage: the page queries of the runs, comma-separated")

// BenchmarkShardPage measures lone runs in the page on 1 and 2 workers (window.rnnPoolSize; on 2 the
// helper computes half of every step's shards), alternating: steps per second after a warm-up. Run
// with `make bench-shards`; figures in docs/benchmarks.md.
func BenchmarkShardPage(b *testing.B) {
	sizes := []int{1, 2}
	pages := map[int]*page{}
	for _, n := range sizes {
		pages[n] = newPoolPage(b, n)
	}
	for _, n := range sizes {
		warmUp(pages[n], strings.Split(*shardBenchURLs, ",")[0])
	}
	for _, q := range strings.Split(*shardBenchURLs, ",") {
		sps := map[int][]float64{}
		for range b.N {
			for range *benchRounds {
				for _, n := range sizes {
					p := pages[n]
					p.open(q)
					p.click("#btn-play")
					time.Sleep(*benchWarm)
					s0, t0 := p.step(), time.Now()
					time.Sleep(*benchMeasure)
					s1, t1 := p.step(), time.Now()
					p.click("#btn-play")
					sps[n] = append(sps[n], float64(s1-s0)/t1.Sub(t0).Seconds())
				}
			}
		}
		m1, m2 := mean(sps[1]), mean(sps[2])
		b.Logf("%-20s 1 worker %v, 2 workers %v steps/s: %.2f×", q, sps[1], sps[2], m2/m1)
	}
}

func mean(x []float64) (m float64) {
	for _, v := range x {
		m += v
	}
	return m / float64(len(x))
}
