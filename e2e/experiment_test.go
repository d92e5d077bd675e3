//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestExperiments: a guided experiment opens by URL with its explanation and runs, runs with one click,
// shows its explanation in the chosen language and marks the charts it points at; the gallery opens
// another one and puts it in the URL.
func TestExperiments(t *testing.T) {
	p := newPage(t)
	p.open("?experiment=vanishing")
	p.wait("the experiment panel", `document.querySelector("#experiment[data-id=vanishing]") !== null`, 10*time.Second)
	if got := eval[string](p, `document.getElementById("xp-title").textContent`); got != "Why plain RNNs forget" {
		t.Errorf("title %q", got)
	}
	if got := eval[string](p, `document.getElementById("xp-explain").textContent`); !strings.Contains(got, "adding problem") {
		t.Errorf("explanation %.80q…", got)
	}
	if got := eval[string](p, `document.getElementById("xp-eq").textContent`); !strings.Contains(got, "W_hh") {
		t.Errorf("equation %q", got)
	}
	p.wait("three runs", `document.getElementById("playground").dataset.runs === "3"`, 20*time.Second)

	p.click("#btn-play")
	p.waitStep("the experiment to train 100 steps", 100)
	p.wait("the marks on the charts", `(() => { const n = document.querySelector("#chart-dh .note"); return !!n && n.textContent.includes("①"); })()`, 20*time.Second)
	if got := eval[string](p, `getComputedStyle(document.getElementById("chart-dh")).outlineStyle`); got != "solid" {
		t.Errorf("the marked ‖∂L/∂h_t‖ chart is not outlined (outline-style %q)", got)
	}
	// The mark's range (t = 1..10) is shaded in the plot.
	p.wait("the shaded range on the ‖∂L/∂h_t‖ chart", `document.querySelector("#chart-dh svg rect.band") !== null`, 20*time.Second)
	if w := eval[float64](p, `document.querySelector("#chart-dh svg rect.band").getBBox().width`); w < 5 {
		t.Errorf("shaded range width %v", w)
	}
	legend := eval[string](p, `document.querySelector("#chart-loss .legend").textContent`)
	for _, name := range []string{"RNN", "LSTM", "GRU"} {
		if !strings.Contains(legend, name) {
			t.Errorf("loss legend %q lacks run %s", legend, name)
		}
	}
	for _, id := range eval[[]string](p, chartsBlank) {
		if id != "chart-gates" { // the first run is the RNN, which has no gates
			t.Errorf("chart %s has nothing drawn", id)
		}
	}
	p.screenshot("xp-01-vanishing")

	p.click("#btn-lang")
	p.wait("the Chinese explanation", `document.getElementById("xp-title").textContent === "为什么普通 RNN 会遗忘"`, 10*time.Second)
	if got := eval[string](p, `document.querySelector("#chart-dh .note").textContent`); !strings.Contains(got, "梯度") {
		t.Errorf("mark caption in Chinese: %q", got)
	}
	p.screenshot("xp-02-vanishing-zh")
	p.click("#btn-lang")

	p.click("#btn-gallery")
	p.wait("the gallery", `document.querySelectorAll("#gallery .xp-tile").length >= 8`, 10*time.Second)
	p.click("#xp-broken-attention")
	p.wait("the broken-attention experiment to train", `document.querySelector("#experiment[data-id=broken-attention]") !== null && document.getElementById("playground").dataset.runs === "2" && +document.getElementById("playground").dataset.step >= 30`, 60*time.Second)
	if u := eval[string](p, `location.search`); u != "?experiment=broken-attention" {
		t.Errorf("URL query %q", u)
	}
	p.wait("both attention heatmaps, marked", `document.querySelector("#chart-attn .note") !== null && document.querySelector("#chart-attn-1 .note") !== null`, 30*time.Second)
	if got := eval[string](p, `document.querySelector("#chart-attn-1 h3").textContent`); !strings.Contains(got, "additive") {
		t.Errorf("second heatmap's title %q", got)
	}
	p.screenshot("xp-03-broken-attention")
	if n := eval[int](p, `document.querySelectorAll(".xp-ts button").length`); n != 0 {
		t.Errorf("%d lag buttons on an experiment without a sweep", n)
	}

	// A lag of the sweep, by URL.
	p.open("?experiment=attention&T=4")
	p.wait("the attention experiment at T=4", `document.querySelector("#experiment[data-id=attention][data-t='4']") !== null`, 10*time.Second)
	if got := eval[string](p, `document.querySelector("#xp-T-4").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("T=4 button pressed = %q", got)
	}
	p.noErrors()
}
