package tfjs

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// Files is a LayersModel: model.json and the weight file it names (WeightsFile).
type Files struct {
	Model   []byte // model.json
	Weights []byte // model.weights.bin: little-endian float32, in manifest order
}

// Export writes net as a TensorFlow.js LayersModel. It refuses, naming the part and why, what TensorFlow.js
// has no layer for: the encoder–decoder, attention, auxiliary losses, GRU with the reset gate after the
// recurrent product. Weights are rounded to float32.
func Export(net nn.Net) (*Files, error) {
	m, ok := net.(*nn.Model)
	if !ok {
		return nil, fmt.Errorf("export: the encoder–decoder has no TensorFlow.js equivalent: its decoder reads its own " +
			"previous output and attends over the encoder, which a Sequential stack cannot express; train a plain " +
			"stack (attention off) to export")
	}
	cfg := m.Config
	if cfg.Aux != nil && cfg.Aux.Weight > 0 {
		return nil, fmt.Errorf("export: the auxiliary %s loss has no TensorFlow.js equivalent (it is a second output "+
			"trained alongside the model's own); train without it (aux weight 0) to export", cfg.Aux.Kind)
	}
	var layers []layer
	for i, l := range cfg.Layers {
		c, err := layerConfig(cfg, i, m.Names[i])
		if err != nil {
			return nil, err
		}
		layers = append(layers, layer{ClassName: kerasClass[l.Type], Config: c})
	}
	seq, err := json.Marshal(sequential{Name: "rnn_playground", Layers: layers})
	if err != nil {
		return nil, err
	}
	topo, err := json.Marshal(topology{ClassName: "Sequential", Config: seq, KerasVersion: "tfjs-layers 4.22.0", Backend: "tensor_flow.js"})
	if err != nil {
		return nil, err
	}
	group, bin, err := weights(m.Params)
	if err != nil {
		return nil, err
	}
	doc, err := json.MarshalIndent(modelJSON{ModelTopology: topo, Format: "layers-model", GeneratedBy: "rnn-playground",
		WeightsManifest: []weightGroup{group}}, "", " ")
	if err != nil {
		return nil, err
	}
	return &Files{Model: doc, Weights: bin}, nil
}

// layerConfig is the Keras configuration of layer i of cfg, named name, or an error saying why
// TensorFlow.js has no such layer.
func layerConfig(cfg nn.ModelConfig, i int, name string) (map[string]any, error) {
	l := cfg.Layers[i]
	if _, ok := kerasClass[l.Type]; !ok {
		why := "TensorFlow.js has no attention layer for recurrent stacks; export a model without attention"
		if nn.Cell(l.Type) != nil {
			why = "TensorFlow.js's recurrent layers are SimpleRNN, LSTM and GRU; train one of those cells to export"
		}
		return nil, fmt.Errorf("export: layer %s (%s) has no TensorFlow.js equivalent: %s", name, l.Type, why)
	}
	c := map[string]any{"name": name, "trainable": true}
	switch l.Type {
	case "rnn", "lstm", "gru":
		if err := recurrentConfig(c, l, name); err != nil {
			return nil, err
		}
		if i == 0 {
			c["batch_input_shape"] = []any{nil, nil, cfg.Input}
			c["dtype"] = "float32"
		}
	case "embedding":
		c["input_dim"], c["output_dim"] = cfg.Input, l.Units
		c["mask_zero"], c["input_length"] = false, nil
		c["batch_input_shape"] = []any{nil, nil}
		c["dtype"] = "float32"
	case "dense":
		c["units"] = l.Units
		c["activation"] = orDefault(l.Activation, "linear")
		c["use_bias"] = true
	case "dropout":
		c["rate"] = l.Rate
	}
	return c, nil
}

// recurrentConfig adds to c the options of a SimpleRNN, LSTM or GRU layer l.
func recurrentConfig(c map[string]any, l nn.LayerConfig, name string) error {
	if l.ResetAfter {
		return fmt.Errorf("export: layer %s is a GRU with the reset gate after the recurrent product "+
			"(reset_after); TensorFlow.js 4.22 has only reset_after=false: train a GRU with reset before to export", name)
	}
	c["units"] = l.Units
	c["activation"] = orDefault(l.Activation, activations[l.Type][0])
	c["use_bias"] = true
	c["return_sequences"] = l.ReturnSequences
	for _, k := range []string{"return_state", "go_backwards", "stateful", "unroll"} {
		c[k] = false
	}
	c["dropout"], c["recurrent_dropout"] = 0, 0
	if l.Type != "rnn" {
		// Written always: TensorFlow.js's default is hard_sigmoid, the engine's sigmoid.
		c["recurrent_activation"] = orDefault(l.RecurrentActivation, nn.RecSigmoid)
	}
	if l.Type == "lstm" {
		fb := l.Init.ForgetBias
		c["unit_forget_bias"] = fb == "" || fb == "1" || fb == "one" // initialisation only
	}
	if l.Type == "gru" {
		c["reset_after"] = false
	}
	return nil
}

// weights is the weight manifest of ps and its file: every parameter in order, little-endian float32
// (Keras's names: the first "." becomes "/"). A non-finite weight is an error.
func weights(ps *nn.Params) (weightGroup, []byte, error) {
	group := weightGroup{Paths: []string{"./" + WeightsFile}}
	var bin []byte
	for _, p := range ps.List {
		for _, w := range p.W {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return group, nil, fmt.Errorf("export: parameter %s has a non-finite value", p.Name)
			}
			bin = binary.LittleEndian.AppendUint32(bin, math.Float32bits(float32(w)))
		}
		group.Weights = append(group.Weights, weightSpec{Name: strings.Replace(p.Name, ".", "/", 1), Shape: p.Shape, Dtype: "float32"})
	}
	return group, bin, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
