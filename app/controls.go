package app

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
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
func (p *playground) field(key, id, value string, choices []option, live bool, on func(app.Context, string)) app.UI {
	if p.hiddenHere(key) {
		return nil
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Body(
			app.Text(tr(p.lang, key)),
			app.If(live, func() app.UI { return app.Span().Class("live").Title(tr(p.lang, "live")).Text("●") }),
		),
		p.selectBox(key, id, value, choices, on),
	)
}

// selectBox is a select without a visible label (its accessible name is the control's name).
func (p *playground) selectBox(key, id, value string, choices []option, on func(app.Context, string)) app.UI {
	if p.hiddenHere(key) {
		return nil
	}
	if !slices.ContainsFunc(choices, func(o option) bool { return o.value == value }) {
		choices = append(choices, option{value, value})
	}
	label := tr(p.lang, key)
	// go-app keeps an element's old handler when the new one has the same code and scope, so the scope
	// names the control, and the handlers read the state at call time rather than capture parts of it.
	return app.Select().ID(id).Aria("label", label).OnChange(func(ctx app.Context, e app.Event) {
		on(ctx, ctx.JSSrc().Get("value").String())
	}, app.EventScope(id)).Body(
		app.Range(choices).Slice(func(i int) app.UI {
			o := choices[i]
			return app.Option().Value(o.value).Selected(o.value == value).Text(tr(p.lang, o.label))
		}),
	)
}

// hiddenHere reports whether a control is hidden on this page: by the classroom link it was opened
// with. Ticking controls to hide changes the link (p.set.Hide), not the page the teacher is using.
func (p *playground) hiddenHere(key string) bool { return slices.Contains(p.viewHide, key) }

