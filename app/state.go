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
	var problems []string
	size := 0
	for k, vs := range q {
		for _, v := range vs {
			size += len(k) + len(v)
		}
	}
	if size > MaxQuery {
		return s, []string{fmt.Sprintf("link: %d bytes of settings, the limit is %d; the defaults are used", size, MaxQuery)}
	}
	for _, k := range append(slices.Clone(controlKeys), "hide") {
		if n := len(q[k]); n > 1 {
			problems = append(problems, fmt.Sprintf("%s: given %d times; the first, %s, is used", k, n, quote(q.Get(k))))
		}
	}
	bad := func(k string, err error) {
		var ne *strconv.NumError
		if errors.As(err, &ne) {
			err = fmt.Errorf("%s is %s", quote(ne.Num), strings.TrimPrefix(ne.Err.Error(), "value "))
		}
		problems = append(problems, fmt.Sprintf("%s: %v", k, err))
	}
	str := func(k string, dst *string) {
		if v := q.Get(k); v != "" {
			*dst = v
		}
	}
	num := func(k string, dst *int) {
		if v := q.Get(k); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				bad(k, err)
				return
			}
			*dst = n
		}
	}
	flt := func(k string, dst *float64) {
		if v := q.Get(k); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				bad(k, err)
				return
			}
			*dst = f
		}
	}
	c := &s.Cfg
	str("task", &c.Task.Name)
	num("T", &c.Task.T)
	num("alphabet", &c.Task.Alphabet)
	flt("noise", &c.Task.Noise)
	str("act", &c.Model.Activation)
	num("every", &c.EvalEvery)
	flt("aux", &c.Model.AuxWeight)
	str("auxkind", &c.Model.AuxKind)
	str("init", &c.Model.Init.Recurrent)
	flt("gain", &c.Model.Init.Gain)
	str("fb", &c.Model.Init.ForgetBias)
	flt("dropout", &c.Model.Dropout)
	str("opt", &c.Optimizer.Name)
	flt("lr", &c.Optimizer.LR)
	flt("wd", &c.Optimizer.WeightDecay)
	num("batch", &c.Batch)
	str("clip", &c.Clip.Mode)
	flt("clipt", &c.Clip.Threshold)
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			bad("seed", err)
		} else {
			c.Seed = n
		}
	}
	// Models: comma lists, the shorter lists repeat their last value.
	cells := splitList(q.Get("cell"))
	layers := splitList(q.Get("layers"))
	hidden := splitList(q.Get("hidden"))
	attn := splitList(q.Get("attn"))
	n := max(1, len(cells), len(layers), len(hidden), len(attn))
	if n > worker.MaxRuns {
		bad("cell", fmt.Errorf("%d models, at most %d", n, worker.MaxRuns))
		n = worker.MaxRuns
	}
	s.Models = nil
	for i := 0; i < n; i++ {
		m := c.Model
		if v := pick(cells, i); v != "" {
			m.Cell = v
		}
		if v := pick(layers, i); v != "" {
			if k, err := strconv.Atoi(v); err != nil {
				bad("layers", err)
			} else {
				m.Layers = k
			}
		}
		if v := pick(hidden, i); v != "" {
			if k, err := strconv.Atoi(v); err != nil {
				bad("hidden", err)
			} else {
				m.Hidden = k
			}
		}
		if v := pick(attn, i); v != "" && v != "off" {
			m.Attention = v
		}
		s.Models = append(s.Models, m)
	}
	c.Model.Cell, c.Model.Layers, c.Model.Hidden = s.Models[0].Cell, s.Models[0].Layers, s.Models[0].Hidden
	for _, k := range splitList(q.Get("hide")) {
		if slices.Contains(controlKeys, k) && !slices.Contains(s.Hide, k) {
			s.Hide = append(s.Hide, k)
		}
	}
	if err := s.validate(); err != nil {
		problems = append(problems, err.Error())
		d := defaultSettings()
		d.Hide = s.Hide
		return d, cutAll(problems)
	}
	return s, cutAll(problems)
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
