package train

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// A saved run is JSON: the run's configuration (so the task — a language model's vocabulary, say — can be
// rebuilt) and the model in the engine's format (see nn.LoadModel).
//
//	{"format": "rnn-playground/run", "version": 1, "config": {Config}, "model": {saved model}}
type savedRun struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Config  Config          `json:"config"`
	Model   json.RawMessage `json:"model"`
}

const runFormat = "rnn-playground/run"

// MaxRunBytes bounds a saved run: a model file (nn.MaxModelBytes) and a configuration whose text
// (task.MaxText bytes) JSON may write at up to 6 bytes a byte (\u00XX).
const MaxRunBytes = nn.MaxModelBytes + 6*task.MaxText + 1<<20

// Save returns the run's configuration and current weights as JSON.
func (r *Run) Save() ([]byte, error) { return SaveNet(r.cfg, r.net) }

// SaveNet returns a saved run of configuration c with net's weights (net must be what c builds; Load
// checks it), as a model made elsewhere — an imported one, say — becomes a run to load.
func SaveNet(c Config, net nn.Net) ([]byte, error) {
	m, err := json.Marshal(net)
	if err != nil {
		return nil, err
	}
	return json.Marshal(savedRun{Format: runFormat, Version: 1, Config: c, Model: m})
}

// Load reads a saved run: its configuration, its task and its model. Whatever the input, it returns
// them or an error saying what is wrong. The model is checked (nn.LoadNet) before the task is built.
func Load(data []byte) (Config, task.Task, nn.Net, error) {
	if len(data) > MaxRunBytes {
		return Config{}, nil, nil, fmt.Errorf("load: the file has %d bytes, the limit is %d (%d MiB)", len(data), MaxRunBytes, MaxRunBytes>>20)
	}
	var s savedRun
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Config{}, nil, nil, fmt.Errorf("load: not a saved run: %v", err)
	}
	if s.Format != runFormat || s.Version != 1 {
		return Config{}, nil, nil, fmt.Errorf("load: format %q version %d, want %q version 1", s.Format, s.Version, runFormat)
	}
	if err := s.Config.Validate(); err != nil {
		return Config{}, nil, nil, fmt.Errorf("load: %v", err)
	}
	m, err := nn.LoadNet(s.Model)
	if err != nil {
		return Config{}, nil, nil, err
	}
	tk, err := task.New(task.Config{Name: s.Config.Task.Name, T: s.Config.Task.T, Alphabet: s.Config.Task.Alphabet,
		Noise: s.Config.Task.Noise, Text: s.Config.Task.Text, ValSize: s.Config.Task.ValSize})
	if err != nil {
		return Config{}, nil, nil, fmt.Errorf("load: %v", err)
	}
	var cfg nn.ModelConfig
	switch n := m.(type) {
	case *nn.Model:
		cfg = n.Config
	case *nn.Seq2Seq:
		cfg = n.Config
	}
	spec := tk.Spec()
	want, err := s.Config.ModelConfig(&spec)
	if err != nil {
		return Config{}, nil, nil, fmt.Errorf("load: %v", err)
	}
	got, _ := json.Marshal(cfg)
	exp, _ := json.Marshal(want)
	if !bytes.Equal(got, exp) {
		return Config{}, nil, nil, fmt.Errorf("load: the model does not match the run's configuration")
	}
	return s.Config, tk, m, nil
}