func atof(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
func atoi(s string) int     { v, _ := strconv.Atoi(s); return v }

// controls is the left column: data, model, training, compare, share and save.
func (p *playground) controls() app.UI {
	c := &p.set.Cfg // p.set lives in the component: this pointer stays valid
	m0 := p.set.Models[0]
	compare := len(p.set.Models) > 1
	return app.Aside().Class("controls").Aria("label", tr(p.lang, "sec.model")).Body(
		p.section("sec.data",
			p.field("task", "ctl-task", c.Task.Name, taskOptions(), false, func(ctx app.Context, v string) {
				p.setTask(v)
				p.changed(ctx, false)
			}),
			p.field("T", "ctl-T", strconv.Itoa(c.Task.T), opts("1", "2", "5", "8", "10", "16", "20", "30", "50", "64", "100", "150", "200", "300", "500"), false, func(ctx app.Context, v string) {
				c.Task.T = atoi(v)
				p.changed(ctx, false)
			}),
			app.If(hasAlphabet(c.Task.Name), func() app.UI {
				return p.field("alphabet", "ctl-alphabet", strconv.Itoa(c.Task.Alphabet), []option{{"0", "default"}, {"2", "2"}, {"4", "4"}, {"8", "8"}, {"16", "16"}, {"26", "26"}}, false, func(ctx app.Context, v string) {
					c.Task.Alphabet = atoi(v)
					p.changed(ctx, false)
				})
			}),
			app.If(c.Task.Name == "sines", func() app.UI {
				return p.field("noise", "ctl-noise", ftoa(c.Task.Noise), nums(0, 0.05, 0.1, 0.2, 0.5), false, func(ctx app.Context, v string) {
					c.Task.Noise = atof(v)
					p.changed(ctx, false)
				})
			}),
			p.textField(),
			app.If(p.taskSpec().Describe != "", func() app.UI {
				return app.P().Class("describe").Lang("en").Text(p.taskSpec().Describe)
			}),
		),
		app.If(!compare, func() app.UI {
			return p.section("sec.model", append([]app.UI{
				p.field("cell", "ctl-cell", m0.Cell, cells(), false, func(ctx app.Context, v string) {
					p.set.Models[0].Cell = v
					p.changed(ctx, false)
				}),
				p.field("layers", "ctl-layers", strconv.Itoa(m0.Layers), opts("1", "2", "3"), false, func(ctx app.Context, v string) {
					p.set.Models[0].Layers = atoi(v)
					p.changed(ctx, false)
				}),
				p.field("hidden", "ctl-hidden", strconv.Itoa(m0.Hidden), opts("4", "8", "16", "32", "64", "128"), false, func(ctx app.Context, v string) {
					p.set.Models[0].Hidden = atoi(v)
					p.changed(ctx, false)
				}),
				app.If(seq2seq(c.Task.Name), func() app.UI {
					return p.field("attn", "ctl-attn", attnValue(m0.Attention), attnOptions(), false, func(ctx app.Context, v string) {
						p.set.Models[0].Attention = attnSpec(v)
						p.changed(ctx, false)
					})
				}),
			}, p.initFields()...)...)
		}),
		app.If(compare, func() app.UI { return p.compareSection() }),
		p.section("sec.train",
			p.field("opt", "ctl-opt", c.Optimizer.Name, opts("sgd", "momentum", "rmsprop", "adam", "adamw"), false, func(ctx app.Context, v string) {
				c.Optimizer.Name = v
				p.changed(ctx, false)
			}),
			p.field("lr", "ctl-lr", ftoa(c.Optimizer.LR), nums(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1), true, func(ctx app.Context, v string) {
				c.Optimizer.LR = atof(v)
				p.changed(ctx, true)
			}),
			p.field("batch", "ctl-batch", strconv.Itoa(c.Batch), opts("8", "16", "32", "64", "128"), false, func(ctx app.Context, v string) {
				c.Batch = atoi(v)
				p.changed(ctx, false)
			}),
			p.field("clip", "ctl-clip", c.Clip.Mode, []option{{"off", "clip.off"}, {"norm", "clip.norm"}, {"value", "clip.value"}}, true, func(ctx app.Context, v string) {
				c.Clip.Mode = v
				if v != "off" && c.Clip.Threshold == 0 {
					c.Clip.Threshold = 1
				}
				p.changed(ctx, true)
			}),
			app.If(c.Clip.Mode == "norm" || c.Clip.Mode == "value", func() app.UI {
				return p.field("clipt", "ctl-clipt", ftoa(c.Clip.Threshold), nums(0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100), true, func(ctx app.Context, v string) {
					c.Clip.Threshold = atof(v)
					p.changed(ctx, true)
				})
			}),
			p.field("wd", "ctl-wd", ftoa(c.Optimizer.WeightDecay), nums(0, 1e-5, 1e-4, 1e-3, 1e-2), c.Optimizer.Name == "adamw", func(ctx app.Context, v string) {
				c.Optimizer.WeightDecay = atof(v)
				if c.Optimizer.WeightDecay > 0 && c.Optimizer.Name == "adam" {
					c.Optimizer.Name = "adamw"
					p.changed(ctx, false)
					return
				}
				p.changed(ctx, c.Optimizer.Name == "adamw")
			}),
			p.field("seed", "ctl-seed", strconv.FormatUint(c.Seed, 10), opts("1", "2", "3", "4", "5", "42", "1234"), false, func(ctx app.Context, v string) {
				c.Seed, _ = strconv.ParseUint(v, 10, 64)
				p.changed(ctx, false)
			}),
			p.field("every", "ctl-every", strconv.Itoa(c.EvalEvery), opts("5", "10", "20", "50", "100"), false, func(ctx app.Context, v string) {
				c.EvalEvery = atoi(v)
				p.changed(ctx, false)
			}),
		),
		app.If(!p.hiddenHere("compare") && !compare, func() app.UI {
			return app.Button().ID("btn-compare").Class("wide").Text("+ " + tr(p.lang, "compare")).OnClick(func(ctx app.Context, e app.Event) {
				p.addModel(ctx)
			})
		}),
		p.shareSection(),
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

func hasAlphabet(name string) bool {
	return name == "copy" || name == "recall" || name == "reverse" || name == "sort"
}

// quickT is the sequence length a task starts with on the page: short enough to train in a minute.
var quickT = map[string]int{"adding": 20, "copy": 10, "recall": 20, "parity": 10, "sines": 50, "reverse": 8,
	"sort": 8, "charlm": 32, "article-vec": 10, "article-tokens": 20}

// setTask switches the task, with the page's quick length, the task's own knobs at their defaults and
// the trainer's learning rate for it.
func (p *playground) setTask(name string) {
	c := &p.set.Cfg
	c.Task = task.Config{Name: name, T: quickT[name], ValSize: c.Task.ValSize}
	if name == "charlm" {
		c.Task.Text = p.text
	}
	if !seq2seq(name) {
		for i := range p.set.Models {
			p.set.Models[i].Attention = ""
		}
	}
	c.Optimizer.LR = train.Default(name).Optimizer.LR
}

// seq2seq reports whether the task is sequence→sequence: the encoder–decoder and attention apply.
func seq2seq(name string) bool { return name == "reverse" || name == "sort" }

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

func cells() []option {
	return []option{{"rnn", "cell.rnn"}, {"lstm", "cell.lstm"}, {"gru", "cell.gru"}}
}

func (p *playground) initFields() []app.UI {
	c := &p.set.Cfg
	init := c.Model.Init.Recurrent
	if init == "" {
		init = "orthogonal"
	}
	fb := c.Model.Init.ForgetBias
	if fb == "" {
		fb = "1"
	}
	anyRNN := slices.ContainsFunc(p.set.Models, func(m train.ModelSpec) bool { return m.Cell == "rnn" })
	act := c.Model.Activation
	if act == "" {
		act = "tanh"
	}
	return []app.UI{
		p.field("aux", "ctl-aux", ftoa(c.Model.AuxWeight), nums(0, 0.1, 0.3, 1, 3), false, func(ctx app.Context, v string) {
			c.Model.AuxWeight = atof(v)
			p.changed(ctx, false)
		}),
		app.If(c.Model.AuxWeight > 0, func() app.UI {
			kind := c.Model.AuxKind
			if kind == "" {
				kind = "reconstruct"
			}
			return p.field("auxkind", "ctl-auxkind", kind, []option{{"reconstruct", "aux.reconstruct"}, {"next", "aux.next"}}, false, func(ctx app.Context, v string) {
				c.Model.AuxKind = v
				if v == "reconstruct" {
					c.Model.AuxKind = ""
				}
				p.changed(ctx, false)
			})
		}),
		app.If(anyRNN, func() app.UI {
			return p.field("act", "ctl-act", act, opts("tanh", "relu", "linear"), false, func(ctx app.Context, v string) {
				c.Model.Activation = v
				if v == "tanh" {
					c.Model.Activation = ""
				}
				p.changed(ctx, false)
			})
		}),
		p.field("init", "ctl-init", init, []option{{"orthogonal", "init.orth"}, {"identity", "init.id"}, {"spectral", "init.spec"}, {"glorot_uniform", "init.glorot"}}, false, func(ctx app.Context, v string) {
			c.Model.Init.Recurrent = v
			if v == "orthogonal" {
				c.Model.Init.Recurrent = ""
			}
			p.changed(ctx, false)
		}),
		p.field("gain", "ctl-gain", ftoa(max(c.Model.Init.Gain, 0)), []option{{"0", "gain.default"}, {"0.5", "0.5"}, {"0.8", "0.8"}, {"0.9", "0.9"}, {"1.1", "1.1"}, {"1.2", "1.2"}, {"1.5", "1.5"}, {"2", "2"}}, false, func(ctx app.Context, v string) {
			c.Model.Init.Gain = atof(v)
			p.changed(ctx, false)
		}),
		p.field("fb", "ctl-fb", fb, []option{{"1", "1"}, {"0", "0"}, {"chrono", "fb.chrono"}}, false, func(ctx app.Context, v string) {
			c.Model.Init.ForgetBias = v
			if v == "1" {
				c.Model.Init.ForgetBias = ""
			}
			p.changed(ctx, false)
		}),
		p.field("dropout", "ctl-dropout", ftoa(c.Model.Dropout), nums(0, 0.1, 0.2, 0.3, 0.5), false, func(ctx app.Context, v string) {
			c.Model.Dropout = atof(v)
			p.changed(ctx, false)
		}),
	}
}

func (p *playground) section(key string, body ...app.UI) app.UI {
	return app.Section().Class("card ctl").Aria("label", tr(p.lang, key)).Body(
		app.H2().Text(tr(p.lang, key)),
		app.Div().Class("fields").Body(body...),
	)
}

// compareSection lists the models trained side by side, each with its colour.
func (p *playground) compareSection() app.UI {
	withAttn := seq2seq(p.set.Cfg.Task.Name)
	rowClass := "model-row"
	if withAttn {
		rowClass += " attn"
	}
	rows := []app.UI{app.Div().Class(rowClass+" head").Body(
		app.Span(), app.Span().Text(tr(p.lang, "cell")), app.Span().Text(tr(p.lang, "hidden")), app.Span().Text(tr(p.lang, "layers")), app.Span(),
	)}
	for i := range p.set.Models {
		m := p.set.Models[i]
		n := strconv.Itoa(i + 1)
		rows = append(rows, app.Div().Class(rowClass).Style("--c", runColor(i)).Body(
			app.Span().Class("swatch").Text(n),
			p.selectBox("cell", "ctl-cell-"+strconv.Itoa(i), m.Cell, cells(), func(ctx app.Context, v string) {
				p.set.Models[i].Cell = v
				p.changed(ctx, false)
			}),
			p.selectBox("hidden", "ctl-hidden-"+strconv.Itoa(i), strconv.Itoa(m.Hidden), opts("4", "8", "16", "32", "64", "128"), func(ctx app.Context, v string) {
				p.set.Models[i].Hidden = atoi(v)
				p.changed(ctx, false)
			}),
			p.selectBox("layers", "ctl-layers-"+strconv.Itoa(i), strconv.Itoa(m.Layers), opts("1", "2", "3"), func(ctx app.Context, v string) {
				p.set.Models[i].Layers = atoi(v)
				p.changed(ctx, false)
			}),
			app.If(seq2seq(p.set.Cfg.Task.Name), func() app.UI {
				return p.selectBox("attn", "ctl-attn-"+strconv.Itoa(i), attnValue(m.Attention), attnOptions(), func(ctx app.Context, v string) {
					p.set.Models[i].Attention = attnSpec(v)
					p.changed(ctx, false)
				})
			}),
			app.Button().Class("icon").Aria("label", tr(p.lang, "remove")+" "+n).Title(tr(p.lang, "remove")).Text("×").OnClick(func(ctx app.Context, e app.Event) {
				if i >= len(p.set.Models) || len(p.set.Models) < 2 {
					return
				}
				p.set.Models = slices.Delete(p.set.Models, i, i+1)
				p.set.Cfg.Model.Cell, p.set.Cfg.Model.Hidden, p.set.Cfg.Model.Layers = p.set.Models[0].Cell, p.set.Models[0].Hidden, p.set.Models[0].Layers
				p.changed(ctx, false)
			}, app.EventScope("remove", i)),
		))
	}
	if len(p.set.Models) < worker.MaxRuns {
		rows = append(rows, app.Button().ID("btn-add-model").Class("wide").Text("+ "+tr(p.lang, "add.model")).OnClick(func(ctx app.Context, e app.Event) {
			p.addModel(ctx)
		}))
	}
	rows = append(rows, p.initFields()...)
	return p.section("sec.compare", rows...)
}

// addModel adds a model to compare: the next cell type not yet shown, else a copy of the last.
func (p *playground) addModel(ctx app.Context) {
	if len(p.set.Models) >= worker.MaxRuns {
		return
	}
	m := p.set.Models[len(p.set.Models)-1]
	for _, c := range []string{"rnn", "gru", "lstm"} {
		if !slices.ContainsFunc(p.set.Models, func(x train.ModelSpec) bool { return x.Cell == c }) {
			m.Cell = c
			break
		}
	}
	p.set.Models = append(p.set.Models, m)
	p.changed(ctx, false)
}
