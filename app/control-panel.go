package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// controlPanel is the left column as its own component, so that the page's frequent updates (a
// progress message every ~200 ms) do not rebuild the controls: go-app re-renders it only when the
// settings, the language or the number of runs change. The controls' handlers act on the page (P).
type controlPanel struct {
	app.Compo
	P    *playground
	Set  settings
	Lang string
	Runs int
	Task string // the task's description, once the worker has reported it
}

func (c *controlPanel) Render() app.UI { return c.P.controls() }
