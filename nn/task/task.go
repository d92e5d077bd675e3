package task

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// Config chooses a task and its difficulty. Zero values mean the task's defaults.
type Config struct {
	Name     string  `json:"name"`               // see Names
	T        int     `json:"T,omitempty"`        // lag or sequence length
	Noise    float64 `json:"noise,omitempty"`    // sines: standard deviation of the added noise
	Alphabet int     `json:"alphabet,omitempty"` // copy, recall, reverse, sort: number of symbols
	Text     string  `json:"text,omitempty"`     // charlm: the user's text ("" = the embedded text)
	ValSize  int     `json:"val_size,omitempty"` // examples in the validation set
}

// Limits on a task's configuration.
const (
	MaxT     = 1000
	MaxVal   = 4096
	MaxText  = 1 << 20
	MaxBatch = 1024
	valSeed  = 0x5eed_7a5c // validation sets are drawn from NewRNG(valSeed)
)

// Spec describes a task: what goes in, what comes out, how it is scored and what chance scores.
type Spec struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Input is the number of features per step, or the vocabulary size when Tokens is set.
	Input  int  `json:"input"`
	Tokens bool `json:"tokens"`
	// Output is the width K of the prediction at each scored step (classes for xent).
	Output    int     `json:"output"`
	Loss      nn.Loss `json:"loss"`
	EveryStep bool    `json:"every_step"` // targets at every step (Ty == T), else only after the last
	Seq2Seq   bool    `json:"seq2seq"`    // encoder input X [T, B], decoder input DecIn [Ty, B]
	T         int     `json:"T"`
	Ty        int     `json:"Ty"`
	// Metric names the task's metric; HigherIsBetter says which way it improves.
	Metric         string `json:"metric"`
	HigherIsBetter bool   `json:"higher_is_better"`
	// Baseline is the validation loss of the memoryless predictor (see the package doc), BaselineMetric
	// its metric.
	Baseline       float64 `json:"baseline"`
	BaselineMetric float64 `json:"baseline_metric"`
	Describe       string  `json:"describe"`
}

// Example is one example with the network's predictions, for the task's own view.
type Example struct {
	Input  [][]float64 `json:"input,omitempty"`  // [T][D] real inputs
	Tokens []string    `json:"tokens,omitempty"` // [T] symbolic inputs
	Marks  []int       `json:"marks,omitempty"`  // steps that carry the information the answer needs
	Target []string    `json:"target"`           // the expected outputs, as text
	Pred   []string    `json:"pred"`             // the predictions, as text
	Probs  [][]float64 `json:"probs,omitempty"`  // class probabilities per scored step, when classes
	Text   string      `json:"text"`             // a one-line summary
}

// Task is a seeded toy task. A Task may be shared by several runs: Next writes only into its arguments.
type Task interface {
	Spec() Spec
	Next(rng *nn.RNG, B int, b *nn.Batch)
	Val() *nn.Batch
	Metric(out *nn.Seq, b *nn.Batch) float64
	View(out *nn.Seq, b *nn.Batch, i int) Example
}

// MaxValValues bounds a validation set: T·ValSize·(input values per step) ≤ 4M values (32 MB).
const MaxValValues = 1 << 22

// WithDefaults returns c with its zero fields set to the task's defaults.
func WithDefaults(c Config) Config {
	m, err := find(c.Name)
	if err != nil {
		return c
	}
	if c.T == 0 {
		c.T = m.T
	}
	if c.Alphabet == 0 {
		c.Alphabet = m.Alphabet
	}
	if c.ValSize == 0 {
		c.ValSize = 256
	}
	return c
}

