package app

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// option is one choice of a select: its value and the key of its label (or the label itself).
type option struct{ value, label string }

func opts(values ...string) []option {
	o := make([]option, len(values))
	for i, v := range values {
		o[i] = option{v, v}
	}
	return o
}

func nums(values ...float64) []option {
	o := make([]option, len(values))
	for i, v := range values {
		o[i] = option{ftoa(v), ftoa(v)}
	}
	return o
}

// field renders one labelled select. key names the control (URL parameter, classroom hiding, test id).
func (c *settingsPanel) field(key, id, value string, choices []option, live bool, on func(app.Context, string)) app.UI {
	if c.hiddenHere(key) {
		return nil
	}
	cls := "field"
	if slices.Contains(wideFields, key) {
		cls += " wide-field"
	}
	return app.Div().Class(cls).Body(
		app.Label().For(id).Body(
			app.Text(tr(c.Lang, key)),
			app.If(live, func() app.UI { return app.Span().Class("live").Title(tr(c.Lang, "live")).Text("●") }),
			c.perRun(key),
		),
		c.selectBox(key, id, value, choices, on),
	)
}

// wideFields are the controls whose choices are long: they take the panel's whole width.
var wideFields = []string{"task", "attn", "auxkind", "init"}

// selectBox is a select without a visible label (its accessible name is the control's name).
func (c *settingsPanel) selectBox(key, id, value string, choices []option, on func(app.Context, string)) app.UI {
	if c.hiddenHere(key) {
		return nil
	}
	if !slices.ContainsFunc(choices, func(o option) bool { return o.value == value }) {
		choices = append(choices, option{value, value})
	}
	label := tr(c.Lang, key)
	// go-app keeps an element's old handler when the new one has the same code and scope, so the scope
	// names the control, and the handlers read the state at call time rather than capture parts of it.
	return app.Select().ID(id).Aria("label", label).OnChange(func(ctx app.Context, e app.Event) {
		on(ctx, ctx.JSSrc().Get("value").String())
	}, app.EventScope(id)).Body(
		app.Range(choices).Slice(func(i int) app.UI {
			o := choices[i]
			return app.Option().Value(o.value).Selected(o.value == value).Text(tr(c.Lang, o.label))
		}),
	)
}

// hiddenHere reports whether a control is hidden on this page: by the classroom link it was opened
// with. Ticking controls to hide changes the link (c.Set.Hide), not the page the teacher is using.
func (c *settingsPanel) hiddenHere(key string) bool { return slices.Contains(c.Hide, key) }

