package app

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/worker"
)

// The character language model on the user's own text, and the text it generates.
//
// The text is not part of the page's URL (a link would grow to a megabyte): it is kept in the browser's
// storage under textKey and comes back whenever the task reads a text, on this page and after a reload.
// A link opened in another browser trains on that browser's own text, or on the built-in one. The
// note under the text says so.

const textKey = "rnn-playground/text"

// textField is the textarea for the user's text, shown with a task that reads a text. Its text applies when
// the textarea loses focus (a change event), which restarts the run; an empty text is the built-in one.
func (p *playground) textField() app.UI {
	if !taskEntry(p.set.Cfg.Task.Name).Text || p.hiddenHere("text") {
		return nil
	}
	text := p.set.Cfg.Task.Text
	count := tr(p.lang, "text.builtin")
	if text != "" {
		count = fmt.Sprintf(tr(p.lang, "text.count"), utf8.RuneCountInString(text), task.MaxText>>10)
	}
	return app.Div().Class("field wide-field").Body(
		app.Label().For("ctl-text").Text(tr(p.lang, "text")),
		app.Textarea().ID("ctl-text").Class("text-input").Rows(5).Aria("label", tr(p.lang, "text")).
			Placeholder(tr(p.lang, "text.placeholder")).Spellcheck(false).Text(text).
			OnChange(func(ctx app.Context, e app.Event) {
				p.setText(ctx, ctx.JSSrc().Get("value").String())
			}, app.EventScope("ctl-text")),
		app.P().ID("text-note").Class("note").Text(count+" "+tr(p.lang, "text.nolink")),
	)
}

// setText trains on a new text. A text over task.MaxText is refused here, one too short for T by the
// worker; either way the message names the field and the limit, and the runs are left as they were.
func (p *playground) setText(ctx app.Context, text string) {
	if len(text) > task.MaxText {
		p.errMsg = fmt.Sprintf(tr(p.lang, "text.toolong"), len(text), task.MaxText)
		return
	}
	p.text = text
	p.set.Cfg.Task.Text = text
	if err := ctx.LocalStorage().Set(textKey, text); err != nil {
		p.notice = "text: " + err.Error()
	}
	p.changed(ctx, false)
}

// loadText restores the user's text from the browser's storage (OnMount).
func (p *playground) loadText(ctx app.Context) {
	ctx.LocalStorage().Get(textKey, &p.text)
	if taskEntry(p.set.Cfg.Task.Name).Text && len(p.text) <= task.MaxText {
		p.set.Cfg.Task.Text = p.text
	}
}

// temps are the sampling temperatures offered.
var temps = []string{"0.2", "0.5", "0.8", "1", "1.2", "1.5", "2"}

// sampleView is the language model's generated text, one paragraph per run: the prime (the start of a
// validation example) then what the model writes after it, at the chosen temperature. The worker
// draws a new sample every worker.SampleEvery steps, on pause and whenever the temperature changes.
func (p *playground) sampleView() app.UI {
	if !taskEntry(p.taskSpec().Name).Text {
		return nil
	}
	temp := p.tempValue()
	var rows []app.UI
	for i, r := range p.runs {
		if r.sample == "" {
			continue
		}
		rows = append(rows, app.P().Class("sample").Style("--c", runColor(i)).DataSet("step", r.sampleStep).Body(
			app.If(len(p.runs) > 1, func() app.UI { return app.Span().Class("who").Text(p.runName(i)) }),
			app.Span().Class("prime").Text(r.prime),
			app.Span().Class("gen").Text(r.sample),
		))
	}
	if len(rows) == 0 {
		rows = []app.UI{app.P().Class("note").Text(p.emptyText())}
	}
	return app.Section().ID("sample-card").Class("card sample-card").Aria("label", tr(p.lang, "ch.sample")).Body(
		app.Div().Class("card-head").Body(
			app.H3().Text(tr(p.lang, "ch.sample")),
			app.Div().Class("tools").Body(
				app.Label().For("ctl-temp").Class("small").Text(tr(p.lang, "temp")),
				app.Select().ID("ctl-temp").Aria("label", tr(p.lang, "temp")).OnChange(func(ctx app.Context, e app.Event) {
					p.setTemp(ctx, ctx.JSSrc().Get("value").String())
				}, app.EventScope("ctl-temp")).Body(
					app.Range(temps).Slice(func(i int) app.UI {
						return app.Option().Value(temps[i]).Selected(temps[i] == temp).Text(temps[i])
					}),
				),
			),
		),
		app.Div().ID("sample-text").Class("samples").Body(rows...),
		app.P().Class("note").Text(tr(p.lang, "sample.note")),
	)
}

// resample asks for the language model's text of the model as it is now (on pause: the worker samples
// only every worker.SampleEvery steps while training).
func (p *playground) resample(ctx app.Context) {
	if taskEntry(p.taskSpec().Name).Text {
		p.setTemp(ctx, p.tempValue())
	}
}

func (p *playground) tempValue() string {
	if p.temp == "" {
		return "1"
	}
	return p.temp
}

// setTemp asks the worker for new samples at temperature v.
func (p *playground) setTemp(ctx app.Context, v string) {
	t, err := strconv.ParseFloat(v, 64)
	if err != nil || t < worker.MinTemp || t > worker.MaxTemp {
		return
	}
	p.temp = v
	p.send(worker.Command{Op: worker.OpSample, Temp: t})
}
