package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/worker"
)

// saveModel asks the worker for the first run's model file, for target "file" (a download) or
// "browser" (the browser's storage); modelFile receives it.
func (p *playground) saveModel(ctx app.Context, target string) {
	p.saveTarget = target
	p.send(worker.Command{Op: worker.OpSave, ID: 0})
}

// exportRecords offers every run's records as a file: format "csv" or "json".
func (p *playground) exportRecords(ctx app.Context, format string) {
	if format == "csv" {
		download("rnn-playground-records.csv", "text/csv", p.recordsCSV())
		return
	}
	download("rnn-playground-records.json", "application/json", p.recordsJSON())
}

// setHide sets the controls the page's link hides (ticked under "Classroom link: hide").
func (p *playground) setHide(ctx app.Context, hide []string) {
	p.set.Hide = hide
	p.writeURL(ctx)
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
	if len(s) > worker.MaxFile || !json.Valid([]byte(s)) {
		p.errMsg = "load: the model saved in this browser is damaged (not JSON); save it again"
		return
	}
	p.send(worker.Command{Op: worker.OpLoad, File: json.RawMessage(s)})
}

// loadFile reads the chosen file and sends it to the worker, which checks it; a bad file changes nothing.
func (p *playground) loadFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	if files.Get("length").Int() > 1 {
		p.importTFJS(ctx, files)
		ctx.JSSrc().Set("value", "")
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > worker.MaxFile {
		p.errMsg = fmt.Sprintf("load: the file is larger than %d MB", worker.MaxFile>>20)
		ctx.JSSrc().Set("value", "") // the same file chosen again says so again
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
			if isLayersModel([]byte(text)) { // a model.json alone: the worker names the weight file it lacks
				p.sendImport(ctx, []byte(text), nil)
				return
			}
			p.send(worker.Command{Op: worker.OpLoad, File: json.RawMessage(text)})
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
