//go:build !js

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A comparison trains each run in a worker of its own (window.rnnPoolSize = 3 here: this machine has
// two cores, where the page would use one worker); play, pause and step act on all of them; a worker
// that crashes shows its run as crashed while the others train on; Reset brings it back; a refused file
// takes none of the runs.
func TestWorkerPool(t *testing.T) {
	p := newPoolPage(t, 3)
	p.open("?experiment=vanishing")
	if n := eval[int](p, `window.__workers.length`); n != 3 {
		t.Fatalf("%d workers for 3 runs, want 3", n)
	}
	steps := func() (s [3]int) {
		for i := range s {
			s[i] = eval[int](p, fmt.Sprintf(`+document.getElementById("run-%d").dataset.step`, i))
		}
		return s
	}
	p.click("#btn-step")
	p.wait("one step in every run", `[0, 1, 2].every((i) => +document.getElementById("run-" + i).dataset.step === 1)`, 30*time.Second)
	p.click("#btn-play")
	p.wait("every run to train", `[0, 1, 2].every((i) => +document.getElementById("run-" + i).dataset.step >= 20)`, 90*time.Second)

	// Worker 2 (run 2, the GRU) fails: its run stops as crashed, the others go on.
	eval[chromedp.Void](p, `window.__workers[1].postMessage("not a command")`)
	p.wait("run 2 to show its worker's crash", `document.getElementById("run-1").classList.contains("bad")`, 30*time.Second)
	before := steps()
	p.wait("runs 1 and 3 to train on", fmt.Sprintf(`+document.getElementById("run-0").dataset.step > %d && +document.getElementById("run-2").dataset.step > %d`, before[0]+10, before[2]+10), 60*time.Second)
	if after := steps(); after[1] != before[1] {
		t.Errorf("the crashed run moved from step %d to %d", before[1], after[1])
	}
	if s := eval[string](p, `document.getElementById("run-1").textContent`); !strings.Contains(s, "crashed") {
		t.Errorf("crashed run's status %q", s)
	}
	p.screenshot("pool-01-crash")
	p.click("#btn-play") // pause

	// Reset: a new worker replaces the crashed one, and every run starts again.
	p.click("#btn-reset")
	// Ready, and every run back at step 0 (the new worker has answered its init): "ready" alone may be the
	// page before Reset's render, and a step then would be refused.
	p.wait("a fresh worker for the crashed run", `window.__workers.length === 4 && document.getElementById("playground").dataset.worker === "ready" &&
		[0, 1, 2].every((i) => document.getElementById("run-" + i).dataset.step === "0")`, 30*time.Second)
	p.click("#btn-step")
	p.wait("one step in every run after Reset", `[0, 1, 2].every((i) => +document.getElementById("run-" + i).dataset.step === 1)`, 30*time.Second)

	// A file the worker refuses leaves the three runs in their workers: they step on.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(refusedRun), 0o644)
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{bad}))
	p.wait("the file refused", `document.getElementById("status").classList.contains("bad")`, 20*time.Second)
	p.click("#btn-step")
	p.wait("a step in every run after the refused file", `[0, 1, 2].every((i) => +document.getElementById("run-" + i).dataset.step === 2)`, 30*time.Second)
	p.noErrors()
}

// newPoolPage is a page whose pool has n workers whatever the machine (window.rnnPoolSize).
func newPoolPage(tb testing.TB, n int) *page {
	p := newPage(tb)
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: fmt.Sprintf(`window.rnnPoolSize = %d;`, n)}); err != nil {
		tb.Fatal(err)
	}
	return p
}

// A loaded file replaces every run of a comparison, whether one worker trains them all or each has its
// own: the page then has the loaded run alone, and it steps.
func TestLoadReplacesEveryRun(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d-workers", workers), func(t *testing.T) {
			p := newPoolPage(t, workers)
			p.open("")
			eval[chromedp.Void](p, `window.__files = []; window.rnnDownload = (name, mime, text) => window.__files.push(text);`)
			p.click("#btn-save-file")
			p.wait("the run file", `window.__files.length === 1`, 20*time.Second)
			good := filepath.Join(t.TempDir(), "run.json")
			os.WriteFile(good, []byte(eval[string](p, `window.__files[0]`)), 0o644)

			p.open("?experiment=vanishing")
			p.wait("three runs", `document.getElementById("playground").dataset.runs === "3" && document.getElementById("playground").dataset.worker === "ready"`, 30*time.Second)
			p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{good}))
			p.wait("the run loaded, alone", `document.getElementById("status").textContent === "Model loaded" &&
				document.getElementById("playground").dataset.runs === "1" && !document.getElementById("run-1")`, 30*time.Second)
			p.click("#btn-step")
			p.wait("a step of the loaded run", `document.getElementById("playground").dataset.step === "1"`, 20*time.Second)
			p.noErrors()
		})
	}
}
