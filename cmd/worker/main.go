//go:build js && wasm

// Command worker is the training engine of the playground page, compiled to web/worker.wasm and run in a
// Web Worker by web/worker.js. It exposes two functions to the worker script and then waits:
//
//	rnnHandle(command string) string   answer one command from the page (see package worker)
//	rnnTick(budgetMS number) string    train for about budgetMS and report progress
//	rnnPlaying() bool                  whether the play loop should continue
package main

import (
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/worker"
)

func main() {
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