// Check validates c (after WithDefaults) without building the task; its error names the field and the
// allowed range.
func Check(c Config) error {
	m, err := find(c.Name)
	if err != nil {
		return err
	}
	c = WithDefaults(c)
	if err := checkInt("task.T", c.T, m.MinT, m.MaxT); err != nil {
		return err
	}
	if m.Alphabet == 0 && c.Alphabet != 0 {
		return fmt.Errorf("task.alphabet: the %s task has no alphabet (leave it 0)", c.Name)
	}
	if m.Alphabet != 0 {
		if err := checkInt("task.alphabet", c.Alphabet, m.MinAlphabet, MaxAlphabet); err != nil {
			return err
		}
	}
	if err := checkInt("task.val_size", c.ValSize, 1, MaxVal); err != nil {
		return err
	}
	if !(c.Noise >= 0 && c.Noise <= 10) {
		return fmt.Errorf("task.noise: %v is outside [0, 10]", c.Noise)
	}
	if c.Noise != 0 && !m.Noise {
		return fmt.Errorf("task.noise: only the %s task has noise (leave it 0)", strings.Join(Names(func(e *Entry) bool { return e.Noise }), ", "))
	}
	if c.Text != "" && !m.Text {
		return fmt.Errorf("task.text: only the %s task reads a text", strings.Join(Names(func(e *Entry) bool { return e.Text }), ", "))
	}
	if len(c.Text) > MaxText {
		return fmt.Errorf("task.text: %d bytes, the limit is %d", len(c.Text), MaxText)
	}
	if n := m.steps(c) * c.ValSize * m.width(c); n > MaxValValues {
		return fmt.Errorf("task.val_size: %d examples of %d steps × %d values is %d values, the limit is %d",
			c.ValSize, m.steps(c), m.width(c), n, MaxValValues)
	}
	return nil
}

// New builds the task c names, its zero fields set to the defaults. Its error names the field at fault
// and the allowed range.
func New(c Config) (Task, error) {
	if err := Check(c); err != nil {
		return nil, err
	}
	m, _ := find(c.Name)
	return m.build(WithDefaults(c))
}

func checkInt(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s: %d is outside [%d, %d]", field, v, lo, hi)
	}
	return nil
}

// makeVal draws the fixed validation set of a task.
func makeVal(t Task, n int) *nn.Batch {
	b := &nn.Batch{}
	t.Next(nn.NewRNG(valSeed), n, b)
	return b
}

// Metrics shared by the tasks.

// accuracy is the fraction of scored targets (mask > 0) whose arg-max prediction is the class.
func accuracy(out *nn.Seq, b *nn.Batch) float64 {
	K := out.F
	var hit, n float64
	for i := 0; i < out.T*out.B; i++ {
		if b.Mask != nil && b.Mask[i] == 0 {
			continue
		}
		n++
		if argmax(out.V[i*K:(i+1)*K]) == int(b.Class[i]) {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return hit / n
}

// binaryAccuracy is the fraction of 0/1 targets on the right side of 0.5.
func binaryAccuracy(out *nn.Seq, b *nn.Batch) float64 {
	var hit float64
	for i, p := range out.V {
		if (p > 0.5) == (b.Y[i] > 0.5) {
			hit++
		}
	}
	return hit / float64(len(out.V))
}

func argmax(v []float64) int {
	k := 0
	for i, x := range v {
		if x > v[k] {
			k = i
		}
	}
	return k
}

func fmtF(v float64) string { return fmt.Sprintf("%.3g", v) }

// probsOf copies the class probabilities of example i at every scored step of out.
func probsOf(out *nn.Seq, b *nn.Batch, i int, scored func(t int) bool) (probs [][]float64, pred []string) {
	K := out.F
	for t := 0; t < out.T; t++ {
		if !scored(t) {
			continue
		}
		p := slices.Clone(out.V[(t*out.B+i)*K : (t*out.B+i+1)*K])
		probs = append(probs, p)
		pred = append(pred, fmt.Sprint(argmax(p)))
	}
	return
}

// xent is −Σ p log q, used for baselines.
func xent(p, q []float64) float64 {
	var s float64
	for i := range p {
		if p[i] > 0 {
			s -= p[i] * nn.Log(q[i])
		}
	}
	return s
}
