package app

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// pool is the page's training workers. Each run of a comparison or an experiment trains in a worker
// of its own, up to the pool's size (poolSize); beyond it, worker j trains runs j, j+P, j+2P, … side by
// side. The runs share no memory and see the same data in any worker (train.Compare), so their records
// are those of one worker training them all. Every worker runs the module the page compiled (web/
// page.js). The pool routes the page's commands (route) and renames the workers' runs to the page's run
// ids (fromWorker); a worker that crashes takes only its own runs with it.
//
// A lone run whose steps are costly enough (shardWorkers) trains in worker 0, the lead, with workers
// 1..P−1 as its helpers: each is linked to the lead by a MessageChannel (worker/protocol.go, RoleLead and
// RoleHelper) and computes shards of every step while the run plays. Helpers train no run and get no
// commands; they stay linked to their lead for life, so a change of layout starts every worker afresh.
type pool struct {
	ws     []*poolWorker
	n      int            // runs in the last init
	linked []*poolWorker  // the lead and its helpers, when a lone run is sharded
	cand   *poolWorker    // a fresh worker loading a file, not yet in ws (post, settle)
	speed  worker.Command // the last OpSpeed posted, for a candidate
	ctx    app.Context
	on     func(ctx app.Context, w *poolWorker, m worker.Message)

	// Progress while training is delivered at most every minRender (deliver): held messages, and
	// whether a delivery is scheduled and when the last one was.
	mu      sync.Mutex
	held    []heldMsg
	pending bool
	last    time.Time
}

type heldMsg struct {
	w *poolWorker
	m worker.Message
}

// minRender is the shortest time between two deliveries of training progress: each worker reports every
// 200 ms (worker.MinInterval), and every delivery renders the page, so a pool of P workers would render
// it P times as often and the page's thread would take the workers' cores (make bench-pool: the page's
// thread 15% busy with one worker, 32% with two).
const minRender = 200 * time.Millisecond

// deliver hands worker w's message m to on (on the UI goroutine): a worker's progress while it trains
// waits for the next delivery, at most minRender after the last, with whatever else has come by then, in
// order; any other message goes at once, after the held ones.
func (q *pool) deliver(ctx app.Context, w *poolWorker, m worker.Message, on func(ctx app.Context, w *poolWorker, m worker.Message)) {
	if m.Type != worker.MsgProgress || !m.Playing {
		ctx.Dispatch(func(ctx app.Context) {
			q.flush(ctx, on)
			on(ctx, w, m)
		})
		return
	}
	q.mu.Lock()
	q.held = append(q.held, heldMsg{w, m})
	start := !q.pending
	q.pending = true
	wait := minRender - time.Since(q.last)
	q.mu.Unlock()
	if start {
		ctx.After(max(0, wait), func(ctx app.Context) { q.flush(ctx, on) })
	}
}

// flush delivers the held messages.
func (q *pool) flush(ctx app.Context, on func(ctx app.Context, w *poolWorker, m worker.Message)) {
	q.mu.Lock()
	held := q.held
	q.held, q.pending, q.last = nil, false, time.Now()
	q.mu.Unlock()
	for _, h := range held {
		on(ctx, h.w, h.m)
	}
}

// poolWorker is one worker and what the page knows of it.
type poolWorker struct {
	w       app.Value
	onMsg   app.Func
	onErr   app.Func
	runs    []int // the page's ids of the runs it trains, in its own order
	ready   bool
	playing bool
	sps     float64
	crashed string
}

// poolSize is how many workers train runs: one per run, at most one per core but one (the page's
// thread keeps a core), at least one; at most two where the browser reports 2 GB of memory or less,
// one at 1 GB or less (each worker holds a heap of its own). want > 0 (window.rnnPoolSize: tests and
// benchmarks) overrides the cores and memory.
func poolSize(runs, cores int, memGB float64, want int) int {
	n := max(1, cores-1)
	switch {
	case want > 0:
		n = want
	case memGB > 0 && memGB <= 1:
		n = 1
	case memGB > 0 && memGB <= 2:
		n = min(n, 2)
	}
	return max(1, min(n, runs))
}

// minShardFLOPs is the smallest step (train.StepFLOPs) worth splitting over workers: below it, sending
// the weights, the batch and the gradients between workers costs about what the second core gains. On
// 2 cores of this machine (make bench-shards, docs/benchmarks.md "Every core"), 2 workers vs 1:
// LSTM(8) on adding (1.2 MFLOP) 0.73×, LSTM(16) (4.4 MFLOP) 1.06×, the default LSTM(32) (16.7 MFLOP)
// 1.15–1.26×, LSTM(64) (65 MFLOP) 1.24×, 2×LSTM(128) (427 MFLOP) 1.54×.
const minShardFLOPs = 10e6

// shardWorkers is how many workers train a lone run of c: one per shard, at most one per core but the
// page's and as memory allows (poolSize), when a step costs at least minShardFLOPs; else one. want > 0
// (window.rnnPoolSize) overrides the cost, the cores and the memory.
func shardWorkers(c worker.Config, cores int, memGB float64, want int) int {
	S := nn.ShardCount(c.Batch)
	if want > 0 {
		return max(1, min(want, S))
	}
	if train.StepFLOPs(c) < minShardFLOPs {
		return 1
	}
	return poolSize(S, cores, memGB, 0)
}

