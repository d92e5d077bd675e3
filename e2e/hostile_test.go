//go:build !js

package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/worker"
)

// pwned is what the hostile inputs' markup and script would set if the page ever ran them.
const pwned = `window.__pwned === undefined && !document.querySelector("img[src=x]")`

// TestHostileInput feeds the real page what a careless or hostile user could: links with garbage, huge
// numbers, markup and script, repeated keys and oversized settings; damaged entries in the browser's
// storage; crafted model files through Upload; a 10 MB pasted text. The page never throws, never runs
// script from the input, says what was wrong, and keeps training with the last good settings.
func TestHostileInput(t *testing.T) {
	p := newPage(t)
	script := `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`
	for _, c := range []struct{ query, banner string }{
		{"T=99999999999999999999", "T"},
		{"hidden=" + url.QueryEscape(script), "hidden"},
		{"task=" + url.QueryEscape(script), "task.name"},
		{"T=5&T=50&T=500", "given 3 times"},
		{"lr=NaN&clipt=1e309", "lr"},
		{"cell=lstm,gru,rnn,lstm,gru,rnn", "at most 4"},
		{"hidden=" + strings.Repeat("9", 3000), "the limit is 2048"},
		{"seed=-1&batch=0x10&%zz", "seed"},
	} {
		p.open("?" + c.query)
		banner := eval[string](p, `(document.querySelector(".banner") || {}).textContent || ""`)
		if !strings.Contains(banner, c.banner) || len(banner) > 1200 {
			t.Errorf("?%.60s: banner %.200q, want one naming %q", c.query, banner, c.banner)
		}
		if !eval[bool](p, pwned) {
			t.Fatalf("?%.60s: the page ran script from its link", c.query)
		}
		p.noErrors()
	}

	// The last good state: after the bad links, a plain page trains.
	p.open("")
	p.click("#btn-step")
	p.waitStep("a step", 1)

	// Damaged storage: the page loads, and loading the damaged model says so and changes nothing.
	eval[bool](p, `(() => {
		localStorage.setItem("rnn-playground/lang", "{not json");
		localStorage.setItem("rnn-playground/more-views", "[[[[");
		localStorage.setItem("rnn-playground/text", '"`+strings.ReplaceAll(script, `"`, `\"`)+`"');
		localStorage.setItem("rnn-playground/model", JSON.stringify("{\"format\": garbage"));
		return true })()`)
	p.open("")
	step := p.step()
	p.click("#btn-load-browser")
	p.wait("an error for the damaged model", `document.getElementById("status").classList.contains("bad")`, 10*time.Second)
	if s := p.step(); s != step {
		t.Errorf("a damaged stored model changed the run: step %d → %d", step, s)
	}
	eval[bool](p, `(localStorage.setItem("rnn-playground/model", JSON.stringify({format: "rnn-playground/run", version: 1, config: {}, model: {params: [{data: [1e308]}]}})), true)`)
	p.click("#btn-load-browser")
	p.wait("an error for the crafted stored model", `document.getElementById("status").classList.contains("bad")`, 10*time.Second)
	p.noErrors()

	// Crafted files through Upload: each refused with a message, the run unchanged.
	dir := t.TempDir()
	files := map[string]string{
		"notjson.json": "{\"format\": ",
		"claims.json":  refusedRun,
		"markup.json":  `{"format":"` + strings.ReplaceAll(script, `"`, `\"`) + `"}`,
	}
	for name, text := range files {
		f := filepath.Join(dir, name)
		os.WriteFile(f, []byte(text), 0o644)
		p.click("#btn-reset")
		p.wait("reset", `document.getElementById("playground").dataset.step === "0" && !document.getElementById("status").classList.contains("bad")`, 10*time.Second)
		p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{f}))
		p.wait("an error for "+name, `document.getElementById("status").classList.contains("bad")`, 20*time.Second)
		if s := p.step(); s != 0 {
			t.Errorf("%s changed the run: step %d", name, s)
		}
		if !eval[bool](p, pwned) {
			t.Fatalf("%s: the page ran script from a file", name)
		}
	}
	// Files over the limit are refused by their size, before they are read: one run file, or a model.json
	// and its weights together (sparse files: nothing is written to disk).
	sized := func(name string, n int64) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(f, n); err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, c := range []struct {
		files []string
		want  string
	}{
		{[]string{sized("big.json", worker.MaxFile+1)}, "the file is larger than 64 MB"},
		{[]string{sized("model.json", worker.MaxFile/2+1), sized("model.weights.bin", worker.MaxFile/2+1)}, "the files are larger than 64 MB"},
	} {
		p.click("#btn-reset")
		p.wait("reset", `document.getElementById("playground").dataset.step === "0" && !document.getElementById("status").classList.contains("bad")`, 10*time.Second)
		p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), c.files))
		p.wait("the files refused", `document.getElementById("status").classList.contains("bad")`, 20*time.Second)
		if s := eval[string](p, `document.getElementById("status").textContent`); !strings.Contains(s, c.want) {
			t.Errorf("%d files over the limit: status %q, want %q", len(c.files), s, c.want)
		}
		if v := eval[string](p, `document.getElementById("file-load").value`); v != "" {
			t.Errorf("%d files over the limit: the file input still holds %q (choosing it again would do nothing)", len(c.files), v)
		}
	}
	p.click("#btn-step")
	p.waitStep("a step after the crafted files", 1)
	p.noErrors()

	// A 10 MB pasted text: refused with the limit named, the page still answers.
	p.open("?task=charlm")
	eval[bool](p, `(() => { const a = document.getElementById("ctl-text"); a.value = "ab ".repeat(3500000); a.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	// Chromium itself lays out 10 MB in the textarea first: seconds on a loaded machine.
	p.wait("the text refused", `document.getElementById("status").classList.contains("bad")`, 120*time.Second)
	if got := eval[string](p, `document.getElementById("status").textContent`); !strings.Contains(got, "1048576") && !strings.Contains(got, "1,048,576") {
		t.Errorf("status after a 10 MB text: %q, want the limit named", got)
	}
	p.click("#btn-step")
	p.waitStep("a step after the long text", 1)
	if !eval[bool](p, pwned) {
		t.Fatal("the page ran script from storage or text")
	}
	p.noErrors()
}
