package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// Runs of a comparison, an experiment or a seed sweep train concurrently, each on a goroutine of its
// own, -workers at a time. They share no memory (train.Compare), and the records are read and written
// in the same order as when the runs take turns, so the output is the same, bit for bit, whatever
// -workers is.

// maxSeeds bounds a seed sweep: each run holds its model and a bounded history in memory.
const maxSeeds = 1000

// parallelFlags adds -seeds and -workers.
func parallelFlags(fs *flag.FlagSet, o *options) {
	fs.Func("seeds", "train one run per seed, concurrently, and summarise: a range 1-10 or a list 1,4,9", func(s string) error {
		seeds, err := parseSeeds(s)
		o.seeds = seeds
		return err
	})
	fs.Func("workers", "runs that train at the same time (default: one per core, "+strconv.Itoa(runtime.GOMAXPROCS(0))+" here)", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fmt.Errorf("%q: want a number of runs ≥ 1", s)
		}
		o.workers = n
		return nil
	})
}

// parseSeeds reads "1-10", "3" or "1,4,9" (and mixtures, "1-3,7"): distinct seeds in the order given.
func parseSeeds(s string) ([]uint64, error) {
	var seeds []uint64
	seen := map[uint64]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseUint(strings.TrimSpace(lo), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q: want seeds such as 1-10 or 1,4,9", part)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(strings.TrimSpace(hi), 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("%q: want a range low-high with low ≤ high", part)
			}
		}
		if b-a >= maxSeeds || len(seeds)+int(b-a+1) > maxSeeds {
			return nil, fmt.Errorf("%q: at most %d seeds", s, maxSeeds)
		}
		for x := a; ; x++ {
			if !seen[x] {
				seen[x] = true
				seeds = append(seeds, x)
			}
			if x == b {
				break
			}
		}
	}
	return seeds, nil
}

// sweepOptions makes one run of c per seed of -seeds.
func sweepOptions(o *options, c train.Config, v *flagValues) (*options, error) {
	switch {
	case v.compare != "":
		return nil, usagef("-seeds cannot be used with -compare (sweep one model's seeds at a time)")
	case o.save != "":
		return nil, usagef("-save cannot be used with -seeds (save one model at a time)")
	case v.set["seed"]:
		return nil, usagef("-seed cannot be used with -seeds")
	}
	for _, s := range o.seeds {
		cs := c
		cs.Seed = s
		o.cfgs = append(o.cfgs, cs)
		o.names = append(o.names, c.Model.Cell+" seed="+strconv.FormatUint(s, 10))
	}
	return o, nil
}

// newRuns builds the runs: compared runs on the same data, or a seed sweep's independent runs.
func newRuns(o *options) ([]*train.Run, error) {
	if len(o.seeds) == 0 {
		return train.Compare(o.cfgs...)
	}
	runs := make([]*train.Run, len(o.cfgs))
	for i, c := range o.cfgs {
		r, err := train.New(c)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %v", c.Seed, err)
		}
		runs[i] = r
	}
	return runs, nil
}

// stepAll trains every run n steps, workers runs at a time (0: GOMAXPROCS), and reports whether any of
// them trained. Fewer runs than workers share the spare ones out: a run computes its batch's shards on
// workers/runs goroutines (train.Run.SetWorkers; the records do not change), and before each step on
// workers/(runs still training) — a cheap run done with its n steps leaves its cores to the others.
func stepAll(runs []*train.Run, n, workers int) bool {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for _, r := range runs {
		r.SetWorkers(workers / len(runs))
	}
	stepped := make([]int, len(runs))
	if workers == 1 || len(runs) == 1 {
		for i, r := range runs {
			stepped[i] = r.Step(n)
		}
	} else {
		var wg sync.WaitGroup
		var running atomic.Int64 // runs holding a slot
		slots := make(chan struct{}, workers)
		for i, r := range runs {
			wg.Add(1)
			slots <- struct{}{}
			running.Add(1)
			go func() {
				defer func() { running.Add(-1); <-slots; wg.Done() }()
				for stepped[i] < n {
					r.SetWorkers(workers / int(max(1, running.Load()))) // a run left alone takes the idle cores
					k := r.Step(1)
					if k == 0 {
						break
					}
					stepped[i] += k
				}
			}()
		}
		wg.Wait()
	}
	for _, k := range stepped {
		if k > 0 {
			return true
		}
	}
	return false
}

// sweepSummary writes a seed sweep's summary: the final validation loss over the seeds (mean ± sample
// standard deviation, range) and, with -target, how many runs reached it and in how many steps.
func sweepSummary(w io.Writer, runs []*train.Run, target float64) {
	var loss, steps []float64
	for _, r := range runs {
		ev := r.Evals()
		loss = append(loss, ev[len(ev)-1].ValLoss)
		if _, why := r.Done(); why.Reason == "target" {
			steps = append(steps, float64(why.Step))
		}
	}
	m, sd := meanSD(loss)
	lo, hi := minMax(loss)
	fmt.Fprintf(w, "%d seeds: final val loss %.5g ± %.2g (sd; range %.5g–%.5g)\n", len(runs), m, sd, lo, hi)
	if target > 0 {
		if len(steps) == 0 {
			fmt.Fprintf(w, "target %g: reached by none of %d runs\n", target, len(runs))
			return
		}
		m, sd := meanSD(steps)
		lo, hi := minMax(steps)
		fmt.Fprintf(w, "target %g: reached by %d of %d runs, at step %.0f ± %.0f (sd; range %.0f–%.0f)\n", target, len(steps), len(runs), m, sd, lo, hi)
	}
}

// meanSD returns the mean and the sample standard deviation (0 for one value).
func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, 0
	}
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)-1))
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}
