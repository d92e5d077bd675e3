package task

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// parity is the XOR of T random bits: input [T, B, 1] of 0/1, target [1, B, 1] the parity, binary
// cross-entropy on a sigmoid output (as in the source article's examples). The prior 1/2 scores ln 2 and
// accuracy 1/2.
type parity struct {
	spec Spec
	val  *nn.Batch
}

func newParity(c Config) (Task, error) {
	T := c.T
	p := &parity{spec: Spec{
		Name: "parity", Title: "Parity of a bit sequence", Input: 1, Output: 1, Loss: nn.BCE, T: T, Ty: 1,
		Metric: "accuracy", HigherIsBetter: true, Baseline: nn.Log(2), BaselineMetric: 0.5,
		Describe: fmt.Sprintf("Is the number of ones among %d random bits odd? Every bit matters. "+
			"Chance: ln 2, accuracy 1/2.", T),
	}}
	p.val = makeVal(p, c.ValSize)
	return p, nil
}

func (p *parity) Spec() Spec     { return p.spec }
func (p *parity) Val() *nn.Batch { return p.val }

func (p *parity) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := p.spec.T
	b.Resize(T, B, 1, 1, 1, false, false)
	for i := 0; i < B; i++ {
		x := 0
		for t := 0; t < T; t++ {
			bit := rng.IntN(2)
			x ^= bit
			b.X.V[t*B+i] = float64(bit)
		}
		b.Y[i] = float64(x)
	}
}

func (p *parity) Metric(out *nn.Seq, b *nn.Batch) float64 { return binaryAccuracy(out, b) }

func (p *parity) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := p.spec.T, b.X.B
	e := Example{Target: []string{fmt.Sprint(b.Y[i])}, Pred: []string{fmtF(out.V[i])}}
	bits := make([]byte, T)
	for t := 0; t < T; t++ {
		bits[t] = '0' + byte(b.X.V[t*B+i])
		e.Tokens = append(e.Tokens, string(bits[t]))
	}
	e.Text = fmt.Sprintf("bits %s: parity %v, P(odd) = %.3f", bits, b.Y[i], out.V[i])
	return e
}
