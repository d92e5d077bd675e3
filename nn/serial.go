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
// Parameters are listed in the model's order with the layouts documented on each layer: a recurrent
// layer's are its cell's (CellKind.Params), the gate blocks of its kernels in the order of
// CellKind.Gates (LSTM i, f, g, o; GRU z, r, h). Numbers are written in Go's shortest round-trip form, so
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
func (m *Model) MarshalJSON() ([]byte, error) { return marshalNet(m.Config, m.Params) }

// MarshalJSON saves the encoder–decoder's configuration and weights, in the same format as a Model.
func (n *Seq2Seq) MarshalJSON() ([]byte, error) { return marshalNet(n.Config, n.Params) }

func marshalNet(cfg ModelConfig, ps *Params) ([]byte, error) {
	s := savedModel{Format: modelFormat, Version: 1, Config: cfg}
	for _, p := range ps.List {
		for _, w := range p.W {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("save: parameter %s has a non-finite value", p.Name)
			}
		}
		s.Params = append(s.Params, savedParam{Name: p.Name, Shape: p.Shape, Data: p.W})
	}
	return json.Marshal(s)
}

// NewNet builds the network cfg describes: a Seq2Seq when cfg.Seq2Seq is set, else a Model.
func NewNet(cfg ModelConfig, rng *RNG) (Net, error) {
	if cfg.Seq2Seq != nil {
		n, err := NewSeq2Seq(cfg, rng)
		if err != nil {
			return nil, err // a nil interface, not a nil *Seq2Seq in one
		}
		return n, nil
	}
	m, err := NewModel(cfg, rng)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// LoadModel reads a saved layer-stack model; a saved encoder–decoder is an error (use LoadNet).
func LoadModel(data []byte) (*Model, error) {
	n, err := LoadNet(data)
	if err != nil {
		return nil, err
	}
	m, ok := n.(*Model)
	if !ok {
		return nil, fmt.Errorf("load: the file holds a seq2seq model; use LoadNet")
	}
	return m, nil
}

// LoadNet reads a saved network of any kind (a *Model or a *Seq2Seq). Whatever the input, it returns a
// network or an error saying what is wrong; it never panics.
func LoadNet(data []byte) (Net, error) {
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
	m, err := NewNet(s.Config, NewRNG(0))
	if err != nil {
		return nil, fmt.Errorf("load: %v", err)
	}
	ps := m.Parameters()
	if len(s.Params) != len(ps.List) {
		return nil, fmt.Errorf("load: %d parameters, the configuration has %d", len(s.Params), len(ps.List))
	}
	for i, p := range ps.List {
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
	var rec LayerConfig // the last recurrent layer, which an auxiliary head reads
	for _, l := range c.Layers {
		if k := Cell(l.Type); k != nil {
			n += k.Count(w, l.Units, l)
			rec = l
		}
		switch l.Type {
		case "dense", "embedding":
			n += (w + 1) * l.Units
		case "attention":
			a := l.Units
			if a == 0 {
				a = w
			}
			n += attnParams(l.Score, w, w, a)
		}
		if l.Type != "dropout" && l.Type != "attention" {
			w = l.Units
		}
	}
	din := c.Input
	if len(c.Layers) > 0 && c.Layers[0].Type == "embedding" {
		din = c.Layers[0].Units
	}
	n += auxParams(c.Aux, rec, din, c.Input)
	if n > 10_000_000 {
		return fmt.Errorf("model has %d parameters, the limit is 10000000", n)
	}
	return nil
}
