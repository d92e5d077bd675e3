package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/worker"
)

// runDiff is how the runs of a guided experiment differ: one row per setting whose value is not the
// same in every run (the settings panel shows it, since its controls show only the first run's).
type runDiff struct {
	Names, Colors []string
	Rows          []diffRow
}

type diffRow struct {
	Key, Label string   // the control's key and its name
	Values     []string // per run
}

// settingValues reads each setting a run can differ in, as the settings panel words it; the keys
// are the controls' (controlKeys).
var settingValues = []struct {
	key   string
	value func(lang string, c worker.Config) string
}{
	{"T", func(_ string, c worker.Config) string { return strconv.Itoa(c.Task.T) }},
	{"cell", func(l string, c worker.Config) string { return tr(l, "cell."+c.Model.Cell) }},
	{"layers", func(_ string, c worker.Config) string { return strconv.Itoa(c.Model.Layers) }},
	{"hidden", func(_ string, c worker.Config) string { return strconv.Itoa(c.Model.Hidden) }},
	{"attn", func(l string, c worker.Config) string {
		return optionLabel(l, attnOptions(), attnValue(c.Model.Attention))
	}},
	{"act", func(_ string, c worker.Config) string { return orDefault(c.Model.Activation, "tanh") }},
	{"aux", func(_ string, c worker.Config) string { return ftoa(c.Model.AuxWeight) }},
	{"init", func(l string, c worker.Config) string {
		return optionLabel(l, initOptions(), orDefault(c.Model.Init.Recurrent, "orthogonal"))
	}},
	{"gain", func(_ string, c worker.Config) string { return ftoa(max(c.Model.Init.Gain, 0)) }},
	{"fb", func(l string, c worker.Config) string {
		return optionLabel(l, fbOptions(), orDefault(c.Model.Init.ForgetBias, "1"))
	}},
	{"dropout", func(_ string, c worker.Config) string { return ftoa(c.Model.Dropout) }},
	{"opt", func(_ string, c worker.Config) string { return c.Optimizer.Name }},
	{"lr", func(_ string, c worker.Config) string { return ftoa(c.Optimizer.LR) }},
	{"batch", func(_ string, c worker.Config) string { return strconv.Itoa(c.Batch) }},
	{"clip", func(l string, c worker.Config) string {
		mode := orDefault(c.Clip.Mode, "off")
		s := optionLabel(l, clipOptions(), mode)
		if mode != "off" {
			s += " " + ftoa(c.Clip.Threshold)
		}
		return s
	}},
	{"wd", func(_ string, c worker.Config) string { return ftoa(c.Optimizer.WeightDecay) }},
	{"seed", func(_ string, c worker.Config) string { return strconv.FormatUint(c.Seed, 10) }},
}

// diffRuns lists the settings in which the runs cfgs (named names) differ.
func diffRuns(lang string, cfgs []worker.Config, names []string) runDiff {
	d := runDiff{Names: names}
	for i := range cfgs {
		d.Colors = append(d.Colors, runColor(i))
	}
	for _, s := range settingValues {
		vs := make([]string, len(cfgs))
		same := true
		for i, c := range cfgs {
			vs[i] = s.value(lang, c)
			same = same && vs[i] == vs[0]
		}
		if !same {
			d.Rows = append(d.Rows, diffRow{Key: s.key, Label: tr(lang, s.key), Values: vs})
		}
	}
	return d
}

// optionLabel is the translated label of value among choices (the value itself if it is not one).
func optionLabel(lang string, choices []option, value string) string {
	for _, o := range choices {
		if o.value == value {
			return tr(lang, o.label)
		}
	}
	return value
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// perRun marks a control whose value differs between the runs.
func (c *settingsPanel) perRun(key string) app.UI {
	if !c.varies(key) {
		return nil
	}
	return app.Span().Class("per-run").Text(" · " + tr(c.Lang, "per.run"))
}
