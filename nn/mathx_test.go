package nn

import (
	"math"
	"testing"
)

// TestExpScaling checks Exp's fast scaling by 2^k against math.Ldexp (what it replaces) over the whole
// range, including the subnormal results that take the Ldexp path.
func TestExpScaling(t *testing.T) {
	rng := NewRNG(3)
	for i := 0; i < 200000; i++ {
		x := rng.Uniform(-745, 710)
		if i%4 == 0 {
			x = rng.Uniform(-30, 30)
		}
		got := Exp(x)
		want := expLdexp(x)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Exp(%v) = %v, want %v", x, got, want)
		}
	}
}

// expLdexp is Exp with its original final step, math.Ldexp(y, k).
func expLdexp(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
		p1    = 1.66666666666666657415e-01
		p2    = -2.77777777770155933842e-03
		p3    = 6.61375632143793436117e-05
		p4    = -1.65339022054652515390e-06
		p5    = 4.13813679705723846039e-08
	)
	if x > 7.09782712893383973096e+02 || x < -7.45133219101941108420e+02 || math.Abs(x) < 1.0/(1<<28) {
		return Exp(x) // outside the scaled path
	}
	var k int
	switch {
	case x < 0:
		k = int(log2e*x - 0.5)
	case x > 0:
		k = int(log2e*x + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}

// TestActivationLoops checks that sigmoidTo and tanhTo give Sigmoid's and Tanh's bits exactly, over
// ordinary, tiny, huge and special inputs.
func TestActivationLoops(t *testing.T) {
	rng := NewRNG(4)
	xs := []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 5e-324, 1e-9, -1e-9, 22, -22, 22.0001, 40, -40,
		700, -700, 745, -745, 746, -746, 1e308, -1e308, math.Inf(1), math.Inf(-1), math.NaN()}
	for i := 0; i < 100000; i++ {
		scale := []float64{1, 10, 100, 800}[i%4]
		xs = append(xs, rng.Uniform(-scale, scale))
	}
	sig, th := make([]float64, len(xs)), make([]float64, len(xs))
	sigmoidTo(sig, xs)
	tanhTo(th, xs)
	for i, x := range xs {
		if a, b := math.Float64bits(sig[i]), math.Float64bits(Sigmoid(x)); a != b {
			t.Fatalf("sigmoidTo(%v) = %v, Sigmoid = %v", x, sig[i], Sigmoid(x))
		}
		if a, b := math.Float64bits(th[i]), math.Float64bits(Tanh(x)); a != b {
			t.Fatalf("tanhTo(%v) = %v, Tanh = %v", x, th[i], Tanh(x))
		}
	}
	inPlace := append([]float64(nil), xs...)
	sigmoidTo(inPlace, inPlace)
	for i := range xs {
		if math.Float64bits(inPlace[i]) != math.Float64bits(sig[i]) {
			t.Fatalf("sigmoidTo in place differs at %v", xs[i])
		}
	}
}
