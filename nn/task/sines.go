package task

import (
	"fmt"
	"math"

	"github.com/rnn-playground/rnn-playground/nn"
)

// sines is next-step forecasting of a mixture of three sines with random frequencies in [0.1, 0.6]
// radians per step and random phases, amplitudes 0.6, 0.3, 0.15, plus Gaussian noise of standard
// deviation σ (the noise knob). Input [T, B, 1] is x_0..x_{T−1}, target [T, B, 1] is x_1..x_T, MSE at
// every step. Predicting 0 (the mean) scores Σa²/2 + σ² = 0.23625 + σ²; the metric is R² = 1 − MSE/that,
// 0 for the constant predictor.
type sines struct {
	spec  Spec
	noise float64
	val   *nn.Batch
}

var sineAmp = [3]float64{0.6, 0.3, 0.15}

func newSines(c Config) (Task, error) {
	T := c.T
	var v float64
	for _, a := range sineAmp {
		v += a * a / 2
	}
	v += c.Noise * c.Noise
	s := &sines{noise: c.Noise, spec: Spec{
		Name: "sines", Title: "Forecasting a mixture of sines", Input: 1, Output: 1, Loss: nn.MSE,
		EveryStep: true, T: T, Ty: T, Metric: "R²", HigherIsBetter: true, Baseline: v, BaselineMetric: 0,
		Describe: fmt.Sprintf("Predict the next value of a sum of three sines (noise σ = %g) at each of %d steps. "+
			"Predicting the mean scores MSE %.4g.", c.Noise, T, v),
	}}
	s.val = makeVal(s, c.ValSize)
	return s, nil
}

func (s *sines) Spec() Spec     { return s.spec }
func (s *sines) Val() *nn.Batch { return s.val }

func (s *sines) Next(rng *nn.RNG, B int, b *nn.Batch) {
	T := s.spec.T
	b.Resize(T, B, 1, T, 1, false, false)
	for i := 0; i < B; i++ {
		var w, ph [3]float64
		for k := range w {
			w[k] = rng.Uniform(0.1, 0.6)
			ph[k] = rng.Uniform(0, 2*math.Pi)
		}
		for t := 0; t <= T; t++ {
			var x float64
			for k, a := range sineAmp {
				x += a * math.Sin(w[k]*float64(t)+ph[k])
			}
			if s.noise > 0 {
				x += s.noise * rng.Normal()
			}
			if t < T {
				b.X.V[t*B+i] = x
			}
			if t > 0 {
				b.Y[(t-1)*B+i] = x
			}
		}
	}
}

func (s *sines) Metric(out *nn.Seq, b *nn.Batch) float64 {
	var sse float64
	for i, y := range out.V {
		d := y - b.Y[i]
		sse += d * d
	}
	return 1 - sse/float64(len(out.V))/s.spec.Baseline
}

func (s *sines) View(out *nn.Seq, b *nn.Batch, i int) Example {
	T, B := s.spec.T, b.X.B
	e := Example{}
	for t := 0; t < T; t++ {
		e.Input = append(e.Input, []float64{b.X.V[t*B+i]})
		e.Target = append(e.Target, fmtF(b.Y[t*B+i]))
		e.Pred = append(e.Pred, fmtF(out.V[t*B+i]))
	}
	e.Text = fmt.Sprintf("last step: target %s, prediction %s", e.Target[T-1], e.Pred[T-1])
	return e
}
