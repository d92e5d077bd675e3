package nn

import "fmt"

// AuxConfig adds an auxiliary loss to a layer stack: a second task, read from the states h_t of the last
// recurrent layer, that makes the network learn the structure of its input (the source article's fourth
// technique). The model minimises L_main + λ·L_aux and records both.
//
//	next:        predict the next input x_{t+1} from h_t, t = 1..T−1 (a language-model loss).
//	reconstruct: at a random anchor step a of each example, predict the L inputs before it,
//	             x_{a−L}..x_{a−1}, from h_a alone (after Trinh et al. 2018, "Learning Longer-term
//	             Dependencies in RNNs with Auxiliary Losses"; they decode the segment with an LSTM started
//	             from h_a, we use a linear decoder, one output block per segment position, which keeps the
//	             head cheap). Anchors are drawn in every training forward; evaluation uses a = T−1.
//
// Inputs that are token ids are predicted with softmax cross-entropy over the vocabulary, real inputs with
// the mean squared error over their features. Weight is λ (0 disables the head).
type AuxConfig struct {
	Kind    string  `json:"kind"`              // next | reconstruct
	Weight  float64 `json:"weight"`            // λ in [0, 100]
	Segment int     `json:"segment,omitempty"` // reconstruct: segment length L in [1, 64], 0 means 4
}

// Auxiliary-loss kinds.
const (
	AuxNext        = "next"
	AuxReconstruct = "reconstruct"
)

func (c *AuxConfig) validate(layers []LayerConfig) error {
	if c == nil {
		return nil
	}
	switch c.Kind {
	case AuxNext, AuxReconstruct:
	default:
		return fmt.Errorf("model.aux.kind: unknown %q (want next or reconstruct)", c.Kind)
	}
	if !(c.Weight >= 0 && c.Weight <= 100) {
		return fmt.Errorf("model.aux.weight: %v is outside [0, 100]", c.Weight)
	}
	if c.Segment < 0 || c.Segment > 64 {
		return fmt.Errorf("model.aux.segment: %d is outside [0, 64]", c.Segment)
	}
	for _, l := range layers {
		switch l.Type {
		case "rnn", "lstm", "gru":
			return nil
		}
	}
	return fmt.Errorf("model.aux: an auxiliary loss needs a recurrent layer (rnn, lstm or gru)")
}

func (c *AuxConfig) segment() int {
	if c.Segment == 0 {
		return 4
	}
	return c.Segment
}

// auxParams is the number of parameters of the head (for the size limit).
func auxParams(c *AuxConfig, H, K int) int {
	if c == nil || c.Weight == 0 {
		return 0
	}
	if c.Kind == AuxReconstruct {
		return (H + 1) * c.segment() * K
	}
	return (H + 1) * K
}

// auxHead is the auxiliary head: logits z = h·W + b, W [H, N·K] with N = 1 (next) or L (reconstruct).
type auxHead struct {
	kind   string
	lambda float64
	L      int // segment length (reconstruct), 1 (next)
	K      int // input features, or vocabulary size for token inputs
	tokens bool
	rec    *Recurrent
	W, B   *Param
	rng    *RNG

	anchor []int // [B] anchor steps (reconstruct)
	fixed  bool  // keep the anchors (tests)
	x      *Seq
	z      []float64 // next [T−1, B, K]; reconstruct [B, L·K] logits or predictions
	dz     []float64
	dHs    []float64 // [T, B, H] ∂L/∂h_t handed to the recurrent layer
	n      float64   // number of scored targets
	loss   float64
}

func newAuxHead(c AuxConfig, m *Model, rng *RNG, ps *Params) *auxHead {
	h := &auxHead{kind: c.Kind, lambda: c.Weight, L: 1, K: m.Config.Input, rng: rng}
	if c.Kind == AuxReconstruct {
		h.L = c.segment()
	}
	_, h.tokens = m.Layers[0].(*Embedding)
	for _, l := range m.Layers {
		if r, ok := l.(*Recurrent); ok {
			h.rec = r
		}
	}
	H := h.rec.H
	h.W = ps.Add("aux.kernel", true, H, h.L*h.K)
	h.B = ps.Add("aux.bias", false, h.L*h.K)
	h.W.Group, h.B.Group = "aux", "aux"
	return h
}

func (h *auxHead) initParams(rng *RNG) {
	glorotUniform(h.W.W, h.rec.H, h.L*h.K, rng)
	clear(h.B.W)
}

