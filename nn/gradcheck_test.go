package nn

import (
	"math"
	"testing"
)

// Finite-difference gradient checks: every parameter entry, central differences in float64.
const (
	fdEps    = 1e-3 // step of the five-point central difference
	fdRelTol = 1e-6 // bound on |analytic − numeric| / max(|analytic|, |numeric|, fdFloor)
	fdFloor  = 1e-7 // below this, compare absolutely: rounding noise of the difference is about 1e-13
)

// randomBatch fills a batch with inputs in [-1, 1] and targets fitting the loss.
func randomBatch(rng *RNG, T, B, D, Ty, K int, loss Loss, tokens bool, mask bool) *Batch {
	b := &Batch{}
	d := D
	if tokens {
		d = 0
	}
	b.Resize(T, B, d, Ty, K, loss == XEnt, mask)
	for i := range b.X.V {
		b.X.V[i] = rng.Uniform(-1, 1)
	}
	for i := range b.X.Ids {
		b.X.Ids[i] = int32(rng.IntN(D))
	}
	for i := range b.Y {
		if loss == BCE {
			b.Y[i] = float64(rng.IntN(2))
		} else {
			b.Y[i] = rng.Uniform(-1, 1)
		}
	}
	for i := range b.Class {
		b.Class[i] = int32(rng.IntN(K))
	}
	for i := range b.Mask {
		b.Mask[i] = float64(rng.IntN(2))
	}
	if mask {
		b.Mask[0] = 1
	}
	return b
}

// numDeriv is the five-point central difference of the loss in w[i]: error O(h⁴) from truncation and
// about 1e-16·|L|/h from rounding, so a larger step than the two-point formula's and a far smaller error.
func numDeriv(net Net, b *Batch, w []float64, i int) float64 {
	w0 := w[i]
	f := func(d float64) float64 {
		w[i] = w0 + d
		return net.Forward(b, false)
	}
	h := fdEps
	// Differences first: an entry the loss does not depend on gives exactly 0.
	d := ((f(-2*h) - f(2*h)) + 8*(f(h)-f(-h))) / (12 * h)
	w[i] = w0
	return d
}

// checkGrad compares the analytic gradient of net's loss on b with central differences, for every entry.
func checkGrad(t *testing.T, net Net, b *Batch) {
	t.Helper()
	ps := net.Parameters()
	ps.ZeroGrad()
	net.Forward(b, false)
	net.Backward()
	grad := append([]float64(nil), ps.G...)
	worst, worstAt := 0.0, -1
	for i := range ps.W {
		num := numDeriv(net, b, ps.W, i)
		den := math.Max(math.Max(math.Abs(num), math.Abs(grad[i])), fdFloor)
		if e := math.Abs(num-grad[i]) / den; e > worst || math.IsNaN(e) {
			worst, worstAt = e, i
		}
	}
	if worst > fdRelTol || math.IsNaN(worst) {
		name, off := "", worstAt
		for _, p := range ps.List {
			if off < len(p.W) {
				name = p.Name
				break
			}
			off -= len(p.W)
		}
		t.Errorf("gradient check: worst relative error %.3g at %s[%d]: analytic %.10g, numeric %.10g",
			worst, name, off, grad[worstAt], numDeriv(net, b, ps.W, worstAt))
	} else {
		t.Logf("gradient check: %d entries, worst relative error %.3g", len(ps.W), worst)
	}
}

