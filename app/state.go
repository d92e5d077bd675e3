package app

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// settings is everything a user chooses: the shared configuration (task, training) and the models —
// one, or up to worker.MaxRuns in compare mode, trained on the same data and seed. It round-trips
// through the page's URL so that a link reproduces a run.
type settings struct {
	Cfg    worker.Config
	Models []train.ModelSpec
	Hide   []string // classroom: controls hidden in this link
}

// clone returns a copy that shares no slice with s.
func (s settings) clone() settings {
	s.Models = slices.Clone(s.Models)
	s.Hide = slices.Clone(s.Hide)
	return s
}

func defaultSettings() settings {
	c := worker.Default()
	return settings{Cfg: c, Models: []train.ModelSpec{c.Model}}
}

// configs returns one run configuration per model.
func (s settings) configs() []worker.Config {
	out := make([]worker.Config, len(s.Models))
	for i, m := range s.Models {
		c := s.Cfg
		m.Init = s.Cfg.Model.Init
		m.Dropout = s.Cfg.Model.Dropout
		m.Activation = ""
		if cellKind(m.Cell).Activations != nil {
			m.Activation = s.Cfg.Model.Activation
		}
		m.AuxWeight, m.AuxKind = s.Cfg.Model.AuxWeight, s.Cfg.Model.AuxKind
		c.Model = m
		out[i] = c
	}
	return out
}

// validate checks the fields of every run configuration cheaply (train.Config.Check: no task is built on
// the UI thread); the worker validates in full when the runs start and its error is shown.
func (s settings) validate() error {
	for i, c := range s.configs() {
		if err := c.Check(); err != nil {
			if len(s.Models) > 1 {
				return fmt.Errorf("model %d: %w", i+1, err)
			}
			return err
		}
	}
	return nil
}

func (s settings) hidden(key string) bool { return slices.Contains(s.Hide, key) }

// Control keys: the URL parameters, and what a classroom link can hide.
var controlKeys = []string{"task", "T", "alphabet", "noise", "cell", "act", "layers", "hidden", "attn", "aux", "auxkind", "init", "gain", "fb", "dropout",
	"opt", "lr", "batch", "clip", "clipt", "wd", "seed", "every", "compare"}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// query encodes s as URL parameters, listing only what differs from the defaults.
func (s settings) query() url.Values {
	d := defaultSettings()
	q := url.Values{}
	set := func(k, v, def string) {
		if v != def {
			q.Set(k, v)
		}
	}
	c, dc := s.Cfg, d.Cfg
	set("task", c.Task.Name, dc.Task.Name)
	set("T", strconv.Itoa(c.Task.T), strconv.Itoa(dc.Task.T))
	set("alphabet", strconv.Itoa(c.Task.Alphabet), strconv.Itoa(dc.Task.Alphabet))
	set("noise", ftoa(c.Task.Noise), ftoa(dc.Task.Noise))
	set("act", c.Model.Activation, dc.Model.Activation)
	set("every", strconv.Itoa(c.EvalEvery), strconv.Itoa(dc.EvalEvery))
	var cells, layers, hidden, attn []string
	anyAttn := false
	for _, m := range s.Models {
		cells = append(cells, m.Cell)
		layers = append(layers, strconv.Itoa(m.Layers))
		hidden = append(hidden, strconv.Itoa(m.Hidden))
		a := m.Attention
		if a == "" {
			a = "off"
		} else {
			anyAttn = true
		}
		attn = append(attn, a)
	}
	if anyAttn {
		q.Set("attn", strings.Join(attn, ","))
	}
	set("aux", ftoa(c.Model.AuxWeight), ftoa(dc.Model.AuxWeight))
	set("auxkind", c.Model.AuxKind, dc.Model.AuxKind)
	set("cell", strings.Join(cells, ","), dc.Model.Cell)
	set("layers", strings.Join(layers, ","), strconv.Itoa(dc.Model.Layers))
	set("hidden", strings.Join(hidden, ","), strconv.Itoa(dc.Model.Hidden))
	set("init", c.Model.Init.Recurrent, dc.Model.Init.Recurrent)
	set("gain", ftoa(c.Model.Init.Gain), ftoa(dc.Model.Init.Gain))
	set("fb", c.Model.Init.ForgetBias, dc.Model.Init.ForgetBias)
	set("dropout", ftoa(c.Model.Dropout), ftoa(dc.Model.Dropout))
	set("opt", c.Optimizer.Name, dc.Optimizer.Name)
	set("lr", ftoa(c.Optimizer.LR), ftoa(dc.Optimizer.LR))
	set("wd", ftoa(c.Optimizer.WeightDecay), ftoa(dc.Optimizer.WeightDecay))
	set("batch", strconv.Itoa(c.Batch), strconv.Itoa(dc.Batch))
	set("clip", c.Clip.Mode, dc.Clip.Mode)
	set("clipt", ftoa(c.Clip.Threshold), ftoa(dc.Clip.Threshold))
	set("seed", strconv.FormatUint(c.Seed, 10), strconv.FormatUint(dc.Seed, 10))
	if len(s.Hide) > 0 {
		q.Set("hide", strings.Join(s.Hide, ","))
	}
	return q
}

