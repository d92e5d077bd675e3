package nn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
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

// Limits on a model file, checked by LoadNet before it builds anything.
const (
	// MaxParams bounds a model's parameters (Validate): 10M, 80 MB of float64.
	MaxParams = 10_000_000
	// MaxModelBytes bounds a model file: MaxParams numbers of up to 25 characters each (the longest
	// shortest-round-trip float64, "-2.2250738585072014e-308," ), with room for names and the configuration.
	MaxModelBytes = 256 << 20
	// MaxWeight bounds a loaded weight's magnitude. No training reaches it: the trainer stops a run whose
	// loss grows 100-fold, and Adam moves a weight by at most about lr ≤ 10 a step, 10^7 in MaxSteps; a
	// weight beyond it is a crafted or corrupted file (and a forward pass through 10^9 overflows soon).
	// Saving refuses such weights too, so whatever saves, loads.
	MaxWeight = 1e9
)

// MarshalJSON saves the model's configuration and weights. Non-finite weights, and weights beyond
// ±MaxWeight (which no load would accept), are an error.
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
			if math.Abs(w) > MaxWeight {
				return nil, fmt.Errorf("save: parameter %s has a weight of %.3g, beyond the limit ±%g (the run diverged)", p.Name, w, float64(MaxWeight))
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
// network or an error saying what is wrong; it never panics. The file is checked against its own
// configuration before anything is built (its size against MaxModelBytes, the parameters' names, shapes
// and value counts), and every weight must be finite and within ±MaxWeight, so that the time and memory
// it takes are proportional to the file's size.
func LoadNet(data []byte) (Net, error) {
	if len(data) > MaxModelBytes {
		return nil, fmt.Errorf("load: the file has %d bytes, the limit is %d (%d MiB)", len(data), MaxModelBytes, MaxModelBytes>>20)
	}
	var s struct {
		Format  string      `json:"format"`
		Version int         `json:"version"`
		Config  ModelConfig `json:"config"`
		Params  []struct {
			Name  string          `json:"name"`
			Shape []int           `json:"shape"`
			Data  json.RawMessage `json:"data"`
		} `json:"params"`
	}
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
	// Before building: the file's shapes must hold at least the configuration's least parameter count,
	// and each parameter's data must be long enough for its values ("[" and "]", a character and a
	// comma each), so that what is built is proportional to the file's size.
	need, have := minParams(s.Config), 0
	for _, q := range s.Params {
		n := 1
		for _, d := range q.Shape {
			if d < 1 || d > MaxParams || n*d > MaxParams {
				return nil, fmt.Errorf("load: parameter %s has shape %v, beyond the limit of %d parameters", q.Name, q.Shape, MaxParams)
			}
			n *= d
		}
		if len(q.Data) < 2*n+1 {
			return nil, fmt.Errorf("load: parameter %s of shape %v cannot hold %d values in %d bytes", q.Name, q.Shape, n, len(q.Data))
		}
		if have += n; have > MaxParams {
			return nil, fmt.Errorf("load: the file's shapes hold more than the limit of %d parameters", MaxParams)
		}
	}
	if have < need {
		return nil, fmt.Errorf("load: the file's shapes hold %d values, its configuration needs at least %d", have, need)
	}
	m, err := buildNet(s.Config)
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
		if !slices.Equal(q.Shape, p.Shape) {
			return nil, fmt.Errorf("load: parameter %s has shape %v, want %v", p.Name, q.Shape, p.Shape)
		}
		if err := readWeights(p.W, q.Data); err != nil {
			return nil, fmt.Errorf("load: parameter %s: %v", p.Name, err)
		}
	}
	return m, nil
}

// minParams is a lower bound on the parameters of a network c describes, computed without building it:
// its recurrent layers' parameters and the other layers' kernels (no biases, attention or auxiliary head).
func minParams(c ModelConfig) int {
	if c.Seq2Seq != nil {
		return 2 * c.Seq2Seq.Units * c.Seq2Seq.Units // the encoder's and the decoder's recurrent kernels
	}
	n, w := 0, c.Input
	for _, l := range c.Layers {
		if k := Cell(l.Type); k != nil {
			n += k.Count(w, l.Units, l)
		}
		if l.Type == "dense" || l.Type == "embedding" {
			n += w * l.Units
		}
		if l.Type != "dropout" && l.Type != "attention" {
			w = l.Units
		}
	}
	return n
}

// buildNet builds the network c describes for loading: a layer stack with zero weights (its
// initialisation, an orthogonal one costing O(H³), would be overwritten), an encoder–decoder initialised.
func buildNet(c ModelConfig) (Net, error) {
	if c.Seq2Seq != nil {
		return NewNet(c, NewRNG(0))
	}
	rng := NewRNG(0)
	m, err := buildModel(c, rng)
	if err != nil {
		return nil, err
	}
	if m.aux != nil {
		m.aux.rng = rng.Split(2)
	}
	return m, nil
}

// readWeights decodes the JSON array data into w, which it must fill exactly, with values within
// ±MaxWeight. It writes nowhere outside w.
func readWeights(w []float64, data json.RawMessage) error {
	got := w[:0:len(w)]
	if err := json.Unmarshal(data, &got); err != nil {
		return fmt.Errorf("data is not a list of numbers: %v", err)
	}
	if len(got) != len(w) {
		return fmt.Errorf("%d values, want %d", len(got), len(w))
	}
	for i, v := range w {
		if !(math.Abs(v) <= MaxWeight) {
			return fmt.Errorf("value %d is %.3g, beyond the limit ±%g (no training produces it)", i, v, float64(MaxWeight))
		}
	}
	return nil
}

// checkSize bounds the parameter count before anything is allocated (MaxParams).
func checkSize(c ModelConfig) error {
	if n := paramCount(c); n > MaxParams {
		return fmt.Errorf("model has %d parameters, the limit is %d", n, MaxParams)
	}
	return nil
}

// paramCount bounds the number of parameters of a layer stack c describes, computed without building it.
func paramCount(c ModelConfig) int {
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
	return n + auxParams(c.Aux, rec, din, c.Input)
}
