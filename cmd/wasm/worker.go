//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/worker"
)

// inWorker reports whether the binary runs in a worker's global scope (or under node): one without a
// document.
func inWorker() bool { return js.Global().Get("document").IsUndefined() }

// serveWorker is the training engine's role. It exposes three functions to web/worker.js and waits:
//
//	rnnHandle(command string) string   answer one command from the page (see package worker)
//	rnnTick(budgetMS number) string    train for about budgetMS and report progress
//	rnnPlaying() bool                  whether the play loop should continue
func serveWorker() {
	var s worker.Session
	g := js.Global()
	g.Set("rnnHandle", js.FuncOf(func(this js.Value, args []js.Value) any {
		return string(s.Handle([]byte(args[0].String())))
	}))
	g.Set("rnnTick", js.FuncOf(func(this js.Value, args []js.Value) any {
		return string(s.Tick(time.Duration(args[0].Float() * float64(time.Millisecond))))
	}))
	g.Set("rnnPlaying", js.FuncOf(func(this js.Value, args []js.Value) any {
		return s.Playing()
	}))
	select {}
}
