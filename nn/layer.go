package nn

// Layer maps a batch of sequences to another. Forward returns the layer's own output buffer (valid until the
// next Forward); Backward takes ∂L/∂output, accumulates into the layer's parameter gradients and returns
// ∂L/∂input (nil for a token input). Layers allocate their buffers on the first call for a shape and reuse
// them afterwards, so that a warm training step allocates nothing.
type Layer interface {
	Forward(x *Seq, train bool) *Seq
	Backward(dy *Seq) *Seq
	OutWidth() int
}

// Probed is implemented by layers that record instrumentation (recurrent layers).
type Probed interface {
	Probe() *Probe
}

// Probe is what a recurrent layer records in every forward and backward pass.
type Probe struct {
	Layer string    // layer name, e.g. "lstm0"
	T     int       // steps recorded
	DH    []float64 // [T] mean over the batch of ‖∂L/∂h_t‖, t = 1..T (total gradient reaching h_t)
	DC    []float64 // [T] the same for the LSTM cell state c_t (nil for other cells)
	Gates []string  // names of the gates recorded, e.g. i, f, o
	// [len(Gates)·T] gate statistics: index g*T+t. Mean activation, and the fraction of units
	// saturated below 0.05 and above 0.95.
	GateMean, GateLow, GateHigh []float64
}

func (p *Probe) resize(T int) {
	p.T = T
	p.DH = growF(p.DH, T)
	if p.DC != nil {
		p.DC = growF(p.DC, T)
	}
	n := len(p.Gates) * T
	p.GateMean = growF(p.GateMean, n)
	p.GateLow = growF(p.GateLow, n)
	p.GateHigh = growF(p.GateHigh, n)
}

// gateStats records mean and saturation of one gate block (rows of width stride, columns [off, off+H)).
func (p *Probe) gateStats(g, t int, a []float64, B, stride, off, H int) {
	var sum float64
	var lo, hi int
	for b := 0; b < B; b++ {
		for _, v := range a[b*stride+off : b*stride+off+H] {
			sum += v
			if v < 0.05 {
				lo++
			} else if v > 0.95 {
				hi++
			}
		}
	}
	n := float64(B * H)
	p.GateMean[g*p.T+t] = sum / n
	p.GateLow[g*p.T+t] = float64(lo) / n
	p.GateHigh[g*p.T+t] = float64(hi) / n
}
