package nn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// A saved model is JSON:
//
//	{
//	  "format": "rnn-playground/model", "version": 1,
//	  "config": {ModelConfig},
//	  "params": [{"name": "lstm0.kernel", "shape": [D, 4H], "data": [row-major values]}, …]
//	}
//
// Parameters are listed in the model's order with the layouts documented on each layer (LSTM kernel
// [D, 4H] with gates i, f, c, o; GRU z, r, h). Numbers are written in Go's shortest round-trip form, so
// loading gives back the exact bits.
type savedModel struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Config  ModelConfig  `json:"config"`
	Params  []savedParam `json:"params"`
}

type savedParam struct {
	Name  string    `json:"name"`
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

const modelFormat = "rnn-playground/model"

// MarshalJSON saves the model's configuration and weights. Non-finite weights are an error.
func (m *Model) MarshalJSON() ([]byte, error) {
	s := savedModel{Format: modelFormat, Version: 1, Config: m.Config}
	for _, p := range m.Params.List {
		for _, w := range p.W {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("save: parameter %s has a non-finite value", p.Name)
			}
		}
		s.Params = append(s.Params, savedParam{Name: p.Name, Shape: p.Shape, Data: p.W})
	}
	return json.Marshal(s)
}

// LoadModel reads a saved model. Whatever the input, it returns a model or an error saying what is wrong;
// it never panics.
func LoadModel(data []byte) (*Model, error) {
	var s savedModel
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("load: not a model file: %v", err)
	}
	if s.Format != modelFormat {
		return nil, fmt.Errorf("load: format is %q, want %q", s.Format, modelFormat)
	}
	if s.Version != 1 {
		return nil, fmt.Errorf("load: version %d is not supported (want 1)", s.Version)
	}
	if err := s.Config.Validate(); err != nil {
		return nil, fmt.Errorf("load: %v", err)
	}
	m, err := buildModel(s.Config, NewRNG(0))
	if err != nil {
		return nil, fmt.Errorf("load: %v", err)
	}
	if len(s.Params) != len(m.Params.List) {
		return nil, fmt.Errorf("load: %d parameters, the configuration has %d", len(s.Params), len(m.Params.List))
	}
	for i, p := range m.Params.List {
		q := s.Params[i]
		if q.Name != p.Name {
			return nil, fmt.Errorf("load: parameter %d is %q, want %q", i, q.Name, p.Name)
		}
		if fmt.Sprint(q.Shape) != fmt.Sprint(p.Shape) {
			return nil, fmt.Errorf("load: parameter %s has shape %v, want %v", p.Name, q.Shape, p.Shape)
		}
		if len(q.Data) != len(p.W) {
			return nil, fmt.Errorf("load: parameter %s has %d values, want %d", p.Name, len(q.Data), len(p.W))
		}
		copy(p.W, q.Data)
	}
	return m, nil
}

// checkSize bounds the parameter count before anything is allocated (10M parameters, 80 MB).
func checkSize(c ModelConfig) error {
	n, w := 0, c.Input
	for _, l := range c.Layers {
		switch l.Type {
		case "rnn":
			n += (w + l.Units + 1) * l.Units
		case "lstm":
			n += (w + l.Units + 1) * 4 * l.Units
		case "gru":
			n += (w + l.Units + 2) * 3 * l.Units
		case "dense", "embedding":
			n += (w + 1) * l.Units
		}
		if l.Type != "dropout" {
			w = l.Units
		}
	}
	if n > 10_000_000 {
		return fmt.Errorf("model has %d parameters, the limit is 10000000", n)
	}
	return nil
}
