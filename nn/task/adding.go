package task

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// adding is the adding problem (Hochreiter & Schmidhuber 1997): T steps of two channels, a value
// u ~ U[0, 1] and a marker that is 1 at one step in each half; the target is the sum of the two marked
// values. Input [T, B, 2], target [1, B, 1], MSE. The constant guess 1 scores Var(u₁+u₂) = 1/6.
// The metric is the fraction of answers within 0.04 of the target (the original criterion); the
// constant guess gets P(|u₁+u₂−1| < 0.04) = 2·0.04 − 0.04² = 0.0784.
type adding struct {
	spec Spec
	val  *nn.Batch
}

func newAdding(c Config) (Task, error) {
	T := c.T
	a := &adding{spec: Spec{
		Name: "adding", Title: "Adding problem", Input: 2, Output: 1, Loss: nn.MSE, T: T, Ty: 1,
		Metric: "acc@0.04", HigherIsBetter: true, Baseline: 1.0 / 6, BaselineMetric: 2*0.04 - 0.04*0.04,
		Describe: fmt.Sprintf("%d steps of (value, marker); output the sum of the two marked values, "+
			"one marked in each half. The constant guess 1 scores MSE 1/6.", T),
	}}
	a.val = makeVal(a, c.ValSize)
	return a, nil
}

func (a *adding) Spec() Spec     { return a.spec }
func (a *adding) Val() *nn.Batch { return a.val }

func (a *adding) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := a.spec.T
	b.Resize(T, B, 2, 1, 1, false, false)
	for i := 0; i < B; i++ {
		for t := 0; t < T; t++ {
			b.X.V[(t*B+i)*2] = rng.Float64()
		}
		h := T / 2
		t1, t2 := rng.IntN(h), h+rng.IntN(T-h)
		b.X.V[(t1*B+i)*2+1] = 1
		b.X.V[(t2*B+i)*2+1] = 1
		b.Y[i] = b.X.V[(t1*B+i)*2] + b.X.V[(t2*B+i)*2]
	}
}

func (a *adding) Metric(out *nn.Seq, b *nn.Batch) float64 {
	var hit float64
	for i, y := range out.V {
		if d := y - b.Y[i]; d < 0.04 && d > -0.04 {
			hit++
		}
	}
	return hit / float64(len(out.V))
}

func (a *adding) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := b.X.T, b.X.B
	e := Example{Target: []string{fmtF(b.Y[i])}, Pred: []string{fmtF(out.V[i])}}
	for t := 0; t < T; t++ {
		x := b.X.V[(t*B+i)*2 : (t*B+i)*2+2]
		e.Input = append(e.Input, []float64{x[0], x[1]})
		if x[1] == 1 {
			e.Marks = append(e.Marks, t)
		}
	}
	e.Text = fmt.Sprintf("marked steps %v: target %.3f, prediction %.3f", e.Marks, b.Y[i], out.V[i])
	return e
}
