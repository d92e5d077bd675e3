//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/worker"
)

// inWorker reports whether the binary runs in a worker's global scope (or under node): one without a
// document.
func inWorker() bool { return js.Global().Get("document").IsUndefined() }

// serveWorker is the training engine's role. It exposes these functions to web/worker.js and waits:
//
//	rnnHandle(command string) string   answer one command from the page (see package worker)
//	rnnTick(budgetMS number)           train for about budgetMS and report progress: a string, or a
//	                                   Promise of one while helpers compute shards (the training then
//	                                   waits for their messages, so it runs on a goroutine)
//	rnnPlaying() bool                  whether the play loop should continue
//	rnnAddHelper(port MessagePort)     a helper worker at the other end of port (worker.RoleLead)
//	rnnShard(job Uint8Array) Uint8Array  compute a lead's shard job (worker.RoleHelper); the result is
//	                                   written into the job's buffer when it is large enough
func serveWorker() {
	var s worker.Session
	var server nn.ShardServer
	g := js.Global()
	g.Set("rnnHandle", js.FuncOf(func(this js.Value, args []js.Value) any {
		return string(s.Handle([]byte(args[0].String())))
	}))
	g.Set("rnnTick", js.FuncOf(func(this js.Value, args []js.Value) any {
		budget := time.Duration(args[0].Float() * float64(time.Millisecond))
		if !s.Sharded() {
			return string(s.Tick(budget))
		}
		return promise(func() any { return string(s.Tick(budget)) })
	}))
	g.Set("rnnPlaying", js.FuncOf(func(this js.Value, args []js.Value) any {
		return s.Playing()
	}))
	g.Set("rnnAddHelper", js.FuncOf(func(this js.Value, args []js.Value) any {
		s.AddRemote(newPortRemote(args[0]))
		return nil
	}))
	var job []byte
	g.Set("rnnShard", js.FuncOf(func(this js.Value, args []js.Value) any {
		n := args[0].Get("length").Int()
		if cap(job) < n {
			job = make([]byte, n)
		}
		job = job[:n]
		js.CopyBytesToGo(job, args[0])
		res, err := server.Compute(job)
		if err != nil {
			return err.Error()
		}
		return bytesToJSIn(args[0], res)
	}))
	select {}
}

// promise runs f on a goroutine and returns a Promise of its result.
func promise(f func() any) js.Value {
	var start js.Func
	start = js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve := args[0]
		go func() {
			resolve.Invoke(f())
			start.Release()
		}()
		return nil
	})
	return js.Global().Get("Promise").New(start)
}

// bytesToJSIn copies b into a Uint8Array over the buffer of spare (a Uint8Array that has been read)
// when it is large enough, else into a new one. The shard jobs and results pass their buffers back and
// forth this way: a new 3.6 MB array costs 3 ms to fill (its memory is fresh), a used one 0.2 ms.
func bytesToJSIn(spare js.Value, b []byte) js.Value {
	var u js.Value
	if spare.Truthy() && spare.Get("buffer").Get("byteLength").Int() >= len(b) {
		u = js.Global().Get("Uint8Array").New(spare.Get("buffer"), 0, len(b))
	} else {
		u = js.Global().Get("Uint8Array").New(len(b))
	}
	js.CopyBytesToJS(u, b)
	return u
}

// portRemote is a helper worker at the other end of a MessagePort: a job goes out as a transferred
// Uint8Array, the result comes back as one (or as a string saying why not).
type portRemote struct {
	port    js.Value
	results chan js.Value
	buf     []byte
	spare   js.Value    // the last result's array, whose buffer carries the next job
	timer   *time.Timer // helperTimeout for the job out
	gone    bool        // it did not answer in helperTimeout: its worker has stopped
}

// helperTimeout is how long a step waits for a helper before computing its shards itself and never
// asking that helper again.
const helperTimeout = 10 * time.Second

func newPortRemote(port js.Value) *portRemote {
	r := &portRemote{port: port, results: make(chan js.Value, 4)}
	port.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		select {
		case r.results <- args[0].Get("data"):
		default: // nobody waits for it (a result after its timeout)
		}
		return nil
	}))
	return r
}

func (r *portRemote) Start(job []byte) error {
	if r.gone {
		return errors.New("the helper worker has stopped")
	}
	for len(r.results) > 0 { // late results of earlier jobs
		<-r.results
	}
	u := bytesToJSIn(r.spare, job)
	r.spare = js.Undefined() // transferred with the job
	r.port.Call("postMessage", u, []any{u.Get("buffer")})
	return nil
}

func (r *portRemote) Wait() ([]byte, error) {
	if r.timer == nil {
		r.timer = time.NewTimer(helperTimeout)
	} else {
		r.timer.Reset(helperTimeout) // one timer for every step
	}
	defer r.timer.Stop()
	select {
	case v := <-r.results:
		if v.Type() == js.TypeString {
			return nil, errors.New(v.String())
		}
		n := v.Get("length").Int()
		if cap(r.buf) < n {
			r.buf = make([]byte, n)
		}
		r.buf = r.buf[:n]
		js.CopyBytesToGo(r.buf, v)
		r.spare = v
		return r.buf, nil
	case <-r.timer.C:
		r.gone = true
		return nil, errors.New("the helper worker did not answer")
	}
}
