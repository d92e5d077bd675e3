package nn

import (
	"fmt"
	"math"
)

// ClipConfig chooses gradient clipping: "" or "off" (none), "norm" (rescale the whole gradient so that its
// global norm is at most Threshold; Pascanu et al. 2013), or "value" (clamp each entry to ±Threshold).
type ClipConfig struct {
	Mode      string  `json:"mode,omitempty"`
	Threshold float64 `json:"threshold,omitempty"`
}

// Validate checks the configuration.
func (c ClipConfig) Validate() error {
	switch c.Mode {
	case "", "off":
		return nil
	case "norm", "value":
		if !(c.Threshold > 0 && c.Threshold <= 1e6) {
			return fmt.Errorf("clip.threshold: %v is outside (0, 1e6]", c.Threshold)
		}
		return nil
	}
	return fmt.Errorf("clip.mode: unknown %q (want off, norm or value)", c.Mode)
}

// Clip clips g in place and returns the global norm before and after and whether anything changed.
// The pre-clip norm is what a learner should look at: it is the gradient the loss really produced.
// A gradient holding NaN or ±Inf is left as it is (the optimiser then skips the step, see Optimizer.Step);
// a finite gradient too large for its norm to be a float64 is still rescaled to the threshold.
func Clip(g []float64, c ClipConfig) (pre, post float64, clipped bool) {
	pre = Norm2(g)
	if !finite(pre) && !allFinite(g) {
		return pre, pre, false
	}
	switch c.Mode {
	case "norm":
		if pre > c.Threshold {
			s := c.Threshold / pre
			if !finite(pre) { // ‖g‖ > MaxFloat64: divide by the largest entry first
				m, ss := scaledSquares(g)
				s = c.Threshold / m / math.Sqrt(ss)
			}
			for i := range g {
				g[i] *= s
			}
			return pre, Norm2(g), true
		}
	case "value":
		for i, v := range g {
			if v > c.Threshold {
				g[i], clipped = c.Threshold, true
			} else if v < -c.Threshold {
				g[i], clipped = -c.Threshold, true
			}
		}
		if clipped {
			return pre, Norm2(g), true
		}
	}
	return pre, pre, false
}

// scaledSquares returns m = max|v| and Σ(v/m)², so that ‖v‖ = m·√Σ without overflow or underflow in the
// sum (LAPACK's dnrm2 idea). For v all zero it returns 0, 0; v must be finite.
func scaledSquares(v []float64) (m, ss float64) {
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	if m == 0 {
		return 0, 0
	}
	for _, x := range v {
		ss += (x / m) * (x / m)
	}
	return m, ss
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if !finite(x) {
			return false
		}
	}
	return true
}
