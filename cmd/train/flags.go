package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// options are the parsed flags: the run configurations and what to do with them.
type options struct {
	cfgs                 []train.Config // one, or one per -compare model
	names                []string       // a label per run
	out, csv, save, plot string
	load                 string
	input                string
	sample               int
	temp                 float64
	prime                string
	quiet                bool
	printConfig          bool
	experiment           *experiment.Experiment // -experiment: the runs are its presets
	exportTFJS           string                 // -export-tfjs DIR (tfjs.go)
	importTFJS           string                 // -import-tfjs FILE (tfjs.go)
	seeds                []uint64               // -seeds: one run per seed (parallel.go)
	workers              int                    // -workers: runs training at the same time (0: one per core)
}

// flagValues are the flags that build a training configuration, as parsed; set holds the names given.
type flagValues struct {
	task, cell, text, optimizer, clipMode, activation string
	init, forgetBias, config, compare, experiment     string
	layers, hidden, T, alphabet, valSize, batch       int
	steps, evalEvery                                  int
	noise, lr, clip, target, dropout, gain            float64
	seed                                              uint64
	set                                               map[string]bool
}

// parseFlags turns the command line into options: a loaded model to run, a guided experiment, or
// configurations to train. Errors are usageErrors naming the flag.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o, v := &options{}, &flagValues{}
	fs := newFlagSet(o, v)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			printUsage(fs, stderr)
			return nil, err
		}
		return nil, usagef("%v (see -help)", err)
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q (flags start with -)", fs.Arg(0))
	}
	v.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { v.set[f.Name] = true })
	if err := tfjsOptions(o, v); err != nil {
		return nil, err
	}

	if o.load != "" {
		return loadOptions(o, v)
	}
	for _, name := range []string{"input", "sample", "temp", "prime"} {
		if v.set[name] {
			return nil, usagef("-%s needs -load (it runs a saved model)", name)
		}
	}
	if v.experiment != "" {
		return experimentOptions(o, v)
	}
	c, err := baseConfig(v)
	if err != nil {
		return nil, err
	}
	if err := applyFlags(&c, v); err != nil {
		return nil, err
	}
	return runOptions(o, c, v)
}

// newFlagSet declares every flag: the options' own into o, the configuration's into v.
func newFlagSet(o *options, v *flagValues) *flag.FlagSet {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by run; -help prints the usage
	fs.StringVar(&v.task, "task", task.DefaultName, "task: "+strings.Join(task.Names(), ", "))
	fs.StringVar(&v.cell, "model", "", "recurrent cell: "+strings.Join(nn.CellNames(), ", ")+" (default: the task's, "+nn.DefaultCell.Name+")")
	fs.IntVar(&v.layers, "layers", 0, "stacked recurrent layers")
	fs.IntVar(&v.hidden, "hidden", 0, "units per recurrent layer")
	fs.IntVar(&v.T, "T", 0, "sequence length or lag (default: the task's)")
	fs.IntVar(&v.alphabet, "alphabet", 0, "symbols ("+tasks(func(e *task.Entry) bool { return e.Alphabet > 0 })+")")
	fs.Float64Var(&v.noise, "noise", 0, "noise σ ("+tasks(func(e *task.Entry) bool { return e.Noise })+")")
	fs.StringVar(&v.text, "text", "", "text file for the text tasks ("+tasks(func(e *task.Entry) bool { return e.Text })+"; default: the embedded text)")
	fs.IntVar(&v.valSize, "val-size", 0, "validation examples")
	fs.IntVar(&v.batch, "batch", 0, "batch size")
	fs.Float64Var(&v.lr, "lr", 0, "learning rate")
	fs.StringVar(&v.optimizer, "optimizer", "", "optimiser: sgd, momentum, rmsprop, adam or adamw")
	fs.Float64Var(&v.clip, "clip", 0, "gradient clipping threshold (0: off)")
	fs.StringVar(&v.clipMode, "clip-mode", "norm", "clipping: norm (global norm) or value")
	fs.IntVar(&v.steps, "steps", 0, "training steps")
	fs.Uint64Var(&v.seed, "seed", 1, "seed (data, initialisation, dropout)")
	fs.IntVar(&v.evalEvery, "eval-every", 0, "validate every this many steps")
	fs.Float64Var(&v.target, "target", 0, "stop when the validation loss reaches this (0: no target)")
	fs.StringVar(&v.activation, "activation", "", cellOptions(func(k *nn.CellKind) []string { return k.Activations }, "activation"))
	fs.Float64Var(&v.dropout, "dropout", 0, "dropout after each recurrent layer")
	fs.StringVar(&v.init, "init", "", "recurrent init: orthogonal, identity, spectral or glorot_uniform")
	fs.Float64Var(&v.gain, "gain", 0, "recurrent init gain (0: 1)")
	fs.StringVar(&v.forgetBias, "forget-bias", "", "forget-gate bias ("+strings.Join(nn.CellNames(func(k *nn.CellKind) bool { return k.ForgetBias }), ", ")+"): 1, 0 or chrono")
	fs.StringVar(&v.config, "config", "", "JSON run configuration (flags given as well override it)")
	fs.StringVar(&v.compare, "compare", "", "train several cells side by side on the same data, e.g. "+strings.Join(nn.CellNames(), ","))
	fs.BoolVar(&o.printConfig, "print-config", false, "print the configuration as JSON and exit")
	fs.StringVar(&v.experiment, "experiment", "", "run a guided experiment's runs side by side: "+strings.Join(experiment.IDs(), ", "))
	fs.StringVar(&o.out, "out", "", "write one JSON object per evaluation to FILE (- for stdout)")
	fs.StringVar(&o.csv, "csv", "", "write the scalar columns of -out as CSV to FILE (- for stdout)")
	fs.StringVar(&o.save, "save", "", "save the trained model (with its configuration) to FILE")
	fs.StringVar(&o.plot, "plot", "", "render loss, gradient-norm and per-time-step gradient charts (PNG, SVG) into DIR")
	fs.StringVar(&o.load, "load", "", "load a saved model and run it (-input, -sample) instead of training")
	fs.StringVar(&o.input, "input", "", "with -load: input to run the model on (see -help)")
	fs.IntVar(&o.sample, "sample", 0, "with -load on a model of a text task ("+tasks(func(e *task.Entry) bool { return e.Text })+"): characters to sample")
	fs.Float64Var(&o.temp, "temp", 1, "sampling temperature (> 0)")
	fs.StringVar(&o.prime, "prime", "", "text to start sampling from")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	tfjsFlags(fs, o)
	parallelFlags(fs, o)
	return fs
}

