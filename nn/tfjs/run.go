package tfjs

import (
	"encoding/json"
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// ExportRun exports the model of a saved run (package train's format).
func ExportRun(saved []byte) (*Files, error) {
	_, _, net, err := train.Load(saved)
	if err != nil {
		return nil, err
	}
	return Export(net)
}

// ImportRun fits an imported LayersModel to a task and returns it as a saved run, ready to load and train.
// base gives the task and the training settings (optimiser, batch, steps, seed); the model takes the place
// of base.Model. The model must be what the playground builds for the task from a model choice: [Embedding
// for token tasks] → recurrent layers of one kind and size [each followed by one Dropout rate] → a Dense
// head as wide as the task's output, with the activation of the task's loss, every recurrent layer but the
// last returning sequences and the last doing so when the task scores every step. Anything else is refused
// with an error naming the layer and the option.
func ImportRun(modelFile []byte, files map[string][]byte, base train.Config) ([]byte, error) {
	im, err := read(modelFile, files)
	if err != nil {
		return nil, err
	}
	if err := task.Check(base.Task); err != nil {
		return nil, err
	}
	tk, err := task.New(base.Task)
	if err != nil {
		return nil, err
	}
	spec := tk.Spec()
	ms, err := im.fit(spec)
	if err != nil {
		return nil, err
	}
	c := base
	c.Model = ms
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("import: %v", err)
	}
	want, err := c.ModelConfig(&spec)
	if err != nil {
		return nil, fmt.Errorf("import: %v", err)
	}
	got := im.cfg
	got.Loss = want.Loss
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		return nil, fmt.Errorf("import: the model's layers %s are not what the playground builds for the %s task: %s", a, spec.Name, b)
	}
	m, err := im.model(want)
	if err != nil {
		return nil, err
	}
	return train.SaveNet(c, m)
}

// fit describes the imported layers as the playground's model choice for the task, or says which layer and
// option does not fit: the input (an Embedding for a token task), the Dense head, the recurrent layers
// between them (with their Dropout), and which of those return sequences.
func (im *imported) fit(spec task.Spec) (train.ModelSpec, error) {
	var ms train.ModelSpec
	if spec.Seq2Seq {
		spec.EveryStep = true // a plain stack reads the unrolled batches (task.Unroll)
	}
	first, err := im.fitInput(spec, &ms)
	if err != nil {
		return ms, err
	}
	last := len(im.cfg.Layers) - 1
	if err := im.fitHead(spec, last); err != nil {
		return ms, err
	}
	rec, err := im.fitRecurrent(first, last, &ms)
	if err != nil {
		return ms, err
	}
	if err := im.fitSequences(spec, rec, last, ms); err != nil {
		return ms, err
	}
	ms.Layers = len(rec)
	return ms, nil
}

// refuse is the error of layer i's option that does not fit.
func (im *imported) refuse(i int, format string, a ...any) error {
	return fmt.Errorf("import: layer %q (%s): %s", im.names[i], kerasClass[im.cfg.Layers[i].Type], fmt.Sprintf(format, a...))
}

// fitInput checks the model's input against the task's (an Embedding of its vocabulary for tokens, else
// its features per step) and returns the index of the first layer after it.
func (im *imported) fitInput(spec task.Spec, ms *train.ModelSpec) (int, error) {
	l0 := im.cfg.Layers[0]
	if spec.Tokens {
		if l0.Type != "embedding" {
			return 0, im.refuse(0, "the %s task's inputs are tokens (a vocabulary of %d): the model needs an Embedding first", spec.Name, spec.Input)
		}
		if im.cfg.Input != spec.Input {
			return 0, im.refuse(0, "input_dim %d, the %s task's vocabulary has %d tokens", im.cfg.Input, spec.Name, spec.Input)
		}
		ms.Embed = l0.Units
		return 1, nil
	}
	if l0.Type == "embedding" {
		return 0, im.refuse(0, "the %s task's inputs are %d real features per step, not tokens: the model must start with a recurrent layer", spec.Name, spec.Input)
	}
	if im.cfg.Input != spec.Input {
		return 0, im.refuse(0, "batch_input_shape has %d features per step, the %s task has %d", im.cfg.Input, spec.Name, spec.Input)
	}
	return 0, nil
}

