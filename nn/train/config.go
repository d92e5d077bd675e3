package train

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// ModelSpec is the model a user chooses; the task supplies the input and output widths and the loss.
type ModelSpec struct {
	Cell       string        `json:"cell"`                 // a registered cell (nn.Cells)
	Layers     int           `json:"layers"`               // stacked recurrent layers
	Hidden     int           `json:"hidden"`               // units per recurrent layer
	Activation string        `json:"activation,omitempty"` // the cell's (nn.CellKind.Activations)
	ResetAfter bool          `json:"reset_after,omitempty"`
	Embed      int           `json:"embed,omitempty"` // token tasks: embedding width (0: 16, or 32 above 100 tokens)
	Init       nn.InitConfig `json:"init,omitzero"`
	Dropout    float64       `json:"dropout,omitempty"` // after each recurrent layer, in [0, 0.9]
	// Attention, for the sequence→sequence tasks (task.Seq2Seq): "" trains a plain stack on the
	// read-then-write form of the batches (task.Unroll); "none" an encoder–decoder without attention;
	// a score (additive, dot, scaled_dot, general, concat_linear) an encoder–decoder attending with it.
	Attention string `json:"attention,omitempty"`
	// AuxWeight λ in [0, 100] adds λ·L_aux, an auxiliary loss of kind AuxKind (next, or reconstruct:
	// the default) read from the last recurrent layer (the encoder of an encoder–decoder); 0 disables it.
	AuxWeight  float64 `json:"aux_weight,omitempty"`
	AuxKind    string  `json:"aux_kind,omitempty"`
	AuxSegment int     `json:"aux_segment,omitempty"` // reconstruct: segment length in [1, 64] (0: 4)

	// RecurrentActivation is the gates' σ of gated cells (nn.CellKind.Gated): sigmoid (also "") or hard_sigmoid,
	// TensorFlow.js's default (models imported from it keep theirs; see package nn/tfjs).
	RecurrentActivation string `json:"recurrent_activation,omitempty"`
}

// seq2seq reports whether m builds an encoder–decoder.
func (m *ModelSpec) seq2seq() bool { return m.Attention != "" }

// Config is a whole run: task, model, optimiser, clipping, batch size, seed and stop rules.
type Config struct {
	Task      task.Config    `json:"task"`
	Model     ModelSpec      `json:"model"`
	Optimizer nn.OptimConfig `json:"optimizer"`
	Clip      nn.ClipConfig  `json:"clip"`
	Batch     int            `json:"batch"`
	Seed      uint64         `json:"seed"`
	Steps     int            `json:"steps"`      // stop after this many steps
	EvalEvery int            `json:"eval_every"` // validate every this many steps (and at steps 0 and the last)
	// TargetLoss stops the run when the validation loss reaches it (0: no target).
	TargetLoss float64 `json:"target_loss,omitempty"`
	// Diverge stops the run when a batch loss exceeds Diverge × max(first loss, baseline) (0: 100).
	Diverge float64 `json:"diverge,omitempty"`
}

// Limits on a run. A run's activations take about 8·T·Batch·Σ(G·H) bytes for the training batch and as
// much for the validation set; MaxActivations bounds T·B·Σ(G·H) for both.
const (
	MaxSteps       = 1_000_000 // records take 64 bytes a step: 64 MB at most
	MaxBatch       = task.MaxBatch
	MaxActivations = 1 << 25 // 256 MB of float64
)

