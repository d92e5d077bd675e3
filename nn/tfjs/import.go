package tfjs

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// MaxWeights bounds the weights an imported model may declare (the engine's own limit is 10M parameters).
const MaxWeights = 10_000_000

// imported is a LayersModel read into the engine's terms: the layers (the loss is left for the caller),
// the Keras name of each, and every weight by its manifest name.
type imported struct {
	cfg     nn.ModelConfig
	names   []string             // Keras layer name of cfg.Layers[i]
	weights map[string][]float64 // manifest name → values
	shapes  map[string][]int
}

// Import reads a LayersModel into an engine model with the given loss (its last layer must fit it, as
// nn.ModelConfig.Validate says). files holds the weight files by base name, as the manifest's paths name
// them. Layers and options the engine cannot reproduce are refused with an error naming the layer and
// option; so are bad files, whatever their content.
func Import(modelFile []byte, files map[string][]byte, loss nn.Loss) (*nn.Model, error) {
	im, err := read(modelFile, files)
	if err != nil {
		return nil, err
	}
	im.cfg.Loss = loss
	return im.model(im.cfg)
}

// model builds cfg (the imported layers, possibly re-described) and copies the imported weights into it.
func (im *imported) model(cfg nn.ModelConfig) (*nn.Model, error) {
	m, err := nn.NewModel(cfg, nn.NewRNG(0))
	if err != nil {
		return nil, fmt.Errorf("import: %v", err)
	}
	used := map[string]bool{}
	for _, p := range m.Params.List {
		i := slices.Index(m.Names, p.Name[:strings.IndexByte(p.Name, '.')])
		kname, wname := im.names[i], p.Name[strings.IndexByte(p.Name, '.')+1:]
		key := im.find(kname, wname)
		if key == "" {
			return nil, fmt.Errorf("import: layer %q: its weight %q is not in the weights manifest", kname, wname)
		}
		if !slices.Equal(im.shapes[key], p.Shape) {
			return nil, fmt.Errorf("import: layer %q: weight %s has shape %v, the layer needs %v", kname, key, im.shapes[key], p.Shape)
		}
		copy(p.W, im.weights[key])
		used[key] = true
	}
	for key := range im.weights {
		if !used[key] {
			return nil, fmt.Errorf("import: the weights manifest has %s, which no layer of the model uses", key)
		}
	}
	return m, nil
}

// find returns the manifest name of layer kname's weight wname: "kname/wname" as TensorFlow.js writes it,
// or a longer path through kname ending in wname, as Keras writes it ("lstm/lstm_cell/kernel:0").
func (im *imported) find(kname, wname string) string {
	if _, ok := im.weights[kname+"/"+wname]; ok {
		return kname + "/" + wname
	}
	for key := range im.weights {
		parts := strings.Split(strings.TrimSuffix(key, ":0"), "/")
		if parts[len(parts)-1] == wname && slices.Contains(parts[:len(parts)-1], kname) {
			return key
		}
	}
	return ""
}

// read parses model.json and the weights.
func read(modelFile []byte, files map[string][]byte) (*imported, error) {
	var mj modelJSON
	if err := json.Unmarshal(modelFile, &mj); err != nil {
		return nil, fmt.Errorf("import: model.json is not valid JSON: %v", err)
	}
	if len(mj.ModelTopology) == 0 || string(mj.ModelTopology) == "null" {
		return nil, fmt.Errorf("import: model.json has no modelTopology (is it a TensorFlow.js LayersModel? a graph model does not import)")
	}
	var topo topology
	if err := json.Unmarshal(mj.ModelTopology, &topo); err != nil {
		return nil, fmt.Errorf("import: modelTopology: %v", err)
	}
	if topo.ModelConfig != nil {
		topo = *topo.ModelConfig
	}
	if topo.ClassName != "Sequential" {
		return nil, fmt.Errorf("import: the model is a %q; only Sequential models (a stack of layers) import", topo.ClassName)
	}
	var seq sequential
	if err := json.Unmarshal(topo.Config, &seq); err != nil {
		if err2 := json.Unmarshal(topo.Config, &seq.Layers); err2 != nil {
			return nil, fmt.Errorf("import: the Sequential config is neither {name, layers} nor a list of layers: %v", err)
		}
	}
	im := &imported{}
	if err := im.layers(seq.Layers); err != nil {
		return nil, err
	}
	if err := im.readWeights(mj.WeightsManifest, files); err != nil {
		return nil, err
	}
	return im, nil
}

