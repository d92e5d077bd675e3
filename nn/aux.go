package nn

import (
	"fmt"
	"strings"
)

// AuxConfig adds an auxiliary loss to a recurrent model: a second task, read from the states h_t of the
// last recurrent layer of a stack or of an encoder–decoder's encoder, that makes the network learn the
// structure of its input (the source article's fourth technique). The model minimises L_main + λ·L_aux
// and records both (MainLoss, AuxLoss; TrainStep puts them in StepStats).
//
//	next:        predict the next input x_{t+1} from h_t, t = 1..T−1, with a dense head (a language-model
//	             loss).
//	reconstruct: at a random anchor step a of each example, a small recurrent decoder (the same cell as
//	             the layer, H units, its own weights) starts from the layer's state at a (h_a, and c_a for
//	             an LSTM) and reconstructs the L inputs before the anchor, x_{a−L}..x_{a−1}, in order,
//	             reading the previous true input at each step (zero at the first) — Trinh et al. 2018,
//	             "Learning Longer-term Dependencies in RNNs with Auxiliary Losses". Anchors are drawn in
//	             every training forward, with a whole segment before them when T > L; evaluation uses
//	             a = T; targets before the sequence start are not scored.
//
// Inputs that are token ids are predicted with softmax cross-entropy over the vocabulary (the decoder
// reads them through the model's embedding, which the loss then also trains), real inputs with the mean
// squared error over their features. Weight is λ (0 disables the head). L_aux is the mean over the scored
// targets; a shard of a batch (Shards) divides by the whole batch's count.
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
		if Cell(l.Type) != nil {
			return nil
		}
	}
	return fmt.Errorf("model.aux: an auxiliary loss needs a recurrent layer (%s)", strings.Join(CellNames(), ", "))
}

func (c *AuxConfig) segment() int {
	if c.Segment == 0 {
		return 4
	}
	return c.Segment
}

// auxParams counts the parameters of the head (for the size limit): on recurrent layer l (H units)
// reading inputs of width D, K outputs.
func auxParams(c *AuxConfig, l LayerConfig, D, K int) int {
	if c == nil || c.Weight == 0 {
		return 0
	}
	H := l.Units
	n := (H + 1) * K
	if c.Kind == AuxReconstruct {
		n += Cell(l.Type).Count(D, H, l)
	}
	return n
}

// auxHead is the auxiliary head on recurrent layer rec.
type auxHead struct {
	kind   string
	lambda float64
	L      int  // segment length (reconstruct)
	K      int  // input features, or vocabulary size for token inputs
	tokens bool // the model's input is token ids, embedded by emb
	emb    *Embedding
	rec    *Recurrent
	dec    *Recurrent // reconstruct: the decoder
	W, B   *Param     // dense head h·W + b, W [H, K]
	rng    *RNG

	x      *Seq      // the model's input
	anchor []int     // [B] anchor steps (reconstruct), 1..T−1: the state after input a−1 (0-based) is h_a
	fixed  bool      // keep the anchors (tests)
	in     Seq       // [L, B, Din] decoder inputs
	h0, c0 []float64 // [B, H] decoder initial state
	z      []float64 // logits: next [T−1, B, K]; reconstruct [L, B, K]
	dz     []float64
	dy     Seq       // [L, B, H] ∂L/∂(decoder states)
	dh     []float64 // [T, B, H] ∂L/∂h_t handed to rec
	dc     []float64 // [T, B, H] ∂L/∂c_t handed to rec (rec.State())
	dEmb   Seq       // [T, B, E] ∂L/∂(embedded inputs) from the decoder's reads
	n      float64   // number of scored targets
	loss   float64
}

// newAuxHead declares a head on recurrent layer rec, configured as lc (its cell, for the decoder), whose
// network reads inputs of width K (features, or a vocabulary of K tokens embedded by emb).
func newAuxHead(c AuxConfig, rec *Recurrent, lc LayerConfig, emb *Embedding, K int, ps *Params) *auxHead {
	h := &auxHead{kind: c.Kind, lambda: c.Weight, L: c.segment(), K: K, rec: rec, emb: emb, tokens: emb != nil}
	H := h.rec.H
	if c.Kind == AuxReconstruct {
		din := K
		if h.tokens {
			din = h.emb.K
		}
		lc.Units, lc.ReturnSequences = H, true
		h.dec = newRecurrent("aux_decoder", lc, din, ps)
		h.dec.Group("aux")
	}
	h.W = ps.Add("aux.kernel", true, H, h.K)
	h.B = ps.Add("aux.bias", false, h.K)
	h.W.Group, h.B.Group = "aux", "aux"
	return h
}

func (h *auxHead) initParams(rng *RNG) {
	if h.dec != nil {
		h.dec.initParams(rng)
	}
	glorotUniform(h.W.W, h.rec.H, h.K, rng)
	clear(h.B.W)
}

// score turns logits z [K] into the loss against input step t of example b and writes ∂loss/∂z into dz
// (unnormalised: the caller divides by the count).
func (h *auxHead) score(z, dz []float64, t, b int) float64 {
	x := h.x
	if h.tokens {
		c := int(x.Ids[t*x.B+b])
		copy(dz, z)
		softmax(dz)
		l := -Log(max(dz[c], 1e-300))
		dz[c]--
		return l
	}
	y := x.V[(t*x.B+b)*x.F : (t*x.B+b+1)*x.F]
	var s float64
	K := float64(h.K)
	for k, v := range z {
		e := v - y[k]
		s += e * e
		dz[k] = 2 * e / K
	}
	return s / K
}

