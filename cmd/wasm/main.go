// Command wasm is the playground's one WebAssembly binary (web/app.wasm). It takes one of two roles,
// chosen at start from its global scope:
//
//   - in the page (a global scope with a document) it registers the routes and runs the go-app UI;
//   - in a Web Worker (no document; web/worker.js instantiates the module the page compiled) it is the
//     training engine, answering the page's commands (package worker).
//
// One binary is downloaded and compiled once: the page hands the compiled WebAssembly.Module to its
// workers (web/page.js, web/worker.js). Built natively it does nothing.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	playground "github.com/rnn-playground/rnn-playground/app"
)

func main() {
	exposeHeap()
	if inWorker() {
		serveWorker()
		return
	}
	// Garbage collection runs on the page's only thread and, in WebAssembly, marks the heap in one go:
	// one collection is a task of about 60 ms. So the page collects when training pauses (see
	// playground.collect) and otherwise only when its memory nears the limit: the page allocates about
	// 1 MB/s while training at the default settings (measured), so about every two minutes. The worker
	// role keeps Go's defaults: its collections pause training, not the page.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(128 << 20)
	playground.Routes()
	app.RunWhenOnBrowser()
}
