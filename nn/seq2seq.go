package nn

import "fmt"

// Seq2SeqConfig describes an encoder–decoder (ModelConfig.Seq2Seq). The encoder reads the input sequence
// (token ids in [0, model.input) with Tokens, else model.input features per step); the decoder starts from
// the encoder's last state and reads its own input tokens, batch.DecIn: the start token, then the targets
// shifted by one (teacher forcing). Decoder tokens are ids in [0, Classes] (Classes+1 embeddings), the
// classes and a start token: Start, 0 by default (package task's convention: 0 is the start token and
// never a target), or Classes to keep it apart from every class.
type Seq2SeqConfig struct {
	Cell       string     `json:"cell"`                      // a registered cell (Cells), for encoder and decoder
	Units      int        `json:"units"`                     // H of encoder and decoder
	Tokens     bool       `json:"tokens,omitempty"`          // the encoder's input is token ids
	Embed      int        `json:"embed"`                     // embedding size of the decoder's tokens (and the encoder's)
	Classes    int        `json:"classes"`                   // K output classes
	Start      int        `json:"start,omitempty"`           // the decoder's start token in [0, Classes]
	Attention  string     `json:"attention,omitempty"`       // score (see Attention), or "none"/"" for none
	AttnUnits  int        `json:"attention_units,omitempty"` // additive score size A, 0 means H
	Combine    string     `json:"combine,omitempty"`         // concat (default): [h_t; c_t]; residual: h_t + c_t
	Activation string     `json:"activation,omitempty"`      // the cell's (CellKind.Activations)
	ResetAfter bool       `json:"reset_after,omitempty"`     // CellKind.ResetAfter
	Init       InitConfig `json:"init,omitzero"`
}

func (s *Seq2SeqConfig) attention() bool { return s.Attention != "" && s.Attention != "none" }

// layer is the recurrent layer of encoder and decoder.
func (s *Seq2SeqConfig) layer() LayerConfig {
	return LayerConfig{Type: s.Cell, Units: s.Units, ReturnSequences: true, Activation: s.Activation,
		ResetAfter: s.ResetAfter, Init: s.Init}
}

func (c *ModelConfig) validateSeq2Seq() error {
	s := c.Seq2Seq
	const w = "model.seq2seq"
	if len(c.Layers) != 0 {
		return fmt.Errorf("model.layers: must be empty for a seq2seq model (it has %d)", len(c.Layers))
	}
	if c.Loss != XEnt {
		return fmt.Errorf("model.loss: a seq2seq model needs xent, not %q", string(c.Loss))
	}
	k, err := cellKind(w+".cell", s.Cell)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name   string
		v, lo  int
		hi     int
		reason string
	}{
		{"units", s.Units, 1, MaxUnits, ""},
		{"embed", s.Embed, 1, MaxUnits, ""},
		{"classes", s.Classes, 2, MaxInput, ""},
		{"attention_units", s.AttnUnits, 0, MaxUnits, ""},
	} {
		if f.v < f.lo || f.v > f.hi {
			return fmt.Errorf("%s.%s: %d is outside [%d, %d]", w, f.name, f.v, f.lo, f.hi)
		}
	}
	if s.Start < 0 || s.Start > s.Classes {
		return fmt.Errorf("%s.start: %d is outside [0, %d] (the classes)", w, s.Start, s.Classes)
	}
	if s.attention() {
		if err := validScore(w+".attention", s.Attention, s.Units, s.Units); err != nil {
			return err
		}
	}
	switch s.Combine {
	case "", "concat":
	case "residual":
		if !s.attention() {
			return fmt.Errorf("%s.combine: residual needs attention", w)
		}
	default:
		return fmt.Errorf("%s.combine: unknown %q (want concat or residual)", w, s.Combine)
	}
	if err := k.validate(w, s.layer()); err != nil {
		return err
	}
	if n := seq2seqParams(c); n > 10_000_000 {
		return fmt.Errorf("model has %d parameters, the limit is 10000000", n)
	}
	return c.Aux.validate([]LayerConfig{s.layer()})
}

func seq2seqParams(c *ModelConfig) int {
	s := c.Seq2Seq
	H, E, K := s.Units, s.Embed, s.Classes
	k := Cell(s.Cell)
	rec := func(D int) int { return k.Count(D, H, s.layer()) }
	n, D := 0, c.Input
	if s.Tokens {
		n += c.Input * E
		D = E
	}
	n += rec(D) + (K+1)*E + rec(E)
	out := H
	if s.attention() {
		A := s.AttnUnits
		if A == 0 {
			A = H
		}
		n += attnParams(s.Attention, H, H, A)
		if s.Combine != "residual" {
			out = 2 * H
		}
	}
	din := c.Input
	if s.Tokens {
		din = E
	}
	return n + (out+1)*K + auxParams(c.Aux, s.layer(), din, c.Input)
}

