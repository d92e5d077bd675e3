package task

import (
	"fmt"
	"math"

	"github.com/rnn-playground/rnn-playground/nn"
)

// The source article's two shapes, on synthetic data with a learnable rule (we ship no data set).
// Both are balanced binary classifications with a sigmoid output and binary cross-entropy: the prior
// 1/2 scores ln 2 and accuracy 1/2.

// articleVec: T = 10 steps of 50-dimensional vectors x_t ~ N(0, I); the label is 1 when Σ_t w·x_t > 0 for
// a fixed hidden unit vector w. Input [T, B, 50], target [1, B, 1].
type articleVec struct {
	spec Spec
	w    [articleD]float64
	val  *nn.Batch
}

const articleD = 50

func newArticleVec(c Config) (Task, error) {
	T := c.T
	a := &articleVec{spec: Spec{
		Name: "article-vec", Title: "Sequences of 50-d vectors", Input: articleD, Output: 1, Loss: nn.BCE,
		T: T, Ty: 1, Metric: "accuracy", HigherIsBetter: true, Baseline: nn.Log(2), BaselineMetric: 0.5,
		Describe: fmt.Sprintf("Binary classification of %d steps of 50-d vectors (the source article's shape); "+
			"the label says whether the sequence leans along a hidden direction overall. Chance: ln 2.", T),
	}}
	rng := nn.NewRNG(0xa47)
	var n float64
	for i := range a.w {
		a.w[i] = rng.Normal()
		n += a.w[i] * a.w[i]
	}
	for i := range a.w {
		a.w[i] /= math.Sqrt(n)
	}
	a.val = makeVal(a, c.ValSize)
	return a, nil
}

func (a *articleVec) Spec() Spec     { return a.spec }
func (a *articleVec) Val() *nn.Batch { return a.val }

func (a *articleVec) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := a.spec.T
	b.Resize(T, B, articleD, 1, 1, false, false)
	for i := 0; i < B; i++ {
		var s float64
		for t := 0; t < T; t++ {
			x := b.X.V[(t*B+i)*articleD : (t*B+i+1)*articleD]
			for k := range x {
				x[k] = rng.Normal()
				s += a.w[k] * x[k]
			}
		}
		if s > 0 {
			b.Y[i] = 1
		}
	}
}

func (a *articleVec) Metric(out *nn.Seq, b *nn.Batch) float64 { return binaryAccuracy(out, b) }

func (a *articleVec) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := a.spec.T, b.X.B
	e := Example{Target: []string{fmt.Sprint(b.Y[i])}, Pred: []string{fmtF(out.V[i])}}
	for t := 0; t < T; t++ {
		e.Input = append(e.Input, append([]float64(nil), b.X.V[(t*B+i)*articleD:(t*B+i+1)*articleD]...))
	}
	e.Text = fmt.Sprintf("label %v, P(1) = %.3f", b.Y[i], out.V[i])
	return e
}

// articleTokens: T = 50 token ids from a vocabulary of 10,000, through an embedding. Ids 1..50 are
// "positive" words, 51..100 "negative", 101..9999 neutral; each sequence holds 1, 3 or 5 sentiment words
// at distinct random places, and the label is 1 when the positive ones are the majority. Input [T, B] ids,
// target [1, B, 1].
type articleTokens struct {
	spec Spec
	val  *nn.Batch
}

const (
	articleVocab = 10000
	articleSent  = 50 // positive ids 1..50, negative 51..100
)

func newArticleTokens(c Config) (Task, error) {
	T := c.T
	a := &articleTokens{spec: Spec{
		Name: "article-tokens", Title: "Token sequences through an embedding", Input: articleVocab, Tokens: true,
		Output: 1, Loss: nn.BCE, T: T, Ty: 1, Metric: "accuracy", HigherIsBetter: true,
		Baseline: nn.Log(2), BaselineMetric: 0.5,
		Describe: fmt.Sprintf("Binary classification of %d tokens from a vocabulary of 10,000 (the source "+
			"article's shape): are the positive words (ids 1–50) the majority of the sentiment words (1–100)? "+
			"Chance: ln 2.", T),
	}}
	a.val = makeVal(a, c.ValSize)
	return a, nil
}

func (a *articleTokens) Spec() Spec     { return a.spec }
func (a *articleTokens) Val() *nn.Batch { return a.val }

func (a *articleTokens) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := a.spec.T
	b.Resize(T, B, 0, 1, 1, false, false)
	for i := 0; i < B; i++ {
		for t := 0; t < T; t++ {
			b.X.Ids[t*B+i] = int32(2*articleSent + 1 + rng.IntN(articleVocab-2*articleSent-1))
		}
		n, vote := 1+2*rng.IntN(3), 0
		for k := 0; k < n; k++ {
			t := rng.IntN(T)
			for b.X.Ids[t*B+i] <= 2*articleSent { // distinct places, so the vote is never tied
				t = rng.IntN(T)
			}
			b.X.Ids[t*B+i] = int32(1 + rng.IntN(2*articleSent))
		}
		for t := 0; t < T; t++ {
			if id := b.X.Ids[t*B+i]; id <= articleSent {
				vote++
			} else if id <= 2*articleSent {
				vote--
			}
		}
		if vote > 0 {
			b.Y[i] = 1
		}
	}
}

func (a *articleTokens) Metric(out *nn.Seq, b *nn.Batch) float64 { return binaryAccuracy(out, b) }

func (a *articleTokens) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := a.spec.T, b.X.B
	e := Example{Target: []string{fmt.Sprint(b.Y[i])}, Pred: []string{fmtF(out.V[i])}}
	for t := 0; t < T; t++ {
		id := b.X.Ids[t*B+i]
		e.Tokens = append(e.Tokens, fmt.Sprint(id))
		if id <= 2*articleSent {
			e.Marks = append(e.Marks, t)
		}
	}
	e.Text = fmt.Sprintf("sentiment words at %v: label %v, P(1) = %.3f", e.Marks, b.Y[i], out.V[i])
	return e
}
