package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by run; -help prints the usage below
	var (
		taskName   = fs.String("task", "adding", "task: "+strings.Join(task.Names(), ", "))
		cell       = fs.String("model", "", "recurrent cell: "+strings.Join(nn.CellNames(), ", ")+" (default: the task's, "+nn.DefaultCell.Name+")")
		layers     = fs.Int("layers", 0, "stacked recurrent layers")
		hidden     = fs.Int("hidden", 0, "units per recurrent layer")
		T          = fs.Int("T", 0, "sequence length or lag (default: the task's)")
		alphabet   = fs.Int("alphabet", 0, "symbols (copy, recall, reverse, sort)")
		noise      = fs.Float64("noise", 0, "noise σ (sines)")
		textFile   = fs.String("text", "", "text file for the charlm task (default: the embedded text)")
		valSize    = fs.Int("val-size", 0, "validation examples")
		batch      = fs.Int("batch", 0, "batch size")
		lr         = fs.Float64("lr", 0, "learning rate")
		optimizer  = fs.String("optimizer", "", "optimiser: sgd, momentum, rmsprop, adam or adamw")
		clip       = fs.Float64("clip", 0, "gradient clipping threshold (0: off)")
		clipMode   = fs.String("clip-mode", "norm", "clipping: norm (global norm) or value")
		steps      = fs.Int("steps", 0, "training steps")
		seed       = fs.Uint64("seed", 1, "seed (data, initialisation, dropout)")
		evalEvery  = fs.Int("eval-every", 0, "validate every this many steps")
		target     = fs.Float64("target", 0, "stop when the validation loss reaches this (0: no target)")
		activation = fs.String("activation", "", cellOptions(func(k *nn.CellKind) []string { return k.Activations }, "activation"))
		dropout    = fs.Float64("dropout", 0, "dropout after each recurrent layer")
		initRec    = fs.String("init", "", "recurrent init: orthogonal, identity, spectral or glorot_uniform")
		gain       = fs.Float64("gain", 0, "recurrent init gain (0: 1)")
		forgetBias = fs.String("forget-bias", "", "forget-gate bias ("+strings.Join(nn.CellNames(func(k *nn.CellKind) bool { return k.ForgetBias }), ", ")+"): 1, 0 or chrono")
		configFile = fs.String("config", "", "JSON run configuration (flags given as well override it)")
		compare    = fs.String("compare", "", "train several cells side by side on the same data, e.g. "+strings.Join(nn.CellNames(), ","))
		printCfg   = fs.Bool("print-config", false, "print the configuration as JSON and exit")
		expID      = fs.String("experiment", "", "run a guided experiment's runs side by side: "+strings.Join(experiment.IDs(), ", "))
	)
	o := &options{}
	fs.StringVar(&o.out, "out", "", "write one JSON object per evaluation to FILE (- for stdout)")
	fs.StringVar(&o.csv, "csv", "", "write the scalar columns of -out as CSV to FILE (- for stdout)")
	fs.StringVar(&o.save, "save", "", "save the trained model (with its configuration) to FILE")
	fs.StringVar(&o.plot, "plot", "", "render loss, gradient-norm and per-time-step gradient charts (PNG, SVG) into DIR")
	fs.StringVar(&o.load, "load", "", "load a saved model and run it (-input, -sample) instead of training")
	fs.StringVar(&o.input, "input", "", "with -load: input to run the model on (see -help)")
	fs.IntVar(&o.sample, "sample", 0, "with -load on a charlm model: characters to sample")
	fs.Float64Var(&o.temp, "temp", 1, "sampling temperature (> 0)")
	fs.StringVar(&o.prime, "prime", "", "text to start sampling from")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	usage := func() {
		fs.SetOutput(stderr)
		fmt.Fprint(stderr, `usage: train [flags]

Trains a recurrent network on a toy sequence task, or (-load) runs a saved one.

Input for -input, by task: real values as steps separated by spaces or ';', features by ','
(adding: "0.3,0 0.9,1 ..."; sines: "0.1 0.4 0.6"); symbol tasks (copy, recall, reverse, sort,
article-tokens) as symbol ids separated by spaces; charlm as plain text.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			usage()
			return nil, err
		}
		return nil, usagef("%v (see -help)", err)
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q (flags start with -)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	if o.load != "" {
		for name := range set {
			switch name {
			case "load", "input", "sample", "temp", "prime", "seed", "quiet":
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
		o.cfgs = []train.Config{{Seed: *seed}}
		return o, nil
	}
	for _, name := range []string{"input", "sample", "temp", "prime"} {
		if set[name] {
			return nil, usagef("-%s needs -load (it runs a saved model)", name)
		}
	}
	if *expID != "" {
		o.printConfig = *printCfg
		return experimentOptions(o, *expID, set, *T, *steps, *evalEvery, *seed)
	}

	var c train.Config
	if *configFile != "" {
		data, err := os.ReadFile(*configFile)
		if err != nil {
			return nil, usagef("-config: %v", err)
		}
		if c, err = train.ParseConfig(data); err != nil {
			return nil, usagef("-config %s: %v", *configFile, err)
		}
		if set["task"] {
			c.Task.Name = *taskName
		}
	} else {
		c = train.Default(*taskName)
	}
	if set["model"] {
		c.Model.Cell = *cell
	}
	ints := []struct {
		name string
		v    int
		dst  *int
	}{{"layers", *layers, &c.Model.Layers}, {"hidden", *hidden, &c.Model.Hidden}, {"T", *T, &c.Task.T},
		{"alphabet", *alphabet, &c.Task.Alphabet}, {"val-size", *valSize, &c.Task.ValSize},
		{"batch", *batch, &c.Batch}, {"steps", *steps, &c.Steps}, {"eval-every", *evalEvery, &c.EvalEvery}}
	for _, f := range ints {
		if set[f.name] {
			*f.dst = f.v
		}
	}
	if set["noise"] {
		c.Task.Noise = *noise
	}
	if set["text"] {
		data, err := os.ReadFile(*textFile)
		if err != nil {
			return nil, usagef("-text: %v", err)
		}
		c.Task.Text = string(data)
	}
	if set["lr"] {
		c.Optimizer.LR = *lr
	}
	if set["optimizer"] {
		c.Optimizer.Name = *optimizer
	}
	if set["clip"] || set["clip-mode"] {
		switch {
		case *clip == 0:
			c.Clip = nn.ClipConfig{Mode: "off"}
		case *clipMode != "norm" && *clipMode != "value":
			return nil, usagef("-clip-mode: unknown %q (want norm or value)", *clipMode)
		default:
			c.Clip = nn.ClipConfig{Mode: *clipMode, Threshold: *clip}
		}
	}
	if set["seed"] {
		c.Seed = *seed
	}
	if set["target"] {
		c.TargetLoss = *target
	}
	if set["activation"] {
		c.Model.Activation = *activation
	}
	if set["dropout"] {
		c.Model.Dropout = *dropout
	}
	if set["init"] {
		c.Model.Init.Recurrent = *initRec
	}
	if set["gain"] {
		c.Model.Init.Gain = *gain
	}
	if set["forget-bias"] {
		c.Model.Init.ForgetBias = *forgetBias
	}
	if *compare != "" {
		if o.save != "" {
			return nil, usagef("-save cannot be used with -compare (save one model at a time)")
		}
		for _, m := range strings.Split(*compare, ",") {
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
			if len(o.cfgs) > 1 {
				return nil, usagef("-compare %s: %v", o.names[i], err)
			}
			return nil, usageError{err.Error()}
		}
	}
	o.printConfig = *printCfg
	return o, nil
}
