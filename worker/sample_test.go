package worker

import (
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

func charlmConfig() Config {
	c := Default()
	c.Task = train.Default("charlm").Task
	c.Task.T, c.Task.ValSize = 16, 32
	c.Optimizer.LR = train.Default("charlm").Optimizer.LR
	c.Model.Hidden = 32
	return c
}

// The language model's runs carry generated text at the first evaluation and then at an evaluation
// every SampleEvery steps: it continues the start of a validation example, has SampleLen characters,
// and changes as the model trains. Other tasks carry none.
func TestSessionSamples(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{charlmConfig()}})
	m := mustHandle(t, &s, Command{Op: "step", N: 1})
	u := m.Runs[0]
	if len(u.Evals) != 1 || u.Sample == "" || u.Prime == "" || u.Temp != DefaultTemp {
		t.Fatalf("first step: evals %d, prime %q, sample %q, temp %v", len(u.Evals), u.Prime, u.Sample, u.Temp)
	}
	if n := len([]rune(u.Sample)); n != SampleLen {
		t.Errorf("sample of %d characters, want %d", n, SampleLen)
	}
	if want := strings.Join(u.Evals[0].Examples[0].Tokens, ""); u.Prime != want {
		t.Errorf("prime %q, want validation example 0 %q", u.Prime, want)
	}
	first := u.Sample
	m = mustHandle(t, &s, Command{Op: "step", N: 98}) // evaluations at 20, …, 80: too soon
	if m.Runs[0].Sample != "" || len(m.Runs[0].Evals) != 4 {
		t.Errorf("%d evaluations to step 99, sample %q: want 4, none", len(m.Runs[0].Evals), m.Runs[0].Sample)
	}
	m = mustHandle(t, &s, Command{Op: "step", N: 21}) // the evaluation at step 100
	later := m.Runs[0].Sample
	if later == "" || later == first {
		t.Errorf("sample at step 100 %q, at step 0 %q: want a new one", later, first)
	}
	// On request, at another temperature: same model, same prime, a different draw; the same
	// temperature again gives the same text.
	a := mustHandle(t, &s, Command{Op: "sample", Temp: 0.2}).Runs[0]
	b := mustHandle(t, &s, Command{Op: "sample", Temp: 0.2}).Runs[0]
	if a.Temp != 0.2 || a.Sample == "" || a.Sample != b.Sample || a.Sample == later {
		t.Errorf("temperature 0.2: %q then %q (at 1: %q)", a.Sample, b.Sample, later)
	}
	if e := mustHandle(t, &s, Command{Op: "sample", Temp: 0}); e.Type != "error" || !strings.Contains(e.Error, "temperature") {
		t.Errorf("temperature 0: %+v", e)
	}
	// The next sample due (SampleEvery after the requested one) is at the temperature set.
	m = mustHandle(t, &s, Command{Op: "step", N: SampleEvery})
	if m.Runs[0].Temp != 0.2 {
		t.Errorf("evaluation sampled at %v, want 0.2", m.Runs[0].Temp)
	}

	var o Session
	mustHandle(t, &o, Command{Op: "init", Configs: []Config{Default()}})
	if u := mustHandle(t, &o, Command{Op: "step", N: 1}).Runs[0]; u.Sample != "" {
		t.Errorf("adding task sampled %q", u.Sample)
	}
}

// Sampling runs the model forward but changes nothing of the training: the losses are those of a run
// that never sampled.
func TestSampleKeepsTraining(t *testing.T) {
	var a, b Session
	mustHandle(t, &a, Command{Op: "init", Configs: []Config{charlmConfig()}})
	mustHandle(t, &b, Command{Op: "init", Configs: []Config{charlmConfig()}})
	for i := 0; i < 3; i++ {
		mustHandle(t, &a, Command{Op: "sample", Temp: 0.5})
		ra := mustHandle(t, &a, Command{Op: "step", N: 25}).Runs[0].Records
		rb := mustHandle(t, &b, Command{Op: "step", N: 25}).Runs[0].Records
		for k := range ra {
			if ra[k].Loss != rb[k].Loss {
				t.Fatalf("step %d: loss %v with sampling, %v without", ra[k].Step, ra[k].Loss, rb[k].Loss)
			}
		}
	}
}

// BenchmarkSample is one generated text of the page's language model (T = 20, LSTM 32), and
// BenchmarkStepCharLM one training step of it, evaluations and samples (every 20 steps) included.
func BenchmarkSample(b *testing.B) {
	rs, _, _ := newRuns([]Config{pageCharLM()})
	var u RunUpdate
	rs[0].step(&u, 0)
	for b.Loop() {
		if _, _, err := rs[0].sample(1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStepCharLM(b *testing.B) {
	rs, _, _ := newRuns([]Config{pageCharLM()})
	var u RunUpdate
	for b.Loop() {
		rs[0].step(&u, 0)
		u.Records, u.Evals = u.Records[:0], u.Evals[:0]
	}
}

// pageCharLM is the run the page makes for ?task=charlm.
func pageCharLM() Config {
	c := Default()
	c.Task = train.Default("charlm").Task
	c.Task.T, c.Task.ValSize = 20, 128
	return c
}
