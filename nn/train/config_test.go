package train

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// TestDefaults: every task's default configuration is valid and trains.
func TestDefaults(t *testing.T) {
	for _, name := range task.Names() {
		c := Default(name)
		if err := c.Validate(); err != nil {
			t.Errorf("%s: default invalid: %v", name, err)
			continue
		}
		c.Steps, c.EvalEvery, c.Task.ValSize, c.Batch = 3, 2, 4, 4
		if name == "charlm" {
			c.Model.Hidden = 8
		}
		r, err := New(c)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n := r.Step(10); n != 3 || len(r.Records()) != 3 {
			t.Errorf("%s: ran %d steps, %d records, want 3", name, n, len(r.Records()))
		}
		for _, rec := range r.Records() {
			if !finite(rec.Loss) || !finite(rec.GradNorm) {
				t.Errorf("%s: record %+v", name, rec)
			}
		}
	}
}

func TestValidateErrors(t *testing.T) {
	cases := []struct {
		edit func(c *Config)
		want string
	}{
		{func(c *Config) { c.Model.Cell = "transformer" }, "model.cell"},
		{func(c *Config) { c.Model.Hidden = 0 }, "model.hidden: 0 is outside [1, 1024]"},
		{func(c *Config) { c.Model.Layers = 9 }, "model.layers: 9 is outside [1, 8]"},
		{func(c *Config) { c.Model.Activation = "relu" }, "model.activation"},
		{func(c *Config) { c.Model.ResetAfter = true }, "model.reset_after"},
		{func(c *Config) { c.Model.Cell, c.Model.RecurrentActivation = "rnn", "hard_sigmoid" }, "model.recurrent_activation: only the lstm and gru"},
		{func(c *Config) { c.Model.RecurrentActivation = "relu" }, `model.recurrent_activation: unknown "relu"`},
		{func(c *Config) { c.Model.Dropout = 0.95 }, "model.dropout"},
		{func(c *Config) { c.Model.Attention = "additive" }, "model.attention: only the sequence→sequence tasks"},
		{func(c *Config) { c.Model.AuxWeight = -1 }, "model.aux_weight"},
		{func(c *Config) { c.Model.AuxWeight, c.Model.AuxKind = 1, "future" }, "model.aux_kind"},
		{func(c *Config) { c.Model.AuxSegment = 65 }, "model.aux_segment"},
		{func(c *Config) { c.Optimizer.LR = -1 }, "optimizer.lr"},
		{func(c *Config) { c.Optimizer.Name = "lbfgs" }, "optimizer.name"},
		{func(c *Config) { c.Clip = Default("adding").Clip; c.Clip.Threshold = 0 }, "clip.threshold"},
		{func(c *Config) { c.Clip.Mode = "soft" }, "clip.mode"},
		{func(c *Config) { c.Batch = 0 }, "batch: 0 is outside [1, 1024]"},
		{func(c *Config) { c.Steps = 0 }, "steps"},
		{func(c *Config) { c.EvalEvery = -1 }, "eval_every"},
		{func(c *Config) { c.TargetLoss = -1 }, "target_loss"},
		{func(c *Config) { c.Diverge = 1 }, "diverge"},
		{func(c *Config) { c.Task.T = 1 }, "task.T"},
		{func(c *Config) { c.Task.T, c.Batch, c.Model.Hidden = 1000, 1024, 1024 }, "batch: 1024 examples × 1000 steps"},
	}
	for _, k := range cases {
		c := Default("adding")
		k.edit(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), k.want) {
			t.Errorf("want an error containing %q, got %v", k.want, err)
		}
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig([]byte(`{"task":{"name":"adding"}}`))
	if err != nil || !reflect.DeepEqual(c, Default("adding")) {
		t.Fatalf("bare config: %+v, %v", c, err)
	}
	c, err = ParseConfig([]byte(`{"task":{"name":"copy","T":50},"model":{"cell":"rnn"},"optimizer":{"lr":0.01},"steps":7}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Default("copy")
	want.Task.T, want.Model.Cell, want.Optimizer.LR, want.Steps = 50, "rnn", 0.01, 7
	if !reflect.DeepEqual(c, want) {
		t.Errorf("partial config:\n got %+v\nwant %+v", c, want)
	}
	data, _ := json.Marshal(c)
	c2, err := ParseConfig(data)
	if err != nil || !reflect.DeepEqual(c, c2) {
		t.Errorf("round trip: %+v, %v", c2, err)
	}
	for _, bad := range []struct{ in, want string }{
		{`{"task":{"name":"adding"},"modle":{}}`, `unknown field "modle"`},
		{`{"task":{}}`, "task.name: missing"},
		{`[1,2]`, "config"},
		{`{"task":{"name":"adding"}} {}`, "config"},
		{`{"task":{"name":"adding"},"batch":5000}`, "batch: 5000 is outside"},
	} {
		if _, err := ParseConfig([]byte(bad.in)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ParseConfig(%s) = %v, want an error containing %q", bad.in, err, bad.want)
		}
	}
}

// FuzzParseConfig: whatever the input, ParseConfig returns a valid configuration or an error, never
// panics, and a configuration it accepts survives a JSON round trip unchanged.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		`{"task":{"name":"adding"}}`,
		`{"task":{"name":"copy","T":30,"alphabet":4},"model":{"cell":"gru","reset_after":true,"layers":2}}`,
		`{"task":{"name":"charlm","text":"abcabcabcabc"},"clip":{"mode":"value","threshold":0.5}}`,
		`{"task":{"name":"sines","noise":0.2},"optimizer":{"name":"sgd","lr":0.1,"momentum":0.9},"seed":7}`,
		`{"task":{"name":"sort"},"model":{"cell":"rnn","activation":"relu","init":{"recurrent":"identity","gain":1}}}`,
		`{"task":{"name":"adding","T":-1}}`, `{}`, `null`, `{"task":{"name":"parity"},"steps":1e9}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid config: %v", err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		c2, err := ParseConfig(out)
		if err != nil || !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip of %s: %v", out, err)
		}
	})
}
