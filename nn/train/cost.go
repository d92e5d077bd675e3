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
	var w float64
	for l := range max(1, c.Model.Layers) {
		if l > 0 {
			D = c.Model.Hidden
		}
		for _, p := range k.Params(D, c.Model.Hidden, nn.LayerConfig{Type: k.Name, Units: c.Model.Hidden}) {
			if p.Decay {
				n := 1
				for _, d := range p.Shape {
					n *= d
				}
				w += float64(n)
			}
		}
	}
	return 6 * float64(c.Batch*T) * w
}
