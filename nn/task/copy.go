package task

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// copyMem is the copy-memory task (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016): 10 symbols from
// an alphabet of A, then T−1 blanks, a marker, and 10 more blanks, during which the 10 symbols must be
// reproduced. Inputs are one-hot [T+20, B, A+2] (0 blank, 1..A symbols, A+1 marker); targets are classes
// [T+20, B] over K = A+1 (blank, symbols), every step, softmax cross-entropy.
//
// The memoryless strategy — blank for T+10 steps, then uniform over the alphabet — scores
// 10·ln A/(T+20) per step (≈ 0.173 for A = 8, T = 100); its metric (accuracy on the 10 recalled
// symbols) is 1/A.
type copyMem struct {
	spec Spec
	A    int
	val  *nn.Batch
}

const copyN = 10 // symbols to remember

func newCopy(c Config) (Task, error) {
	T := c.T
	A := c.Alphabet
	L := T + 2*copyN
	m := &copyMem{A: A, spec: Spec{
		Name: "copy", Title: "Copy memory", Input: A + 2, Output: A + 1, Loss: nn.XEnt, EveryStep: true,
		T: L, Ty: L, Metric: "recall accuracy", HigherIsBetter: true,
		Baseline: copyN * nn.Log(float64(A)) / float64(L), BaselineMetric: 1 / float64(A),
		Describe: fmt.Sprintf("Remember %d symbols of %d over %d blank steps and write them out after the marker. "+
			"Predicting blanks and then guessing scores %d·ln %d/%d.", copyN, A, T, copyN, A, L),
	}}
	m.val = makeVal(m, c.ValSize)
	return m, nil
}

func (m *copyMem) Spec() Spec     { return m.spec }
func (m *copyMem) Val() *nn.Batch { return m.val }

func (m *copyMem) Next(rng *nn.RNG, B int, b *nn.Batch) {
	L, A := m.spec.T, m.A
	D := A + 2
	b.Resize(L, B, D, L, A+1, true, false)
	for i := 0; i < B; i++ {
		for t := 0; t < L; t++ {
			var in, out int32 // blank
			switch {
			case t < copyN:
				in = int32(1 + rng.IntN(A))
			case t == L-copyN-1:
				in = int32(A + 1) // marker
			}
			if t >= L-copyN {
				out = symbolAt(b, t-(L-copyN), i, D)
			}
			b.X.V[(t*B+i)*D+int(in)] = 1
			b.Class[t*B+i] = out
		}
	}
}

// symbolAt decodes the one-hot input of example i at step t.
func symbolAt(b *nn.Batch, t, i, D int) int32 {
	return int32(argmax(b.X.V[(t*b.X.B+i)*D : (t*b.X.B+i+1)*D]))
}

func (m *copyMem) Metric(out *nn.Seq, b *nn.Batch) float64 {
	L, B, K := out.T, out.B, out.F
	var hit float64
	for t := L - copyN; t < L; t++ {
		for i := 0; i < B; i++ {
			if argmax(out.V[(t*B+i)*K:(t*B+i+1)*K]) == int(b.Class[t*B+i]) {
				hit++
			}
		}
	}
	return hit / float64(copyN*B)
}

func (m *copyMem) View(out *nn.Seq, b *nn.Batch, i int) Example {
	L, D := m.spec.T, m.A+2
	e := Example{}
	for t := 0; t < L; t++ {
		s := symbolAt(b, t, i, D)
		switch {
		case s == 0:
			e.Tokens = append(e.Tokens, "·")
		case int(s) == m.A+1:
			e.Tokens = append(e.Tokens, ":")
		default:
			e.Tokens = append(e.Tokens, fmt.Sprint(s))
		}
		if t < copyN {
			e.Marks = append(e.Marks, t)
		}
		if t >= L-copyN {
			e.Target = append(e.Target, fmt.Sprint(b.Class[t*b.X.B+i]))
		}
	}
	e.Probs, e.Pred = probsOf(out, b, i, func(t int) bool { return t >= L-copyN })
	e.Text = fmt.Sprintf("symbols %v, recalled %v", e.Target, e.Pred)
	return e
}
