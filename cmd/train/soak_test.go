package main

import (
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// liveHeap is the heap in use after a collection, in MB.
func liveHeap() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / 1e6
}

// BenchmarkSoak1M trains 1,000,000 steps of a small model through the whole command, its records streamed
// to -out and -csv, and reports the live heap once a second: at the first second (≈50,000 steps) and the
// last (goal: flat within 10%). The charts (-plot) draw from at most maxPoints points a line whatever the
// length, and are left out here so that the last sample is still training. Run it alone:
//
//	go test -run '^$' -bench Soak1M -benchtime 1x ./cmd/train
func BenchmarkSoak1M(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		const steps = 1_000_000
		args := []string{"-task", "adding", "-T", "5", "-model", "rnn", "-hidden", "4", "-batch", "2", "-val-size", "8",
			"-steps", strconv.Itoa(steps), "-eval-every", "100", "-quiet",
			"-out", filepath.Join(dir, "r.jsonl"), "-csv", filepath.Join(dir, "r.csv")}
		done := make(chan int)
		go func() { done <- run(args, io.Discard, io.Discard) }()
		var samples []float64
		tick := time.NewTicker(time.Second)
	wait:
		for {
			select {
			case code := <-done:
				if code != 0 {
					b.Fatalf("exit %d", code)
				}
				break wait
			case <-tick.C:
				samples = append(samples, liveHeap())
			}
		}
		tick.Stop()
		if len(samples) < 3 {
			b.Fatalf("only %d samples", len(samples))
		}
		start, end := samples[0], samples[len(samples)-1]
		b.ReportMetric(start, "MB-start")
		b.ReportMetric(end, "MB-end")
		b.ReportMetric(100*(end-start)/start, "%growth")
		b.Logf("live heap each second (MB): %.2f", samples)
	}
}