// layers reads the layer list into im.cfg.Layers, im.cfg.Input and im.names.
func (im *imported) layers(ls []layer) error {
	var shape []any // batch input shape, from an InputLayer or the first layer
	for _, l := range ls {
		r := &reader{cfg: l.Config, class: l.ClassName}
		r.name, _ = l.Config["name"].(string)
		if l.ClassName == "InputLayer" {
			shape = r.shape()
			continue
		}
		typ := engineType(l.ClassName)
		if typ == "" {
			return fmt.Errorf("import: layer %q (%s): the playground has no such layer (it imports SimpleRNN, LSTM, GRU, "+
				"Embedding, Dropout and Dense)", r.name, l.ClassName)
		}
		if len(im.cfg.Layers) == 0 && shape == nil {
			shape = r.shape()
		}
		lc := im.layer(r, typ)
		if r.err != nil {
			return r.err
		}
		im.cfg.Layers = append(im.cfg.Layers, lc)
		im.names = append(im.names, r.name)
	}
	if len(im.cfg.Layers) == 0 {
		return fmt.Errorf("import: the model has no layers")
	}
	if im.cfg.Layers[0].Type != "embedding" {
		return im.inputWidth(shape)
	}
	return nil
}

// layer reads the options of one layer of the engine's type typ; r holds the first option refused.
func (im *imported) layer(r *reader, typ string) nn.LayerConfig {
	lc := nn.LayerConfig{Type: typ}
	r.noRegularizers()
	switch typ {
	case "rnn", "lstm", "gru":
		recurrentLayer(r, &lc)
	case "dense":
		lc.Units = r.units("units")
		lc.Activation = r.choice("activation", activations[typ])
		r.flag("use_bias", true, false)
	case "embedding":
		if len(im.cfg.Layers) > 0 {
			r.fail("", "an Embedding must be the first layer")
		}
		im.cfg.Input = r.units("input_dim")
		lc.Units = r.units("output_dim")
		r.flag("mask_zero", false, false)
	case "dropout":
		lc.Rate = r.number("rate")
		if !(lc.Rate >= 0 && lc.Rate <= 0.9) {
			r.fail("rate", "%v is outside [0, 0.9]", lc.Rate)
		}
		if v, ok := r.cfg["noise_shape"]; ok && v != nil {
			r.fail("noise_shape", "%v: the playground drops units independently (noise_shape null)", v)
		}
	}
	return lc
}

// recurrentLayer reads the options of a SimpleRNN, LSTM or GRU layer into lc (whose Type is set).
func recurrentLayer(r *reader, lc *nn.LayerConfig) {
	typ := lc.Type
	lc.Units = r.units("units")
	act := r.choice("activation", activations[typ])
	if typ == "rnn" {
		lc.Activation = act
	}
	if typ != "rnn" {
		// TensorFlow.js's default is hard_sigmoid; the engine writes sigmoid as "".
		if ra := r.choice("recurrent_activation", recurrentActivations); ra != nn.RecSigmoid {
			lc.RecurrentActivation = ra
		}
	}
	lc.ReturnSequences = r.flag("return_sequences", false, true)
	r.flag("use_bias", true, false)
	r.flag("return_state", false, false)
	r.flag("go_backwards", false, false)
	r.flag("stateful", false, false)
	if typ == "gru" {
		r.flag("reset_after", false, false)
	}
	r.zero("dropout")
	r.zero("recurrent_dropout")
}

// inputWidth reads im.cfg.Input, the features per step, from the batch input shape of a model whose
// first layer is recurrent.
func (im *imported) inputWidth(shape []any) error {
	if len(shape) != 3 {
		return fmt.Errorf("import: layer %q: batch_input_shape %v, want [batch, time, features] (a recurrent first layer "+
			"reads sequences of feature vectors)", im.names[0], shape)
	}
	d, ok := shape[2].(float64)
	if !ok || d != math.Trunc(d) || d < 1 || d > nn.MaxInput {
		return fmt.Errorf("import: layer %q: batch_input_shape %v: the feature count must be a number in [1, %d]", im.names[0], shape, nn.MaxInput)
	}
	im.cfg.Input = int(d)
	return nil
}

