package train

import (
	"slices"
	"testing"
)

// A run's records and weights do not depend on how many goroutines compute its shards (SetWorkers), with
// dropout, an auxiliary loss with random anchors and the unrolled sequence→sequence batches.
func TestRunWorkersIdentical(t *testing.T) {
	aux := small("gru")
	aux.Model.AuxWeight = 0.5
	drop := small("lstm")
	drop.Model.Layers, drop.Model.Dropout, drop.Batch = 2, 0.3, 7
	for _, c := range []Config{aux, drop, Default("reverse")} {
		c.Steps, c.EvalEvery, c.Task.ValSize, c.Model.Hidden = 12, 4, 8, 8
		var want []Record
		var wantW []float64
		for _, w := range []int{1, 2, 4} {
			r := mustRun(t, c)
			r.SetWorkers(w)
			r.Step(c.Steps)
			r.Close()
			recs := slices.Clone(r.Records())
			for i := range recs {
				recs[i].WallMS = 0
			}
			if want == nil {
				want, wantW = recs, r.Model().Parameters().W
				continue
			}
			if !slices.Equal(recs, want) || !slices.Equal(r.Model().Parameters().W, wantW) {
				t.Errorf("%s/%s: %d workers give other records or weights than 1", c.Task.Name, c.Model.Cell, w)
			}
		}
	}
}