// target returns, for input step t of example b, the class (tokens) or the feature row.
func (h *auxHead) target(t, b int) (int, []float64) {
	x := h.x
	if h.tokens {
		return int(x.Ids[t*x.B+b]), nil
	}
	return 0, x.V[(t*x.B+b)*x.F : (t*x.B+b+1)*x.F]
}

// score turns logits z [K] into the loss against step t of example b and writes ∂loss/∂z into dz
// (unnormalised: the caller divides by the count).
func (h *auxHead) score(z, dz []float64, t, b int) float64 {
	c, y := h.target(t, b)
	if h.tokens {
		copy(dz, z)
		softmax(dz)
		l := -Log(max(dz[c], 1e-300))
		dz[c]--
		return l
	}
	var s float64
	K := float64(h.K)
	for k, v := range z {
		e := v - y[k]
		s += e * e
		dz[k] = 2 * e / K
	}
	return s / K
}

// forward computes the auxiliary loss for the last forward of the recurrent layer on input b.X.
func (h *auxHead) forward(b *Batch, train bool) float64 {
	r := h.rec
	T, B, H, K, LK := r.T, r.B, r.H, h.K, h.L*h.K
	h.x = &b.X
	h.loss, h.n = 0, 0
	if T < 2 {
		h.z, h.dz = h.z[:0], h.dz[:0]
		return 0
	}
	if h.kind == AuxNext {
		// Rows h_1..h_{T−1} (Hs[1..T−1]) predict x_2..x_T.
		n := (T - 1) * B
		h.z = growF(h.z, n*K)
		h.dz = growF(h.dz, n*K)
		for i := 0; i < n; i++ {
			copy(h.z[i*K:(i+1)*K], h.B.W)
		}
		gemmNN(n, K, H, r.Hs[B*H:], H, h.W.W, K, h.z, K)
		for i := 0; i < n; i++ {
			t, bb := i/B+1, i%B
			h.loss += h.score(h.z[i*K:(i+1)*K], h.dz[i*K:(i+1)*K], t, bb)
		}
		h.n = float64(n)
	} else {
		h.anchor = growInts(h.anchor, B)
		h.z = growF(h.z, B*LK)
		h.dz = growF(h.dz, B*LK)
		for bb := 0; bb < B; bb++ {
			switch {
			case h.fixed:
				h.anchor[bb] = min(h.anchor[bb], T-1)
			case !train:
				h.anchor[bb] = T - 1
			case T > h.L:
				h.anchor[bb] = h.L + h.rng.IntN(T-h.L) // a full segment fits before the anchor
			default:
				h.anchor[bb] = 1 + h.rng.IntN(T-1)
			}
			a := h.anchor[bb]
			z := h.z[bb*LK : (bb+1)*LK]
			copy(z, h.B.W)
			gemmNN(1, LK, H, r.Hs[((a+1)*B+bb)*H:], H, h.W.W, LK, z, LK)
			for j := 0; j < h.L; j++ {
				if t := a - h.L + j; t >= 0 {
					h.loss += h.score(z[j*K:(j+1)*K], h.dz[bb*LK+j*K:bb*LK+(j+1)*K], t, bb)
					h.n++
				}
			}
		}
	}
	h.loss /= h.n
	return h.loss
}

// backward accumulates the head's gradients and hands λ·∂L_aux/∂h_t to the recurrent layer.
func (h *auxHead) backward() {
	r := h.rec
	T, B, H, K, LK := r.T, r.B, r.H, h.K, h.L*h.K
	h.dHs = growF(h.dHs, T*B*H)
	r.dHx = h.dHs
	if h.n == 0 {
		return
	}
	s := h.lambda / h.n
	for i := range h.dz {
		h.dz[i] *= s
	}
	if h.kind == AuxNext {
		n := (T - 1) * B
		gemmTN(H, K, n, r.Hs[B*H:], H, h.dz, K, h.W.G, K)
		colSum(h.B.G, h.dz, n, K)
		gemmNT(n, H, K, h.dz, K, h.W.W, K, h.dHs, H)
		return
	}
	for bb := 0; bb < B; bb++ {
		a := h.anchor[bb]
		dz := h.dz[bb*LK : (bb+1)*LK]
		gemmTN(H, LK, 1, r.Hs[((a+1)*B+bb)*H:], H, dz, LK, h.W.G, LK)
		addTo(h.B.G, dz)
		gemmNT(1, H, LK, dz, LK, h.W.W, LK, h.dHs[(a*B+bb)*H:], H)
	}
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
