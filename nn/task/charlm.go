package task

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// embeddedText is public domain: the openings of Dickens's A Tale of Two Cities (1859) and Carroll's
// Alice's Adventures in Wonderland (1865), and Lincoln's Gettysburg Address (1863).
//
//go:embed text.txt
var embeddedText string

// CharLM is a character-level language model: windows of T characters as token ids [T, B], the target at
// every step the next character (classes [T, B] over the V characters of the text), softmax
// cross-entropy. The first 90% of the text trains, the last 10% validates. The memoryless predictor —
// the character frequencies of the training part (add-one smoothed) — gives the baseline; the metric is
// bits per character.
type CharLM struct {
	spec  Spec
	Chars []rune  // vocabulary, sorted: id i is Chars[i]
	ids   []int32 // the whole text as ids
	split int     // ids[:split] train, ids[split:] validate
	val   *nn.Batch
}

const maxVocab = 1000

func newCharLM(c Config) (Task, error) {
	T := c.T
	text := c.Text
	if text == "" {
		text = embeddedText
	}
	m := &CharLM{}
	rs := []rune(text)
	m.Chars = slices.Clone(rs)
	slices.Sort(m.Chars)
	m.Chars = slices.Compact(m.Chars)
	if len(m.Chars) > maxVocab {
		return nil, fmt.Errorf("task.text: %d distinct characters, the limit is %d", len(m.Chars), maxVocab)
	}
	if len(m.Chars) < 2 {
		return nil, fmt.Errorf("task.text: needs at least 2 distinct characters")
	}
	m.ids = make([]int32, len(rs))
	for i, r := range rs {
		k, _ := slices.BinarySearch(m.Chars, r)
		m.ids[i] = int32(k)
	}
	m.split = len(rs) * 9 / 10
	if len(rs)-m.split < T+1 || m.split < T+1 {
		return nil, fmt.Errorf("task.text: %d characters is too short for T = %d (need at least %d)",
			len(rs), T, 10*(T+1)+1)
	}
	V := len(m.Chars)
	m.spec = Spec{Name: "charlm", Title: "Character language model", Input: V, Tokens: true, Output: V,
		Loss: nn.XEnt, EveryStep: true, T: T, Ty: T, Metric: "bits/char"}
	m.val = &nn.Batch{}
	m.fill(nn.NewRNG(valSeed), c.ValSize, m.val, m.split, len(m.ids))
	q := m.Unigram()
	var loss float64
	for _, c := range m.val.Class {
		loss -= nn.Log(q[c])
	}
	m.spec.Baseline = loss / float64(len(m.val.Class))
	m.spec.BaselineMetric = m.spec.Baseline / nn.Log(2)
	m.spec.Describe = fmt.Sprintf("Predict the next character of a %d-character text (%d distinct) from the "+
		"%d before it. Letter frequencies alone score %.3f nats (%.2f bits) per character.",
		len(rs), V, T, m.spec.Baseline, m.spec.BaselineMetric)
	return m, nil
}

// Unigram returns the add-one-smoothed character frequencies of the training part: the memoryless
// predictor.
func (m *CharLM) Unigram() []float64 {
	q := make([]float64, len(m.Chars))
	for i := range q {
		q[i] = 1
	}
	for _, id := range m.ids[:m.split] {
		q[id]++
	}
	n := float64(m.split + len(q))
	for i := range q {
		q[i] /= n
	}
	return q
}

func (m *CharLM) Spec() Spec     { return m.spec }
func (m *CharLM) Val() *nn.Batch { return m.val }

// Next draws B windows from the training part.
func (m *CharLM) Next(rng *nn.RNG, B int, b *nn.Batch) { m.fill(rng, B, b, 0, m.split) }

func (m *CharLM) fill(rng *nn.RNG, B int, b *nn.Batch, lo, hi int) {
	T := m.spec.T
	b.Resize(T, B, 0, T, m.spec.Output, true, false)
	for i := 0; i < B; i++ {
		o := lo + rng.IntN(hi-lo-T)
		for t := 0; t < T; t++ {
			b.X.Ids[t*B+i] = m.ids[o+t]
			b.Class[t*B+i] = m.ids[o+t+1]
		}
	}
}

// Metric is bits per character: the mean −log₂ of the probability given to the next character.
func (m *CharLM) Metric(out *nn.Seq, b *nn.Batch) float64 {
	K := out.F
	var s float64
	for i, c := range b.Class {
		s -= nn.Log(max(out.V[i*K+int(c)], 1e-300))
	}
	return s / float64(len(b.Class)) / nn.Log(2)
}

func (m *CharLM) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := m.spec.T, b.X.B
	var in, tg, pr strings.Builder
	e := Example{}
	for t := 0; t < T; t++ {
		e.Tokens = append(e.Tokens, string(m.Chars[b.X.Ids[t*B+i]]))
		e.Target = append(e.Target, string(m.Chars[b.Class[t*B+i]]))
		in.WriteRune(m.Chars[b.X.Ids[t*B+i]])
		tg.WriteRune(m.Chars[b.Class[t*B+i]])
	}
	_, pred := probsOf(out, b, i, func(int) bool { return true })
	for _, p := range pred {
		var k int
		fmt.Sscan(p, &k)
		e.Pred = append(e.Pred, string(m.Chars[k]))
		pr.WriteRune(m.Chars[k])
	}
	e.Text = fmt.Sprintf("text %q, next-character guesses %q", tg.String(), pr.String())
	return e
}

// Encode returns the ids of s, or an error naming the first character not in the vocabulary.
func (m *CharLM) Encode(s string) ([]int32, error) {
	var ids []int32
	for _, r := range s {
		k, ok := slices.BinarySearch(m.Chars, r)
		if !ok {
			return nil, fmt.Errorf("character %q is not in the text's vocabulary", r)
		}
		ids = append(ids, int32(k))
	}
	return ids, nil
}

// Sample continues prime by n characters drawn from net's predictions at temperature temp (> 0; lower is
// more conservative), reading at most the last T characters. net must be a model trained on this task.
func (m *CharLM) Sample(net nn.Net, prime string, n int, temp float64, rng *nn.RNG) (string, error) {
	ids, err := m.Encode(prime)
	if err != nil {
		return "", err
	}
	if len(ids) == 0 {
		ids = []int32{m.ids[0]}
		prime = string(m.Chars[m.ids[0]])
	}
	if !(temp > 0) {
		return "", fmt.Errorf("temperature: %v must be above 0", temp)
	}
	var sb strings.Builder
	sb.WriteString(prime)
	b := &nn.Batch{}
	p := make([]float64, len(m.Chars))
	for k := 0; k < n; k++ {
		ctx := ids[max(0, len(ids)-m.spec.T):]
		T := len(ctx)
		b.Resize(T, 1, 0, T, len(m.Chars), true, false)
		copy(b.X.Ids, ctx)
		net.Forward(b, false)
		out := net.Output()
		last := out.V[(T-1)*out.F : T*out.F]
		// p ∝ q^(1/temp): the softmax of the logits divided by temp.
		var s float64
		for i, q := range last {
			p[i] = nn.Exp(nn.Log(max(q, 1e-300)) / temp)
			s += p[i]
		}
		u, c := rng.Float64()*s, 0
		for c < len(p)-1 && u >= p[c] {
			u -= p[c]
			c++
		}
		ids = append(ids, int32(c))
		sb.WriteRune(m.Chars[c])
	}
	return sb.String(), nil
}
