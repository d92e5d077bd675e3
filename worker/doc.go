// Package worker is the training side of the playground page: the Go code that runs in a Web Worker.
//
// The page and the worker talk in JSON messages (Command from the page, Message back). A Session holds
// the runs being trained (one, or up to four in compare mode, all seeing the same data) and answers
// commands; Tick trains for a time budget and returns what happened since the last call. The package is
// pure Go with no syscall/js, so it is tested natively and under node; cmd/wasm's worker role is the thin shell that
// connects it to the worker's message port, and web/worker.js owns the play loop between ticks so that
// the worker stays responsive to pause, step and live changes.
package worker
