//go:build !(js && wasm)

package main

// inWorker is false natively: there is no worker role outside WebAssembly.
func inWorker() bool { return false }

func serveWorker() {}

func exposeHeap() {}
