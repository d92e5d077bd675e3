package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/worker"
)

// shareSection: the link (with a classroom option), saving and loading the model, exporting records.
func (p *playground) shareSection() app.UI {
	return p.section("sec.share",
		app.Div().Class("buttons").Body(
			app.Button().ID("btn-link").Text(tr(p.lang, "copy.link")).OnClick(p.copyLink),
			app.Button().ID("btn-save-file").Text(tr(p.lang, "save.file")).OnClick(func(ctx app.Context, e app.Event) {
				p.saveTarget = "file"
				p.send(worker.Command{Op: "save", ID: 0})
			}),
			app.Label().ID("btn-load-file").Class("button").For("file-load").Text(tr(p.lang, "load.file")),
			app.Input().ID("file-load").Type("file").Accept(".json,application/json").Class("visually-hidden").
				Aria("label", tr(p.lang, "load.file")).OnChange(p.loadFile),
			app.Button().ID("btn-save-browser").Text(tr(p.lang, "save.browser")).OnClick(func(ctx app.Context, e app.Event) {
				p.saveTarget = "browser"
				p.send(worker.Command{Op: "save", ID: 0})
			}),
			app.Button().ID("btn-load-browser").Text(tr(p.lang, "load.browser")).OnClick(p.loadBrowser),
			app.Button().ID("btn-csv").Text(tr(p.lang, "export.csv")).OnClick(func(ctx app.Context, e app.Event) {
				download("rnn-playground-records.csv", "text/csv", p.recordsCSV())
			}),
			app.Button().ID("btn-json").Text(tr(p.lang, "export.json")).OnClick(func(ctx app.Context, e app.Event) {
				download("rnn-playground-records.json", "application/json", p.recordsJSON())
			}),
		),
		app.Details().Class("classroom").Body(
			app.Summary().Text(tr(p.lang, "classroom")),
			app.Div().Class("checks").Body(
				app.Range(controlKeys).Slice(func(i int) app.UI {
					k := controlKeys[i]
					return app.Label().Class("check").Body(
						app.Input().Type("checkbox").ID("hide-"+k).Checked(slices.Contains(p.set.Hide, k)).OnChange(func(ctx app.Context, e app.Event) {
							if ctx.JSSrc().Get("checked").Bool() {
								p.set.Hide = append(p.set.Hide, k)
							} else {
								p.set.Hide = slices.DeleteFunc(p.set.Hide, func(s string) bool { return s == k })
							}
							p.writeURL(ctx)
						}, app.EventScope("hide", k)),
						app.Text(tr(p.lang, k)),
					)
				}),
			),
		),
	)
}

// copyLink copies the page's link. The link carries the controls ticked under "Classroom link: hide",
// so a teacher ticks what to hide, copies the link, and the controls disappear for whoever opens it.
// Without clipboard access the link is shown instead.
func (p *playground) copyLink(ctx app.Context, e app.Event) {
	u := app.Window().Get("location").Get("href").String()
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		p.notice = u
		return
	}
	var ok, fail app.Func
	done := func() { ok.Release(); fail.Release() }
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { p.notice = tr(p.lang, "link.copied") })
		done()
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { p.notice = u })
		done()
		return nil
	})
	clip.Call("writeText", u).Call("then", ok, fail)
}

// modelFile receives a saved model and puts it where the user asked: a download or the browser's storage.
func (p *playground) modelFile(ctx app.Context, m worker.Message) {
	if p.saveTarget == "browser" {
		if err := ctx.LocalStorage().Set(modelKey, string(m.File)); err != nil {
			p.errMsg = "save: " + err.Error()
			return
		}
		p.notice = tr(p.lang, "saved")
		return
	}
	download(fmt.Sprintf("rnn-playground-%s-step%d.json", p.set.Models[0].Cell, p.runStep(0)), "application/json", string(m.File))
}

func (p *playground) runStep(i int) int {
	if i < len(p.runs) {
		return p.runs[i].step
	}
	return 0
}

func (p *playground) loadBrowser(ctx app.Context, e app.Event) {
	var s string
	ctx.LocalStorage().Get(modelKey, &s)
	if s == "" {
		p.errMsg = tr(p.lang, "none.saved")
		return
	}
	p.send(worker.Command{Op: "load", File: json.RawMessage(s)})
}

// loadFile reads the chosen file and sends it to the worker, which checks it; a bad file changes nothing.
func (p *playground) loadFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > worker.MaxFile {
		p.errMsg = fmt.Sprintf("load: the file is larger than %d MB", worker.MaxFile>>20)
		return
	}
	var then app.Func
	then = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		then.Release()
		ctx.Dispatch(func(ctx app.Context) {
			if !json.Valid([]byte(text)) {
				p.errMsg = "load: the file is not JSON"
				return
			}
			p.send(worker.Command{Op: "load", File: json.RawMessage(text)})
		})
		return nil
	})
	f.Call("text").Call("then", then)
	ctx.JSSrc().Set("value", "")
}

// recordsCSV is every record of every run: one row per model and step.
func (p *playground) recordsCSV() string {
	var b bytes.Buffer
	b.WriteString("model,step,loss,grad_norm,post_norm,clipped,lr\n")
	for i, r := range p.runs {
		for _, rec := range r.records {
			b.WriteString(strconv.Itoa(i+1) + "," + strconv.Itoa(rec.Step) + "," + ftoa(rec.Loss) + "," + ftoa(rec.GradNorm) + "," +
				ftoa(rec.PostNorm) + "," + strconv.FormatBool(rec.Clipped) + "," + ftoa(rec.LR) + "\n")
		}
	}
	return b.String()
}

// recordsJSON is the configurations, every record and the evaluations (without per-example views).
func (p *playground) recordsJSON() string {
	type run struct {
		Config  worker.Config   `json:"config"`
		Records []worker.Record `json:"records"`
		Evals   []worker.Eval   `json:"evals"`
	}
	var out []run
	cfgs := p.set.configs()
	for i, r := range p.runs {
		if i < len(cfgs) {
			out = append(out, run{cfgs[i], r.records, r.evals})
		}
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return `{"error": ` + strconv.Quote(err.Error()) + `}`
	}
	return string(b)
}

// download offers text as a file (web/page.js).
func download(name, mime, text string) {
	app.Window().Call("rnnDownload", name, mime, text)
}