// Default returns a configuration that trains the named task sensibly: a one-layer network of
// nn.DefaultCell with 32 units, Adam at 0.005, global-norm clipping at 1, batches of 32, 1000 steps,
// validation every 50 — or the task's own settings where its registry entry has some (task.Settings).
func Default(taskName string) Config {
	c := Config{
		Task:      task.Config{Name: taskName},
		Model:     ModelSpec{Cell: nn.DefaultCell.Name, Layers: 1, Hidden: 32},
		Optimizer: nn.OptimConfig{Name: "adam", LR: 0.005},
		Clip:      nn.ClipConfig{Mode: "norm", Threshold: 1},
		Batch:     32,
		Seed:      1,
		Steps:     1000,
		EvalEvery: 50,
	}
	if e := task.Lookup(taskName); e != nil {
		s := e.Settings
		setIf(&c.Model.Hidden, s.Hidden)
		setIf(&c.Optimizer.LR, s.LR)
		setIf(&c.Steps, s.Steps)
		setIf(&c.EvalEvery, s.EvalEvery)
	}
	return c
}

// setIf sets *dst to v unless v is zero.
func setIf[T int | float64](dst *T, v T) {
	if v != 0 {
		*dst = v
	}
}

// Check validates c's fields and names the field at fault with its allowed range, without building the
// task (a user's text is measured, not decoded): cheap enough for a page to run on every change.
func (c *Config) Check() error {
	if err := task.Check(c.Task); err != nil {
		return err
	}
	if err := c.Model.check(c.Task); err != nil {
		return err
	}
	if err := c.checkTraining(); err != nil {
		return err
	}
	return c.checkMemory()
}

// Validate checks c in full: Check, then the engine's model for the task, which builds the task (for the
// character model, decoding and sorting the user's text). The trainer, the worker and the command line
// run it; its error names the field at fault.
func (c *Config) Validate() error {
	if err := c.Check(); err != nil {
		return err
	}
	return c.modelConfig(nil)
}

// check validates the model's fields for task tc.
func (m *ModelSpec) check(tc task.Config) error {
	k := nn.Cell(m.Cell)
	if k == nil {
		return fmt.Errorf("model.cell: unknown %q (want %s)", m.Cell, strings.Join(nn.CellNames(), ", "))
	}
	if err := checkInt("model.layers", m.Layers, 1, nn.MaxLayers); err != nil {
		return err
	}
	if err := checkInt("model.hidden", m.Hidden, 1, nn.MaxUnits); err != nil {
		return err
	}
	if m.Activation != "" && !slices.Contains(k.Activations, m.Activation) {
		return fmt.Errorf("model.activation: %q for %s (want %s)", m.Activation, m.Cell, orNone(k.Activations))
	}
	if m.ResetAfter && !k.ResetAfter {
		return fmt.Errorf("model.reset_after: the %s cell has none", m.Cell)
	}
	if err := m.checkGates(k); err != nil {
		return err
	}
	if err := checkInt("model.embed", m.Embed, 0, nn.MaxUnits); err != nil {
		return err
	}
	if !(m.Dropout >= 0 && m.Dropout <= 0.9) {
		return fmt.Errorf("model.dropout: %v is outside [0, 0.9]", m.Dropout)
	}
	if err := m.checkAttention(tc); err != nil {
		return err
	}
	if !(m.AuxWeight >= 0 && m.AuxWeight <= 100) {
		return fmt.Errorf("model.aux_weight: %v is outside [0, 100]", m.AuxWeight)
	}
	if m.AuxKind != "" && m.AuxKind != nn.AuxNext && m.AuxKind != nn.AuxReconstruct {
		return fmt.Errorf("model.aux_kind: unknown %q (want next or reconstruct)", m.AuxKind)
	}
	return checkInt("model.aux_segment", m.AuxSegment, 0, 64)
}

// checkGates validates the recurrent activation of cell k's gates.
func (m *ModelSpec) checkGates(k *nn.CellKind) error {
	if m.RecurrentActivation == "" {
		return nil
	}
	if !k.Gated {
		return fmt.Errorf("model.recurrent_activation: only the %s cells have gates (leave it empty)",
			nn.AndList(nn.CellNames(func(k *nn.CellKind) bool { return k.Gated })))
	}
	if m.Attention != "" {
		return fmt.Errorf("model.recurrent_activation: the encoder–decoder's gates are sigmoid (leave it empty)")
	}
	if m.RecurrentActivation != nn.RecSigmoid && m.RecurrentActivation != nn.RecHardSigmoid {
		return fmt.Errorf("model.recurrent_activation: unknown %q (want %s or %s)", m.RecurrentActivation, nn.RecSigmoid, nn.RecHardSigmoid)
	}
	return nil
}

