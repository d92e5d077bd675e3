//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// A lone run on two workers (window.rnnPoolSize = 2: this machine has two cores, where the page keeps
// one for itself) trains in the lead worker while the helper computes half of each step's shards; the
// weights are those of the same run trained natively as cmd/train trains it, bit for bit, and so those of
// one worker. Dropout draws from the random state the jobs carry.
func TestShardedRun(t *testing.T) {
	for _, workers := range []int{2, 1} {
		t.Run(fmt.Sprintf("%d-workers", workers), func(t *testing.T) {
			p := newPoolPage(t, workers)
			p.open("?dropout=0.1&hidden=64")
			if n := eval[int](p, `window.__workers.length`); n != workers {
				t.Fatalf("%d workers for a lone run, want %d", n, workers)
			}
			p.click("#btn-play")
			p.waitStep("60 steps", 60)
			p.click("#btn-play")
			p.wait("pause", `document.getElementById("playground").dataset.playing === "false"`, 30*time.Second)
			time.Sleep(300 * time.Millisecond) // the pause's reply carries the last steps
			steps := p.step()
			helped := eval[int](p, `+document.getElementById("playground").dataset.helped`)
			if workers > 1 && helped < steps/2 {
				t.Errorf("the helper computed %d shards in %d steps", helped, steps)
			}
			if workers == 1 && helped != 0 {
				t.Errorf("%d shards computed by helpers of a lone worker", helped)
			}
			eval[chromedp.Void](p, `window.__files = []; window.rnnDownload = (name, mime, text) => window.__files.push(text);`)
			eval[chromedp.Void](p, `document.getElementById("btn-save-file").click()`)
			p.wait("the model file", `window.__files.length === 1`, 20*time.Second)
			file := []byte(eval[string](p, `window.__files[0]`))

			cfg, _, _, err := train.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Model.Dropout != 0.1 {
				t.Fatalf("the run has dropout %v", cfg.Model.Dropout)
			}
			r, err := train.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			r.Step(steps)
			want, err := r.Save()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(file, want) {
				t.Errorf("after %d steps on %d workers (%d shards from the helper) the page's model differs from the native run's", steps, workers, helped)
			}
			t.Logf("%d steps, %d shards computed by the helper", steps, helped)
			if workers > 1 {
				// The helper's worker stops: the lead waits for it once (10 s), then computes every
				// shard itself, and the run trains on.
				eval[chromedp.Void](p, `window.__workers[1].terminate()`)
				p.click("#btn-play")
				p.waitStep("training without the helper", steps+30)
				p.click("#btn-play")
				if s := p.attr("worker"); s != "ready" {
					t.Errorf("worker state %q after the helper stopped", s)
				}
			}

			// A file the worker refuses leaves the run as it was (on two workers a fresh worker takes
			// the file, and the lead keeps the run until it has loaded); a good file replaces the run.
			dir := t.TempDir()
			bad, good := filepath.Join(dir, "bad.json"), filepath.Join(dir, "good.json")
			os.WriteFile(bad, []byte(refusedRun), 0o644)
			os.WriteFile(good, file, 0o644)
			p.wait("pause", `document.getElementById("playground").dataset.playing === "false"`, 30*time.Second)
			time.Sleep(300 * time.Millisecond) // the pause's reply carries the last steps
			at := p.step()
			p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{bad}))
			p.wait("the file refused", `document.getElementById("status").classList.contains("bad")`, 20*time.Second)
			if s := p.step(); s != at {
				t.Errorf("a refused file moved the run from step %d to %d", at, s)
			}
			p.click("#btn-step")
			p.waitStep("a step after the refused file", at+1)
			p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{good}))
			p.wait("the saved run loaded", `document.getElementById("status").textContent === "Model loaded" &&
				document.getElementById("playground").dataset.step === "0" && document.getElementById("playground").dataset.worker === "ready"`, 20*time.Second)
			p.click("#btn-step") // the loaded weights start a new run
			p.wait("a step of the loaded run", `document.getElementById("playground").dataset.step === "1"`, 20*time.Second)
			p.noErrors()
		})
	}
}

// refusedRun is a run file that parses but that the worker refuses: its weights do not fit its model.
const refusedRun = `{"format":"rnn-playground/run","version":1,"config":{"task":{"name":"adding","T":20},"model":{"cell":"lstm","layers":1,"hidden":1000},"optimizer":{"name":"adam","lr":0.01},"clip":{},"batch":8,"seed":1,"steps":10,"eval_every":5},"model":{"format":"rnn-playground/model","version":1,"config":{"input":2,"loss":"mse","layers":[{"type":"lstm","units":1000},{"type":"dense","units":1}]},"params":[{"name":"lstm0.kernel","shape":[2,4],"data":[0,0,0,0,0,0,0,0]}]}}`
