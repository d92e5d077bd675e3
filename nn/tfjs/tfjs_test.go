package tfjs

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// exported trains c briefly and exports it.
func exported(t *testing.T, c train.Config) (*train.Run, *Files) {
	t.Helper()
	r, err := train.New(c)
	if err != nil {
		t.Fatal(err)
	}
	r.Step(5)
	f, err := Export(r.Model())
	if err != nil {
		t.Fatal(err)
	}
	return r, f
}

func smallConfig(taskName string, edit func(m *train.ModelSpec)) train.Config {
	c := train.Default(taskName)
	c.Task.T, c.Task.ValSize, c.Batch = 8, 8, 8
	c.Model = train.ModelSpec{Cell: "lstm", Layers: 2, Hidden: 4}
	if edit != nil {
		edit(&c.Model)
	}
	return c
}

// TestRoundTrip: export then import gives every weight rounded to float32, exactly, and the same model;
// exporting again gives the same files.
func TestRoundTrip(t *testing.T) {
	for _, c := range []train.Config{
		smallConfig("adding", func(m *train.ModelSpec) { m.RecurrentActivation = nn.RecHardSigmoid }),
		smallConfig("copy", func(m *train.ModelSpec) { m.Cell, m.Dropout = "gru", 0.3 }),
		smallConfig("charlm", func(m *train.ModelSpec) { m.Cell, m.Activation, m.Embed = "rnn", "relu", 5 }),
	} {
		r, f := exported(t, c)
		saved, err := ImportRun(f.Model, map[string][]byte{WeightsFile: f.Weights}, c)
		if err != nil {
			t.Fatalf("%s: %v", caseName(c), err)
		}
		got, _, net, err := train.Load(saved)
		if err != nil {
			t.Fatalf("%s: %v", caseName(c), err)
		}
		if a, b := mustJSON(t, got.Model), mustJSON(t, c.Model); a != b {
			t.Errorf("%s: imported model %s, exported %s", caseName(c), a, b)
		}
		src, dst := r.Model().Parameters(), net.Parameters()
		for i, w := range src.W {
			if dst.W[i] != float64(float32(w)) {
				t.Fatalf("%s: weight %d is %v after the round trip, want float32(%v) = %v", caseName(c), i, dst.W[i], w, float32(w))
			}
		}
		f2, err := Export(net)
		if err != nil {
			t.Fatal(err)
		}
		if string(f2.Model) != string(f.Model) || string(f2.Weights) != string(f.Weights) {
			t.Errorf("%s: exporting the imported model gives different files", caseName(c))
		}
	}
}

