package e2e

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTFJSPage: "Download for TensorFlow.js" offers model.json and model.weights.bin from the worker;
// choosing both in Upload model brings the model back as a run that trains from the trained weights; a model
// that does not fit the page's task, or a model.json without its weights, is refused with the reason and
// changes nothing.
func TestTFJSPage(t *testing.T) {
	p := newPage(t)
	p.open("")
	eval[chromedp.Void](p, `window.__files = []; window.rnnDownload = (name, mime, data) =>
		window.__files.push({name, mime, b64: typeof data === "string" ? btoa(unescape(encodeURIComponent(data))) : btoa(String.fromCharCode(...data))});`)
	p.click("#btn-play")
	p.waitStep("100 steps", 100)
	p.click("#btn-play")
	p.wait("pause", `document.getElementById("playground").dataset.playing === "false"`, 10*time.Second)
	trained, _ := strconv.ParseFloat(p.attr("valLast"), 64)
	p.click("#btn-save-tfjs")
	p.wait("two files", `window.__files.length === 2`, 10*time.Second)
	var files []struct{ Name, Mime, B64 string }
	if err := json.Unmarshal([]byte(eval[string](p, `JSON.stringify(window.__files)`)), &files); err != nil {
		t.Fatal(err)
	}
	if files[0].Name != "model.json" || files[0].Mime != "application/json" || files[1].Name != "model.weights.bin" || files[1].Mime != "application/octet-stream" {
		t.Fatalf("downloads: %s %s, %s %s", files[0].Name, files[0].Mime, files[1].Name, files[1].Mime)
	}
	dir := t.TempDir()
	paths := make([]string, 2)
	for i, f := range files {
		b, err := base64.StdEncoding.DecodeString(f.B64)
		if err != nil {
			t.Fatal(err)
		}
		paths[i] = filepath.Join(dir, f.Name)
		os.WriteFile(paths[i], b, 0o644)
	}
	model, _ := os.ReadFile(paths[0])
	weights, _ := os.ReadFile(paths[1])
	// The page's default: one LSTM of 32 units on 2 inputs and a Dense(1) head: 4·32·(2+32+1) + 33 weights.
	if !strings.Contains(string(model), `"class_name":"LSTM"`) || len(weights) != 4*(4*32*(2+32+1)+33) {
		t.Errorf("model.json %.200s…, %d weight bytes", model, len(weights))
	}
	p.viewShot("tfjs-share-1440")

	p.click("#btn-reset")
	p.wait("reset", `document.getElementById("playground").dataset.step === "0"`, 10*time.Second)
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), []string{paths[0]}))
	p.wait("a refusal naming the missing weight file", `document.getElementById("status").classList.contains("bad") &&
		document.getElementById("status").textContent.includes("model.weights.bin")`, 10*time.Second)
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), paths))
	p.wait("the imported model", `document.getElementById("status").textContent === "Model loaded"`, 10*time.Second)
	p.click("#btn-step")
	p.wait("a step after importing", `document.getElementById("playground").dataset.step === "1"`, 10*time.Second)
	if got, _ := strconv.ParseFloat(p.attr("valFirst"), 64); !(got < 2*trained+0.01) {
		t.Errorf("imported model: validation loss %v at step 0, the exported model had %v", got, trained)
	}
	p.click("#btn-play")
	p.waitStep("the imported model trains", 40)
	p.click("#btn-play")
	p.waitCharts("every chart to draw", 5*time.Second)

	// The same model for the parity task (1 input per step) is refused, naming the layer and option.
	p.open("?task=parity")
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#file-load"), paths))
	p.wait("a refusal", `document.getElementById("status").classList.contains("bad")`, 10*time.Second)
	if s := eval[string](p, `document.getElementById("status").textContent`); !strings.Contains(s, `layer "lstm0" (LSTM): batch_input_shape has 2 features per step, the parity task has 1`) {
		t.Errorf("refusal: %q", s)
	}
	if s := p.step(); s != 0 {
		t.Errorf("a refused model changed the run: step %d", s)
	}
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"tfjs-share-1280", 1280, 720}, {"tfjs-share-390", 390, 844}} {
		p.do(chromedp.EmulateViewport(vp.w, vp.h))
		if vp.w < 600 { // a phone: the share section is in the settings drawer
			p.click("#btn-settings")
			p.wait("the settings drawer", `!!document.getElementById("btn-save-tfjs").offsetParent`, 5*time.Second)
		}
		eval[chromedp.Void](p, `document.getElementById("btn-save-tfjs").scrollIntoView({block: "center"})`)
		p.viewShot(vp.name)
	}
	p.do(chromedp.EmulateReset())
	p.noErrors()
}
