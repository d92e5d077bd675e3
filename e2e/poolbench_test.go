//go:build !js

package e2e

import (
	"flag"
	"strings"
	"testing"
	"time"
)

// BenchmarkPool measures the vanishing experiment's three runs in the page with a pool of 1 and of 2
// workers (window.rnnPoolSize), alternating: training steps per second summed over the runs, counted
// from the runs' step counters after a warm-up. Run with `make bench-pool`; figures in
// docs/benchmarks.md.
func BenchmarkPool(b *testing.B) {
	sizes := []int{1, 2}
	pages := map[int]*page{}
	for _, n := range sizes {
		pages[n] = newPoolPage(b, n)
	}
	total := func(p *page) int {
		return eval[int](p, `[0, 1, 2].reduce((s, i) => s + +document.getElementById("run-" + i).dataset.step, 0)`)
	}
	sps, busy := map[int][]float64{}, map[int][]float64{}
	for range b.N {
		for range *benchRounds {
			for _, n := range sizes {
				p := pages[n]
				p.open("?experiment=vanishing")
				p.click("#btn-play")
				time.Sleep(*benchWarm)
				s0, t0, m0 := total(p), time.Now(), mainThread(p)
				time.Sleep(*benchMeasure)
				s1, t1, m1 := total(p), time.Now(), mainThread(p)
				p.click("#btn-play")
				sps[n] = append(sps[n], float64(s1-s0)/t1.Sub(t0).Seconds())
				busy[n] = append(busy[n], (m1["TaskDuration"]-m0["TaskDuration"])/t1.Sub(t0).Seconds())
			}
		}
	}
	for _, n := range sizes {
		b.Logf("pool of %d: %v steps/s (summed over 3 runs), page's main thread busy %v of the time", n, sps[n], busy[n])
	}
	b.ReportMetric(mean(sps[1]), "steps/s-1-worker")
	b.ReportMetric(mean(sps[2]), "steps/s-2-workers")
	b.ReportMetric(mean(sps[2])/mean(sps[1]), "speedup")
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