// Seq2Seq is an encoder–decoder for sequence→sequence tasks (reverse, sort, copy):
//
//	encoder     h^e_s = cell(x_s, h^e_{s−1}),   s = 1..S,   h^e_0 = 0
//	decoder     h_t = cell(E[y_{t−1}], h_{t−1}),  t = 1..Ty,  h_0 = h^e_S (and c_0 = c^e_S for LSTM)
//	attention   c_t = Σ_s a_ts h^e_s,  a_t = softmax_s(score(h_t, h^e_s))   (see Attention)
//	output      p_t = softmax([h_t; c_t]·W + b),  or softmax((h_t + c_t)·W + b) (the article's residual),
//	            or softmax(h_t·W + b) without attention
//
// The decoder attends after its recurrent step (Luong et al. 2015), so in training (teacher forcing) the
// whole decoder runs as one recurrent layer and the attention for all output steps is one product. The loss
// is softmax cross-entropy over Ty steps. Greedy decodes step by step, feeding back its own predictions.
// Gradients reach the encoder through the attention (keys and values) and through the decoder's initial
// state.
type Seq2Seq struct {
	Config ModelConfig
	Params *Params
	EncEmb *Embedding // nil for feature inputs
	Enc    *Recurrent
	DecEmb *Embedding
	Dec    *Recurrent
	Attn   *Attention // nil without attention
	Out    *Dense
	aux    *auxHead // nil without an auxiliary loss (on the encoder)

	residual bool
	main     float64
	probes   [2]*Probe
	S        int
	decIn    Seq // token view of batch.DecIn
	z        Seq // [Ty, B, 2H] or [Ty, B, H] input of the output layer
	logits   *Seq
	dy       Seq
	dhd      Seq // [Ty, B, H] ∂L/∂h_t
	dctx     Seq // [Ty, B, H] ∂L/∂c_t
	dhe      Seq // [S, B, H] ∂L/∂h^e_s
	pred     Seq

	gTok  []int32   // [B] greedy: the tokens fed at this step
	gOut  []int32   // [Ty, B] greedy predictions
	gh    []float64 // [B, H] greedy decoder state
	gc    []float64 // [B, H]
	gIn   Seq
	gAttn []float64 // [Ty, S] greedy attention of the recorded example
}

