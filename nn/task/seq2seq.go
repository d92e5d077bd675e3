package task

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// seq2seq is reversing or sorting a sequence of T symbols from an alphabet of A: a sequence→sequence task
// for the encoder–decoder. Symbols are ids 1..A; the encoder input X is [T, B] ids over a vocabulary of
// A+1 (id 0 is never drawn: Unroll uses it as the "write now" token); the targets are classes [T, B] over
// K = A+1 (class 0 never occurs), softmax cross-entropy; the decoder input DecIn [T, B] is the start token
// K (the engine's convention: decoder tokens 0..K−1, start token K) then the targets shifted by one
// (teacher forcing).
//
// The best predictor that does not read the input scores, per output step, ln A for reverse (accuracy
// 1/A) and, for sort, the mean entropy of the k-th order statistic of T uniform draws (it knows that the
// front of a sorted sequence holds small symbols).
type seq2seq struct {
	spec Spec
	A    int
	sort bool
	val  *nn.Batch
	buf  []int32 // [T] scratch for sorting (Next on one task is not concurrent)
}

func newReverse(c Config) (Task, error) { return newSeq2Seq(c, false) }
func newSort(c Config) (Task, error)    { return newSeq2Seq(c, true) }

func newSeq2Seq(c Config, sort bool) (Task, error) {
	T := c.T
	A := c.Alphabet
	s := &seq2seq{A: A, sort: sort, buf: make([]int32, T)}
	s.spec = Spec{Name: "reverse", Title: "Reverse a sequence", Input: A + 1, Tokens: true, Output: A + 1,
		Loss: nn.XEnt, EveryStep: true, Seq2Seq: true, T: T, Ty: T, Metric: "token accuracy",
		HigherIsBetter: true, Baseline: nn.Log(float64(A)), BaselineMetric: 1 / float64(A),
		Describe: fmt.Sprintf("Read %d symbols of %d and write them in reverse order. Chance: ln %d per symbol.", T, A, A)}
	if sort {
		s.spec.Name, s.spec.Title = "sort", "Sort a sequence"
		s.spec.Baseline, s.spec.BaselineMetric = orderStatBaseline(T, A)
		s.spec.Describe = fmt.Sprintf("Read %d symbols of %d and write them in increasing order. "+
			"Guessing from the position alone scores %.3f per symbol.", T, A, s.spec.Baseline)
	}
	s.val = makeVal(s, c.ValSize)
	return s, nil
}

func (s *seq2seq) Spec() Spec     { return s.spec }
func (s *seq2seq) Val() *nn.Batch { return s.val }

func (s *seq2seq) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := s.spec.T
	b.Resize(T, B, 0, T, s.A+1, true, false)
	if cap(b.DecIn) < T*B {
		b.DecIn = make([]int32, T*B)
	}
	b.DecIn = b.DecIn[:T*B]
	for i := 0; i < B; i++ {
		for t := 0; t < T; t++ {
			v := int32(1 + rng.IntN(s.A))
			b.X.Ids[t*B+i] = v
			s.buf[t] = v
		}
		if s.sort {
			slices.Sort(s.buf)
		} else {
			slices.Reverse(s.buf)
		}
		for t := 0; t < T; t++ {
			b.Class[t*B+i] = s.buf[t]
			if t == 0 {
				b.DecIn[i] = int32(s.A + 1) // the start token
			} else {
				b.DecIn[t*B+i] = s.buf[t-1]
			}
		}
	}
}

func (s *seq2seq) Metric(out *nn.Seq, b *nn.Batch) float64 { return accuracy(out, b) }

// View shows example i of a seq2seq batch, or of its unrolled form (see Unroll).
func (s *seq2seq) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := s.spec.T, b.X.B
	e := Example{}
	for t := 0; t < T; t++ {
		e.Tokens = append(e.Tokens, fmt.Sprint(b.X.Ids[t*B+i]))
	}
	off := b.Ty - T // T for an unrolled batch, 0 otherwise
	for t := off; t < b.Ty; t++ {
		e.Target = append(e.Target, fmt.Sprint(b.Class[t*B+i]))
	}
	e.Probs, e.Pred = probsOf(out, b, i, func(t int) bool { return t >= off })
	e.Text = fmt.Sprintf("%s → %s, predicted %s", strings.Join(e.Tokens, " "), strings.Join(e.Target, " "),
		strings.Join(e.Pred, " "))
	return e
}

// Unroll writes into dst the read-then-write form of the sequence→sequence batch src, for a plain
// sequence model (no encoder–decoder): the input is src's T tokens followed by T "write now" tokens (0), and the
// targets are scored at every step with a mask that keeps only the last T, where the answer is written.
// dst: X [2T, B] ids, Class and Mask [2T, B]. It allocates nothing once dst is warm.
func Unroll(dst, src *nn.Batch) {
	T, B := src.X.T, src.X.B
	dst.Resize(2*T, B, 0, 2*T, src.K, true, true)
	copy(dst.X.Ids, src.X.Ids[:T*B])
	copy(dst.Class[T*B:], src.Class[:T*B])
	for i := T * B; i < 2*T*B; i++ {
		dst.Mask[i] = 1
	}
}

// orderStatBaseline returns the mean over positions k of the entropy of the k-th smallest of T uniform
// draws from 1..A, and the mean probability of its most likely value.
func orderStatBaseline(T, A int) (loss, acc float64) {
	for _, q := range OrderStats(T, A) {
		best := 0.0
		for _, p := range q {
			if p > 0 {
				loss -= p * nn.Log(p)
			}
			best = max(best, p)
		}
		acc += best
	}
	return loss / float64(T), acc / float64(T)
}

// OrderStats returns P[k][v] = P(X_(k) = v), the distribution of the k-th smallest (k = 0..T−1) of T
// uniform draws from 1..A (index v = 0 is the start token, probability 0): the best guess at position k
// of a sorted sequence that has not been read.
func OrderStats(T, A int) [][]float64 {
	// cdf[k][v] = P(X_(k) ≤ v) = P(at least k+1 of the T draws are ≤ v), a binomial tail.
	cdf := make([][]float64, T)
	for k := range cdf {
		cdf[k] = make([]float64, A+1)
	}
	dist := make([]float64, T+1)
	for v := 1; v <= A; v++ {
		p := float64(v) / float64(A)
		clear(dist)
		dist[0] = 1
		for n := 1; n <= T; n++ { // add one draw: the count of draws ≤ v
			for j := n; j >= 1; j-- {
				dist[j] = dist[j]*(1-p) + dist[j-1]*p
			}
			dist[0] *= 1 - p
		}
		var tail float64
		for j := T; j >= 1; j-- {
			tail += dist[j]
			cdf[j-1][v] = tail
		}
	}
	P := make([][]float64, T)
	for k := range P {
		P[k] = make([]float64, A+1)
		for v := 1; v <= A; v++ {
			P[k][v] = max(0, cdf[k][v]-cdf[k][v-1])
		}
	}
	return P
}