// MaxQuery bounds the settings a link carries: the bytes of all its parameters' values. Every setting
// fits in a few hundred; a link over the limit is reported and the defaults are kept.
const MaxQuery = 2048

// maxQuoted bounds how much of a bad value a problem quotes.
const maxQuoted = 40

// parseSettings reads settings from URL parameters. A parameter that does not parse, is given more than
// once, or a result that does not validate, is reported and the defaults are kept for it; unknown
// parameters are ignored; settings beyond MaxQuery bytes are refused whole. Problems quote at most
// maxQuoted bytes of a value (the page shows them as text, never as markup).
func parseSettings(q url.Values) (settings, []string) {
	s := defaultSettings()
	if size := querySize(q); size > MaxQuery {
		return s, []string{fmt.Sprintf("link: %d bytes of settings, the limit is %d; the defaults are used", size, MaxQuery)}
	}
	r := &queryReader{q: q, problems: repeated(q)}
	r.shared(&s.Cfg)
	s.Models = r.models(s.Cfg.Model)
	c := &s.Cfg
	c.Model.Cell, c.Model.Layers, c.Model.Hidden = s.Models[0].Cell, s.Models[0].Layers, s.Models[0].Hidden
	s.Hide = hiddenKeys(q.Get("hide"))
	if err := s.validate(); err != nil {
		r.problems = append(r.problems, err.Error())
		d := defaultSettings()
		d.Hide = s.Hide
		return d, cutAll(r.problems)
	}
	return s, cutAll(r.problems)
}

// querySize is the bytes of all the parameters' names and values.
func querySize(q url.Values) int {
	size := 0
	for k, vs := range q {
		for _, v := range vs {
			size += len(k) + len(v)
		}
	}
	return size
}

// repeated reports each control key given more than once.
func repeated(q url.Values) []string {
	var problems []string
	for _, k := range append(slices.Clone(controlKeys), "hide") {
		if n := len(q[k]); n > 1 {
			problems = append(problems, fmt.Sprintf("%s: given %d times; the first, %s, is used", k, n, quote(q.Get(k))))
		}
	}
	return problems
}

// queryReader reads typed settings from URL parameters: a value that does not parse is reported in
// problems and leaves its setting as it was.
type queryReader struct {
	q        url.Values
	problems []string
}

func (r *queryReader) bad(k string, err error) {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		err = fmt.Errorf("%s is %s", quote(ne.Num), strings.TrimPrefix(ne.Err.Error(), "value "))
	}
	r.problems = append(r.problems, fmt.Sprintf("%s: %v", k, err))
}

func (r *queryReader) str(k string, dst *string) {
	if v := r.q.Get(k); v != "" {
		*dst = v
	}
}

func (r *queryReader) num(k string, dst *int) { parseInto(r, k, r.q.Get(k), dst, strconv.Atoi) }

func (r *queryReader) flt(k string, dst *float64) {
	parseInto(r, k, r.q.Get(k), dst, func(v string) (float64, error) { return strconv.ParseFloat(v, 64) })
}

