package train

import (
	"os"
	"strconv"
	"testing"
	"time"
)

func TestExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	T, _ := strconv.Atoi(os.Getenv("T"))
	H, _ := strconv.Atoi(os.Getenv("H"))
	steps, _ := strconv.Atoi(os.Getenv("STEPS"))
	lr, _ := strconv.ParseFloat(os.Getenv("LR"), 64)
	B, _ := strconv.Atoi(os.Getenv("B"))
	c := Default(os.Getenv("TASK"))
	c.Task.T, c.Model.Hidden, c.Steps, c.Optimizer.LR, c.Batch = T, H, steps, lr, B
	c.Model.Cell = os.Getenv("CELL")
	c.EvalEvery = 100
	c.Task.ValSize = 256
	c.TargetLoss, _ = strconv.ParseFloat(os.Getenv("TARGET"), 64)
	r := mustRun(t, c)
	t0 := time.Now()
	for r.Step(100) > 0 {
		e := r.Evals()[len(r.Evals())-1]
		t.Logf("step %d val %.4f metric %.3f  %.1fs", e.Step, e.ValLoss, e.ValMetric, time.Since(t0).Seconds())
	}
	_, why := r.Done()
	t.Logf("%+v", why)
}
