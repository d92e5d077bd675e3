package nn

import "math"

// Slice versions of Sigmoid and Tanh for the cells' hot loops. They compute exactly what Sigmoid and Tanh
// compute, operation for operation (TestActivationLoops checks the bits), with Exp written into the loop:
// in WebAssembly a Go call costs several nanoseconds, and an LSTM step made eleven of them per unit.
// dst and src may be the same slice; len(dst) must be at least len(src).

// sigmoidTo sets dst[i] = Sigmoid(src[i]).
func sigmoidTo(dst, src []float64) {
	const (
		ln2Hi     = 6.93147180369123816490e-01
		ln2Lo     = 1.90821492927058770002e-10
		log2e     = 1.44269504088896338700e+00
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28)
		p1        = 1.66666666666666657415e-01
		p2        = -2.77777777770155933842e-03
		p3        = 6.61375632143793436117e-05
		p4        = -1.65339022054652515390e-06
		p5        = 4.13813679705723846039e-08
	)
	dst = dst[:len(src)]
	for i, x := range src {
		// e = Exp(u) with u = −|x| ≤ 0, as Exp computes it.
		u := x
		if x >= 0 {
			u = -x
		}
		var e float64
		switch {
		case u != u:
			e = u
		case u < underflow:
			e = 0
		case -nearZero < u:
			e = 1 + u
		default:
			k := int(log2e*u - 0.5)
			hi := u - float64(float64(k)*ln2Hi)
			lo := float64(k) * ln2Lo
			r := hi - lo
			t := r * r
			c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
			y := 1 - ((lo - (r*c)/(2-c)) - hi)
			if k >= -1021 {
				e = y * math.Float64frombits(uint64(k+1023)<<52)
			} else {
				e = math.Ldexp(y, k)
			}
		}
		if x >= 0 {
			dst[i] = 1 / (1 + e)
		} else {
			dst[i] = e / (1 + e)
		}
	}
}

// tanhTo sets dst[i] = Tanh(src[i]).
func tanhTo(dst, src []float64) {
	dst = dst[:len(src)]
	for i, x := range src {
		ax := x
		if x < 0 {
			ax = -x
		}
		var t float64
		if ax > 22 {
			t = 1
		} else {
			e := math.Expm1(2 * ax)
			t = e / (e + 2)
		}
		if x < 0 {
			t = -t
		}
		dst[i] = t
	}
}
