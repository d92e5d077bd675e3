package nn

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Both auxiliary heads, on token and on real inputs, on a layer that returns its whole sequence and on one
// that returns only its last state (the head reads every state either way).
func TestAuxGradCheck(t *testing.T) {
	const D, H, T, B = 3, 4, 6, 3
	cases := []struct {
		name   string
		layers []LayerConfig
		aux    AuxConfig
		loss   Loss
		Ty, K  int
		tokens bool
	}{
		{"next-tokens", []LayerConfig{{Type: "embedding", Units: 3}, {Type: "lstm", Units: H}, {Type: "dense", Units: 1, Activation: "sigmoid"}}, AuxConfig{Kind: AuxNext, Weight: 0.7}, BCE, 1, 1, true},
		{"next-features", []LayerConfig{{Type: "gru", Units: H, ReturnSequences: true}, {Type: "dense", Units: 2}}, AuxConfig{Kind: AuxNext, Weight: 2}, MSE, T, 2, false},
		{"next-stacked", []LayerConfig{{Type: "rnn", Units: H, ReturnSequences: true}, {Type: "lstm", Units: H}, {Type: "dense", Units: 1}}, AuxConfig{Kind: AuxNext, Weight: 1}, MSE, 1, 1, false},
		{"reconstruct-tokens", []LayerConfig{{Type: "embedding", Units: 3}, {Type: "gru", Units: H, ResetAfter: true}, {Type: "dense", Units: 3, Activation: "softmax"}}, AuxConfig{Kind: AuxReconstruct, Weight: 0.5, Segment: 3}, XEnt, 1, 3, true},
		{"reconstruct-features", []LayerConfig{{Type: "lstm", Units: H}, {Type: "dense", Units: 1}}, AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: 2}, MSE, 1, 1, false},
		{"reconstruct-long-segment", []LayerConfig{{Type: "rnn", Units: H}, {Type: "dense", Units: 1}}, AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: 8}, MSE, 1, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := NewRNG(7)
			aux := c.aux
			m, err := NewModel(ModelConfig{Input: D, Layers: c.layers, Loss: c.loss, Aux: &aux}, rng)
			if err != nil {
				t.Fatal(err)
			}
			if c.tokens {
				for i := range m.Params.List[0].W {
					m.Params.List[0].W[i] = rng.Uniform(-1, 1)
				}
			}
			b := randomBatch(rng, T, B, D, c.Ty, c.K, c.loss, c.tokens, false)
			if c.aux.Kind == AuxReconstruct {
				// Random anchors, as in training, then kept for the differences.
				m.Forward(b, true)
				m.aux.fixed = true
				t.Logf("anchors %v", m.aux.anchor)
			}
			checkGrad(t, m, b)
			if g := Norm2(m.Params.ByName("aux.kernel").G); g == 0 {
				t.Errorf("aux.kernel gets no gradient")
			}
		})
	}
}

// The objective is the main loss plus λ times the auxiliary loss; TrainStep records the two apart.
func TestAuxLossRecorded(t *testing.T) {
	const D, T, B = 3, 7, 4
	for _, kind := range []string{AuxNext, AuxReconstruct} {
		rng := NewRNG(3)
		cfg := ModelConfig{Input: D, Loss: MSE, Layers: []LayerConfig{{Type: "lstm", Units: 5}, {Type: "dense", Units: 1}},
			Aux: &AuxConfig{Kind: kind, Weight: 0.25}}
		m, err := NewModel(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		b := randomBatch(rng, T, B, D, 1, 1, MSE, false, false)
		obj := m.Forward(b, false)
		if main, aux := m.MainLoss(), m.AuxLoss(); aux <= 0 || obj != main+0.25*aux {
			t.Errorf("%s: objective %v, main %v, aux %v: want objective = main + 0.25·aux with aux > 0", kind, obj, main, aux)
		}
		// The same seed without the head gives the same main weights and the same main loss: the head
		// neither shifts the initialisation nor touches the main path.
		plain, _ := NewModel(ModelConfig{Input: D, Loss: MSE, Layers: cfg.Layers}, NewRNG(3))
		for i, w := range plain.Params.W {
			if w != m.Params.W[i] {
				t.Fatalf("%s: main weight %d is %v with the head, %v without", kind, i, m.Params.W[i], w)
			}
		}
		if l := plain.Forward(b, false); l != m.MainLoss() {
			t.Errorf("%s: main loss %v with the head, %v without", kind, m.MainLoss(), l)
		}
		opt := NewOptimizer(OptimConfig{Name: "sgd", LR: 0.1}, m.Params)
		var st StepStats
		TrainStep(m, b, opt, ClipConfig{}, &st)
		if st.AuxLoss <= 0 || st.Loss != m.MainLoss() || st.AuxLoss != m.AuxLoss() {
			t.Errorf("%s: StepStats loss %v aux %v, model main %v aux %v", kind, st.Loss, st.AuxLoss, m.MainLoss(), m.AuxLoss())
		}
		if a := testing.AllocsPerRun(10, func() { TrainStep(m, b, opt, ClipConfig{Mode: "norm", Threshold: 1}, &st) }); a != 0 {
			t.Errorf("%s: %v allocations per warm step, want 0", kind, a)
		}
	}
}

// Training anchors are random, each with a whole segment before it; evaluation uses the last state.
func TestAuxAnchors(t *testing.T) {
	const D, T, B, L = 2, 9, 16, 3
	rng := NewRNG(1)
	m, err := NewModel(ModelConfig{Input: D, Loss: MSE, Layers: []LayerConfig{{Type: "gru", Units: 3}, {Type: "dense", Units: 1}},
		Aux: &AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: L}}, rng)
	if err != nil {
		t.Fatal(err)
	}
	b := randomBatch(rng, T, B, D, 1, 1, MSE, false, false)
	seen := map[int]bool{}
	for i := 0; i < 20; i++ {
		m.Forward(b, true)
		for _, a := range m.aux.anchor {
			if a < L || a > T {
				t.Fatalf("anchor %d outside [%d, %d]", a, L, T)
			}
			seen[a] = true
		}
	}
	if len(seen) != T-L+1 {
		t.Errorf("anchors drawn: %v, want every step in [%d, %d]", seen, L, T)
	}
	m.Forward(b, false)
	for _, a := range m.aux.anchor {
		if a != T {
			t.Fatalf("evaluation anchor %d, want %d", a, T)
		}
	}
}

