package worker

import (
	"fmt"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// Generated text of the character language model: at an evaluation at least SampleEvery steps after
// the last sample, and on request (a "sample" command: the page's temperature changed, or training
// paused), each run continues the start of validation example 0 by SampleLen characters. A sample
// costs about two training steps of the page's default language model (BenchmarkSample; the model
// reads its whole window again for every character), so sampling at every evaluation (every 20 steps)
// took a tenth of the training time; every 100 steps it takes a fiftieth.
const (
	SampleEvery = 100
	SampleLen   = 160
	DefaultTemp = 1.0
	MinTemp     = 0.05
	MaxTemp     = 5.0
)

// sampleSeed seeds the draws: a sample depends on the model, the prime and the temperature only, so a
// changed sample means the model changed.
const sampleSeed = 0x5a3b1e

// sample returns the run's generated text and its prime, or "" when the task is not a language model or
// there is no evaluation yet. It runs the model forward on a batch of one: call it after anything that
// reads the states of the last forward pass.
func (s *run) sample(temp float64) (prime, text string, err error) {
	lm, ok := s.r.Task().(*task.CharLM)
	evs := s.r.Evals()
	if !ok || len(evs) == 0 || len(evs[len(evs)-1].Examples) == 0 {
		return "", "", nil
	}
	prime = strings.Join(evs[len(evs)-1].Examples[0].Tokens, "")
	out, err := lm.Sample(s.r.Model(), prime, SampleLen, temp, nn.NewRNG(sampleSeed))
	if err != nil {
		return "", "", err
	}
	s.sampled, s.sampledAt = true, s.r.StepsDone()
	return prime, out[len(prime):], nil
}

// sampleDue reports whether a new evaluation should come with a sample.
func (s *run) sampleDue() bool { return !s.sampled || s.r.StepsDone()-s.sampledAt >= SampleEvery }

// checkTemp validates a sampling temperature.
func checkTemp(t float64) error {
	if !(t >= MinTemp && t <= MaxTemp) {
		return fmt.Errorf("temperature: %v is outside [%v, %v]", t, MinTemp, MaxTemp)
	}
	return nil
}