// checkAttention validates the encoder–decoder's settings for task tc.
func (m *ModelSpec) checkAttention(tc task.Config) error {
	if m.Attention == "" {
		return nil
	}
	if e := task.Lookup(tc.Name); e.Kind != task.Seq2Seq {
		return fmt.Errorf("model.attention: only the sequence→sequence tasks (%s) have an encoder–decoder (leave it empty)",
			strings.Join(task.Names(func(e *task.Entry) bool { return e.Kind == task.Seq2Seq }), ", "))
	}
	if m.Layers != 1 || m.Dropout != 0 {
		return fmt.Errorf("model.attention: the encoder–decoder has one layer and no dropout (set model.layers 1, model.dropout 0)")
	}
	switch m.Attention {
	case "none", nn.ScoreAdditive, nn.ScoreDot, nn.ScoreScaledDot, nn.ScoreGeneral, nn.ScoreConcatLinear:
		return nil
	}
	return fmt.Errorf("model.attention: unknown %q (want none, additive, dot, scaled_dot, general or concat_linear)", m.Attention)
}

// checkTraining validates the optimiser, clipping, batch and stop rules.
func (c *Config) checkTraining() error {
	if err := c.Optimizer.Validate(); err != nil {
		return err
	}
	if err := c.Clip.Validate(); err != nil {
		return err
	}
	if err := checkInt("batch", c.Batch, 1, MaxBatch); err != nil {
		return err
	}
	if err := checkInt("steps", c.Steps, 1, MaxSteps); err != nil {
		return err
	}
	if err := checkInt("eval_every", c.EvalEvery, 1, MaxSteps); err != nil {
		return err
	}
	if !(c.TargetLoss >= 0 && c.TargetLoss < math.Inf(1)) {
		return fmt.Errorf("target_loss: %v is outside [0, ∞)", c.TargetLoss)
	}
	if !(c.Diverge == 0 || (c.Diverge >= 2 && c.Diverge <= 1e12)) {
		return fmt.Errorf("diverge: %v is outside [2, 1e12] (or 0 for the default 100)", c.Diverge)
	}
	return nil
}

// checkMemory bounds the activations of the training batch and of the validation set (MaxActivations).
func (c *Config) checkMemory() error {
	m := &c.Model
	tc := task.WithDefaults(c.Task)
	steps := task.Steps(tc)
	width := m.Layers * (nn.Cell(m.Cell).G() + 2) * m.Hidden // gates, state and output per layer
	for _, n := range []struct {
		what string
		B    int
	}{{"batch", c.Batch}, {"task.val_size", tc.ValSize}} {
		if a := steps * n.B * width; a > MaxActivations {
			return fmt.Errorf("%s: %d examples × %d steps × %d values per step is %d activations, the limit is %d "+
				"(use fewer examples, steps or units)", n.what, n.B, steps, width, a, MaxActivations)
		}
	}
	return nil
}

// orNone lists choices, or says there are none.
func orNone(choices []string) string {
	if len(choices) == 0 {
		return "none: leave it empty"
	}
	return strings.Join(choices, ", ")
}

func checkInt(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s: %d is outside [%d, %d]", field, v, lo, hi)
	}
	return nil
}

// modelConfig builds the engine's model configuration for c on the task described by spec (nil: the
// task's spec without building it — Validate uses this to check the engine's own limits).
func (c *Config) modelConfig(spec *task.Spec) error {
	_, err := c.ModelConfig(spec)
	return err
}

