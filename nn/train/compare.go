package train

import (
	"fmt"
	"reflect"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// Compare builds runs that see identical data: since they share the task configuration, batch size and
// seed, they have the same validation set and draw the same training batches. They may differ in model,
// optimiser, clipping and stop rules. Each run has a task of its own, built from that configuration
// (a task is a function of its configuration), so the runs share no memory: step them in turn, or each
// on its own goroutine — the records are the same, bit for bit.
func Compare(cfgs ...Config) ([]*Run, error) {
	if len(cfgs) == 0 {
		return nil, fmt.Errorf("compare: no runs")
	}
	for i := range cfgs {
		if err := cfgs[i].Validate(); err != nil {
			return nil, fmt.Errorf("compare: run %d: %v", i+1, err)
		}
		if i > 0 && (!reflect.DeepEqual(cfgs[i].Task, cfgs[0].Task) || cfgs[i].Batch != cfgs[0].Batch || cfgs[i].Seed != cfgs[0].Seed) {
			return nil, fmt.Errorf("compare: run %d differs from run 1 in task, batch or seed; compared runs share their data", i+1)
		}
	}
	runs := make([]*Run, len(cfgs))
	for i, c := range cfgs {
		tk, err := task.New(c.Task)
		if err != nil {
			return nil, err
		}
		if runs[i], err = newRun(c, tk); err != nil {
			return nil, fmt.Errorf("compare: run %d: %v", i+1, err)
		}
	}
	return runs, nil
}
