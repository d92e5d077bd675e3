package nn

// Seq is a batch of sequences, time-major: the value of feature f of example b at step t is
// V[(t*B+b)*F+f], so the rows of one step are contiguous and all T·B rows form one [T·B, F] matrix.
// A token input has F == 0 and its ids in Ids[t*B+b].
type Seq struct {
	T, B, F int
	V       []float64
	Ids     []int32
}

// Resize sets the shape, reusing the backing array when it is large enough, and zeroes the values.
func (s *Seq) Resize(T, B, F int) {
	n := T * B * F
	if cap(s.V) < n {
		s.V = make([]float64, n)
	}
	s.T, s.B, s.F, s.V = T, B, F, s.V[:n]
	clear(s.V)
}

// Step returns the [B, F] rows of step t.
func (s *Seq) Step(t int) []float64 { return s.V[t*s.B*s.F : (t+1)*s.B*s.F] }

// Batch is one mini-batch: inputs and targets, time-major (see Seq).
type Batch struct {
	X Seq // [T, B, D] inputs, or token ids with F == 0

	// Targets for Ty steps: Ty == 1 scores the last output only, Ty == T every step.
	Ty, K int
	Y     []float64 // [Ty, B, K] real targets (MSE) or 0/1 labels (binary cross-entropy)
	Class []int32   // [Ty, B] class indices (softmax cross-entropy)
	Mask  []float64 // [Ty, B] weight of each target; nil weighs every target 1

	// DecIn holds the decoder's input tokens for sequence→sequence models ([Ty, B], teacher forcing:
	// the start token, then the targets shifted by one). Nil for other models.
	DecIn []int32

	// A shard of a larger batch (Shards) is normalised as the whole: Norm is the whole batch's Σ Mask (the
	// loss's N) and Whole its number of examples. Zero for a batch that is whole.
	Norm  float64
	Whole int
}

// Resize shapes a batch for T input steps of D features (D == 0: token ids), B examples and Ty target
// steps of K values (classes == true: class indices instead of values), reusing its arrays.
func (b *Batch) Resize(T, B, D, Ty, K int, classes, mask bool) {
	if D == 0 {
		b.X.T, b.X.B, b.X.F, b.X.V = T, B, 0, b.X.V[:0]
		b.X.Ids = growI(b.X.Ids, T*B)
	} else {
		b.X.Resize(T, B, D)
		b.X.Ids = b.X.Ids[:0]
	}
	b.Ty, b.K = Ty, K
	if classes {
		b.Class = growI(b.Class, Ty*B)
		b.Y = b.Y[:0]
	} else {
		b.Y = growF(b.Y, Ty*B*K)
		b.Class = b.Class[:0]
	}
	if mask {
		b.Mask = growF(b.Mask, Ty*B)
	} else {
		b.Mask = nil
	}
}

func growF(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func growI(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}
