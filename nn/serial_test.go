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

// TestLoadChecksClaimsFirst: a file whose configuration claims far more parameters than its shapes hold
// is refused by the count check, before a network is built (it used to build and orthogonally
// initialise a 1000-unit LSTM, 22 s, before comparing shapes); a shape that overflows the limit too.
func TestLoadChecksClaimsFirst(t *testing.T) {
	m, _ := NewModel(ModelConfig{Input: 2, Loss: MSE, Layers: []LayerConfig{{Type: "lstm", Units: 4}, {Type: "dense", Units: 1}}}, NewRNG(1))
	good, _ := json.Marshal(m)
	s := string(good)
	for _, c := range []struct{ data, want string }{
		{strings.Replace(s, `"units":4`, `"units":1000`, 1), "its configuration needs at least 4013000"},
		{strings.Replace(s, `"shape":[2,16]`, `"shape":[100000,100000]`, 1), "beyond the limit of 10000000 parameters"},
		{strings.Replace(s, `"shape":[2,16]`, `"shape":[2,16000]`, 1), "cannot hold 32000 values"},
	} {
		_, err := LoadNet([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one mentioning %q", err, c.want)
		}
	}
}

// TestLoadRefusesExtremeWeights: weights beyond ±MaxWeight (1e308 made the loss +Inf) and beyond float64
// are refused with the limit named; saving refuses them too, so whatever saves, loads.
func TestLoadRefusesExtremeWeights(t *testing.T) {
	m, _ := NewModel(ModelConfig{Input: 1, Loss: MSE, Layers: []LayerConfig{{Type: "rnn", Units: 1}, {Type: "dense", Units: 1}}}, NewRNG(1))
	m.Params.W[0] = 0.5
	good, _ := json.Marshal(m)
	for _, w := range []string{"1e308", "-1.5e9", "1e400"} {
		bad := strings.Replace(string(good), `"data":[0.5]`, `"data":[`+w+`]`, 1)
		if bad == string(good) {
			t.Fatal("test file not edited")
		}
		if _, err := LoadNet([]byte(bad)); err == nil || !strings.Contains(err.Error(), "rnn0.kernel") {
			t.Errorf("weight %s: error %v", w, err)
		}
	}
	m.Params.W[0] = 2e9
	if _, err := json.Marshal(m); err == nil || !strings.Contains(err.Error(), "beyond the limit") {
		t.Errorf("saving a weight of 2e9: %v", err)
	}
	m.Params.W[0] = -MaxWeight
	if data, err := json.Marshal(m); err != nil {
		t.Error(err)
	} else if _, err := LoadNet(data); err != nil {
		t.Errorf("a weight at the limit does not load: %v", err)
	}
}

// BenchmarkLoadClaimsHidden1000: the cost of refusing a 3 KB file that claims a 1000-unit LSTM.
func BenchmarkLoadClaimsHidden1000(b *testing.B) {
	m, _ := NewModel(ModelConfig{Input: 2, Loss: MSE, Layers: []LayerConfig{{Type: "lstm", Units: 4}, {Type: "dense", Units: 1}}}, NewRNG(1))
	good, _ := json.Marshal(m)
	bad := []byte(strings.Replace(string(good), `"units":4`, `"units":1000`, 1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadNet(bad); err == nil {
			b.Fatal("loaded")
		}
	}
}