// NewSeq2Seq builds an encoder–decoder from cfg (cfg.Seq2Seq set) and initialises it from rng.
func NewSeq2Seq(cfg ModelConfig, rng *RNG) (*Seq2Seq, error) {
	if cfg.Seq2Seq == nil {
		return nil, fmt.Errorf("model.seq2seq: missing")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg.Seq2Seq
	n := &Seq2Seq{Config: cfg, Params: &Params{}, residual: c.Combine == "residual"}
	ps := n.Params
	D := cfg.Input
	if c.Tokens {
		n.EncEmb = newEmbedding("encoder_embedding", cfg.Input, c.Embed, ps)
		D = c.Embed
	}
	n.Enc = newRecurrent("encoder", c.layer(), D, ps)
	n.DecEmb = newEmbedding("decoder_embedding", c.Classes+1, c.Embed, ps)
	n.Dec = newRecurrent("decoder", c.layer(), c.Embed, ps)
	out := c.Units
	if c.attention() {
		n.Attn = newAttention("attention", c.Attention, c.Units, c.Units, c.AttnUnits, ps)
		if !n.residual {
			out = 2 * c.Units
		}
	}
	var err error
	if n.Out, err = newDense("head", out, c.Classes, "softmax", ps); err != nil {
		return nil, err
	}
	n.Out.fused = true
	if cfg.Aux != nil && cfg.Aux.Weight > 0 {
		n.aux = newAuxHead(*cfg.Aux, n.Enc, c.layer(), n.EncEmb, cfg.Input, ps)
	}
	ps.Alloc()
	n.Init(rng)
	if n.aux != nil {
		n.aux.rng = rng.Split(2) // after Init, so that the head leaves the other weights unchanged
	}
	return n, nil
}

// Init draws fresh weights from rng.
func (n *Seq2Seq) Init(rng *RNG) {
	if n.EncEmb != nil {
		n.EncEmb.initParams(rng)
	}
	n.Enc.initParams(rng)
	n.DecEmb.initParams(rng)
	n.Dec.initParams(rng)
	if n.Attn != nil {
		n.Attn.initParams(rng)
	}
	n.Out.initParams(rng)
	if n.aux != nil {
		n.aux.initParams(rng)
	}
}

// Parameters returns n.Params.
func (n *Seq2Seq) Parameters() *Params { return n.Params }

// Probes returns the instrumentation of the encoder and the decoder.
func (n *Seq2Seq) Probes() []*Probe {
	n.probes[0], n.probes[1] = n.Enc.Probe(), n.Dec.Probe()
	return n.probes[:]
}

// encode runs the encoder on b.X and returns its states [S, B, H].
func (n *Seq2Seq) encode(b *Batch, train bool) *Seq {
	x := &b.X
	if n.EncEmb != nil {
		x = n.EncEmb.Forward(x, train)
	}
	he := n.Enc.Forward(x, train)
	n.S = he.T
	return he
}

// head applies attention (if any) to decoder states hd and returns the logits.
func (n *Seq2Seq) head(hd, he *Seq) *Seq {
	z := hd
	if n.Attn != nil {
		ctx := n.Attn.Forward(hd, he)
		H := n.Dec.H
		if n.residual {
			n.z.Resize(hd.T, hd.B, H)
			for i, v := range hd.V {
				n.z.V[i] = v + ctx.V[i]
			}
		} else {
			n.z.Resize(hd.T, hd.B, 2*H)
			for i := 0; i < hd.T*hd.B; i++ {
				copy(n.z.V[2*i*H:(2*i+1)*H], hd.V[i*H:(i+1)*H])
				copy(n.z.V[(2*i+1)*H:(2*i+2)*H], ctx.V[i*H:(i+1)*H])
			}
		}
		z = &n.z
	}
	return n.Out.Forward(z, false)
}

// startDecoder sets the decoder's initial state to the encoder's last.
func (n *Seq2Seq) startDecoder() {
	B, H := n.Enc.B, n.Enc.H
	n.Dec.h0 = n.Enc.Hs[n.S*B*H : (n.S+1)*B*H]
	n.Dec.c0 = nil
	if n.Enc.State() {
		n.Dec.c0 = n.Enc.Cs[n.S*B*H : (n.S+1)*B*H]
	}
}

// Forward runs encoder and decoder with teacher forcing (b.DecIn) and returns the cross-entropy against
// b.Class. It records the attention weights of the chosen example (AttentionWeights).
func (n *Seq2Seq) Forward(b *Batch, train bool) float64 {
	he := n.encode(b, train)
	B := he.B
	if len(b.DecIn) != b.Ty*B {
		panic(fmt.Sprintf("nn: seq2seq batch has %d decoder inputs, want Ty·B = %d", len(b.DecIn), b.Ty*B))
	}
	n.startDecoder()
	n.decIn = Seq{T: b.Ty, B: B, Ids: b.DecIn}
	hd := n.Dec.Forward(n.DecEmb.Forward(&n.decIn, train), train)
	n.logits = n.head(hd, he)
	n.main = XEnt.Eval(n.logits, b, &n.dy)
	if n.aux == nil {
		return n.main
	}
	return n.main + n.aux.lambda*n.aux.forward(b, train)
}

// MainLoss returns the cross-entropy of the last Forward, without the auxiliary loss.
func (n *Seq2Seq) MainLoss() float64 { return n.main }

// AuxLoss returns the auxiliary loss of the last Forward (unweighted; 0 without one).
func (n *Seq2Seq) AuxLoss() float64 {
	if n.aux == nil {
		return 0
	}
	return n.aux.loss
}

// Backward accumulates ∂L/∂θ of the last Forward: output layer, attention, decoder, then the encoder,
// which receives the attention's gradient on its states and the decoder's on its initial state.
func (n *Seq2Seq) Backward() {
	Ty, B, H, S := n.Dec.T, n.Dec.B, n.Dec.H, n.S
	dz := n.Out.Backward(&n.dy)
	n.dhe.Resize(S, B, H)
	dhd := dz
	if n.Attn != nil {
		n.dhd.Resize(Ty, B, H)
		dctx := dz
		if n.residual {
			copy(n.dhd.V, dz.V)
		} else {
			n.dctx.Resize(Ty, B, H)
			for i := 0; i < Ty*B; i++ {
				copy(n.dhd.V[i*H:(i+1)*H], dz.V[2*i*H:(2*i+1)*H])
				copy(n.dctx.V[i*H:(i+1)*H], dz.V[(2*i+1)*H:(2*i+2)*H])
			}
			dctx = &n.dctx
		}
		dq, dm := n.Attn.Backward(dctx)
		addTo(n.dhd.V, dq.V)
		copy(n.dhe.V, dm.V)
		dhd = &n.dhd
	}
	n.DecEmb.Backward(n.Dec.Backward(dhd))
	// The decoder's h_0 is the encoder's h_S (and c_0 its c_S).
	addTo(n.dhe.Step(S-1), n.Dec.dhNext)
	n.Enc.dcLast = nil
	if n.Enc.State() {
		n.Enc.dcLast = n.Dec.dcNext
	}
	if n.aux != nil {
		n.aux.backward()
	}
	dx := n.Enc.Backward(&n.dhe)
	if n.EncEmb != nil {
		n.EncEmb.Backward(dx)
	}
}

// Output returns the probabilities [Ty, B, K] of the last Forward (teacher forcing).
func (n *Seq2Seq) Output() *Seq {
	n.pred.Resize(n.logits.T, n.logits.B, n.logits.F)
	copy(n.pred.V, n.logits.V)
	activate("softmax", n.pred.V, n.logits.F)
	return &n.pred
}

// AttentionWeights returns the attention weights of the chosen example (SetAttentionExample) in the last
// Forward or Greedy: rows output steps, cols input steps, w[row*cols+col]; 0, 0, nil without attention.
func (n *Seq2Seq) AttentionWeights() (rows, cols int, w []float64) {
	if n.Attn == nil {
		return 0, 0, nil
	}
	return n.Attn.Weights()
}

// SetAttentionExample chooses the example of the batch whose attention weights are recorded (default 0).
func (n *Seq2Seq) SetAttentionExample(i int) {
	if n.Attn != nil {
		n.Attn.Example = i
	}
}

// Greedy decodes b.X without teacher forcing for b.Ty steps: the decoder starts from the start token
// (Seq2SeqConfig.Start) and is fed its own most probable class at each step. It returns the predicted classes [Ty, B] (reused by
// the next call) and records the attention weights of the chosen example. b.DecIn is not read.
func (n *Seq2Seq) Greedy(b *Batch) []int32 {
	he := n.encode(b, false)
	Ty, B, H, K := b.Ty, he.B, n.Dec.H, n.Config.Seq2Seq.Classes
	n.startDecoder()
	n.gh = growF(n.gh, B*H)
	n.gc = growF(n.gc, B*H)
	copy(n.gh, n.Dec.h0)
	if n.Dec.c0 != nil {
		copy(n.gc, n.Dec.c0)
		n.Dec.c0 = n.gc
	}
	n.Dec.h0 = n.gh
	n.gTok = growI(n.gTok, B)
	n.gOut = growI(n.gOut, Ty*B)
	for i := range n.gTok {
		n.gTok[i] = int32(n.Config.Seq2Seq.Start)
	}
	if n.Attn != nil {
		n.gAttn = growF(n.gAttn, Ty*n.S)
	}
	for t := 0; t < Ty; t++ {
		n.gIn = Seq{T: 1, B: B, Ids: n.gTok}
		hd := n.Dec.Forward(n.DecEmb.Forward(&n.gIn, false), false)
		copy(n.gh, n.Dec.Hs[B*H:2*B*H])
		if n.Dec.State() {
			copy(n.gc, n.Dec.Cs[B*H:2*B*H])
		}
		z := n.head(hd, he)
		if n.Attn != nil {
			n.Attn.sameKeys = true // the encoder's states are fixed for the rest of the loop
		}
		for bb := 0; bb < B; bb++ {
			row := z.V[bb*K : (bb+1)*K]
			best := 0
			for k, v := range row {
				if v > row[best] {
					best = k
				}
			}
			n.gOut[t*B+bb] = int32(best)
			n.gTok[bb] = int32(best)
		}
		if n.Attn != nil {
			_, _, w := n.Attn.Weights()
			copy(n.gAttn[t*n.S:(t+1)*n.S], w)
		}
	}
	if n.Attn != nil {
		n.Attn.sameKeys = false
		n.Attn.rec = growF(n.Attn.rec, Ty*n.S)
		copy(n.Attn.rec, n.gAttn)
		n.Attn.recR = Ty
	}
	return n.gOut
}
