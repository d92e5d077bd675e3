package task

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// recall is the temporal-order problem (Hochreiter & Schmidhuber 1997, experiment 6a), a delayed recall:
// a sequence of T distractor symbols (alphabet A) holds two relevant symbols, X or Y, at a step in
// [T/10, 2T/10) and at a step in [5T/10, 6T/10); the class is their order XX, XY, YX or YY. Inputs are
// one-hot [T, B, A+2] (distractors 0..A−1, X = A, Y = A+1), the target one class of 4 after the last
// step, softmax cross-entropy. The class prior (uniform) scores ln 4 and accuracy 1/4.
type recall struct {
	spec Spec
	A    int
	val  *nn.Batch
}

var recallClasses = [4]string{"XX", "XY", "YX", "YY"}

func newRecall(c Config) (Task, error) {
	T := c.T
	A := c.Alphabet
	r := &recall{A: A, spec: Spec{
		Name: "recall", Title: "Temporal order (delayed recall)", Input: A + 2, Output: 4, Loss: nn.XEnt,
		T: T, Ty: 1, Metric: "accuracy", HigherIsBetter: true, Baseline: nn.Log(4), BaselineMetric: 0.25,
		Describe: fmt.Sprintf("Among %d distractor steps, two symbols X or Y appear early; classify their order "+
			"(XX, XY, YX, YY) at the end. Chance: ln 4, accuracy 1/4.", T),
	}}
	r.val = makeVal(r, c.ValSize)
	return r, nil
}

func (r *recall) Spec() Spec     { return r.spec }
func (r *recall) Val() *nn.Batch { return r.val }

func (r *recall) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T, A := r.spec.T, r.A
	D := A + 2
	b.Resize(T, B, D, 1, 4, true, false)
	lo1, hi1 := T/10, 2*T/10
	lo2, hi2 := 5*T/10, 6*T/10
	for i := 0; i < B; i++ {
		t1, t2 := lo1+rng.IntN(hi1-lo1), lo2+rng.IntN(hi2-lo2)
		c := rng.IntN(4)
		for t := 0; t < T; t++ {
			s := rng.IntN(A)
			switch t {
			case t1:
				s = A + c>>1
			case t2:
				s = A + c&1
			}
			b.X.V[(t*B+i)*D+s] = 1
		}
		b.Class[i] = int32(c)
	}
}

func (r *recall) Metric(out *nn.Seq, b *nn.Batch) float64 { return accuracy(out, b) }

func (r *recall) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, D := r.spec.T, r.A+2
	e := Example{Target: []string{recallClasses[b.Class[i]]}}
	for t := 0; t < T; t++ {
		s := int(symbolAt(b, t, i, D))
		switch s {
		case r.A:
			e.Tokens = append(e.Tokens, "X")
			e.Marks = append(e.Marks, t)
		case r.A + 1:
			e.Tokens = append(e.Tokens, "Y")
			e.Marks = append(e.Marks, t)
		default:
			e.Tokens = append(e.Tokens, string(rune('a'+s)))
		}
	}
	p := append([]float64(nil), out.V[i*4:(i+1)*4]...)
	e.Probs = [][]float64{p}
	e.Pred = []string{recallClasses[argmax(p)]}
	e.Text = fmt.Sprintf("order %s, predicted %s", e.Target[0], e.Pred[0])
	return e
}
