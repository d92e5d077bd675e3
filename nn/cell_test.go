package nn

import (
	"math"
	"testing"
)

// oneLayer builds a model with a single recurrent layer of H units on D inputs, returning the layer.
func oneLayer(t *testing.T, typ string, D, H int, seq bool, mod func(*LayerConfig)) (*Model, *Recurrent) {
	t.Helper()
	lc := LayerConfig{Type: typ, Units: H, ReturnSequences: seq}
	if mod != nil {
		mod(&lc)
	}
	m, err := NewModel(ModelConfig{Input: D, Layers: []LayerConfig{lc, {Type: "dense", Units: 1}}, Loss: MSE}, NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	return m, m.Layers[0].(*Recurrent)
}

func seqOf(T, B, D int, v ...float64) *Seq {
	s := &Seq{}
	s.Resize(T, B, D)
	copy(s.V, v)
	return s
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// Hand-checkable forward values: H = 1, D = 1, chosen weights, two steps.
func TestCellForwardByHand(t *testing.T) {
	x := seqOf(2, 1, 1, 0.5, -1)
	σ := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

	t.Run("rnn", func(t *testing.T) {
		_, r := oneLayer(t, "rnn", 1, 1, true, nil)
		r.W.W[0], r.U.W[0], r.Bias.W[0] = 2, 0.5, 0.1
		h := r.Forward(x, false).V
		h1 := math.Tanh(2*0.5 + 0.1)
		h2 := math.Tanh(2*-1 + 0.5*h1 + 0.1)
		if !near(h[0], h1) || !near(h[1], h2) {
			t.Errorf("rnn h = %v, want [%v %v]", h, h1, h2)
		}
	})
	t.Run("lstm", func(t *testing.T) {
		_, r := oneLayer(t, "lstm", 1, 1, true, nil)
		copy(r.W.W, []float64{1, 2, 3, 4}) // i f g o
		copy(r.U.W, []float64{0.5, -0.5, 1, 0.25})
		copy(r.Bias.W, []float64{0, 1, 0, -1})
		h := r.Forward(x, false).V
		var hp, cp float64
		for step, xv := range []float64{0.5, -1} {
			i := σ(1*xv + 0.5*hp)
			f := σ(2*xv - 0.5*hp + 1)
			g := math.Tanh(3*xv + 1*hp)
			o := σ(4*xv + 0.25*hp - 1)
			cp = f*cp + i*g
			hp = o * math.Tanh(cp)
			if !near(h[step], hp) {
				t.Errorf("lstm h[%d] = %v, want %v", step, h[step], hp)
			}
		}
	})
	for _, after := range []bool{false, true} {
		name := "gru-reset-before"
		if after {
			name = "gru-reset-after"
		}
		t.Run(name, func(t *testing.T) {
			_, r := oneLayer(t, "gru", 1, 1, true, func(l *LayerConfig) { l.ResetAfter = after })
			copy(r.W.W, []float64{1, -1, 2}) // z r h
			copy(r.U.W, []float64{0.5, 0.25, -1.5})
			copy(r.Bias.W, []float64{0.1, 0.2, 0.3})
			if after {
				copy(r.cell.(*gruCell).RB.W, []float64{-0.1, 0.4, 0.2})
			}
			h := r.Forward(x, false).V
			var hp float64
			for step, xv := range []float64{0.5, -1} {
				var z, rr, n float64
				if after {
					z = σ(1*xv + 0.1 + 0.5*hp - 0.1)
					rr = σ(-1*xv + 0.2 + 0.25*hp + 0.4)
					n = math.Tanh(2*xv + 0.3 + rr*(-1.5*hp+0.2))
				} else {
					z = σ(1*xv + 0.5*hp + 0.1)
					rr = σ(-1*xv + 0.25*hp + 0.2)
					n = math.Tanh(2*xv + (rr*hp)*-1.5 + 0.3)
				}
				hp = z*hp + (1-z)*n
				if !near(h[step], hp) {
					t.Errorf("h[%d] = %v, want %v", step, h[step], hp)
				}
			}
		})
	}
}

// A linear RNN with U = g·Q (Q orthogonal) and the loss at the last step only scales the gradient by
// exactly g per step back: ‖∂L/∂h_t‖ = g^(T−t)·‖∂L/∂h_T‖.
func TestLinearRNNGradientDecay(t *testing.T) {
	const D, H, T, B = 2, 6, 12, 3
	for _, g := range []float64{0.5, 1, 1.5} {
		_, r := oneLayer(t, "rnn", D, H, false, func(l *LayerConfig) {
			l.Activation = "linear"
			l.Init = InitConfig{Recurrent: "orthogonal", Gain: g}
		})
		rng := NewRNG(3)
		x := &Seq{}
		x.Resize(T, B, D)
		for i := range x.V {
			x.V[i] = rng.Normal()
		}
		r.Forward(x, true)
		dy := &Seq{}
		dy.Resize(1, B, H)
		for i := range dy.V {
			dy.V[i] = rng.Normal()
		}
		r.Backward(dy)
		dh := r.Probe().DH
		for tt := 0; tt < T; tt++ {
			want := math.Pow(g, float64(T-1-tt)) * dh[T-1]
			if math.Abs(dh[tt]-want) > 1e-12*want {
				t.Errorf("g=%v: ‖∂L/∂h_%d‖ = %.15g, want %.15g", g, tt+1, dh[tt], want)
			}
		}
	}
}

// An LSTM with every weight zero but the forget bias has ∂c_T/∂c_(T−k) = σ(b_f)^k.
func TestLSTMCellStateCarousel(t *testing.T) {
	const D, H, T, B = 2, 3, 10, 2
	for _, bf := range []float64{0, 1, 3} {
		_, r := oneLayer(t, "lstm", D, H, false, nil)
		clear(r.W.W)
		clear(r.U.W)
		clear(r.Bias.W)
		for j := H; j < 2*H; j++ {
			r.Bias.W[j] = bf
		}
		x := &Seq{}
		x.Resize(T, B, D)
		for i := range x.V {
			x.V[i] = float64(i%5) - 2
		}
		r.Forward(x, true)
		dy := &Seq{}
		dy.Resize(1, B, H)
		for i := range dy.V {
			dy.V[i] = 1 + float64(i)
		}
		r.Backward(dy)
		dc := r.Probe().DC
		f := 1 / (1 + math.Exp(-bf))
		for k := 0; k < T; k++ {
			want := math.Pow(f, float64(k)) * dc[T-1]
			if math.Abs(dc[T-1-k]-want) > 1e-12*want {
				t.Errorf("b_f=%v: ‖∂L/∂c_(T−%d)‖ = %.15g, want %.15g", bf, k, dc[T-1-k], want)
			}
		}
	}
}

// A warm training step allocates nothing, with every probe on.
func TestTrainStepAllocs(t *testing.T) {
	for _, typ := range CellNames() {
		rng := NewRNG(5)
		cfg := ModelConfig{Input: 3, Loss: BCE, Layers: []LayerConfig{
			{Type: typ, Units: 8, ReturnSequences: true}, {Type: "dropout", Rate: 0.2},
			{Type: typ, Units: 8, ResetAfter: Cell(typ).ResetAfter}, {Type: "dense", Units: 1, Activation: "sigmoid"}}}
		m, err := NewModel(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		b := randomBatch(rng, 7, 4, 3, 1, 1, BCE, false, false)
		opt := NewOptimizer(OptimConfig{Name: "adamw", LR: 1e-3, WeightDecay: 1e-2, L2: 1e-4}, m.Params)
		var st StepStats
		clip := ClipConfig{Mode: "norm", Threshold: 1}
		TrainStep(m, b, opt, clip, &st)
		if n := testing.AllocsPerRun(20, func() { TrainStep(m, b, opt, clip, &st) }); n != 0 {
			t.Errorf("%s: a warm training step allocates %v times", typ, n)
		}
	}
}
