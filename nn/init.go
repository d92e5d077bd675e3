package nn

import (
	"fmt"
	"math"
)

// InitConfig chooses how a recurrent layer's weights start. Input kernels are Glorot-uniform (except
// under identity) and biases zero (except the LSTM's forget gate). The recurrent
// kernel U [H, G·H] is initialised one H×H gate block at a time:
//
//	orthogonal (default): Q·gain, Q a random orthogonal matrix (QR of a Gaussian matrix)
//	identity:             gain·I, and the input kernel from N(0, 0.001²) (Le et al. 2015, IRNN)
//	spectral:             a Gaussian matrix scaled so that its spectral radius is gain
//	glorot_uniform:       as the kernels
//
// Gain 0 means 1. ForgetBias sets the LSTM forget-gate bias: "1" (default), "0" or "chrono", which draws
// b_f = log(U[1, ChronoT−1]) and b_i = −b_f (Tallec & Ollivier 2018).
type InitConfig struct {
	Recurrent  string  `json:"recurrent,omitempty"`
	Gain       float64 `json:"gain,omitempty"`
	ForgetBias string  `json:"forget_bias,omitempty"`
	ChronoT    int     `json:"chrono_t,omitempty"`
}

func (ic InitConfig) validate(where string) error {
	switch ic.Recurrent {
	case "", "orthogonal", "identity", "spectral", "glorot_uniform":
	default:
		return fmt.Errorf("%s.init.recurrent: unknown %q (want orthogonal, identity, spectral or glorot_uniform)", where, ic.Recurrent)
	}
	if ic.Gain < 0 || ic.Gain > 10 || math.IsNaN(ic.Gain) {
		return fmt.Errorf("%s.init.gain: %v is outside [0, 10]", where, ic.Gain)
	}
	switch ic.ForgetBias {
	case "", "1", "one", "0", "zero", "chrono":
	default:
		return fmt.Errorf("%s.init.forget_bias: unknown %q (want 1, 0 or chrono)", where, ic.ForgetBias)
	}
	if ic.ChronoT < 0 || ic.ChronoT > 100000 {
		return fmt.Errorf("%s.init.chrono_t: %d is outside [0, 100000]", where, ic.ChronoT)
	}
	return nil
}

// IRNNInputStd is the standard deviation of the input kernel under identity initialisation: Le et al.
// (2015) start the IRNN with the recurrent matrix at the identity, the biases at zero and the other weights
// from a Gaussian of standard deviation 0.001, so that h_t starts small and a ReLU network's states do not
// pile up T inputs of unit size (with Glorot input weights the initial validation MSE on adding, T = 100,
// was about 200).
const IRNNInputStd = 0.001

// initKernel fills the input kernel w [D, G·H]: Glorot-uniform, or N(0, IRNNInputStd²) for identity.
func initKernel(w []float64, D, GH int, ic InitConfig, rng *RNG) {
	if ic.Recurrent != "identity" {
		glorotUniform(w, D, GH, rng)
		return
	}
	for i := range w {
		w[i] = IRNNInputStd * rng.Normal()
	}
}

// glorotUniform fills w [fanIn, fanOut] from U[−l, l], l = √(6/(fanIn+fanOut)).
func glorotUniform(w []float64, fanIn, fanOut int, rng *RNG) {
	l := math.Sqrt(6 / float64(fanIn+fanOut))
	for i := range w {
		w[i] = rng.Uniform(-l, l)
	}
}

// initRecurrent fills u [H, G·H] block by block as ic says.
func initRecurrent(u []float64, H, G int, ic InitConfig, rng *RNG) {
	gain := ic.Gain
	if gain == 0 {
		gain = 1
	}
	if ic.Recurrent == "glorot_uniform" {
		glorotUniform(u, H, G*H, rng)
		return
	}
	blk := make([]float64, H*H)
	for g := 0; g < G; g++ {
		switch ic.Recurrent {
		case "identity":
			clear(blk)
			for i := 0; i < H; i++ {
				blk[i*H+i] = gain
			}
		case "spectral":
			for i := range blk {
				blk[i] = rng.Normal()
			}
			rho := SpectralRadius(blk, H)
			// Rounded to float32 precision, so that the scale (and so the run) does not hang on the
			// eigensolver's last bits, which differ where multiply-adds fuse (and moved when spectrum.go
			// replaced gonum's, whose amd64 assembly differed from its wasm build).
			s := float64(float32(gain / rho))
			for i := range blk {
				blk[i] *= s
			}
		default:
			Orthogonal(blk, H, rng)
			for i := range blk {
				blk[i] *= gain
			}
		}
		for i := 0; i < H; i++ {
			copy(u[i*G*H+g*H:i*G*H+(g+1)*H], blk[i*H:(i+1)*H])
		}
	}
}

// Orthogonal fills q [n, n] with a random orthogonal matrix: the Q of the QR decomposition of a Gaussian
// matrix, with signs fixed so that R has a positive diagonal (which makes Q Haar-distributed, Mezzadri
// 2007). The QR is a plain Householder in Go rather than gonum's, so that it gives the same bits in
// WebAssembly as natively; a test checks it against gonum's QR.
func Orthogonal(q []float64, n int, rng *RNG) {
	a := make([]float64, n*n)
	for i := range a {
		a[i] = rng.Normal()
	}
	householderQ(q, a, n)
}

// householderQ sets q to the orthogonal factor of a = QR (n×n, row-major) with diag(R) > 0; a is destroyed.
func householderQ(q, a []float64, n int) {
	v := make([]float64, n)
	vs := make([][]float64, n)
	sign := make([]float64, n)
	for k := 0; k < n; k++ {
		// Householder vector for column k, rows k..n-1.
		var norm float64
		for i := k; i < n; i++ {
			norm += a[i*n+k] * a[i*n+k]
		}
		norm = math.Sqrt(norm)
		alpha := -norm
		if a[k*n+k] < 0 {
			alpha = norm
		}
		clear(v)
		for i := k; i < n; i++ {
			v[i] = a[i*n+k]
		}
		v[k] -= alpha
		vn := Norm2(v)
		if vn > 0 {
			for i := range v {
				v[i] /= vn
			}
		}
		vs[k] = append([]float64(nil), v...)
		// a = (I − 2vvᵀ)a on columns k..n-1.
		for j := k; j < n; j++ {
			var d float64
			for i := k; i < n; i++ {
				d += v[i] * a[i*n+j]
			}
			for i := k; i < n; i++ {
				a[i*n+j] -= 2 * v[i] * d
			}
		}
		sign[k] = 1
		if a[k*n+k] < 0 {
			sign[k] = -1
		}
	}
	// Q = H_0 H_1 … H_{n-1}, applied to I from the right-most reflector; then scale column k by sign[k].
	clear(q)
	for i := 0; i < n; i++ {
		q[i*n+i] = 1
	}
	for k := n - 1; k >= 0; k-- {
		v := vs[k]
		for j := 0; j < n; j++ {
			var d float64
			for i := k; i < n; i++ {
				d += v[i] * q[i*n+j]
			}
			for i := k; i < n; i++ {
				q[i*n+j] -= 2 * v[i] * d
			}
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			q[i*n+j] *= sign[j]
		}
	}
}