// ModelConfig returns the engine model for c on the task with the given spec (nil: derived from c.Task,
// which is then built). The stack is [embedding] → recurrent × layers [→ dropout] → dense head, the
// head's activation fitting the task's loss.
func (c *Config) ModelConfig(spec *task.Spec) (nn.ModelConfig, error) {
	if spec == nil {
		tk, err := task.New(task.Config{Name: c.Task.Name, T: c.Task.T, Alphabet: c.Task.Alphabet,
			Noise: c.Task.Noise, Text: c.Task.Text, ValSize: 1})
		if err != nil {
			return nn.ModelConfig{}, err
		}
		s := tk.Spec()
		spec = &s
	}
	m := c.Model
	mc := nn.ModelConfig{Input: spec.Input, Loss: spec.Loss}
	if m.AuxWeight > 0 {
		kind := m.AuxKind
		if kind == "" {
			kind = nn.AuxReconstruct
		}
		mc.Aux = &nn.AuxConfig{Kind: kind, Weight: m.AuxWeight, Segment: m.AuxSegment}
	}
	if m.seq2seq() && spec.Seq2Seq {
		// The task's decoder start token is K = spec.Output (see task.Unroll and nn.Seq2SeqConfig).
		mc.Seq2Seq = &nn.Seq2SeqConfig{Cell: m.Cell, Units: m.Hidden, Tokens: spec.Tokens, Embed: embedWidth(m, spec),
			Classes: spec.Output, Start: spec.Output, Attention: m.Attention, Activation: m.Activation,
			ResetAfter: m.ResetAfter, Init: m.Init}
		err := mc.Validate()
		return mc, err
	}
	if spec.Tokens {
		mc.Layers = append(mc.Layers, nn.LayerConfig{Type: "embedding", Units: embedWidth(m, spec)})
	}
	every := spec.EveryStep || spec.Seq2Seq
	for l := 0; l < m.Layers; l++ {
		mc.Layers = append(mc.Layers, nn.LayerConfig{Type: m.Cell, Units: m.Hidden, Activation: m.Activation,
			ResetAfter: m.ResetAfter, Init: m.Init, ReturnSequences: every || l < m.Layers-1,
			RecurrentActivation: m.RecurrentActivation})
		if m.Dropout > 0 {
			mc.Layers = append(mc.Layers, nn.LayerConfig{Type: "dropout", Rate: m.Dropout})
		}
	}
	act := map[nn.Loss]string{nn.MSE: "linear", nn.BCE: "sigmoid", nn.XEnt: "softmax"}[spec.Loss]
	mc.Layers = append(mc.Layers, nn.LayerConfig{Type: "dense", Units: spec.Output, Activation: act})
	if err := mc.Validate(); err != nil {
		return mc, err
	}
	return mc, nil
}

// embedWidth is the embedding width for token input: m.Embed, or 16 (32 above 100 tokens).
func embedWidth(m ModelSpec, spec *task.Spec) int {
	if m.Embed != 0 {
		return m.Embed
	}
	if spec.Input > 100 {
		return 32
	}
	return 16
}

// ParseConfig reads a JSON configuration. Fields it leaves out take the defaults of its task (so
// {"task":{"name":NAME}} is a whole run); unknown fields are errors. The result is validated.
func ParseConfig(data []byte) (Config, error) {
	var head struct {
		Task struct {
			Name string `json:"name"`
		} `json:"task"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Config{}, fmt.Errorf("config: not valid JSON: %v", err)
	}
	if head.Task.Name == "" {
		return Config{}, fmt.Errorf("task.name: missing (want one of %v)", task.Names())
	}
	c := Default(head.Task.Name)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("config: %v", err)
	}
	if dec.More() {
		return Config{}, fmt.Errorf("config: extra data after the JSON object")
	}
	if c.Clip.Mode == "" || c.Clip.Mode == "off" {
		// No clipping: one spelling, so that the configuration survives a JSON round trip (an omitted
		// threshold would take the default's).
		c.Clip = nn.ClipConfig{Mode: "off"}
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}
