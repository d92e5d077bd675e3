//go:build !wasm

package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page renders with go-app's test engine (natively, with go-app's DOM stubs): header, transport,
// every control with an accessible name, and a chart card per view.
func TestPlaygroundRenders(t *testing.T) {
	e := app.NewTestEngine()
	p := newPlayground()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	var b strings.Builder
	html := app.HTMLString(p)
	b.WriteString(html)
	for _, want := range []string{`id="btn-play"`, `id="btn-step"`, `id="btn-reset"`, `id="btn-lang"`, "RNN Playground",
		`id="ctl-task"`, `id="ctl-lr"`, `id="chart-loss"`, `id="chart-grad"`, `id="chart-dh"`, `id="chart-task"`, `data-mounted="no"`,
		`id="skip"`, `href="#charts"`, `id="charts"`, `id="transport"`, `alt="RNN Playground logo"`, `id="btn-settings"`, `id="live-note"`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The language button's accessible name is its visible text (no aria-label to contradict it).
	if i := strings.Index(html, `id="btn-lang"`); i < 0 || strings.Contains(html[strings.LastIndex(html[:i], "<"):i+strings.IndexByte(html[i:], '>')], "aria-label") {
		t.Error("the language button carries an aria-label")
	}
	if strings.Contains(html, `id="btn-xp-run"`) {
		t.Error("a second start button")
	}
	// Every select carries an accessible name.
	for _, sel := range strings.Split(html, "<select")[1:] {
		tag := sel[:strings.IndexByte(sel, '>')]
		if !strings.Contains(tag, "aria-label=") {
			t.Errorf("a select without an accessible name: <select%s>", tag)
		}
	}
}