// fitHead checks that the last layer is the Dense head of the task: its outputs and the activation of
// its loss.
func (im *imported) fitHead(spec task.Spec, last int) error {
	head := im.cfg.Layers[last]
	if head.Type != "dense" {
		return im.refuse(last, "the last layer must be a Dense head with the task's %d outputs", spec.Output)
	}
	if head.Units != spec.Output {
		return im.refuse(last, "units %d, the %s task predicts %d values per step", head.Units, spec.Name, spec.Output)
	}
	act := map[nn.Loss]string{nn.MSE: "linear", nn.BCE: "sigmoid", nn.XEnt: "softmax"}[spec.Loss]
	if head.Activation != act {
		return im.refuse(last, "activation %s, the %s task's loss (%s) needs %s", head.Activation, spec.Name, spec.Loss, act)
	}
	return nil
}

// fitRecurrent reads layers [first, last) into ms: recurrent layers of one kind, size and activation,
// each followed by the one Dropout rate or none. It returns the indices of the recurrent layers.
func (im *imported) fitRecurrent(first, last int, ms *train.ModelSpec) ([]int, error) {
	ls, names := im.cfg.Layers, im.names
	var rec []int
	for i := first; i < last; i++ {
		l := ls[i]
		switch l.Type {
		case "rnn", "lstm", "gru":
			if len(rec) == 0 {
				ms.Cell, ms.Hidden, ms.RecurrentActivation = l.Type, l.Units, l.RecurrentActivation
				if l.Type == "rnn" {
					ms.Activation = l.Activation
				}
			}
			r0 := ls[rec0(rec, i)]
			switch {
			case l.Type != ms.Cell:
				return nil, im.refuse(i, "the playground stacks one kind of recurrent layer (this one follows a %s)", kerasClass[ms.Cell])
			case l.Units != ms.Hidden:
				return nil, im.refuse(i, "units %d: the playground's recurrent layers all have the same units (%d in %q)", l.Units, ms.Hidden, names[rec0(rec, i)])
			case l.Activation != r0.Activation:
				return nil, im.refuse(i, "activation %s differs from %q's %s", l.Activation, names[rec0(rec, i)], r0.Activation)
			case l.RecurrentActivation != r0.RecurrentActivation:
				return nil, im.refuse(i, "recurrent_activation differs from %q's", names[rec0(rec, i)])
			}
			rec = append(rec, i)
		case "dropout":
			if len(rec) == 0 || ls[i-1].Type == "dropout" || ls[i-1].Type == "embedding" {
				return nil, im.refuse(i, "the playground has dropout only after each recurrent layer")
			}
			if ms.Dropout != 0 && l.Rate != ms.Dropout || ms.Dropout == 0 && len(rec) > 1 {
				return nil, im.refuse(i, "rate %v: the playground uses one dropout rate after every recurrent layer", l.Rate)
			}
			ms.Dropout = l.Rate
		default:
			return nil, im.refuse(i, "the playground's model has one Dense layer, the head, last")
		}
	}
	if len(rec) == 0 {
		return nil, fmt.Errorf("import: the model has no recurrent layer (SimpleRNN, LSTM or GRU)")
	}
	return rec, nil
}

// fitSequences checks the stack the recurrent layers rec form: with dropout, a Dropout after each; every
// layer but the last returns its sequence, and the last does when the task scores every step.
func (im *imported) fitSequences(spec task.Spec, rec []int, last int, ms train.ModelSpec) error {
	ls := im.cfg.Layers
	if ms.Dropout > 0 {
		for _, r := range rec {
			if r+1 >= last || ls[r+1].Type != "dropout" {
				return im.refuse(r, "the playground puts the same Dropout after every recurrent layer; this one has none")
			}
		}
	}
	for k, r := range rec {
		every := k < len(rec)-1 || spec.EveryStep
		if ls[r].ReturnSequences != every {
			why := "a recurrent layer below another passes on its whole sequence"
			if k == len(rec)-1 {
				why = fmt.Sprintf("the %s task scores only the last step", spec.Name)
				if spec.EveryStep {
					why = fmt.Sprintf("the %s task scores every step", spec.Name)
				}
			}
			return im.refuse(r, "return_sequences %v: %s", ls[r].ReturnSequences, why)
		}
	}
	return nil
}

// rec0 is the index of the first recurrent layer (i itself when it is the first).
func rec0(rec []int, i int) int {
	if len(rec) == 0 {
		return i
	}
	return rec[0]
}
