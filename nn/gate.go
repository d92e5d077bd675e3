package nn

import "fmt"

// gateAct is the squashing function of the LSTM's and GRU's gates (Keras recurrent_activation):
//
//	sigmoid (default):  σ(x) = 1/(1+e^−x),              σ'(x) = σ(1−σ)
//	hard_sigmoid:       clip(0.2·x + 0.5, 0, 1),          0.2 inside (0, 1), else 0
//
// hard_sigmoid is TensorFlow.js's default for both cells (and Keras 1's); it is here so that such models
// import faithfully. Its gradient is read from the gate's value, as σ's is: 0.2 where the gate is strictly
// between 0 and 1, 0 where it is clipped.
type gateAct uint8

const (
	gateSigmoid gateAct = iota
	gateHardSigmoid
)

// Recurrent activations by their Keras names; "" means sigmoid.
const (
	RecSigmoid     = "sigmoid"
	RecHardSigmoid = "hard_sigmoid"
)

func newGateAct(name string) (gateAct, error) {
	switch name {
	case "", RecSigmoid:
		return gateSigmoid, nil
	case RecHardSigmoid:
		return gateHardSigmoid, nil
	}
	return 0, fmt.Errorf("unknown %q (want %s or %s)", name, RecSigmoid, RecHardSigmoid)
}

// apply sets dst[i] = g(src[i]); dst and src may be the same slice.
func (g gateAct) apply(dst, src []float64) {
	if g == gateHardSigmoid {
		hardSigmoidTo(dst, src)
		return
	}
	sigmoidTo(dst, src)
}

// grad returns g'(x) from the gate's value y = g(x).
func (g gateAct) grad(y float64) float64 {
	if g == gateHardSigmoid {
		if y > 0 && y < 1 {
			return 0.2
		}
		return 0
	}
	return y * (1 - y)
}

// hardSigmoidTo sets dst[i] = clip(0.2·src[i] + 0.5, 0, 1).
func hardSigmoidTo(dst, src []float64) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = min(max(0.2*x+0.5, 0), 1)
	}
}
