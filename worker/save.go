package worker

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn"
)

// A run file is a trained model with the configuration that trained it:
//
//	{"format": "rnn-playground/run", "version": 1, "config": {Config}, "step": N, "model": {nn model file}}
type runFile struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Config  Config          `json:"config"`
	Step    int             `json:"step"`
	Model   json.RawMessage `json:"model"`
}

const runFormat = "rnn-playground/run"

// MaxFile is the largest model file accepted.
const MaxFile = 64 << 20

func (r *run) save() ([]byte, error) {
	m, err := json.Marshal(r.model)
	if err != nil {
		return nil, err
	}
	return json.Marshal(runFile{Format: runFormat, Version: 1, Config: r.cfg, Step: r.step, Model: m})
}

// loadRun restores a run from a file, or says what is wrong with the file.
func loadRun(data []byte) (*run, error) {
	if len(data) > MaxFile {
		return nil, fmt.Errorf("load: the file is %d bytes, more than %d", len(data), MaxFile)
	}
	var f runFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("load: not a playground model file: %v", err)
	}
	if f.Format != runFormat || f.Version != 1 {
		return nil, fmt.Errorf("load: format %q version %d, want %q version 1", f.Format, f.Version, runFormat)
	}
	r, err := newRun(f.Config)
	if err != nil {
		return nil, fmt.Errorf("load: config: %w", err)
	}
	m, err := nn.LoadModel(f.Model)
	if err != nil {
		return nil, err
	}
	want, got := r.model.Params, m.Params
	if len(want.List) != len(got.List) {
		return nil, fmt.Errorf("load: the model has %d parameters, its config makes %d", len(got.List), len(want.List))
	}
	for i, p := range want.List {
		q := got.List[i]
		if p.Name != q.Name || fmt.Sprint(p.Shape) != fmt.Sprint(q.Shape) {
			return nil, fmt.Errorf("load: parameter %d is %v, the config makes %v", i, q, p)
		}
	}
	if f.Step < 0 {
		return nil, fmt.Errorf("load: step %d is negative", f.Step)
	}
	copy(want.W, got.W)
	r.step, r.evalStep = f.Step, f.Step
	return r, nil
}