// Reconstruction is learnable: with the auxiliary loss alone a GRU learns to recall the inputs before the
// anchor far better than the best constant guess (the loss of predicting zero is the mean of x², 1/3).
func TestAuxReconstructLearns(t *testing.T) {
	const D, T, B = 2, 8, 32
	rng := NewRNG(5)
	m, err := NewModel(ModelConfig{Input: D, Loss: MSE, Layers: []LayerConfig{{Type: "gru", Units: 16}, {Type: "dense", Units: 1}},
		Aux: &AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: 2}}, rng)
	if err != nil {
		t.Fatal(err)
	}
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, m.Params)
	var st StepStats
	for i := 0; i < 300; i++ {
		b := randomBatch(rng, T, B, D, 1, 1, MSE, false, false)
		TrainStep(m, b, opt, ClipConfig{}, &st)
	}
	m.Forward(randomBatch(rng, T, B, D, 1, 1, MSE, false, false), false)
	t.Logf("reconstruction loss after 300 steps: %.4f (zero guess: 0.333)", m.AuxLoss())
	if m.AuxLoss() > 0.1 {
		t.Errorf("reconstruction loss %.4f after training, want < 0.1", m.AuxLoss())
	}
}

func TestAuxConfigErrors(t *testing.T) {
	layers := []LayerConfig{{Type: "lstm", Units: 2}, {Type: "dense", Units: 1}}
	cases := []struct {
		layers []LayerConfig
		aux    AuxConfig
		want   string
	}{
		{layers, AuxConfig{Kind: "predict"}, `model.aux.kind: unknown "predict"`},
		{layers, AuxConfig{Kind: AuxNext, Weight: -1}, "model.aux.weight: -1 is outside [0, 100]"},
		{layers, AuxConfig{Kind: AuxNext, Weight: math.NaN()}, "model.aux.weight: NaN is outside [0, 100]"},
		{layers, AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: 65}, "model.aux.segment: 65 is outside [0, 64]"},
		{[]LayerConfig{{Type: "dense", Units: 1}}, AuxConfig{Kind: AuxNext, Weight: 1}, "model.aux: an auxiliary loss needs a recurrent layer"},
	}
	for _, c := range cases {
		aux := c.aux
		_, err := NewModel(ModelConfig{Input: 2, Layers: c.layers, Loss: MSE, Aux: &aux}, NewRNG(1))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got error %v, want %q", err, c.want)
		}
	}
}

// A model with attention pooling and an auxiliary head saves and loads bit-exactly, and trains without
// allocating.
func TestAttentionAuxModelSaveLoadAllocs(t *testing.T) {
	const D, T, B = 3, 6, 4
	cfg := ModelConfig{Input: D, Loss: BCE, Layers: []LayerConfig{
		{Type: "lstm", Units: 5, ReturnSequences: true},
		{Type: "attention", Score: ScoreAdditive, Units: 4},
		{Type: "dense", Units: 1, Activation: "sigmoid"}},
		Aux: &AuxConfig{Kind: AuxReconstruct, Weight: 0.3, Segment: 3}}
	rng := NewRNG(6)
	m, err := NewModel(cfg, rng)
	if err != nil {
		t.Fatal(err)
	}
	b := randomBatch(rng, T, B, D, 1, 1, BCE, false, false)
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, m.Params)
	var st StepStats
	step := func() { TrainStep(m, b, opt, ClipConfig{}, &st) }
	step()
	if a := testing.AllocsPerRun(10, step); a != 0 {
		t.Errorf("%v allocations per warm step, want 0", a)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	n, err := LoadNet(data)
	if err != nil {
		t.Fatal(err)
	}
	got := n.(*Model)
	for i, w := range m.Params.W {
		if math.Float64bits(w) != math.Float64bits(got.Params.W[i]) {
			t.Fatalf("weight %d: saved %v, loaded %v", i, w, got.Params.W[i])
		}
	}
	if l1, l2 := m.Forward(b, false), got.Forward(b, false); math.Float64bits(l1) != math.Float64bits(l2) {
		t.Errorf("loss %v before saving, %v after loading", l1, l2)
	}
	again, _ := json.Marshal(got)
	if !bytes.Equal(data, again) {
		t.Errorf("saving the loaded model gives different bytes")
	}
	if !strings.Contains(string(data), `"aux":{"kind":"reconstruct","weight":0.3,"segment":3}`) || !strings.Contains(string(data), `"score":"additive"`) {
		t.Errorf("saved configuration lacks the aux or attention settings: %s", data[:200])
	}
}