// printUsage writes -help: what the command does, the -input formats, and every flag.
func printUsage(fs *flag.FlagSet, stderr io.Writer) {
	fs.SetOutput(stderr)
	fmt.Fprintf(stderr, `usage: train [flags]

Trains a recurrent network on a toy sequence task, or (-load) runs a saved one.

Input for -input, by task: real values as steps separated by spaces or ';', features by ','
(e.g. "0.3,0 0.9,1 ..." for two features, "0.1 0.4 0.6" for one); tasks of symbols (%s) or of
tokens as ids separated by spaces; text tasks (%s) as plain text.

Cells (-model, -compare), one step of each:
%s
Flags:
`, tasks(func(e *task.Entry) bool { return e.Alphabet > 0 }),
		tasks(func(e *task.Entry) bool { return e.Text }), cellEquations())
	fs.PrintDefaults()
}

// tasks lists the registered tasks for which keep is true, comma-separated.
func tasks(keep func(*task.Entry) bool) string { return strings.Join(task.Names(keep), ", ") }

// loadOptions checks the flags that go with -load: only those that run a model.
func loadOptions(o *options, v *flagValues) (*options, error) {
	for name := range v.set {
		switch name {
		case "load", "input", "sample", "temp", "prime", "seed", "quiet", "export-tfjs":
		default:
			return nil, usagef("-%s cannot be used with -load (a loaded model is run, not trained)", name)
		}
	}
	if !(o.temp > 0 && o.temp <= 100) {
		return nil, usagef("-temp: %v is outside (0, 100]", o.temp)
	}
	if o.sample < 0 || o.sample > 100000 {
		return nil, usagef("-sample: %d is outside [0, 100000]", o.sample)
	}
	o.cfgs = []train.Config{{Seed: v.seed}}
	return o, nil
}

// baseConfig is the -config file's configuration (with -task applied), or the task's defaults.
func baseConfig(v *flagValues) (train.Config, error) {
	if v.config == "" {
		return train.Default(v.task), nil
	}
	data, err := readLimited("config", v.config, maxConfigBytes)
	if err != nil {
		return train.Config{}, err
	}
	c, err := train.ParseConfig(data)
	if err != nil {
		return train.Config{}, usagef("-config %s: %v", v.config, err)
	}
	if v.set["task"] {
		c.Task.Name = v.task
	}
	return c, nil
}

