//go:build !js

package e2e

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// IndRNN, the cell added through the registry alone, in the real page: picked in the cell control it
// trains with every chart drawn and a finite loss, its TensorFlow.js download is refused with the reason,
// and a link with ?cell=indrnn opens with it chosen.
func TestIndRNN(t *testing.T) {
	p := newPage(t)
	p.open("")
	if eval[int](p, `document.querySelectorAll("#ctl-fb").length`) != 1 {
		t.Error("the default LSTM is offered no forget-gate bias")
	}
	p.selectValue("ctl-cell", "indrnn")
	p.wait("the URL to follow the cell", `location.search.includes("cell=indrnn")`, 10*time.Second)
	// IndRNN has no forget gate (CellKind.ForgetBias): its bias is not offered.
	p.wait("the forget-gate bias to go", `!document.getElementById("ctl-fb")`, 5*time.Second)
	p.click("#btn-play")
	p.wait("40 steps of IndRNN", `+document.getElementById("playground").dataset.step >= 40`, 60*time.Second)
	p.click("#btn-play")
	p.wait("pause", `document.getElementById("playground").dataset.playing === "false"`, 10*time.Second)
	// A card redraws at most four times a second: give the last progress message time to land.
	p.waitCharts("every chart to draw", 5*time.Second)
	for _, k := range []string{"valFirst", "valLast"} {
		v, err := strconv.ParseFloat(p.attr(k), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("validation loss %s = %q, want a finite number", k, p.attr(k))
		}
	}
	if n := eval[int](p, `document.querySelectorAll("#chart-loss polyline").length`); n != 2 {
		t.Errorf("loss chart has %d lines, want 2 (training and validation)", n)
	}
	if bad := eval[string](p, `(() => { const s = document.getElementById("status"); return s.classList.contains("bad") ? s.textContent : ""; })()`); bad != "" {
		t.Errorf("status shows an error: %q", bad)
	}
	if banner := eval[string](p, `(document.querySelector(".banner") || {}).textContent || ""`); banner != "" {
		t.Errorf("banner: %q", banner)
	}
	p.screenshot("10-indrnn")
	// TensorFlow.js has no such layer: the download is refused, saying why, and offers no file.
	eval[chromedp.Void](p, `window.__files = []; window.rnnDownload = (name) => window.__files.push(name);`)
	p.click("#btn-save-tfjs")
	p.wait("the export refused", `document.getElementById("status").classList.contains("bad")`, 10*time.Second)
	if s := eval[string](p, `document.getElementById("status").textContent`); !strings.Contains(s, "TensorFlow.js's recurrent layers are SimpleRNN, LSTM and GRU") {
		t.Errorf("export refusal: %q", s)
	}
	if n := eval[int](p, `window.__files.length`); n != 0 {
		t.Errorf("a refused export offered %d files", n)
	}
	p.noErrors()

	p.open("?cell=indrnn")
	if got := eval[string](p, `document.getElementById("ctl-cell").value`); got != "indrnn" {
		t.Errorf("?cell=indrnn: the cell control shows %q", got)
	}
	if got := eval[string](p, `(() => { const s = document.getElementById("ctl-cell"); return s.options[s.selectedIndex].textContent; })()`); got != "IndRNN" {
		t.Errorf("?cell=indrnn: the chosen option reads %q, want IndRNN", got)
	}
	p.click("#btn-step")
	p.wait("a step of the linked IndRNN", `document.getElementById("playground").dataset.step === "1"`, 10*time.Second)
	if banner := eval[string](p, `(document.querySelector(".banner") || {}).textContent || ""`); banner != "" {
		t.Errorf("?cell=indrnn: banner %q", banner)
	}
	p.noErrors()
}
