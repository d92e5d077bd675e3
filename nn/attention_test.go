package nn

import (
	"math"
	"strings"
	"testing"
)

var allScores = []string{ScoreAdditive, ScoreDot, ScoreScaledDot, ScoreGeneral, ScoreConcatLinear}

// Every score, as attention pooling over a recurrent layer's states (sequence→one) and as the article's
// self-attention block Dense → Attention → Dense(1, sigmoid), with and without the residual x_t + c_t.
func TestAttentionGradCheck(t *testing.T) {
	const D, H, T, B = 3, 4, 5, 2
	for _, score := range allScores {
		cases := []struct {
			name   string
			layers []LayerConfig
			loss   Loss
			Ty, K  int
		}{
			{"pool", []LayerConfig{{Type: "gru", Units: H, ReturnSequences: true}, {Type: "attention", Score: score}, {Type: "dense", Units: 1}}, MSE, 1, 1},
			{"pool-residual", []LayerConfig{{Type: "lstm", Units: H, ReturnSequences: true}, {Type: "attention", Score: score, Residual: true, Units: 3}, {Type: "dense", Units: 2, Activation: "sigmoid"}}, BCE, 1, 2},
			{"self", []LayerConfig{{Type: "dense", Units: H, Activation: "tanh"}, {Type: "attention", Score: score, ReturnSequences: true}, {Type: "dense", Units: 1, Activation: "sigmoid"}}, BCE, T, 1},
			{"self-residual", []LayerConfig{{Type: "rnn", Units: H, ReturnSequences: true}, {Type: "attention", Score: score, ReturnSequences: true, Residual: true}, {Type: "dense", Units: 3, Activation: "softmax"}}, XEnt, T, 3},
		}
		for _, c := range cases {
			t.Run(score+"/"+c.name, func(t *testing.T) {
				rng := NewRNG(11)
				m, err := NewModel(ModelConfig{Input: D, Layers: c.layers, Loss: c.loss}, rng)
				if err != nil {
					t.Fatal(err)
				}
				checkGrad(t, m, randomBatch(rng, T, B, D, c.Ty, c.K, c.loss, false, false))
			})
		}
	}
}

// The article's score W_a·[q_t, k_s] + b_a ignores the query; the others do not.
func TestConcatLinearIgnoresQuery(t *testing.T) {
	const S, B, D = 6, 3, 4
	rng := NewRNG(5)
	fill := func(s *Seq, T int) {
		s.Resize(T, B, D)
		for i := range s.V {
			s.V[i] = rng.Uniform(-1, 1)
		}
	}
	var m, q1, q2 Seq
	fill(&m, S)
	fill(&q1, 2)
	fill(&q2, 2)
	for _, score := range allScores {
		ps := &Params{}
		a := newAttention("a", score, D, D, 0, ps)
		ps.Alloc()
		a.initParams(rng)
		a.Forward(&q1, &m)
		w1 := append([]float64(nil), a.P...)
		a.Forward(&q2, &m)
		var diff float64
		for i, w := range a.P {
			diff = math.Max(diff, math.Abs(w-w1[i]))
		}
		t.Logf("%-13s max |Δa| when the query changes: %.3g", score, diff)
		if score == ScoreConcatLinear {
			if diff > 1e-14 {
				t.Errorf("concat_linear: weights changed by %.3g with the query; they must not depend on it", diff)
			}
			// So the query's weights and the bias learn nothing: their gradient is zero up to rounding.
			var dc Seq
			fill(&dc, 2)
			a.Backward(&dc)
			if g, gk := Norm2(a.Wq.G)+Norm2(a.Bias.G), Norm2(a.Wk.G); g > 1e-15 || gk < 1e-3 {
				t.Errorf("concat_linear: ‖∂L/∂w_q‖+‖∂L/∂b‖ = %.3g (want 0), ‖∂L/∂w_k‖ = %.3g (want > 0)", g, gk)
			}
		} else if diff < 1e-3 {
			t.Errorf("%s: weights changed by only %.3g with the query", score, diff)
		}
	}
}

// The recorded weights are the chosen example's rows, and each row is a distribution.
func TestAttentionWeightsRecord(t *testing.T) {
	const T, B, D = 5, 3, 4
	rng := NewRNG(2)
	m, err := NewModel(ModelConfig{Input: D, Loss: MSE, Layers: []LayerConfig{
		{Type: "lstm", Units: D, ReturnSequences: true}, {Type: "attention", Score: ScoreAdditive, ReturnSequences: true}, {Type: "dense", Units: 1}}}, rng)
	if err != nil {
		t.Fatal(err)
	}
	b := randomBatch(rng, T, B, D, T, 1, MSE, false, false)
	for _, ex := range []int{0, 2} {
		m.SetAttentionExample(ex)
		m.Forward(b, false)
		rows, cols, w := m.AttentionWeights()
		if rows != T || cols != T || len(w) != T*T {
			t.Fatalf("weights %dx%d (%d values), want %dx%d", rows, cols, len(w), T, T)
		}
		P := m.attn.P
		for r := 0; r < rows; r++ {
			var s float64
			for c := 0; c < cols; c++ {
				s += w[r*cols+c]
				if w[r*cols+c] != P[(r*B+ex)*T+c] {
					t.Fatalf("example %d: w[%d,%d] = %v, attention has %v", ex, r, c, w[r*cols+c], P[(r*B+ex)*T+c])
				}
			}
			if math.Abs(s-1) > 1e-12 {
				t.Errorf("row %d sums to %v", r, s)
			}
		}
	}
}

func TestAttentionConfigErrors(t *testing.T) {
	cases := []struct {
		layers []LayerConfig
		want   string
	}{
		{[]LayerConfig{{Type: "attention", Score: "dot"}}, "model.layers[0]: attention needs a layer before it"},
		{[]LayerConfig{{Type: "lstm", Units: 2}, {Type: "attention", Score: "cosine"}, {Type: "dense", Units: 1}}, `model.layers[1].score: unknown "cosine"`},
		{[]LayerConfig{{Type: "lstm", Units: 2}, {Type: "attention"}, {Type: "dense", Units: 1}}, `model.layers[1].score: unknown ""`},
		{[]LayerConfig{{Type: "lstm", Units: 2}, {Type: "attention", Score: "additive", Units: -1}, {Type: "dense", Units: 1}}, "model.layers[1].units: -1 is outside [0, 1024]"},
	}
	for _, c := range cases {
		_, err := NewModel(ModelConfig{Input: 2, Layers: c.layers, Loss: MSE}, NewRNG(1))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got error %v, want %q", err, c.want)
		}
	}
}