// forward computes the auxiliary loss after the model's forward on input b.X.
func (h *auxHead) forward(b *Batch, train bool) float64 {
	r := h.rec
	T, B, H, K := r.T, r.B, r.H, h.K
	h.x = &b.X
	h.loss, h.n = 0, 0
	h.z, h.dz = h.z[:0], h.dz[:0]
	if T < 2 {
		return 0
	}
	var hs []float64 // [rows, H] states fed to the dense head
	rows := 0
	if h.kind == AuxNext {
		// h_1..h_{T−1} (Hs[1..T−1]) predict inputs 2..T.
		rows, hs = (T-1)*B, r.Hs[B*H:T*B*H]
	} else {
		h.decode(train)
		rows, hs = h.L*B, h.dec.Hs[B*H:]
	}
	h.z = growF(h.z, rows*K)
	h.dz = growF(h.dz, rows*K)
	for i := 0; i < rows; i++ {
		copy(h.z[i*K:(i+1)*K], h.B.W)
	}
	gemmNN(rows, K, H, hs, H, h.W.W, K, h.z, K)
	for i := 0; i < rows; i++ {
		j, bb := i/B, i%B
		t := j + 1 // next: input step j+1 (0-based)
		if h.kind == AuxReconstruct {
			t = h.anchor[bb] - h.L + j
			if t < 0 {
				continue
			}
		}
		h.loss += h.score(h.z[i*K:(i+1)*K], h.dz[i*K:(i+1)*K], t, bb)
		h.n++
	}
	if b.Whole > 0 { // a shard: the whole batch's count (see Shards)
		h.n = h.n * float64(b.Whole) / float64(B)
	}
	h.loss /= h.n
	return h.loss
}

// decode draws the anchors and runs the reconstruction decoder from the states there.
func (h *auxHead) decode(train bool) {
	r, d := h.rec, h.dec
	T, B, H, L := r.T, r.B, r.H, h.L
	h.anchor = growInts(h.anchor, B)
	h.h0 = growF(h.h0, B*H)
	h.c0 = growF(h.c0, B*H)
	din := d.D
	h.in.Resize(L, B, din)
	var e []float64 // embedded inputs [T, B, E]
	if h.tokens {
		e = h.emb.y.V
	}
	for bb := 0; bb < B; bb++ {
		switch {
		case h.fixed:
			h.anchor[bb] = min(h.anchor[bb], T)
		case !train:
			h.anchor[bb] = T
		case T >= L:
			h.anchor[bb] = L + h.rng.IntN(T-L+1) // a in [L, T]: a whole segment before it
		default:
			h.anchor[bb] = 1 + h.rng.IntN(T)
		}
		a := h.anchor[bb]
		copy(h.h0[bb*H:(bb+1)*H], r.Hs[(a*B+bb)*H:])
		if r.State() {
			copy(h.c0[bb*H:(bb+1)*H], r.Cs[(a*B+bb)*H:])
		}
		// Step j reads input a−L+j−1 (0-based), the one before its target; nothing before the start.
		for j := 1; j < L; j++ {
			if t := a - L + j - 1; t >= 0 {
				dst := h.in.V[(j*B+bb)*din : (j*B+bb+1)*din]
				if h.tokens {
					copy(dst, e[(t*B+bb)*din:])
				} else {
					copy(dst, h.x.V[(t*B+bb)*din:])
				}
			}
		}
	}
	d.h0, d.c0 = h.h0, nil
	if r.State() {
		d.c0 = h.c0
	}
	d.Forward(&h.in, false)
}

// backward accumulates the head's gradients and hands λ·∂L_aux/∂h_t (and ∂c_t) to the recurrent layer,
// and for token inputs λ·∂L_aux/∂(embedded inputs) to the embedding.
func (h *auxHead) backward() {
	r := h.rec
	T, B, H, K := r.T, r.B, r.H, h.K
	h.dh = growF(h.dh, T*B*H)
	r.dhOut = h.dh
	if h.dec != nil && r.State() {
		h.dc = growF(h.dc, T*B*H)
		r.dcOut = h.dc
	}
	if h.n == 0 {
		return
	}
	s := h.lambda / h.n
	for i := range h.dz {
		h.dz[i] *= s
	}
	rows := len(h.dz) / K
	if h.kind == AuxNext {
		gemmTN(H, K, rows, r.Hs[B*H:], H, h.dz, K, h.W.G, K)
		colSum(h.B.G, h.dz, rows, K)
		gemmNT(rows, H, K, h.dz, K, h.W.W, K, h.dh, H)
		return
	}
	d, L := h.dec, h.L
	gemmTN(H, K, rows, d.Hs[B*H:], H, h.dz, K, h.W.G, K)
	colSum(h.B.G, h.dz, rows, K)
	h.dy.Resize(L, B, H)
	gemmNT(rows, H, K, h.dz, K, h.W.W, K, h.dy.V, H)
	din := d.Backward(&h.dy)
	if h.tokens {
		h.dEmb.Resize(T, B, h.emb.K)
	}
	for bb := 0; bb < B; bb++ {
		a := h.anchor[bb]
		// The decoder's initial state is the layer's state after input a−1 (0-based): step a−1 of its loop.
		addTo(h.dh[((a-1)*B+bb)*H:((a-1)*B+bb+1)*H], d.dhNext[bb*H:(bb+1)*H])
		if r.State() {
			addTo(h.dc[((a-1)*B+bb)*H:((a-1)*B+bb+1)*H], d.dcNext[bb*H:(bb+1)*H])
		}
		if h.tokens {
			E := h.emb.K
			for j := 1; j < L; j++ {
				if t := a - L + j - 1; t >= 0 {
					addTo(h.dEmb.V[(t*B+bb)*E:(t*B+bb+1)*E], din.V[(j*B+bb)*E:(j*B+bb+1)*E])
				}
			}
		}
	}
	if h.tokens {
		h.emb.Backward(&h.dEmb)
	}
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
