package train

import (
	"math"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

func reverseRun(score string) Config {
	c := Default("reverse")
	c.Task.T, c.Task.Alphabet, c.Task.ValSize = 6, 4, 64
	c.Model.Cell, c.Model.Hidden, c.Model.Attention = "gru", 16, score
	c.Batch, c.Steps, c.EvalEvery = 16, 10, 5
	return c
}

// TestSeq2SeqConfig: Model.Attention on reverse builds the engine's encoder–decoder (with the task's start
// token and the chosen score), trains on the task's own batches and records attention weights; "none"
// builds one without attention; the attention field is refused elsewhere and with a bad score.
func TestSeq2SeqConfig(t *testing.T) {
	for _, score := range []string{"none", "additive", "concat_linear"} {
		r := mustRun(t, reverseRun(score))
		n, ok := r.Model().(*nn.Seq2Seq)
		if !ok {
			t.Fatalf("%s: net is %T, want *nn.Seq2Seq", score, r.Model())
		}
		if s := n.Config.Seq2Seq; s.Start != 5 || s.Classes != 5 || s.Attention != score {
			t.Errorf("%s: seq2seq config %+v", score, *s)
		}
		r.Step(10)
		if r.Batch().DecIn == nil || r.Batch().X.T != 6 {
			t.Errorf("%s: trains on %d steps, decoder input %v; want the task's batch", score, r.Batch().X.T, r.Batch().DecIn != nil)
		}
		e := r.Evals()[len(r.Evals())-1]
		if !(e.ValLoss > 0 && e.ValLoss < 10) || len(e.Layers) != 2 {
			t.Errorf("%s: val loss %v, layers %v", score, e.ValLoss, e.Layers)
		}
		if (score == "none") != (e.Attention == nil) {
			t.Errorf("%s: attention recorded: %v", score, e.Attention != nil)
		} else if e.Attention != nil && (len(e.Attention) != 6 || len(e.Attention[0]) != 6) {
			t.Errorf("%s: attention %d×%d, want 6×6", score, len(e.Attention), len(e.Attention[0]))
		}
		data, err := r.Save()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, m, err := Load(data); err != nil {
			t.Errorf("%s: load: %v", score, err)
		} else if _, ok := m.(*nn.Seq2Seq); !ok {
			t.Errorf("%s: loaded %T", score, m)
		}
	}
	r := mustRun(t, reverseRun(""))
	if _, ok := r.Model().(*nn.Model); !ok {
		t.Errorf("no attention field: net is %T, want the plain model on unrolled batches", r.Model())
	}
	for _, k := range []struct {
		edit func(c *Config)
		want string
	}{
		{func(c *Config) { c.Model.Attention = "bahdanau" }, "model.attention: unknown"},
		{func(c *Config) { c.Model.Layers = 2 }, "model.attention: the encoder–decoder has one layer"},
	} {
		c := reverseRun("additive")
		k.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), k.want) {
			t.Errorf("want an error containing %q, got %v", k.want, err)
		}
	}
}

// TestAuxConfig: a positive aux weight adds the engine's auxiliary head (reconstruct by default), whose
// loss the records carry; weight 0 adds none.
func TestAuxConfig(t *testing.T) {
	for _, k := range []struct {
		kind   string
		weight float64
		want   string
	}{{"", 0.5, nn.AuxReconstruct}, {"next", 1, nn.AuxNext}, {"next", 0, ""}} {
		c := small("lstm")
		c.Model.AuxKind, c.Model.AuxWeight = k.kind, k.weight
		r := mustRun(t, c)
		m := r.Model().(*nn.Model)
		if got := m.Config.Aux; (got == nil) != (k.want == "") || got != nil && (got.Kind != k.want || got.Weight != k.weight) {
			t.Errorf("%+v: aux config %+v", k, got)
		}
		r.Step(3)
		aux := r.Records()[2].AuxLoss
		if (k.want != "") != (aux > 0 && !math.IsInf(aux, 0)) {
			t.Errorf("%+v: aux loss %v", k, aux)
		}
	}
}
