//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"
)

// exposeHeap gives the role's global scope rnnHeap(): Go's live heap in bytes after a collection, for
// the browser soak (e2e BenchmarkSoakPage). The wasm linear memory only grows (Go keeps freed memory for
// itself), so it shows the peak; the live heap shows what a long run holds on to. Only a benchmark calls
// it: a collection in the page is a task of tens of milliseconds.
func exposeHeap() {
	js.Global().Set("rnnHeap", js.FuncOf(func(this js.Value, args []js.Value) any {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}))
}
