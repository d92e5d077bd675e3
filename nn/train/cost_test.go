package train

import (
	"math"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// StepFLOPs counts the kernels' weights: the article's 2×LSTM(128) on (10, 50) with batch 32 is
// 6·32·10·(4·128·(50+128) + 4·128·(128+128)) = 426.6 MFLOP, what cmd/bench reports for seed-lstm
// (which adds the 1-unit head).
func TestStepFLOPs(t *testing.T) {
	c := Default("article-vec")
	c.Model = ModelSpec{Cell: "lstm", Layers: 2, Hidden: 128}
	c.Task.T, c.Batch = 10, 32
	want := 6.0 * 32 * 10 * (4*128*(50+128) + 4*128*(128+128))
	if got := StepFLOPs(c); math.Abs(got-want) > 0.5 || task.Width(task.WithDefaults(c.Task)) != 50 {
		t.Errorf("StepFLOPs = %v, want %v", got, want)
	}
	c.Model.Cell = "no such cell"
	if StepFLOPs(c) != 0 {
		t.Error("an unknown cell has a cost")
	}
}
