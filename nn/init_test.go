package nn

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestOrthogonal(t *testing.T) {
	const n = 7
	q := make([]float64, n*n)
	Orthogonal(q, n, NewRNG(11))
	Q := mat.NewDense(n, n, q)
	var qtq mat.Dense
	qtq.Mul(Q.T(), Q)
	if !mat.EqualApprox(&qtq, eye(n), 1e-12) {
		t.Errorf("QᵀQ ≠ I:\n%v", mat.Formatted(&qtq))
	}
	// Same Q as gonum's QR of the same Gaussian matrix, up to the sign of each column.
	rng := NewRNG(11)
	a := make([]float64, n*n)
	for i := range a {
		a[i] = rng.Normal()
	}
	var qr mat.QR
	qr.Factorize(mat.NewDense(n, n, a))
	var gq mat.Dense
	qr.QTo(&gq)
	for j := 0; j < n; j++ {
		s := math.Copysign(1, gq.At(0, j)*Q.At(0, j))
		for i := 0; i < n; i++ {
			if math.Abs(s*gq.At(i, j)-Q.At(i, j)) > 1e-12 {
				t.Fatalf("column %d differs from gonum's QR", j)
			}
		}
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}

func TestRecurrentInit(t *testing.T) {
	const H, G = 5, 4
	for _, c := range []struct {
		ic     InitConfig
		radius float64
	}{
		{InitConfig{}, 1},
		{InitConfig{Recurrent: "orthogonal", Gain: 3}, 3},
		{InitConfig{Recurrent: "identity", Gain: 0.5}, 0.5},
		{InitConfig{Recurrent: "spectral", Gain: 1.2}, 1.2},
	} {
		u := make([]float64, H*G*H)
		initRecurrent(u, H, G, c.ic, NewRNG(2))
		ps := &Params{}
		p := ps.Add("u", true, H, G*H)
		p.Rec = true
		ps.Alloc()
		copy(p.W, u)
		for _, s := range Spectra(ps) {
			if math.Abs(s.Radius-c.radius) > 1e-6*c.radius {
				t.Errorf("%+v gate %d: spectral radius %v, want %v", c.ic, s.Gate, s.Radius, c.radius)
			}
			if c.ic.Recurrent != "spectral" { // orthogonal × g and g·I: every singular value is g
				for _, v := range s.Singular {
					if math.Abs(v-c.radius) > 1e-12 {
						t.Errorf("%+v: singular value %v, want %v", c.ic, v, c.radius)
					}
				}
			}
		}
	}
}

func TestForgetBiasInit(t *testing.T) {
	for _, c := range []struct {
		fb   string
		test func(bi, bf []float64) bool
	}{
		{"", func(bi, bf []float64) bool { return all(bf, func(v float64) bool { return v == 1 }) }},
		{"0", func(bi, bf []float64) bool { return all(bf, func(v float64) bool { return v == 0 }) }},
		{"chrono", func(bi, bf []float64) bool {
			for j := range bf {
				if bf[j] < 0 || bf[j] > math.Log(49) || bi[j] != -bf[j] {
					return false
				}
			}
			return true
		}},
	} {
		_, r := oneLayer(t, "lstm", 2, 6, false, func(l *LayerConfig) { l.Init = InitConfig{ForgetBias: c.fb, ChronoT: 50} })
		if H := r.H; !c.test(r.Bias.W[:H], r.Bias.W[H:2*H]) {
			t.Errorf("forget bias %q: b = %v", c.fb, r.Bias.W)
		}
	}
}

func all(v []float64, f func(float64) bool) bool {
	for _, x := range v {
		if !f(x) {
			return false
		}
	}
	return true
}

func TestGlorotRange(t *testing.T) {
	w := make([]float64, 1000)
	glorotUniform(w, 10, 40, NewRNG(1))
	l := math.Sqrt(6.0 / 50)
	var lo, hi float64
	for _, v := range w {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo < -l || hi > l || lo > -0.9*l || hi < 0.9*l {
		t.Errorf("glorot range [%v, %v], want within and near ±%v", lo, hi, l)
	}
}

// TestIRNNInit: identity initialisation follows Le et al. (2015): recurrent matrix I, biases 0, input
// kernel from N(0, 0.001²).
func TestIRNNInit(t *testing.T) {
	const D, H = 20, 64
	ps := &Params{}
	r := newRecurrent("irnn", LayerConfig{Type: "rnn", Units: H, Activation: "relu", ReturnSequences: true, Init: InitConfig{Recurrent: "identity"}}, D, ps)
	ps.Alloc()
	r.initParams(NewRNG(3))
	for i := 0; i < H; i++ {
		for j := 0; j < H; j++ {
			if want := map[bool]float64{true: 1, false: 0}[i == j]; r.U.W[i*H+j] != want {
				t.Fatalf("U[%d,%d] = %v, want %v", i, j, r.U.W[i*H+j], want)
			}
		}
	}
	for _, b := range r.Bias.W {
		if b != 0 {
			t.Fatalf("bias %v, want 0", b)
		}
	}
	var ss float64
	for _, w := range r.W.W {
		ss += w * w
	}
	if std := math.Sqrt(ss / float64(len(r.W.W))); math.Abs(std-IRNNInputStd) > 0.1*IRNNInputStd {
		t.Errorf("input kernel std %.3g, want %g ± 10%%", std, IRNNInputStd)
	}
}