// applyFlags overrides c's fields with the flags given.
func applyFlags(c *train.Config, v *flagValues) error {
	set := v.set
	override(set, "model", v.cell, &c.Model.Cell)
	override(set, "layers", v.layers, &c.Model.Layers)
	override(set, "hidden", v.hidden, &c.Model.Hidden)
	override(set, "activation", v.activation, &c.Model.Activation)
	override(set, "dropout", v.dropout, &c.Model.Dropout)
	override(set, "init", v.init, &c.Model.Init.Recurrent)
	override(set, "gain", v.gain, &c.Model.Init.Gain)
	override(set, "forget-bias", v.forgetBias, &c.Model.Init.ForgetBias)
	override(set, "T", v.T, &c.Task.T)
	override(set, "alphabet", v.alphabet, &c.Task.Alphabet)
	override(set, "noise", v.noise, &c.Task.Noise)
	override(set, "val-size", v.valSize, &c.Task.ValSize)
	override(set, "batch", v.batch, &c.Batch)
	override(set, "lr", v.lr, &c.Optimizer.LR)
	override(set, "optimizer", v.optimizer, &c.Optimizer.Name)
	override(set, "steps", v.steps, &c.Steps)
	override(set, "eval-every", v.evalEvery, &c.EvalEvery)
	override(set, "target", v.target, &c.TargetLoss)
	override(set, "seed", v.seed, &c.Seed)
	for _, f := range []struct {
		name string
		v    int
	}{{"T", v.T}, {"alphabet", v.alphabet}, {"val-size", v.valSize}} {
		if set[f.name] && f.v == 0 { // 0 means the task's default in a configuration; a flag given is a value
			return usagef("-%s: 0 is refused on the command line (leave -%s out for the task's default)", f.name, f.name)
		}
	}
	if set["text"] {
		data, err := readLimited("text", v.text, task.MaxText)
		if err != nil {
			return err
		}
		if len(data) == 0 {
			return usagef("-text: %s is empty (leave -text out for the built-in text)", v.text)
		}
		c.Task.Text = string(data)
	}
	return applyClip(c, v)
}

// override sets *dst to v when the flag name was given.
func override[T any](set map[string]bool, name string, v T, dst *T) {
	if set[name] {
		*dst = v
	}
}

// applyClip sets the clipping from -clip and -clip-mode: -clip 0 turns it off; -clip-mode alone changes
// the mode and keeps the configuration's threshold, which must then be set.
func applyClip(c *train.Config, v *flagValues) error {
	set := v.set
	if set["clip-mode"] && v.clipMode != "norm" && v.clipMode != "value" {
		return usagef("-clip-mode: unknown %q (want norm or value)", v.clipMode)
	}
	switch {
	case set["clip"] && v.clip == 0:
		c.Clip = nn.ClipConfig{Mode: "off"}
	case set["clip"]:
		c.Clip = nn.ClipConfig{Mode: v.clipMode, Threshold: v.clip}
	case set["clip-mode"] && c.Clip.Threshold == 0:
		return usagef("-clip-mode %s needs -clip (the threshold; the configuration has none)", v.clipMode)
	case set["clip-mode"]:
		c.Clip.Mode = v.clipMode
	}
	return nil
}

// runOptions makes the runs: c alone, or one per -compare cell; each is validated.
func runOptions(o *options, c train.Config, v *flagValues) (*options, error) {
	if len(o.seeds) > 0 {
		if _, err := sweepOptions(o, c, v); err != nil {
			return nil, err
		}
	} else if v.compare != "" {
		if o.save != "" {
			return nil, usagef("-save cannot be used with -compare (save one model at a time)")
		}
		for _, m := range strings.Split(v.compare, ",") {
			m = strings.TrimSpace(m)
			ci := c
			ci.Model.Cell = m
			o.cfgs = append(o.cfgs, ci)
			o.names = append(o.names, m)
		}
	} else {
		o.cfgs, o.names = []train.Config{c}, []string{c.Model.Cell}
	}
	for i := range o.cfgs {
		if err := o.cfgs[i].Validate(); err != nil {
			if len(o.seeds) > 0 {
				return nil, usagef("-seeds %s: %v", o.names[i], err)
			}
			if len(o.cfgs) > 1 {
				return nil, usagef("-compare %s: %v", o.names[i], err)
			}
			return nil, usageError{err.Error()}
		}
	}
	return o, nil
}
