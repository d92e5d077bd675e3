package nn

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	rng := NewRNG(9)
	cfg := ModelConfig{Input: 3, Loss: XEnt, Layers: []LayerConfig{
		{Type: "gru", Units: 5, ReturnSequences: true, ResetAfter: true},
		{Type: "dropout", Rate: 0.1},
		{Type: "lstm", Units: 4, ReturnSequences: true, Init: InitConfig{ForgetBias: "chrono", ChronoT: 20}},
		{Type: "dense", Units: 3, Activation: "softmax"}}}
	m, err := NewModel(cfg, rng)
	if err != nil {
		t.Fatal(err)
	}
	// Train a little so the weights are not the initial ones.
	b := randomBatch(rng, 6, 2, 3, 6, 3, XEnt, false, false)
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, m.Params)
	var st StepStats
	for i := 0; i < 3; i++ {
		TrainStep(m, b, opt, ClipConfig{}, &st)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Params.W {
		if math.Float64bits(m.Params.W[i]) != math.Float64bits(m2.Params.W[i]) {
			t.Fatalf("weight %d: %v after the round trip, want %v", i, m2.Params.W[i], m.Params.W[i])
		}
	}
	if l1, l2 := m.Forward(b, false), m2.Forward(b, false); l1 != l2 {
		t.Errorf("loss %v after loading, want %v", l2, l1)
	}
	data2, _ := json.Marshal(m2)
	if string(data) != string(data2) {
		t.Error("saving the loaded model gives different bytes")
	}
}

func TestLoadErrors(t *testing.T) {
	m, _ := NewModel(ModelConfig{Input: 2, Loss: MSE, Layers: []LayerConfig{{Type: "rnn", Units: 2}, {Type: "dense", Units: 1}}}, NewRNG(1))
	good, _ := json.Marshal(m)
	s := string(good)
	for _, c := range []struct{ data, want string }{
		{"", "not a model file"},
		{"[1,2]", "not a model file"},
		{`{"format":"x","version":1}`, "format"},
		{strings.Replace(s, `"version":1`, `"version":2`, 1), "version 2"},
		{strings.Replace(s, `"units":2`, `"units":-2`, 1), "model.layers[0].units"},
		{strings.Replace(s, `"rnn0.kernel"`, `"rnn0.kernal"`, 1), `"rnn0.kernal"`},
		{strings.Replace(s, `"shape":[2,2]`, `"shape":[2,3]`, 1), "shape"},
		{strings.Replace(s, `"data":[`, `"data":[1,`, 1), "values"},
		{strings.Replace(s, `"loss":"mse"`, `"loss":"bce"`, 1), "bce needs"},
		{strings.Replace(s, `"units":2`, `"units":1000000`, 1), "units"},
		{strings.Replace(s, `"format"`, `"extra":1,"format"`, 1), "unknown field"},
	} {
		_, err := LoadModel([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("load %.60q: error %v, want one mentioning %q", c.data, err, c.want)
		}
	}
}

func TestSaveRefusesNonFinite(t *testing.T) {
	m, _ := NewModel(ModelConfig{Input: 1, Loss: MSE, Layers: []LayerConfig{{Type: "rnn", Units: 1}, {Type: "dense", Units: 1}}}, NewRNG(1))
	m.Params.W[0] = math.NaN()
	if _, err := json.Marshal(m); err == nil {
		t.Error("saved a NaN weight")
	}
}

// FuzzLoadModel: any input gives a model or an error, never a panic; a loaded model saves again.
func FuzzLoadModel(f *testing.F) {
	m, _ := NewModel(ModelConfig{Input: 2, Loss: BCE, Layers: []LayerConfig{{Type: "lstm", Units: 2}, {Type: "dense", Units: 1, Activation: "sigmoid"}}}, NewRNG(1))
	good, _ := json.Marshal(m)
	f.Add(good)
	f.Add([]byte(`{"format":"rnn-playground/model","version":1,"config":{"input":1,"layers":[{"type":"embedding","units":2}],"loss":"mse"},"params":[]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := LoadModel(data)
		if err != nil {
			return
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("a loaded model does not save: %v", err)
		}
	})
}