func TestGradCheck(t *testing.T) {
	const D, H, T, B = 3, 4, 5, 2
	rec := func(typ string, seq bool) LayerConfig {
		return LayerConfig{Type: typ, Units: H, ReturnSequences: seq}
	}
	dense := func(k int, act string) LayerConfig { return LayerConfig{Type: "dense", Units: k, Activation: act} }
	cases := []struct {
		name   string
		layers []LayerConfig
		loss   Loss
		Ty, K  int
		tokens bool
		mask   bool
		T      int
	}{
		{"rnn-tanh", []LayerConfig{rec("rnn", false), dense(1, "linear")}, MSE, 1, 1, false, false, T},
		{"rnn-relu", []LayerConfig{{Type: "rnn", Units: H, Activation: "relu"}, dense(1, "linear")}, MSE, 1, 1, false, false, T},
		{"lstm", []LayerConfig{rec("lstm", false), dense(1, "sigmoid")}, BCE, 1, 1, false, false, T},
		{"gru-reset-before", []LayerConfig{rec("gru", false), dense(2, "linear")}, MSE, 1, 2, false, false, T},
		{"gru-reset-after", []LayerConfig{{Type: "gru", Units: H, ResetAfter: true}, dense(1, "sigmoid")}, BCE, 1, 1, false, false, T},
		{"lstm-chrono", []LayerConfig{{Type: "lstm", Units: H, Init: InitConfig{ForgetBias: "chrono", ChronoT: 10}}, dense(1, "linear")}, MSE, 1, 1, false, false, T},
		{"stacked-lstm", []LayerConfig{rec("lstm", true), rec("lstm", false), dense(1, "sigmoid")}, BCE, 1, 1, false, false, T},
		{"stacked-mixed-seq", []LayerConfig{rec("gru", true), rec("rnn", true), rec("lstm", true), dense(3, "softmax")}, XEnt, T, 3, false, true, T},
		{"embedding-lstm", []LayerConfig{{Type: "embedding", Units: 3}, rec("lstm", true), dense(D, "softmax")}, XEnt, T, D, true, false, T},
		{"dense-activations", []LayerConfig{rec("rnn", true), dense(3, "tanh"), dense(3, "relu"), dense(3, "sigmoid"), dense(3, "softmax"), dense(2, "linear")}, MSE, T, 2, false, true, T},
		{"lstm-long-T", []LayerConfig{rec("lstm", false), dense(1, "linear")}, MSE, 1, 1, false, false, 60},
		{"rnn-long-T", []LayerConfig{rec("rnn", false), dense(1, "linear")}, MSE, 1, 1, false, false, 60},
		{"gru-long-T", []LayerConfig{{Type: "gru", Units: H, ResetAfter: true}, dense(1, "linear")}, MSE, 1, 1, false, false, 60},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := NewRNG(7)
			m, err := NewModel(ModelConfig{Input: D, Layers: c.layers, Loss: c.loss}, rng)
			if err != nil {
				t.Fatal(err)
			}
			Ty := c.Ty
			if Ty == T {
				Ty = c.T
			}
			if c.tokens { // Keras's ±0.05 embeddings make gradients too small to difference; use ±1
				for i := range m.Params.List[0].W {
					m.Params.List[0].W[i] = rng.Uniform(-1, 1)
				}
			}
			checkGrad(t, m, randomBatch(rng, c.T, B, D, Ty, c.K, c.loss, c.tokens, c.mask))
		})
	}
}

// fixedDropout is a model whose dropout masks are drawn from the same seed at every forward, so that the
// loss is a deterministic function of the weights and can be differenced.
type fixedDropout struct{ *Model }

func (f fixedDropout) Forward(b *Batch, train bool) float64 {
	for _, l := range f.Layers {
		if d, ok := l.(*Dropout); ok {
			d.rng = NewRNG(42)
		}
	}
	return f.Model.Forward(b, true)
}

func TestGradCheckDropout(t *testing.T) {
	rng := NewRNG(3)
	m, err := NewModel(ModelConfig{Input: 3, Loss: MSE, Layers: []LayerConfig{
		{Type: "lstm", Units: 4, ReturnSequences: true}, {Type: "dropout", Rate: 0.5},
		{Type: "gru", Units: 4}, {Type: "dropout", Rate: 0.3}, {Type: "dense", Units: 2}}}, rng)
	if err != nil {
		t.Fatal(err)
	}
	f := fixedDropout{m}
	b := randomBatch(rng, 5, 3, 3, 1, 2, MSE, false, false)
	// The masks must really drop something, or this checks nothing more than TestGradCheck.
	f.Forward(b, true)
	zeros := 0
	for _, v := range m.Layers[1].(*Dropout).mask {
		if v == 0 {
			zeros++
		}
	}
	if zeros == 0 {
		t.Fatal("dropout dropped nothing")
	}
	checkGrad(t, f, b)
}
