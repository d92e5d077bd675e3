package worker

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn/tfjs"
)

// exportTFJS replies with run id's model as a TensorFlow.js LayersModel, or an error naming what has no
// TensorFlow.js equivalent (package nn/tfjs).
func (s *Session) exportTFJS(id int) []byte {
	if id < 0 || id >= len(s.runs) {
		return s.fail(fmt.Errorf("export: no run %d", id))
	}
	f, err := tfjs.Export(s.runs[id].r.Model())
	if err != nil {
		return s.fail(err)
	}
	return s.encode(Message{Type: MsgTFJS, ID: id, File: f.Model, Weights: f.Weights, Playing: s.playing})
}

// importTFJS fits a LayersModel (c.File: model.json, c.Weights: its weight files by name) to the task and
// settings of c.Configs[0] and loads it as the one run; a model that does not fit is refused, naming the
// layer and option, and nothing changes.
func (s *Session) importTFJS(c Command) []byte {
	n := len(c.File)
	for _, w := range c.Weights {
		n += len(w)
	}
	if n > MaxFile {
		return s.fail(fmt.Errorf("import: the files are %d bytes, more than %d", n, MaxFile))
	}
	if len(c.Configs) != 1 {
		return s.fail(fmt.Errorf("import: %d configurations, want the page's one (its task and settings)", len(c.Configs)))
	}
	saved, err := tfjs.ImportRun(c.File, c.Weights, c.Configs[0])
	if err != nil {
		return s.fail(err)
	}
	return s.load(saved)
}
