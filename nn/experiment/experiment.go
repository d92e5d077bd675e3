package experiment

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// Text is a short text in the page's two languages.
type Text struct {
	En string `json:"en"`
	Zh string `json:"zh"`
}

// In returns the text in lang ("zh" or anything else for English).
func (t Text) In(lang string) string {
	if lang == "zh" && t.Zh != "" {
		return t.Zh
	}
	return t.En
}

// Experiment is one guided experiment.
type Experiment struct {
	ID      string `json:"id"`
	Title   Text   `json:"title"`
	Summary Text   `json:"summary"` // one line for the gallery
	// Sentences are the explanation, one sentence at a time, each naming the claim that checks what it
	// tells the learner they will see (or Scene). Explain is the same text joined, for display.
	Sentences []Sentence `json:"sentences"`
	Explain   Text       `json:"explain"`  // paragraphs separated by blank lines
	Equation  string     `json:"equation"` // the equation that matters, plain Unicode
	Topic     Text       `json:"topic"`    // the source article's section it illustrates
	// Runs train side by side on the same data (same task, batch and seed; see train.Compare).
	Runs []Run `json:"runs"`
	// Ts, when set, are the lags the experiment sweeps, in increasing order, the runs' own among them:
	// Configs(T) sets task.T of every run to T.
	Ts    []int  `json:"ts,omitempty"`
	Marks []Mark `json:"marks"`
	// Claims are the predicates that check the sentences and marks on recorded data (claim.go), and
	// Check is how many steps they need at the default lag: the experiment's short form.
	Claims []Claim `json:"-"`
	Check  int     `json:"-"`
}

// Seeds is how many seeds, from 1, every claim holds for: TestClaims checks each.
const Seeds = 5

// Sentence is one sentence of an explanation in both languages. Claim is the id of the experiment's
// Claim that checks what the sentence says the learner will see, or Scene for a sentence that only sets
// the scene (the task, the maths, the history); Para starts a new paragraph.
type Sentence struct {
	Text
	Claim string `json:"claim"`
	Para  bool   `json:"para,omitempty"`
}

// Scene marks a sentence that tells the learner nothing they will see on the charts.
const Scene = "scene"

// joinSentences is the explanation as display text: sentences joined by a space (none in Chinese),
// paragraphs by a blank line.
func joinSentences(ss []Sentence) Text {
	var t Text
	for i, s := range ss {
		if i > 0 && s.Para {
			t.En += "\n\n"
			t.Zh += "\n\n"
		} else if i > 0 {
			t.En += " "
		}
		t.En += s.En
		t.Zh += s.Zh
	}
	return t
}

// Run is one preset of an experiment.
type Run struct {
	Label  string       `json:"label"` // short, language-neutral: "RNN", "LSTM b_f=1", "clip 1"
	Config train.Config `json:"config"`
}

// Chart names a chart of the page (and of cmd/train -plot where it draws one).
type Chart string

// The charts marks can point at.
const (
	ChartLoss    Chart = "loss"    // training and validation loss over steps
	ChartMetric  Chart = "metric"  // validation metric over steps
	ChartGrad    Chart = "grad"    // gradient norm before/after clipping over steps
	ChartDH      Chart = "dh"      // ‖∂L/∂h_t‖ over t at the last evaluation
	ChartSpectra Chart = "spectra" // recurrent singular values / spectral radius over steps
	ChartAttn    Chart = "attn"    // attention weights, output step × input step
	// ChartGatesTime: the mean of each gate (LSTM forget f, GRU update z) over training (train.Eval.GateMeans).
	ChartGatesTime Chart = "gates-time"
)

// Mark points at what to watch: a chart, optionally one run's series, with a caption, and optionally a
// range [From, To] of the chart's x axis (steps, or t for ChartDH) that the page shades; To ≤ From means
// the whole chart.
type Mark struct {
	Chart   Chart   `json:"chart"`
	Claim   string  `json:"claim"`         // the id of the Claim that checks the caption
	Run     string  `json:"run,omitempty"` // a Run's label, or "" for all
	From    float64 `json:"from"`
	To      float64 `json:"to"`
	Caption Text    `json:"caption"`
}

// DefaultT is the lag the experiment opens with: its runs' own T (one of Ts when it sweeps).
func (e *Experiment) DefaultT() int { return e.Runs[0].Config.Task.T }

// Configs returns the runs' configurations with task.T set to T (0: as they are).
func (e *Experiment) Configs(T int) []train.Config {
	out := make([]train.Config, len(e.Runs))
	for i, r := range e.Runs {
		out[i] = r.Config
		if T > 0 {
			out[i].Task.T = T
		}
	}
	return out
}

// Labels returns the runs' labels.
func (e *Experiment) Labels() []string {
	out := make([]string, len(e.Runs))
	for i, r := range e.Runs {
		out[i] = r.Label
	}
	return out
}

// Compare builds the runs at lag T (0: the runs' own), ready to train side by side.
func (e *Experiment) Compare(T int) ([]*train.Run, error) {
	if T != 0 && len(e.Ts) > 0 {
		ok := false
		for _, t := range e.Ts {
			ok = ok || t == T
		}
		if !ok {
			return nil, fmt.Errorf("experiment %s: T %d is not one of its lags %v", e.ID, T, e.Ts)
		}
	}
	return train.Compare(e.Configs(T)...)
}

// Train steps runs in turn, chunk steps each, until all have stopped.
func Train(runs []*train.Run, chunk int) {
	for active := true; active; {
		active = false
		for _, r := range runs {
			if r.Step(chunk) > 0 {
				active = true
			}
		}
	}
}

// All returns the experiments in gallery order (fresh copies: callers may change them).
func All() []Experiment { return catalog() }

// IDs lists the experiments' ids.
func IDs() []string {
	var ids []string
	for _, e := range catalog() {
		ids = append(ids, e.ID)
	}
	return ids
}

// ByID returns the experiment with the given id.
func ByID(id string) (Experiment, error) {
	for _, e := range catalog() {
		if e.ID == id {
			return e, nil
		}
	}
	return Experiment{}, fmt.Errorf("experiment: unknown %q (want one of %v)", id, IDs())
}
