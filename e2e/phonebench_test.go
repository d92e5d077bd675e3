//go:build !js

package e2e

import (
	"testing"
	"time"
)

// BenchmarkPhoneThread measures the page's main thread on a phone (390×844) while the default run and
// the vanishing experiment train: the share of the time it is busy and its layouts a second, over 5 s
// after 3 s of training, 3 rounds each (docs/benchmarks.md, "The page's thread"). The workers train
// on the other threads; on a phone with few cores what the page takes, they lose.
func BenchmarkPhoneThread(b *testing.B) {
	p := newPhonePage(b)
	for _, q := range []string{"?steps=100000", "?experiment=vanishing"} {
		for r := range 3 {
			p.open(q)
			p.click("#btn-play")
			time.Sleep(3 * time.Second)
			a, s0, t0 := mainThread(p), p.step(), time.Now()
			time.Sleep(5 * time.Second)
			z, s1 := mainThread(p), p.step()
			dt := time.Since(t0).Seconds()
			p.click("#btn-play")
			b.Logf("%s round %d: main thread busy %.3f, layouts %.1f/s, step rate %.0f/s", q, r, (z["TaskDuration"]-a["TaskDuration"])/dt, (z["LayoutCount"]-a["LayoutCount"])/dt, float64(s1-s0)/dt)
		}
	}
}
