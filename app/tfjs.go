package app

import (
	"encoding/json"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/tfjs"
	"github.com/rnn-playground/rnn-playground/worker"
)

// TensorFlow.js export and import (package nn/tfjs, docs/interop.md): the worker makes and reads the
// files, the page only moves them.

// exportTFJS asks the worker for the first run's model as a TensorFlow.js LayersModel; tfjsFiles offers it.
func (p *playground) exportTFJS(ctx app.Context) {
	p.send(worker.Command{Op: worker.OpExportTFJS, ID: 0})
}

// tfjsFiles offers the LayersModel as its two files, named as its manifest names them (TensorFlow.js's
// loaders read the weights only from a file beside model.json, so one download cannot hold both).
func (p *playground) tfjsFiles(m worker.Message) {
	download(tfjs.ModelFile, "application/json", string(m.File))
	w := app.Window().Get("Uint8Array").New(len(m.Weights))
	app.CopyBytesToJS(w, m.Weights)
	app.Window().Call("rnnDownload", tfjs.WeightsFile, "application/octet-stream", w)
}

// isLayersModel reports whether a JSON file is a TensorFlow.js model.json rather than a saved run.
func isLayersModel(b []byte) bool {
	var head struct {
		ModelTopology json.RawMessage `json:"modelTopology"`
	}
	return json.Unmarshal(b, &head) == nil && len(head.ModelTopology) > 0
}

// importTFJS reads the chosen files — a model.json and its weight files — and sends them to the worker,
// which fits the model to the page's task or says why it cannot; a refused model changes nothing.
func (p *playground) importTFJS(ctx app.Context, files app.Value) {
	n, size := files.Get("length").Int(), 0
	for i := 0; i < n; i++ {
		size += files.Index(i).Get("size").Int()
	}
	if size > worker.MaxFile {
		p.errMsg = fmt.Sprintf("load: the files are larger than %d MB", worker.MaxFile>>20)
		return
	}
	names, data, left := make([]string, n), make([][]byte, n), n
	for i := 0; i < n; i++ {
		f := files.Index(i)
		names[i] = f.Get("name").String()
		var then app.Func
		then = app.FuncOf(func(this app.Value, args []app.Value) any {
			buf := app.Window().Get("Uint8Array").New(args[0])
			b := make([]byte, buf.Get("length").Int())
			app.CopyBytesToGo(b, buf)
			then.Release()
			ctx.Dispatch(func(ctx app.Context) {
				data[i], left = b, left-1
				if left > 0 {
					return
				}
				var model []byte
				weights := map[string][]byte{}
				for j, d := range data {
					if model == nil && isLayersModel(d) {
						model = d
					} else {
						weights[names[j]] = d
					}
				}
				if model == nil {
					p.errMsg = "load: none of the files is a TensorFlow.js model.json (choose it together with its weight file)"
					return
				}
				p.sendImport(ctx, model, weights)
			})
			return nil
		})
		f.Call("arrayBuffer").Call("then", then)
	}
}

// sendImport sends a LayersModel to the worker, to become a run of the page's task and settings.
func (p *playground) sendImport(ctx app.Context, model []byte, weights map[string][]byte) {
	p.send(worker.Command{Op: worker.OpImportTFJS, File: model, Weights: weights, Configs: p.runConfigs()[:1]})
}
