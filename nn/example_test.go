package nn_test

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// Train an LSTM to output the first input of a sequence after 8 steps, and watch the gradient reach
// the first step.
func Example() {
	rng := nn.NewRNG(1)
	m, _ := nn.NewModel(nn.ModelConfig{
		Input: 1,
		Layers: []nn.LayerConfig{
			{Type: "lstm", Units: 16},
			{Type: "dense", Units: 1},
		},
		Loss: nn.MSE,
	}, rng)
	opt := nn.NewOptimizer(nn.OptimConfig{Name: "adam", LR: 0.01}, m.Params)
	clip := nn.ClipConfig{Mode: "norm", Threshold: 1}

	const T, B = 8, 32
	var b nn.Batch
	var st nn.StepStats
	for step := 0; step < 300; step++ {
		b.Resize(T, B, 1, 1, 1, false, false)
		for i := range b.X.V {
			b.X.V[i] = rng.Uniform(-1, 1)
		}
		copy(b.Y, b.X.V[:B]) // the target is x_1
		nn.TrainStep(m, &b, opt, clip, &st)
	}
	p := m.Probes()[0]
	fmt.Printf("loss below 0.01: %v\n", st.Loss < 0.01)
	fmt.Printf("gradient reaches step 1: %v\n", p.DH[0] > 1e-3*p.DH[T-1])
	// Output:
	// loss below 0.01: true
	// gradient reaches step 1: true
}