func (r *queryReader) unsigned(k string, dst *uint64) {
	parseInto(r, k, r.q.Get(k), dst, func(v string) (uint64, error) { return strconv.ParseUint(v, 10, 64) })
}

// parseInto parses v, the value (or one item of the list) of parameter k, into dst; "" leaves dst.
func parseInto[T any](r *queryReader, k, v string, dst *T, parse func(string) (T, error)) {
	if v == "" {
		return
	}
	x, err := parse(v)
	if err != nil {
		r.bad(k, err)
		return
	}
	*dst = x
}

// shared reads the settings every model shares: the task, the training and the model options.
func (r *queryReader) shared(c *worker.Config) {
	r.str("task", &c.Task.Name)
	r.num("T", &c.Task.T)
	r.num("alphabet", &c.Task.Alphabet)
	r.flt("noise", &c.Task.Noise)
	r.str("act", &c.Model.Activation)
	r.num("every", &c.EvalEvery)
	r.flt("aux", &c.Model.AuxWeight)
	r.str("auxkind", &c.Model.AuxKind)
	r.str("init", &c.Model.Init.Recurrent)
	r.flt("gain", &c.Model.Init.Gain)
	r.str("fb", &c.Model.Init.ForgetBias)
	r.flt("dropout", &c.Model.Dropout)
	r.str("opt", &c.Optimizer.Name)
	r.flt("lr", &c.Optimizer.LR)
	r.flt("wd", &c.Optimizer.WeightDecay)
	r.num("batch", &c.Batch)
	r.str("clip", &c.Clip.Mode)
	r.flt("clipt", &c.Clip.Threshold)
	r.unsigned("seed", &c.Seed)
}

// models reads the models compared, each base with its own cell, layers, hidden units and attention:
// comma lists, the shorter lists repeating their last value; at most worker.MaxRuns.
func (r *queryReader) models(base train.ModelSpec) []train.ModelSpec {
	cells := splitList(r.q.Get("cell"))
	layers := splitList(r.q.Get("layers"))
	hidden := splitList(r.q.Get("hidden"))
	attn := splitList(r.q.Get("attn"))
	n := max(1, len(cells), len(layers), len(hidden), len(attn))
	if n > worker.MaxRuns {
		r.bad("cell", fmt.Errorf("%d models, at most %d", n, worker.MaxRuns))
		n = worker.MaxRuns
	}
	var ms []train.ModelSpec
	for i := 0; i < n; i++ {
		m := base
		if v := pick(cells, i); v != "" {
			m.Cell = v
		}
		parseInto(r, "layers", pick(layers, i), &m.Layers, strconv.Atoi)
		parseInto(r, "hidden", pick(hidden, i), &m.Hidden, strconv.Atoi)
		if v := pick(attn, i); v != "" && v != "off" {
			m.Attention = v
		}
		ms = append(ms, m)
	}
	return ms
}

// hiddenKeys reads a classroom link's hidden controls: known keys, once each.
func hiddenKeys(v string) []string {
	var hide []string
	for _, k := range splitList(v) {
		if slices.Contains(controlKeys, k) && !slices.Contains(hide, k) {
			hide = append(hide, k)
		}
	}
	return hide
}

// maxProblem bounds the length of a problem's message (a configuration error may quote a long value).
const maxProblem = 200

func cutAll(problems []string) []string {
	for i, p := range problems {
		if len(p) > maxProblem {
			cut := maxProblem
			for cut > 0 && !utf8.RuneStart(p[cut]) {
				cut--
			}
			problems[i] = p[:cut] + "…"
		}
	}
	return problems
}

// quote quotes v for a message, cut to maxQuoted bytes (at a rune boundary).
func quote(v string) string {
	if len(v) > maxQuoted {
		cut := maxQuoted
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		return strconv.Quote(v[:cut]) + "…"
	}
	return strconv.Quote(v)
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

func pick(l []string, i int) string {
	if len(l) == 0 {
		return ""
	}
	return l[min(i, len(l)-1)]
}
