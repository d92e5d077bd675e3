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
		`id="ctl-task"`, `id="ctl-lr"`, `id="chart-loss"`, `id="chart-grad"`, `id="chart-dh"`, `id="chart-task"`, `data-mounted="no"`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Every select carries an accessible name.
	for _, sel := range strings.Split(html, "<select")[1:] {
		tag := sel[:strings.IndexByte(sel, '>')]
		if !strings.Contains(tag, "aria-label=") {
			t.Errorf("a select without an accessible name: <select%s>", tag)
		}
	}
}