func atof(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
func atoi(s string) int     { v, _ := strconv.Atoi(s); return v }

// controls are the settings panel's sections: data, model (or the models compared) and training.
func (c *settingsPanel) controls() []app.UI {
	compare := len(c.Set.Models) > 1
	return []app.UI{
		c.dataSection(),
		app.If(!compare, func() app.UI { return c.modelSection() }),
		app.If(compare, func() app.UI { return c.compareSection() }),
		c.trainSection(),
		app.If(!c.hiddenHere("compare") && !compare, func() app.UI {
			return app.Button().ID("btn-compare").Class("wide").Text("+ " + tr(c.Lang, "compare")).OnClick(func(ctx app.Context, e app.Event) {
				c.addModel(ctx)
			})
		}),
	}
}

// dataSection: the task, its length and its own knobs, the text of the character model, and what the
// task is.
func (c *settingsPanel) dataSection() app.UI {
	cfg := &c.Set.Cfg // c.Set lives in the component: this pointer stays valid
	return c.section("sec.data",
		c.field("task", "ctl-task", cfg.Task.Name, taskOptions(), false, func(ctx app.Context, v string) {
			c.setTask(v)
			c.changed(ctx, false)
		}),
		c.field("T", "ctl-T", strconv.Itoa(cfg.Task.T), opts("1", "2", "5", "8", "10", "16", "20", "30", "50", "64", "100", "150", "200", "300", "500"), false, func(ctx app.Context, v string) {
			cfg.Task.T = atoi(v)
			c.changed(ctx, false)
		}),
		app.If(taskEntry(cfg.Task.Name).Alphabet != 0, func() app.UI {
			return c.field("alphabet", "ctl-alphabet", strconv.Itoa(cfg.Task.Alphabet), []option{{"0", "default"}, {"2", "2"}, {"4", "4"}, {"8", "8"}, {"16", "16"}, {"26", "26"}}, false, func(ctx app.Context, v string) {
				cfg.Task.Alphabet = atoi(v)
				c.changed(ctx, false)
			})
		}),
		app.If(taskEntry(cfg.Task.Name).Noise, func() app.UI {
			return c.field("noise", "ctl-noise", ftoa(cfg.Task.Noise), nums(0, 0.05, 0.1, 0.2, 0.5), false, func(ctx app.Context, v string) {
				cfg.Task.Noise = atof(v)
				c.changed(ctx, false)
			})
		}),
		c.On.textField(),
		app.If(c.Describe != "", func() app.UI {
			return app.P().ID("task-describe").Class("describe").Lang(c.DescribeLang).Text(c.Describe)
		}),
	)
}

// modelSection: the one model's cell, size and attention, and the options every model shares.
func (c *settingsPanel) modelSection() app.UI {
	cfg := &c.Set.Cfg
	m0 := c.Set.Models[0]
	return c.section("sec.model", append([]app.UI{
		c.field("cell", "ctl-cell", m0.Cell, cells(), false, func(ctx app.Context, v string) {
			c.Set.Models[0].Cell = v
			c.changed(ctx, false)
		}),
		c.field("layers", "ctl-layers", strconv.Itoa(m0.Layers), opts("1", "2", "3"), false, func(ctx app.Context, v string) {
			c.Set.Models[0].Layers = atoi(v)
			c.changed(ctx, false)
		}),
		c.field("hidden", "ctl-hidden", strconv.Itoa(m0.Hidden), opts("4", "8", "16", "32", "64", "128"), false, func(ctx app.Context, v string) {
			c.Set.Models[0].Hidden = atoi(v)
			c.changed(ctx, false)
		}),
		app.If(seq2seq(cfg.Task.Name), func() app.UI {
			return c.field("attn", "ctl-attn", attnValue(m0.Attention), attnOptions(), false, func(ctx app.Context, v string) {
				c.Set.Models[0].Attention = attnSpec(v)
				c.changed(ctx, false)
			})
		}),
	}, c.initFields()...)...)
}

// trainSection: the optimiser, the step size, clipping and the run's seed and evaluation interval.
func (c *settingsPanel) trainSection() app.UI {
	cfg := &c.Set.Cfg
	return c.section("sec.train",
		app.P().ID("live-note").Class("live-note").Body(app.Span().Class("live").Aria("hidden", "true").Text("●"), app.Text(" "+tr(c.Lang, "live.note"))),
		c.field("opt", "ctl-opt", cfg.Optimizer.Name, opts("sgd", "momentum", "rmsprop", "adam", "adamw"), false, func(ctx app.Context, v string) {
			cfg.Optimizer.Name = v
			c.changed(ctx, false)
		}),
		c.field("lr", "ctl-lr", ftoa(cfg.Optimizer.LR), nums(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1), true, func(ctx app.Context, v string) {
			cfg.Optimizer.LR = atof(v)
			c.changed(ctx, true)
		}),
		c.field("batch", "ctl-batch", strconv.Itoa(cfg.Batch), opts("8", "16", "32", "64", "128"), false, func(ctx app.Context, v string) {
			cfg.Batch = atoi(v)
			c.changed(ctx, false)
		}),
		c.field("clip", "ctl-clip", cfg.Clip.Mode, clipOptions(), true, func(ctx app.Context, v string) {
			cfg.Clip.Mode = v
			if v != "off" && cfg.Clip.Threshold == 0 {
				cfg.Clip.Threshold = 1
			}
			c.changed(ctx, true)
		}),
		app.If(cfg.Clip.Mode == "norm" || cfg.Clip.Mode == "value", func() app.UI {
			return c.field("clipt", "ctl-clipt", ftoa(cfg.Clip.Threshold), nums(0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100), true, func(ctx app.Context, v string) {
				cfg.Clip.Threshold = atof(v)
				c.changed(ctx, true)
			})
		}),
		c.field("wd", "ctl-wd", ftoa(cfg.Optimizer.WeightDecay), nums(0, 1e-5, 1e-4, 1e-3, 1e-2), cfg.Optimizer.Name == "adamw", func(ctx app.Context, v string) {
			cfg.Optimizer.WeightDecay = atof(v)
			if cfg.Optimizer.WeightDecay > 0 && cfg.Optimizer.Name == "adam" {
				cfg.Optimizer.Name = "adamw"
				c.changed(ctx, false)
				return
			}
			c.changed(ctx, cfg.Optimizer.Name == "adamw")
		}),
		c.field("seed", "ctl-seed", strconv.FormatUint(cfg.Seed, 10), opts("1", "2", "3", "4", "5", "42", "1234"), false, func(ctx app.Context, v string) {
			cfg.Seed, _ = strconv.ParseUint(v, 10, 64)
			c.changed(ctx, false)
		}),
		c.field("every", "ctl-every", strconv.Itoa(cfg.EvalEvery), opts("5", "10", "20", "50", "100"), false, func(ctx app.Context, v string) {
			cfg.EvalEvery = atoi(v)
			c.changed(ctx, false)
		}),
	)
}

// taskOptions lists the tasks, labelled by their translated titles.
func taskOptions() []option {
	var o []option
	for _, n := range task.Names() {
		o = append(o, option{n, "task." + n})
	}
	return o
}

// taskEntry is the named task's registry entry (the zero entry for an unknown name).
func taskEntry(name string) task.Entry {
	if e := task.Lookup(name); e != nil {
		return *e
	}
	return task.Entry{}
}

// cellKind is the named cell's registry entry (the zero entry for an unknown name).
func cellKind(name string) nn.CellKind {
	if k := nn.Cell(name); k != nil {
		return *k
	}
	return nn.CellKind{}
}

// setTask switches the task, with the page's quick length, the task's own knobs at their defaults and
// the trainer's learning rate for it.
func (c *settingsPanel) setTask(name string) {
	cfg := &c.Set.Cfg
	cfg.Task = task.Config{Name: name, T: taskEntry(name).QuickT, ValSize: cfg.Task.ValSize}
	if taskEntry(name).Text {
		cfg.Task.Text = c.Text
	}
	if !seq2seq(name) {
		for i := range c.Set.Models {
			c.Set.Models[i].Attention = ""
		}
	}
	cfg.Optimizer.LR = train.Default(name).Optimizer.LR
}

// seq2seq reports whether the task is sequence→sequence: the encoder–decoder and attention apply.
func seq2seq(name string) bool { return taskEntry(name).Kind == task.Seq2Seq }

// attnOptions: off trains a plain stack on the read-then-write batches; none is an encoder–decoder
// without attention; the others attend with that score.
func attnOptions() []option {
	return []option{{"off", "attn.off"}, {"none", "attn.none"}, {"additive", "additive"}, {"dot", "dot"},
		{"scaled_dot", "scaled dot"}, {"general", "general"}, {"concat_linear", "concat linear"}}
}

func attnValue(a string) string {
	if a == "" {
		return "off"
	}
	return a
}

func attnSpec(v string) string {
	if v == "off" {
		return ""
	}
	return v
}

func clipOptions() []option {
	return []option{{"off", "clip.off"}, {"norm", "clip.norm"}, {"value", "clip.value"}}
}

func initOptions() []option {
	return []option{{"orthogonal", "init.orth"}, {"identity", "init.id"}, {"spectral", "init.spec"}, {"glorot_uniform", "init.glorot"}}
}

func fbOptions() []option { return []option{{"1", "1"}, {"0", "0"}, {"chrono", "fb.chrono"}} }

func cells() []option {
	var o []option
	for _, k := range nn.Cells() {
		o = append(o, option{k.Name, k.Key})
	}
	return o
}

func (c *settingsPanel) initFields() []app.UI {
	cfg := &c.Set.Cfg
	init := cfg.Model.Init.Recurrent
	if init == "" {
		init = "orthogonal"
	}
	fb := cfg.Model.Init.ForgetBias
	if fb == "" {
		fb = "1"
	}
	// The activation of the first model whose cell takes one (the page's models share it).
	var acts []string
	for _, m := range c.Set.Models {
		if acts = cellKind(m.Cell).Activations; acts != nil {
			break
		}
	}
	act := cfg.Model.Activation
	if act == "" && acts != nil {
		act = acts[0]
	}
	// The forget-gate bias, where a model's cell has a forget gate.
	forget := false
	for _, m := range c.Set.Models {
		forget = forget || cellKind(m.Cell).ForgetBias
	}
	return []app.UI{
		c.field("aux", "ctl-aux", ftoa(cfg.Model.AuxWeight), nums(0, 0.1, 0.3, 1, 3), false, func(ctx app.Context, v string) {
			cfg.Model.AuxWeight = atof(v)
			c.changed(ctx, false)
		}),
		app.If(cfg.Model.AuxWeight > 0, func() app.UI {
			kind := cfg.Model.AuxKind
			if kind == "" {
				kind = "reconstruct"
			}
			return c.field("auxkind", "ctl-auxkind", kind, []option{{"reconstruct", "aux.reconstruct"}, {"next", "aux.next"}}, false, func(ctx app.Context, v string) {
				cfg.Model.AuxKind = v
				if v == "reconstruct" {
					cfg.Model.AuxKind = ""
				}
				c.changed(ctx, false)
			})
		}),
		app.If(acts != nil, func() app.UI {
			return c.field("act", "ctl-act", act, opts(acts...), false, func(ctx app.Context, v string) {
				cfg.Model.Activation = v
				if v == acts[0] {
					cfg.Model.Activation = ""
				}
				c.changed(ctx, false)
			})
		}),
		c.field("init", "ctl-init", init, initOptions(), false, func(ctx app.Context, v string) {
			cfg.Model.Init.Recurrent = v
			if v == "orthogonal" {
				cfg.Model.Init.Recurrent = ""
			}
			c.changed(ctx, false)
		}),
		c.field("gain", "ctl-gain", ftoa(max(cfg.Model.Init.Gain, 0)), []option{{"0", "gain.default"}, {"0.5", "0.5"}, {"0.8", "0.8"}, {"0.9", "0.9"}, {"1.1", "1.1"}, {"1.2", "1.2"}, {"1.5", "1.5"}, {"2", "2"}}, false, func(ctx app.Context, v string) {
			cfg.Model.Init.Gain = atof(v)
			c.changed(ctx, false)
		}),
		app.If(forget, func() app.UI {
			return c.field("fb", "ctl-fb", fb, fbOptions(), false, func(ctx app.Context, v string) {
				cfg.Model.Init.ForgetBias = v
				if v == "1" {
					cfg.Model.Init.ForgetBias = ""
				}
				c.changed(ctx, false)
			})
		}),
		c.field("dropout", "ctl-dropout", ftoa(cfg.Model.Dropout), nums(0, 0.1, 0.2, 0.3, 0.5), false, func(ctx app.Context, v string) {
			cfg.Model.Dropout = atof(v)
			c.changed(ctx, false)
		}),
	}
}

func (c *settingsPanel) section(key string, body ...app.UI) app.UI {
	return app.Section().Class("card ctl").Aria("label", tr(c.Lang, key)).Body(
		app.H2().Text(tr(c.Lang, key)),
		app.Div().Class("fields").Body(body...),
	)
}

// compareSection lists the models trained side by side, each with its colour.
func (c *settingsPanel) compareSection() app.UI {
	withAttn := seq2seq(c.Set.Cfg.Task.Name)
	rowClass := "model-row"
	if withAttn {
		rowClass += " attn"
	}
	rows := []app.UI{app.Div().Class(rowClass+" head").Body(
		app.Span(), app.Span().Text(tr(c.Lang, "cell")), app.Span().Text(tr(c.Lang, "hidden")), app.Span().Text(tr(c.Lang, "layers")), app.Span(),
	)}
	for i := range c.Set.Models {
		m := c.Set.Models[i]
		n := strconv.Itoa(i + 1)
		rows = append(rows, app.Div().Class(rowClass).Style("--c", runColor(i)).Body(
			app.Span().Class("swatch").Text(n),
			c.selectBox("cell", "ctl-cell-"+strconv.Itoa(i), m.Cell, cells(), func(ctx app.Context, v string) {
				c.Set.Models[i].Cell = v
				c.changed(ctx, false)
			}),
			c.selectBox("hidden", "ctl-hidden-"+strconv.Itoa(i), strconv.Itoa(m.Hidden), opts("4", "8", "16", "32", "64", "128"), func(ctx app.Context, v string) {
				c.Set.Models[i].Hidden = atoi(v)
				c.changed(ctx, false)
			}),
			c.selectBox("layers", "ctl-layers-"+strconv.Itoa(i), strconv.Itoa(m.Layers), opts("1", "2", "3"), func(ctx app.Context, v string) {
				c.Set.Models[i].Layers = atoi(v)
				c.changed(ctx, false)
			}),
			app.If(seq2seq(c.Set.Cfg.Task.Name), func() app.UI {
				return c.selectBox("attn", "ctl-attn-"+strconv.Itoa(i), attnValue(m.Attention), attnOptions(), func(ctx app.Context, v string) {
					c.Set.Models[i].Attention = attnSpec(v)
					c.changed(ctx, false)
				})
			}),
			app.Button().Class("icon").Aria("label", tr(c.Lang, "remove")+" "+n).Title(tr(c.Lang, "remove")).Text("×").OnClick(func(ctx app.Context, e app.Event) {
				if i >= len(c.Set.Models) || len(c.Set.Models) < 2 {
					return
				}
				c.Set.Models = append(c.Set.Models[:i:i], c.Set.Models[i+1:]...)
				c.Set.Cfg.Model.Cell, c.Set.Cfg.Model.Hidden, c.Set.Cfg.Model.Layers = c.Set.Models[0].Cell, c.Set.Models[0].Hidden, c.Set.Models[0].Layers
				c.changed(ctx, false)
			}, app.EventScope("remove", i)),
		))
	}
	if len(c.Set.Models) < worker.MaxRuns {
		rows = append(rows, app.Button().ID("btn-add-model").Class("wide").Text("+ "+tr(c.Lang, "add.model")).OnClick(func(ctx app.Context, e app.Event) {
			c.addModel(ctx)
		}))
	}
	rows = append(rows, c.initFields()...)
	return c.section("sec.compare", rows...)
}

// addModel adds a model to compare: the next cell type not yet shown, else a copy of the last.
func (c *settingsPanel) addModel(ctx app.Context) {
	if len(c.Set.Models) >= worker.MaxRuns {
		return
	}
	m := c.Set.Models[len(c.Set.Models)-1]
	for _, k := range nn.Cells() {
		if !slices.Contains(cellNames(c.Set.Models), k.Name) {
			m.Cell = k.Name
			break
		}
	}
	c.Set.Models = append(c.Set.Models, m)
	c.changed(ctx, false)
}

// cellNames are the models' cells, in order.
func cellNames(ms []train.ModelSpec) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Cell
	}
	return out
}