// assign deals runs 0..n-1 to P workers: worker j trains runs j, j+P, j+2P, …
func assign(n, P int) [][]int {
	a := make([][]int, P)
	for i := 0; i < n; i++ {
		a[i%P] = append(a[i%P], i)
	}
	return a
}

// posting is a command for one worker.
type posting struct {
	to  int
	cmd worker.Command
}

// route turns a command of the page (run ids are the page's) into the commands for the workers, given
// the runs each trains: init deals the configurations out, save and export-tfjs go to the worker of
// the run, load and import-tfjs to worker 0 (the page then has one run), and the others go to all.
func route(c worker.Command, runs [][]int) []posting {
	var out []posting
	switch c.Op {
	case worker.OpInit:
		for j, ids := range runs {
			if len(ids) == 0 {
				continue // a helper
			}
			cj := c
			cj.Configs, cj.Hidden = nil, -1
			for k, i := range ids {
				cj.Configs = append(cj.Configs, c.Configs[i])
				if i == c.Hidden {
					cj.Hidden = k // the run whose hidden states the page draws
				}
			}
			out = append(out, posting{j, cj})
		}
	case worker.OpSave, worker.OpExportTFJS:
		for j, ids := range runs {
			for k, i := range ids {
				if i == c.ID {
					cj := c
					cj.ID = k
					out = append(out, posting{j, cj})
				}
			}
		}
	case worker.OpLoad, worker.OpImportTFJS:
		out = append(out, posting{0, c})
	default:
		for j, ids := range runs {
			if len(ids) > 0 {
				out = append(out, posting{j, c})
			}
		}
	}
	return out
}

// fromWorker renames worker j's runs in m to the page's run ids (runs[j][k] for the worker's run k).
func fromWorker(m worker.Message, ids []int) worker.Message {
	id := func(k int) int {
		if k >= 0 && k < len(ids) {
			return ids[k]
		}
		return k
	}
	if len(m.Runs) > 0 {
		m.Runs = append([]worker.RunUpdate(nil), m.Runs...)
		for i := range m.Runs {
			m.Runs[i].ID = id(m.Runs[i].ID)
		}
	}
	if m.Type == worker.MsgModel || m.Type == worker.MsgTFJS {
		m.ID = id(m.ID)
	}
	return m
}

// runsOf lists the runs of every worker.
func (q *pool) runsOf() [][]int {
	r := make([][]int, len(q.ws))
	for j, w := range q.ws {
		r[j] = w.runs
	}
	return r
}

// arrange makes the pool P workers, worker 0 leading the others as its helpers when sharded (see pool).
func (q *pool) arrange(ctx app.Context, P int, sharded bool, on func(ctx app.Context, w *poolWorker, m worker.Message)) {
	q.ctx, q.on = ctx, on
	q.dropCandidate()
	if (len(q.linked) > 0 || sharded) && !q.intact(P, sharded) {
		q.stopAll()
	}
	q.resize(ctx, P, on)
	if sharded && len(q.linked) == 0 {
		q.link()
	}
}

// intact reports whether the pool is already P workers linked as lead and helpers, none crashed.
func (q *pool) intact(P int, sharded bool) bool {
	if !sharded || len(q.linked) != P || len(q.ws) != P {
		return false
	}
	for j, w := range q.linked {
		if q.ws[j] != w || w.crashed != "" {
			return false
		}
	}
	return true
}

// link connects worker 0 to each other worker by a MessageChannel of its own.
func (q *pool) link() {
	lead := q.ws[0]
	for _, h := range q.ws[1:] {
		ch := app.Window().Get("MessageChannel").New()
		a, b := ch.Get("port1"), ch.Get("port2")
		lead.w.Call("postMessage", map[string]any{"port": a, "role": worker.RoleLead}, []any{a})
		h.w.Call("postMessage", map[string]any{"port": b, "role": worker.RoleHelper}, []any{b})
	}
	q.linked = append([]*poolWorker(nil), q.ws...)
}

// resize starts or stops workers until there are P, keeping the running ones and replacing crashed
// ones; on is called with the worker and each of its messages (on the UI goroutine).
func (q *pool) resize(ctx app.Context, P int, on func(ctx app.Context, w *poolWorker, m worker.Message)) {
	for len(q.ws) > P {
		q.ws[len(q.ws)-1].stop()
		q.ws = q.ws[:len(q.ws)-1]
	}
	for j, w := range q.ws {
		if w.crashed != "" {
			w.stop()
			q.ws[j] = q.startWorker(ctx, on)
		}
	}
	for len(q.ws) < P {
		q.ws = append(q.ws, q.startWorker(ctx, on))
	}
}

// index is w's place in the pool, or -1 for a worker that was stopped (its last messages are dropped).
func (q *pool) index(w *poolWorker) int {
	for j, v := range q.ws {
		if v == w {
			return j
		}
	}
	return -1
}

