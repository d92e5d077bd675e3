package train

import (
	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// StepFLOPs estimates the floating-point operations of one training step of c from its recurrent
// kernels: 6·B·T·Σ_layers (weights of the layer's kernels) — 2 per weight and example-step forward, 4
// backward. The page weighs it against the cost of sending a step's shards to other workers. 0 for a
// configuration it cannot read.
func StepFLOPs(c Config) float64 {
	k := nn.Cell(c.Model.Cell)
	tc := task.WithDefaults(c.Task)
	T, D := task.Steps(tc), task.Width(tc)
	if k == nil || T == 0 || c.Batch <= 0 {
		return 0
	}
	H, w := c.Model.Hidden, 0
	for l := range max(1, c.Model.Layers) {
		if l > 0 {
			D = H
		}
		w += k.Kernels(D, H, nn.LayerConfig{Type: k.Name, Units: H})
	}
	return 6 * float64(c.Batch*T*w)
}
