package train

import (
	"fmt"
	"reflect"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// Compare builds runs that share one task — its validation set — and, since they share the task
// configuration, batch size and seed, see identical training batches: they may differ in model,
// optimiser, clipping and stop rules. Step them in turn (e.g. 10 steps each) to train them side by side.
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
	tk, err := task.New(cfgs[0].Task)
	if err != nil {
		return nil, err
	}
	runs := make([]*Run, len(cfgs))
	for i, c := range cfgs {
		if runs[i], err = newRun(c, tk); err != nil {
			return nil, fmt.Errorf("compare: run %d: %v", i+1, err)
		}
	}
	return runs, nil
}