// stopAll ends every worker.
func (q *pool) stopAll() {
	for _, w := range q.ws {
		w.stop()
	}
	q.ws, q.n, q.linked = nil, 0, nil
}

// post sends the routed command c; a command for a crashed worker is dropped. A file (load, import-tfjs)
// for a pool of several workers, or of a lead and helpers, goes to a fresh worker, the candidate: the
// pool's workers keep their runs until it has loaded the file (settle).
func (q *pool) post(c worker.Command) {
	file := c.Op == worker.OpLoad || c.Op == worker.OpImportTFJS
	switch {
	case c.Op == worker.OpSpeed:
		q.speed = c
	case file:
		q.dropCandidate()
	}
	if file && (len(q.ws) > 1 || len(q.linked) > 0) {
		q.cand = q.startWorker(q.ctx, q.on)
		for _, c := range []worker.Command{q.speed, c} {
			if c.Op != "" { // no speed posted yet: the worker's own
				b, _ := json.Marshal(c)
				q.cand.w.Call("postMessage", string(b)) // worker.js queues them until its engine has started
			}
		}
		return
	}
	for _, p := range route(c, q.runsOf()) {
		if w := q.ws[p.to]; w.crashed == "" {
			b, _ := json.Marshal(p.cmd)
			w.w.Call("postMessage", string(b))
		}
	}
}

// settle applies the candidate's message m: with a run loaded from the file the candidate joins the
// pool (whose other workers the page then stops: adopt), an error or a crash ends it and leaves the pool
// as it was (m then says why, as an error). It reports whether m is for the page.
func (q *pool) settle(m *worker.Message) bool {
	w := q.cand
	switch {
	case m.Type == worker.MsgReady:
		w.ready = true
	case m.Config != nil:
		q.ws, q.cand = append(q.ws, w), nil
		return true
	case m.Type == worker.MsgError || m.Type == worker.MsgCrash:
		q.dropCandidate()
		*m = worker.Message{Type: worker.MsgError, Error: m.Error, Playing: q.playing(), SPS: q.sps()}
		return true
	}
	return false
}

// adopt makes w, which has loaded a run from a file, the pool: that run is the page's only one, and every
// other worker stops.
func (q *pool) adopt(w *poolWorker) {
	for _, v := range q.ws {
		if v != w {
			v.stop()
		}
	}
	w.runs = []int{0}
	q.ws, q.n, q.linked = []*poolWorker{w}, 1, nil
}

// dropCandidate ends the candidate, if any.
func (q *pool) dropCandidate() {
	if q.cand != nil {
		q.cand.stop()
		q.cand = nil
	}
}

// ready reports whether every worker has started; playing whether any trains; sps is their speed.
func (q *pool) ready() bool {
	for _, w := range q.ws {
		if !w.ready && w.crashed == "" {
			return false
		}
	}
	return len(q.ws) > 0
}

func (q *pool) playing() bool {
	for _, w := range q.ws {
		if w.playing && w.crashed == "" {
			return true
		}
	}
	return false
}

func (q *pool) sps() float64 {
	s := 0.0
	for _, w := range q.ws {
		if w.crashed == "" {
			s += w.sps
		}
	}
	return s
}

// crashed is the error of the first crashed worker if every worker has crashed, else "".
func (q *pool) crashed() string {
	for _, w := range q.ws {
		if w.crashed == "" {
			return ""
		}
	}
	if len(q.ws) == 0 {
		return ""
	}
	return q.ws[0].crashed
}

// startWorker starts a training worker (web/page.js hands it the page's compiled module); its
// messages reach on through deliver.
func (q *pool) startWorker(ctx app.Context, on func(ctx app.Context, w *poolWorker, m worker.Message)) *poolWorker {
	w := &poolWorker{w: app.Window().Call("rnnStartWorker", ctx.ResolveStaticResource("/web/worker.js"))}
	w.onMsg = app.FuncOf(func(this app.Value, args []app.Value) any {
		var m worker.Message
		if err := json.Unmarshal([]byte(args[0].Get("data").String()), &m); err != nil {
			m = worker.Message{Type: worker.MsgError, Error: "bad message from the worker: " + err.Error()}
		}
		q.deliver(ctx, w, m, on)
		return nil
	})
	w.onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := "the training worker failed to load"
		if msg := args[0].Get("message"); msg.Truthy() {
			text = msg.String()
		}
		q.deliver(ctx, w, worker.Message{Type: worker.MsgCrash, Error: text}, on)
		return nil
	})
	w.w.Set("onmessage", w.onMsg)
	w.w.Set("onerror", w.onErr)
	return w
}

// stop ends the worker and releases its callbacks.
func (w *poolWorker) stop() {
	if w.w != nil && w.w.Truthy() {
		w.w.Call("terminate")
	}
	if w.onMsg != nil {
		w.onMsg.Release()
	}
	if w.onErr != nil {
		w.onErr.Release()
	}
	w.crashed = "stopped"
}
