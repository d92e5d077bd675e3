package experiment

import (
	"fmt"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// BenchmarkInsight (make bench-insight, in wasm under node): each experiment trained as the page trains
// it — its presets with seed 1, one step of every run in turn — and, for every claim, the first evaluation
// at which it holds, by the same predicate as TestClaims: experiment, claim, phase, whether a mark points at
// it first on the page, step, milliseconds per step (one step of every run) and seconds of training until
// then. Every group trains to its short form's last step; "—" means the claim did not hold then. The page
// adds the worker's messages and drawing (docs/benchmarks.md, "Page vs node").
// -bench Insight/ID picks one experiment.
func BenchmarkInsight(b *testing.B) {
	fmt.Println("| experiment | claim | phase | first mark | T | step | ms/step | seconds |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, e := range All() {
		b.Run(e.ID, func(b *testing.B) {
			for range b.N {
				for _, row := range insight(b, &e) {
					fmt.Println(row)
				}
			}
		})
	}
}

// insight trains each claim group of e as the page does and returns the table's rows.
func insight(b *testing.B, e *Experiment) []string {
	var rows []string
	firstMark := ""
	if len(e.Marks) > 0 {
		firstMark = e.Marks[0].Claim
	}
	for _, g := range e.ClaimGroups() {
		cfgs := e.Configs(g.T)
		runs, err := train.Compare(cfgs...)
		if err != nil {
			b.Fatal(err)
		}
		type hit struct {
			step int
			wall time.Duration
		}
		hits := map[string]hit{}
		check := func(step int, wall time.Duration) {
			for _, c := range g.Claims {
				if _, ok := hits[c.ID]; !ok {
					if ok, _ := c.Holds(runs); ok {
						hits[c.ID] = hit{step, wall}
					}
				}
			}
		}
		var wall time.Duration
		evals := 0
		for step := 0; step < g.Steps; step++ {
			start := time.Now()
			active := false
			for _, r := range runs {
				if r.Step(1) > 0 {
					active = true
				}
			}
			wall += time.Since(start)
			n, last := 0, 0
			for _, r := range runs {
				n += len(r.Evals())
				last = max(last, latest(r).Step)
			}
			if n != evals {
				evals = n
				check(last, wall)
			}
			if !active {
				break
			}
		}
		steps := 1
		for _, r := range runs {
			steps = max(steps, r.StepsDone())
		}
		for _, c := range g.Claims {
			mark := ""
			if c.ID == firstMark {
				mark = "yes"
			}
			h, ok := hits[c.ID]
			if held, _ := c.Holds(runs); ok && !held {
				ok = false // held for a while, not to the end of the short form
			}
			if !ok {
				rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %d | — | %.1f | — |", e.ID, c.ID, c.Phase, mark, g.T,
					float64(wall.Milliseconds())/float64(steps)))
				continue
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %d | %d | %.1f | %.1f |", e.ID, c.ID, c.Phase, mark, g.T, h.step,
				float64(wall.Milliseconds())/float64(steps), h.wall.Seconds()))
		}
	}
	return rows
}
