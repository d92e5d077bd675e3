package train

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

// TestMain prints the records of identityConfigs instead of testing when TRAIN_PRINT_RECORDS=1: the
// native test TestRecordsMatchWasm runs this package's test binary built for js/wasm that way.
func TestMain(m *testing.M) {
	if os.Getenv("TRAIN_PRINT_RECORDS") == "1" {
		fmt.Print(identityText())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// identityConfigs cover every cell, loss, optimiser family, clipping mode, token and real inputs, dropout,
// noise, the unrolled sequence→sequence batches and a divergence.
func identityConfigs() []Config {
	var cs []Config
	add := func(name string, edit func(c *Config)) {
		c := Default(name)
		c.Task.ValSize, c.Batch, c.Model.Hidden, c.Steps, c.EvalEvery = 16, 8, 8, 24, 8
		edit(&c)
		cs = append(cs, c)
	}
	add("adding", func(c *Config) { c.Task.T = 30 })
	add("copy", func(c *Config) {
		c.Task.T, c.Model.Cell, c.Model.ResetAfter = 10, "gru", true
		c.Optimizer = nn.OptimConfig{Name: "rmsprop", LR: 0.01}
	})
	add("parity", func(c *Config) {
		c.Model.Cell, c.Model.Layers, c.Model.Dropout = "rnn", 2, 0.2
		c.Optimizer = nn.OptimConfig{Name: "momentum", LR: 0.05, Nesterov: true}
		c.Clip = nn.ClipConfig{Mode: "value", Threshold: 0.1}
	})
	add("sines", func(c *Config) {
		c.Task.Noise, c.Task.T = 0.1, 20
		c.Optimizer = nn.OptimConfig{Name: "adamw", LR: 0.01, WeightDecay: 0.01}
		c.Model.Init = nn.InitConfig{ForgetBias: "chrono", ChronoT: 20}
	})
	add("charlm", func(c *Config) { c.Task.T, c.Model.Cell = 16, "gru" })
	add("reverse", func(c *Config) { c.Task.T = 5 })
	add("recall", func(c *Config) {
		c.Model.Cell, c.Model.Init = "rnn", nn.InitConfig{Recurrent: "spectral", Gain: 1.2}
	})
	add("article-tokens", func(c *Config) { c.Task.T = 12 })
	add("adding", func(c *Config) { // diverges
		c.Task.T, c.Model.Cell, c.Steps = 20, "rnn", 1000
		c.Optimizer, c.Clip, c.Model.Init.Gain = nn.OptimConfig{Name: "sgd", LR: 5}, nn.ClipConfig{Mode: "off"}, 3
	})
	return cs
}

// identityText runs identityConfigs and writes every record and evaluation as exact bits (wall time
// aside).
func identityText() string {
	var sb strings.Builder
	h := func(v float64) string { return fmt.Sprintf("%016x", math.Float64bits(v)) }
	for i, c := range identityConfigs() {
		r, err := New(c)
		if err != nil {
			fmt.Fprintf(&sb, "run %d: %v\n", i, err)
			continue
		}
		for r.Step(7) > 0 {
		}
		_, why := r.Done()
		fmt.Fprintf(&sb, "run %d %s/%s stop %d %s\n", i, c.Task.Name, c.Model.Cell, why.Step, why.Reason)
		for _, rec := range r.Records() {
			fmt.Fprintf(&sb, "R %d %s %s %s %v %s\n", rec.Step, h(rec.Loss), h(rec.GradNorm), h(rec.PostNorm), rec.Clipped, h(rec.LR))
		}
		for _, e := range r.Evals() {
			fmt.Fprintf(&sb, "E %d %s %s", e.Step, h(e.ValLoss), h(e.ValMetric))
			for l := range e.DH {
				for _, v := range e.DH[l] {
					sb.WriteString(" " + h(v))
				}
				for _, v := range e.DC[l] {
					sb.WriteString(" " + h(v))
				}
			}
			for _, g := range e.Gates {
				for _, v := range g.Mean {
					sb.WriteString(" " + h(v))
				}
			}
			for _, sp := range e.Spectra {
				sb.WriteString(" " + h(sp.Radius))
				for _, v := range sp.Singular {
					sb.WriteString(" " + h(v))
				}
			}
			sb.WriteString("\n")
		}
		var sum float64
		for _, w := range r.Model().Parameters().W {
			sum += w
		}
		fmt.Fprintf(&sb, "W %s\n", h(sum))
	}
	return sb.String()
}