// readWeights reads every weight of the manifest from its files (little-endian float32).
func (im *imported) readWeights(groups []weightGroup, files map[string][]byte) error {
	im.weights, im.shapes = map[string][]float64{}, map[string][]int{}
	total := 0
	for _, g := range groups {
		var data []byte
		for _, p := range g.Paths {
			b, ok := files[path.Base(p)]
			if !ok {
				return fmt.Errorf("import: the weight file %q named in model.json was not given", path.Base(p))
			}
			data = append(data, b...)
		}
		off := 0
		for _, w := range g.Weights {
			if w.Dtype != "float32" || len(w.Quantization) > 0 {
				return fmt.Errorf("import: weight %s is %s%s; only float32 weights import (save the model unquantised)",
					w.Name, w.Dtype, map[bool]string{true: " quantised", false: ""}[len(w.Quantization) > 0])
			}
			n := 1
			for _, d := range w.Shape {
				if d < 1 || d > MaxWeights {
					return fmt.Errorf("import: weight %s has shape %v", w.Name, w.Shape)
				}
				n *= d
				if n > MaxWeights {
					return fmt.Errorf("import: weight %s has more than %d values", w.Name, MaxWeights)
				}
			}
			if total += n; total > MaxWeights {
				return fmt.Errorf("import: the model has more than %d weights", MaxWeights)
			}
			if off+4*n > len(data) {
				return fmt.Errorf("import: the weight files are %d bytes, too short for weight %s (the manifest needs at least %d)",
					len(data), w.Name, off+4*n)
			}
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(data[off+4*i:])))
			}
			if _, dup := im.weights[w.Name]; dup {
				return fmt.Errorf("import: the weights manifest names %s twice", w.Name)
			}
			im.weights[w.Name], im.shapes[w.Name] = v, w.Shape
			off += 4 * n
		}
		if off != len(data) {
			return fmt.Errorf("import: the weight files %v are %d bytes, the manifest describes %d", g.Paths, len(data), off)
		}
	}
	return nil
}

// reader reads a layer's options and keeps the first refusal.
type reader struct {
	name, class string
	cfg         map[string]any
	err         error
}

func (r *reader) fail(option, format string, a ...any) {
	if r.err != nil {
		return
	}
	what := ""
	if option != "" {
		what = " " + option
	}
	r.err = fmt.Errorf("import: layer %q (%s)%s: %s", r.name, r.class, what, fmt.Sprintf(format, a...))
}

// shape returns the layer's batch input shape (Keras 2 batch_input_shape, Keras 3 batch_shape), or nil.
func (r *reader) shape() []any {
	for _, k := range []string{"batch_input_shape", "batch_shape"} {
		if s, ok := r.cfg[k].([]any); ok {
			return s
		}
	}
	return nil
}

// units reads a positive integer option.
func (r *reader) units(key string) int {
	v, ok := r.cfg[key].(float64)
	if !ok || v != math.Trunc(v) || v < 1 || v > nn.MaxInput {
		r.fail(key, "%v, want a whole number in [1, %d]", r.cfg[key], nn.MaxInput)
		return 1
	}
	return int(v)
}

func (r *reader) number(key string) float64 {
	v, ok := r.cfg[key].(float64)
	if !ok {
		r.fail(key, "%v, want a number", r.cfg[key])
	}
	return v
}

// zero refuses a non-zero number (an absent or null option is zero).
func (r *reader) zero(key string) {
	if v, ok := r.cfg[key]; ok && v != nil && v != 0.0 {
		r.fail(key, "%v: the playground has no such dropout inside the recurrence (set it to 0; a Dropout layer "+
			"between recurrent layers imports)", v)
	}
}

// flag reads a boolean option; absent or null is def. Unless free, only def is accepted.
func (r *reader) flag(key string, def, free bool) bool {
	v, ok := r.cfg[key]
	if !ok || v == nil {
		return def
	}
	b, isBool := v.(bool)
	if !isBool {
		r.fail(key, "%v, want true or false", v)
		return def
	}
	if !free && b != def {
		r.fail(key, "%v has no equivalent in the playground (only %v imports)", b, def)
	}
	return b
}

// choice reads a string option from allowed (absent or null: allowed[0]); camelCase names are read as the
// snake_case Keras names ("hardSigmoid" is "hard_sigmoid").
func (r *reader) choice(key string, allowed []string) string {
	v, ok := r.cfg[key]
	if !ok || v == nil {
		return allowed[0]
	}
	s, _ := v.(string)
	s = snake(s)
	if !slices.Contains(allowed, s) {
		r.fail(key, "%v: the playground's %s takes %s", v, r.class, strings.Join(allowed, ", "))
	}
	return s
}

// noRegularizers refuses regularizers and constraints: they change the training objective.
func (r *reader) noRegularizers() {
	keys := make([]string, 0, len(r.cfg))
	for k := range r.cfg {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if (strings.HasSuffix(k, "_regularizer") || strings.HasSuffix(k, "_constraint")) && r.cfg[k] != nil {
			r.fail(k, "has no equivalent in the playground (set it to null; weight decay is the optimiser's there)")
		}
	}
}

func snake(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// WeightPaths returns the weight files model.json's manifest names (nil if it cannot be read: Import then
// says why).
func WeightPaths(modelFile []byte) []string {
	var mj modelJSON
	if json.Unmarshal(modelFile, &mj) != nil {
		return nil
	}
	var ps []string
	for _, g := range mj.WeightsManifest {
		ps = append(ps, g.Paths...)
	}
	return ps
}
