// Command wasm is the playground page's WebAssembly main (web/app.wasm): it registers the routes and
// runs the go-app UI in the browser. Built natively it does nothing.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	playground "github.com/rnn-playground/rnn-playground/app"
)

func main() {
	// Garbage collection runs on the page's only thread and, in WebAssembly, marks the heap in one go:
	// one collection is a task of about 60 ms. So the page collects when training pauses (see
	// playground.collect) and otherwise only when its memory nears the limit: the page allocates about
	// 1 MB/s while training at the default settings (measured), so about every two minutes.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(128 << 20)
	playground.Routes()
	app.RunWhenOnBrowser()
}