func caseName(c train.Config) string {
	m := c.Model
	s := c.Task.Name + "-" + m.Cell
	for _, p := range []string{m.Activation, m.RecurrentActivation} {
		if p != "" {
			s += "-" + p
		}
	}
	if m.Dropout > 0 {
		s += "-dropout"
	}
	return s
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExportRefuses: what TensorFlow.js has no equivalent for is refused, naming the part.
func TestExportRefuses(t *testing.T) {
	s2s := train.Default("reverse")
	s2s.Task.T, s2s.Task.ValSize, s2s.Model.Hidden, s2s.Model.Attention = 4, 4, 4, nn.ScoreAdditive
	aux := smallConfig("adding", func(m *train.ModelSpec) { m.AuxWeight = 0.5 })
	after := smallConfig("adding", func(m *train.ModelSpec) { m.Cell, m.ResetAfter = "gru", true })
	indrnn := smallConfig("adding", func(m *train.ModelSpec) { m.Cell = "indrnn" })
	for _, c := range []struct {
		cfg  train.Config
		want string
	}{
		{s2s, "the encoder–decoder has no TensorFlow.js equivalent"},
		{aux, "the auxiliary reconstruct loss has no TensorFlow.js equivalent"},
		{after, "layer gru0 is a GRU with the reset gate after the recurrent product"},
		{indrnn, "layer indrnn0 (indrnn) has no TensorFlow.js equivalent: TensorFlow.js's recurrent layers are SimpleRNN, LSTM and GRU"},
	} {
		r, err := train.New(c.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Export(r.Model()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("export: error %v, want one containing %q", err, c.want)
		}
	}
	m, err := nn.NewModel(nn.ModelConfig{Input: 2, Loss: nn.MSE, Layers: []nn.LayerConfig{{Type: "lstm", Units: 3, ReturnSequences: true},
		{Type: "attention", Score: nn.ScoreDot}, {Type: "dense", Units: 1}}}, nn.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Export(m); err == nil || !strings.Contains(err.Error(), "layer attention0 (attention) has no TensorFlow.js equivalent") {
		t.Errorf("export of attention: error %v", err)
	}
}

// edited exports an adding model, applies edit to its model.json (as generic JSON) and imports it for task.
func edited(t *testing.T, c train.Config, edit func(layers []any, doc map[string]any), weights func([]byte) map[string][]byte) error {
	t.Helper()
	_, f := exported(t, c)
	var doc map[string]any
	if err := json.Unmarshal(f.Model, &doc); err != nil {
		t.Fatal(err)
	}
	layers := doc["modelTopology"].(map[string]any)["config"].(map[string]any)["layers"].([]any)
	edit(layers, doc)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{WeightsFile: f.Weights}
	if weights != nil {
		files = weights(f.Weights)
	}
	_, err = ImportRun(b, files, c)
	return err
}

func set(i int, key string, v any) func([]any, map[string]any) {
	return func(ls []any, _ map[string]any) { ls[i].(map[string]any)["config"].(map[string]any)[key] = v }
}

// TestImportRefuses: layers, options and files the playground cannot take are refused, naming the layer
// and option; nothing panics.
func TestImportRefuses(t *testing.T) {
	adding := smallConfig("adding", nil)
	copyTask := smallConfig("copy", nil)
	cases := []struct {
		name    string
		cfg     train.Config
		edit    func([]any, map[string]any)
		weights func([]byte) map[string][]byte
		want    string
	}{
		{"go_backwards", adding, set(0, "go_backwards", true), nil, `layer "lstm0" (LSTM) go_backwards: true has no equivalent`},
		{"stateful", adding, set(1, "stateful", true), nil, `layer "lstm1" (LSTM) stateful`},
		{"recurrent_dropout", adding, set(0, "recurrent_dropout", 0.2), nil, `layer "lstm0" (LSTM) recurrent_dropout: 0.2`},
		{"regularizer", adding, set(2, "kernel_regularizer", map[string]any{"class_name": "L1L2"}), nil, `layer "dense0" (Dense) kernel_regularizer`},
		{"lstm activation", adding, set(0, "activation", "relu"), nil, `layer "lstm0" (LSTM) activation: relu`},
		{"recurrent activation", adding, set(0, "recurrent_activation", "tanh"), nil, `recurrent_activation: tanh`},
		{"no bias", adding, set(2, "use_bias", false), nil, `layer "dense0" (Dense) use_bias`},
		{"reset_after", smallConfig("adding", func(m *train.ModelSpec) { m.Cell = "gru" }), set(0, "reset_after", true), nil, `layer "gru0" (GRU) reset_after`},
		{"unknown layer", adding, func(ls []any, _ map[string]any) { ls[2].(map[string]any)["class_name"] = "Conv1D" }, nil, `layer "dense0" (Conv1D): the playground has no such layer`},
		{"functional", adding, func(_ []any, d map[string]any) { d["modelTopology"].(map[string]any)["class_name"] = "Functional" }, nil, `the model is a "Functional"; only Sequential`},
		{"input width", adding, set(0, "batch_input_shape", []any{nil, nil, 3}), nil, `layer "lstm0" (LSTM): batch_input_shape has 3 features per step, the adding task has 2`},
		{"head units", copyTask, set(2, "units", 3), nil, `layer "dense0" (Dense): units 3, the copy task predicts`},
		{"head activation", adding, set(2, "activation", "sigmoid"), nil, `layer "dense0" (Dense): activation sigmoid, the adding task's loss (mse) needs linear`},
		{"return_sequences", adding, set(1, "return_sequences", true), nil, `layer "lstm1" (LSTM): return_sequences true: the adding task scores only the last step`},
		{"units differ", adding, set(1, "units", 5), nil, `layer "lstm1" (LSTM): units 5: the playground's recurrent layers all have the same units`},
		{"mixed cells", adding, func(ls []any, _ map[string]any) { ls[1].(map[string]any)["class_name"] = "GRU" }, nil, `layer "lstm1" (GRU): the playground stacks one kind`},
		{"missing file", adding, nil, func([]byte) map[string][]byte { return nil }, `the weight file "model.weights.bin" named in model.json was not given`},
		{"short file", adding, nil, func(b []byte) map[string][]byte { return map[string][]byte{WeightsFile: b[:len(b)-4]} }, "too short for weight"},
		{"long file", adding, nil, func(b []byte) map[string][]byte { return map[string][]byte{WeightsFile: append(b, 0, 0, 0, 0)} }, "the manifest describes"},
		{"float16", adding, func(_ []any, d map[string]any) {
			d["weightsManifest"].([]any)[0].(map[string]any)["weights"].([]any)[0].(map[string]any)["dtype"] = "float16"
		}, nil, "weight lstm0/kernel is float16; only float32 weights import"},
	}
	for _, c := range cases {
		edit := c.edit
		if edit == nil {
			edit = func([]any, map[string]any) {}
		}
		err := edited(t, c.cfg, edit, c.weights)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestImportBadFiles: truncated or corrupted files give an error, never a panic.
func TestImportBadFiles(t *testing.T) {
	c := smallConfig("charlm", func(m *train.ModelSpec) { m.Dropout = 0.1 })
	_, f := exported(t, c)
	for n := 0; n < len(f.Model); n += 7 {
		if _, err := ImportRun(f.Model[:n], map[string][]byte{WeightsFile: f.Weights}, c); err == nil {
			t.Fatalf("model.json cut at %d bytes imported", n)
		}
	}
	for _, junk := range []string{"null", "[]", `{"modelTopology": 5}`, `{"modelTopology": {"class_name": "Sequential", "config": {"layers": [{"class_name": "LSTM", "config": null}]}}}`,
		`{"modelTopology": {"class_name": "Sequential", "config": {"layers": []}}}`, `{"modelTopology": {"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"units": -1}}]}}`} {
		if _, err := ImportRun([]byte(junk), nil, c); err == nil {
			t.Errorf("%s imported", junk)
		}
	}
	// Non-finite weights in the file: the run's save refuses them rather than training on NaN.
	bad := append([]byte(nil), f.Weights...)
	binary.LittleEndian.PutUint32(bad, math.Float32bits(float32(math.NaN())))
	if _, err := ImportRun(f.Model, map[string][]byte{WeightsFile: bad}, c); err == nil {
		t.Error("a model with a NaN weight imported")
	}
}

// TestImportKerasNames: weights named as Keras's converter names them ("lstm0/lstm_cell/kernel:0") are
// found by their layer's name. (A synthetic file: the tests have no Python Keras.)
func TestImportKerasNames(t *testing.T) {
	c := smallConfig("adding", nil)
	r, f := exported(t, c)
	var doc map[string]any
	if err := json.Unmarshal(f.Model, &doc); err != nil {
		t.Fatal(err)
	}
	for _, w := range doc["weightsManifest"].([]any)[0].(map[string]any)["weights"].([]any) {
		spec := w.(map[string]any)
		name := spec["name"].(string)
		layer, weight, _ := strings.Cut(name, "/")
		spec["name"] = "sequential/" + layer + "/" + layer + "_cell/" + weight + ":0"
	}
	b, _ := json.Marshal(doc)
	saved, err := ImportRun(b, map[string][]byte{WeightsFile: f.Weights}, c)
	if err != nil {
		t.Fatal(err)
	}
	_, _, net, err := train.Load(saved)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range r.Model().Parameters().W {
		if net.Parameters().W[i] != float64(float32(w)) {
			t.Fatalf("weight %d: %v, want %v", i, net.Parameters().W[i], float32(w))
		}
	}
}
