package tfjs

// The layers both sides have: the engine's layer type (nn.LayerConfig.Type) and the Keras class name.
var kerasClass = map[string]string{
	"rnn":       "SimpleRNN",
	"lstm":      "LSTM",
	"gru":       "GRU",
	"dense":     "Dense",
	"embedding": "Embedding",
	"dropout":   "Dropout",
}

// engineType returns the engine's layer type for a Keras class name, or "".
func engineType(class string) string {
	for t, c := range kerasClass {
		if c == class {
			return t
		}
	}
	return ""
}

// Activations a layer may take, by layer type: Keras names, which are the engine's too. The first is the
// default when the configuration leaves it out.
var activations = map[string][]string{
	"rnn":   {"tanh", "relu", "linear"},
	"lstm":  {"tanh"},
	"gru":   {"tanh"},
	"dense": {"linear", "sigmoid", "tanh", "relu", "softmax"},
}

// recurrentActivations are the gates' activations of LSTM and GRU (TF.js's default first).
var recurrentActivations = []string{"hard_sigmoid", "sigmoid"}

// The weights of each layer type in the engine's and Keras's order (the engine's parameter is
// "<layer>.<name>", the manifest's "<layer>/<name>").
var weightNames = map[string][]string{
	"rnn":       {"kernel", "recurrent_kernel", "bias"},
	"lstm":      {"kernel", "recurrent_kernel", "bias"},
	"gru":       {"kernel", "recurrent_kernel", "bias"},
	"dense":     {"kernel", "bias"},
	"embedding": {"embeddings"},
}

// File names of an exported model; a weights manifest may name other weight files.
const (
	ModelFile   = "model.json"
	WeightsFile = "model.weights.bin"
)
