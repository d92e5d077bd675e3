package worker

import (
	"math"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// sanitize clamps the copy it sends and leaves the run's own evaluation as it was: a non-finite hidden
// state, gradient norm or gate mean stays non-finite in the run (its charts and claims read it).
func TestSanitizeLeavesTheRunsEval(t *testing.T) {
	inf := math.Inf(1)
	ev := train.Eval{ValLoss: math.NaN(), DH: [][]float64{{inf, 1}}, DC: [][]float64{{inf}},
		Hidden: [][]float64{{inf, -inf}}, Attention: [][]float64{{math.NaN()}},
		GateMeans: map[string][]float64{"f": {inf}},
		Gates:     []train.GateStats{{Mean: []float64{inf}, Low: []float64{inf}, High: []float64{inf}}}}
	e := Eval{Eval: ev}
	sanitize(&e)
	sent := []float64{e.ValLoss, e.DH[0][0], e.DC[0][0], e.Hidden[0][0], e.Hidden[0][1], e.Attention[0][0],
		e.GateMeans["f"][0], e.Gates[0].Mean[0], e.Gates[0].Low[0], e.Gates[0].High[0]}
	for i, v := range sent {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("sent value %d is %v", i, v)
		}
	}
	kept := []float64{ev.DH[0][0], ev.DC[0][0], ev.Hidden[0][0], ev.Hidden[0][1], ev.Attention[0][0],
		ev.GateMeans["f"][0], ev.Gates[0].Mean[0], ev.Gates[0].Low[0], ev.Gates[0].High[0]}
	for i, v := range kept {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			t.Errorf("the run's value %d was clamped in place to %v", i, v)
		}
	}
}
