package train

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// Record is what every training step records.
type Record struct {
	Step     int     `json:"step"`      // 1-based: the step that produced it
	Loss     float64 `json:"loss"`      // batch loss before the update
	AuxLoss  float64 `json:"aux_loss"`  // auxiliary loss (0 without one)
	GradNorm float64 `json:"grad_norm"` // global gradient norm before clipping
	PostNorm float64 `json:"post_norm"` // global gradient norm applied (after clipping)
	Clipped  bool    `json:"clipped"`
	LR       float64 `json:"lr"`
	WallMS   float64 `json:"wall_ms"`           // training time since the run started (paused time not counted)
	Skipped  string  `json:"skipped,omitempty"` // why the update was skipped (nn.Optimizer.Step), "" when applied
}

// MarshalJSON writes non-finite numbers (a diverged step) as null, which JSON can carry.
func (r Record) MarshalJSON() ([]byte, error) {
	b := []byte(`{"step":`)
	b = strconv.AppendInt(b, int64(r.Step), 10)
	for _, f := range []struct {
		k string
		v float64
	}{{"loss", r.Loss}, {"aux_loss", r.AuxLoss}, {"grad_norm", r.GradNorm}, {"post_norm", r.PostNorm}} {
		b = appendNum(append(append(append(b, ",\""...), f.k...), "\":"...), f.v)
	}
	b = strconv.AppendBool(append(b, `,"clipped":`...), r.Clipped)
	b = appendNum(append(b, `,"lr":`...), r.LR)
	b = appendNum(append(b, `,"wall_ms":`...), r.WallMS)
	if r.Skipped != "" {
		q, _ := json.Marshal(r.Skipped)
		b = append(append(b, `,"skipped":`...), q...)
	}
	return append(b, '}'), nil
}

func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// GateStats is one recurrent layer's gate statistics on the validation set: for gate g and step t,
// index g*T+t, the mean activation and the fractions of units below 0.05 and above 0.95.
type GateStats struct {
	Layer string    `json:"layer"`
	Gates []string  `json:"gates"`
	T     int       `json:"T"`
	Mean  []float64 `json:"mean"`
	Low   []float64 `json:"low"`
	High  []float64 `json:"high"`
}

// Eval is what an evaluation records, every EvalEvery steps (and at step 0 and when the run stops).
type Eval struct {
	Step      int     `json:"step"`
	ValLoss   float64 `json:"val_loss"`
	ValMetric float64 `json:"val_metric"`
	// DH[l][t] is the mean over the validation set of ‖∂L/∂h_t‖ in recurrent layer l (named Layers[l]).
	DH [][]float64 `json:"dh"`
	// DC[l][t] is the same for the LSTM cell state c_t (DC[l] is empty for a layer of another cell, so DC
	// lines up with Layers): the LSTM carries its memory
	// in c_t, so this is the gradient path its forget gate opens.
	DC     [][]float64 `json:"dc_norms,omitempty"`
	Layers []string    `json:"layers"`
	Gates  []GateStats `json:"gates,omitempty"`
	// GateMeans[g][l] is gate g's mean activation in recurrent layer l over units, steps and the
	// validation set ("f" LSTM forget, "i", "o"; "z" GRU update, "r"): small enough to keep for every
	// evaluation, for the gate means over training.
	GateMeans  map[string][]float64 `json:"gate_means,omitempty"`
	Spectra    []nn.Spectrum        `json:"spectra,omitempty"`
	Attention  [][]float64          `json:"attention,omitempty"` // [Ty][T] weights of one validation example
	GroupNorms map[string]float64   `json:"group_norms"`         // gradient norm per parameter group, last step
	Examples   []task.Example       `json:"examples,omitempty"`
	// Hidden[t][j] is h_t of the first recurrent layer of a layer stack on validation example 0, t = 1..T.
	// Only the latest evaluation keeps it (older ones drop it to bound a long run's memory).
	Hidden [][]float64 `json:"hidden,omitempty"`
}

// gateMeans averages each gate's statistics over t: GateMeans of an Eval.
func gateMeans(gs []GateStats) map[string][]float64 {
	if len(gs) == 0 {
		return nil
	}
	m := map[string][]float64{}
	for l, s := range gs {
		for g, name := range s.Gates {
			if m[name] == nil {
				m[name] = make([]float64, len(gs))
			}
			var sum float64
			for _, v := range s.Mean[g*s.T : (g+1)*s.T] {
				sum += v
			}
			m[name][l] = sum / float64(s.T)
		}
	}
	return m
}

// StopReason says why and when a run stopped.
type StopReason struct {
	Step   int    `json:"step"`
	Reason string `json:"reason"` // "steps", "target", or "diverged: …"
}
