package nn

import "fmt"

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
func Clip(g []float64, c ClipConfig) (pre, post float64, clipped bool) {
	pre = Norm2(g)
	switch c.Mode {
	case "norm":
		if pre > c.Threshold {
			s := c.Threshold / pre
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
