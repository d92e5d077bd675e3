package app

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// playground is the page: the controls, the transport and the live views. It owns the Web Worker that
// trains the models and renders what the worker reports; it never trains on the UI thread.
type playground struct {
	app.Compo

	lang     string
	set      settings
	problems []string // URL parameters that were ignored
	viewHide []string // controls hidden on this page (the classroom link it was opened with)

	runs       []runData
	playing    bool
	sps        float64
	helped     int  // shards of a lone run its helper workers computed (worker-pool.go)
	ready      bool // the worker answered
	mounted    bool // the wasm is running (the prerendered page is not)
	crashed    string
	errMsg     string
	notice     string
	speed      string
	saveTarget string   // where the next model file goes: file or browser
	xp         expState // the guided experiment shown (experiment-panel.go)
	text       string   // the user's text for the language model (text-lm.go)
	temp       string   // the language model's sampling temperature ("" = 1)
	drawer     bool     // the settings drawer is open (narrow screens)

	memo      map[string]memo // chart cards by id, with the state they were built for
	memoLang  string          // the language of the last render's cards: a switch rebuilds them all at once
	memoStage stage           // the stage of the last render's cards (the empty charts' text), likewise
	gen       int             // renders so far (orders the rebuilds)
	stale     bool            // some cards wait for a rebuild
	kicked    bool            // a render is scheduled for them
	seen      map[string]bool // chart cards in view (true) or out of it, by element id, once watched (chart-grid.go)

	ctx   app.Context // the page's context, from OnMount
	pool  pool        // the training workers (worker-pool.go)
	onKey app.Func
}

func newPlayground() *playground { return &playground{} }

const langKey = "rnn-playground/lang"
const modelKey = "rnn-playground/model"

func (p *playground) OnInit() {
	p.lang, p.set, p.speed = "en", defaultSettings(), "fast"
}

func (p *playground) OnMount(ctx app.Context) {
	var lang string
	ctx.LocalStorage().Get(langKey, &lang)
	if lang == "" && strings.HasPrefix(app.Window().Get("navigator").Get("language").String(), "zh") {
		lang = "zh"
	}
	if lang == "zh" || lang == "en" {
		p.lang = lang
	}
	p.set, p.problems = parseSettings(ctx.Page().URL().Query())
	p.viewHide = slices.Clone(p.set.Hide)
	p.loadText(ctx)
	p.experimentFromURL(ctx.Page().URL().Query())
	p.mounted, p.ctx = true, ctx
	p.startWorker(ctx)
	p.onKey = app.FuncOf(func(this app.Value, args []app.Value) any {
		p.key(ctx, app.Event{Value: args[0]})
		return nil
	})
	app.Window().Call("addEventListener", "keydown", p.onKey)
}

func (p *playground) OnDismount() {
	p.pool.stopAll()
	if p.onKey != nil {
		app.Window().Call("removeEventListener", "keydown", p.onKey)
		p.onKey.Release()
	}
}

// startWorker (re)starts the training: the runs of the page's settings, in a pool of workers.
func (p *playground) startWorker(ctx app.Context) {
	p.pool.stopAll()
	p.ready, p.playing, p.crashed = false, false, ""
	p.initRuns(ctx, p.runConfigs())
}

// initRuns starts cfgs afresh, dealt out to the pool's workers (worker-pool.go), which it resizes.
func (p *playground) initRuns(ctx app.Context, cfgs []worker.Config) {
	nav := app.Window().Get("navigator")
	cores, mem, want := 1, 0.0, 0
	if c := nav.Get("hardwareConcurrency"); c.Truthy() {
		cores = c.Int()
	}
	if m := nav.Get("deviceMemory"); m.Truthy() {
		mem = m.Float()
	}
	if w := app.Window().Get("rnnPoolSize"); w.Truthy() {
		want = w.Int()
	}
	P := poolSize(len(cfgs), cores, mem, want)
	if len(cfgs) == 1 {
		P = shardWorkers(cfgs[0], cores, mem, want)
	}
	// The workers' messages dispatch on the playground's own context: the context of the control that
	// started them (Reset, a select) may be unmounted by a later render, and a dispatch on it is dropped.
	p.pool.arrange(p.ctx, P, len(cfgs) == 1 && P > 1, p.receiveFrom)
	p.helped = 0
	for j, ids := range assign(len(cfgs), P) {
		p.pool.ws[j].runs = ids
	}
	p.pool.n = len(cfgs)
	p.ready, p.crashed = p.pool.ready(), ""
	p.pool.post(workerSpeed(p.speed)) // worker.js queues commands until its engine has started
	p.pool.post(worker.Command{Op: worker.OpInit, Configs: cfgs})
}

// receiveFrom applies one message from worker w of the pool: its runs renamed to the page's, its play
// state and speed merged with the other workers'. A crash stops only w's runs.
func (p *playground) receiveFrom(ctx app.Context, w *poolWorker, m worker.Message) {
	if w == p.pool.cand && w.crashed == "" {
		if !p.pool.settle(&m) {
			return
		}
		if m.Type == worker.MsgError { // the file was refused: the pool's runs are as they were
			p.receive(ctx, m)
			return
		}
	}
	if p.pool.index(w) < 0 || w.crashed != "" {
		return // a stopped or crashed worker's last messages
	}
	if m.Config != nil { // a run loaded from a file replaced the worker's runs: it is the page's only one
		p.pool.adopt(w)
		p.ready = p.pool.ready()
	}
	switch m.Type {
	case worker.MsgReady:
		w.ready = true
		p.ready = p.pool.ready()
		if p.ready && p.temp != "" {
			p.setTemp(ctx, p.temp)
		}
		return
	case worker.MsgCrash:
		w.stop() // a worker whose engine failed may still be running its play loop
		w.crashed, w.playing = m.Error, false
		app.Log("worker crash:", m.Error)
		for _, i := range w.runs {
			if i < len(p.runs) {
				p.runs[i].crash(m.Error)
			}
		}
		p.crashed, p.playing, p.ready = p.pool.crashed(), p.pool.playing(), p.pool.ready()
		return
	}
	w.playing = m.Playing
	if m.SPS > 0 {
		w.sps = m.SPS
	}
	m = fromWorker(m, w.runs)
	m.Playing, m.SPS = p.pool.playing(), p.pool.sps()
	p.receive(ctx, m)
}

// receive applies one message from the workers (receiveFrom has renamed its runs to the page's).
func (p *playground) receive(ctx app.Context, m worker.Message) {
	switch m.Type {
	case worker.MsgError:
		p.errMsg = m.Error
	case worker.MsgModel:
		p.modelFile(ctx, m)
	case worker.MsgTFJS:
		p.tfjsFiles(m)
	}
	if p.playing && !m.Playing {
		p.collect(ctx)
	}
	p.playing = m.Playing
	if m.SPS > 0 {
		p.sps = m.SPS
	}
	if m.Helped > 0 {
		p.helped = m.Helped
	}
	if m.Config != nil { // a model was loaded: its configuration becomes the page's
		p.set.Cfg = *m.Config
		p.set.Models = []train.ModelSpec{m.Config.Model}
		p.writeURL(ctx)
		p.notice, p.errMsg = tr(p.lang, "loaded"), ""
	}
	for _, u := range m.Runs {
		for len(p.runs) <= u.ID {
			p.runs = append(p.runs, runData{})
		}
		p.runs[u.ID].apply(u)
	}
	if m.Type == worker.MsgProgress && len(m.Runs) > 0 && m.Runs[0].Reset {
		n := len(m.Runs) // one worker's runs; the pool's, when the page has started one
		if p.pool.n > 0 {
			n = p.pool.n
		}
		p.runs = p.runs[:min(len(p.runs), n)]
	}
}

// workerSpeed is the command that sets the play loop's pace (handled by worker.js): 0 as fast as
// possible, 1 with a pause between ticks, 2 one step at a time, slowly.
func workerSpeed(s string) worker.Command {
	n := 0
	switch s {
	case "slow":
		n = 2
	case "normal":
		n = 1
	}
	return worker.Command{Op: worker.OpSpeed, N: n}
}

// send gives a command to the pool: init restarts the runs (and resizes the pool), the others are
// routed to the workers of the runs they name (worker-pool.go).
func (p *playground) send(c worker.Command) {
	if !p.mounted {
		return
	}
	if c.Op == worker.OpInit {
		p.initRuns(p.ctx, c.Configs)
		return
	}
	p.pool.post(c)
}

// Transport (transport.go calls these).

func (p *playground) togglePlay(ctx app.Context) {
	if !p.ready || p.crashed != "" {
		return
	}
	if p.playing {
		p.send(worker.Command{Op: worker.OpPause})
		p.resample(ctx)
		p.collect(ctx)
	} else {
		p.send(worker.Command{Op: worker.OpPlay})
		p.reveal(ctx)
	}
	p.playing = !p.playing
}

// reveal scrolls the chart to watch (the first the experiment marks, else Loss) into view if it is
// not all on screen (web/page.js), after this render: on a phone the charts are below the fold.
func (p *playground) reveal(ctx app.Context) {
	id := "chart-loss"
	if m := p.markedCards(); len(m) > 0 {
		id = m[0]
	}
	p.drawer = false
	ctx.Defer(func(ctx app.Context) { app.Window().Call("rnnReveal", id) })
}

func (p *playground) setSpeed(ctx app.Context, speed string) {
	p.speed = speed
	p.send(workerSpeed(speed))
}

// toggleDrawer opens or closes the settings drawer (narrow screens), moving the focus into it or back
// to its button.
func (p *playground) toggleDrawer(ctx app.Context) {
	p.drawer = !p.drawer
	focus := map[bool]string{true: "btn-drawer-close", false: "btn-settings"}[p.drawer]
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID(focus); el.Truthy() {
			el.Call("focus")
		}
	})
}

// setSettings takes the settings panel's edit (settings-panel.go).
func (p *playground) setSettings(ctx app.Context, s settings, live bool) {
	p.set = s
	p.changed(ctx, live)
}

// collect runs the garbage collector soon if training stays stopped: the page keeps the collector off
// while training (cmd/wasm), because a collection is one long task on the UI thread.
func (p *playground) collect(ctx app.Context) {
	if !p.mounted {
		return
	}
	ctx.After(400*time.Millisecond, func(ctx app.Context) {
		if !p.playing {
			runtime.GC()
		}
	})
}

func (p *playground) step(ctx app.Context) {
	if !p.ready || p.crashed != "" {
		return
	}
	if p.playing {
		p.send(worker.Command{Op: worker.OpPause})
		p.playing = false
	}
	p.send(worker.Command{Op: worker.OpStep, N: 1})
}

func (p *playground) reset(ctx app.Context) {
	p.errMsg, p.notice = "", ""
	if p.crashed != "" || len(p.pool.ws) == 0 {
		p.runs = nil
		p.startWorker(ctx)
		return
	}
	p.playing = false
	p.send(worker.Command{Op: worker.OpInit, Configs: p.runConfigs()})
	p.collect(ctx)
}

// key handles the keyboard shortcuts, except while typing in a field or on a control (where Space and
// the arrows are the control's own); Escape closes the settings drawer.
func (p *playground) key(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Escape" && p.drawer {
		ctx.Dispatch(func(ctx app.Context) { p.toggleDrawer(ctx) })
		return
	}
	tag := strings.ToLower(e.Get("target").Get("tagName").String())
	switch tag {
	case "input", "select", "textarea", "button", "a", "summary", "label":
		return
	}
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	var f func(app.Context)
	switch e.Get("key").String() {
	case " ":
		f = p.togglePlay
	case "ArrowRight":
		f = p.step
	case "r", "R":
		f = p.reset
	default:
		return
	}
	e.PreventDefault()
	ctx.Dispatch(f)
}

// changed applies a settings change: the learning rate and clipping change live, anything else
// restarts the runs. The URL follows.
func (p *playground) changed(ctx app.Context, live bool) {
	p.errMsg = ""
	if err := p.set.validate(); err != nil {
		p.errMsg = err.Error()
		return
	}
	p.writeURL(ctx)
	if live && len(p.runs) > 0 {
		clip, wd := p.set.Cfg.Clip, p.set.Cfg.Optimizer.WeightDecay
		p.send(worker.Command{Op: worker.OpSet, LR: p.set.Cfg.Optimizer.LR, Clip: &clip, WD: &wd})
		return
	}
	p.reset(ctx)
}

func (p *playground) writeURL(ctx app.Context) {
	u := *ctx.Page().URL()
	u.RawQuery = p.set.query().Encode()
	ctx.Page().ReplaceURL(&u)
}

func (p *playground) setLang(ctx app.Context, lang string) {
	p.lang = lang
	ctx.LocalStorage().Set(langKey, lang)
	ctx.Page().SetLang(lang)
	ctx.Page().SetTitle("%s", tr(lang, "title"))
}

// status is the page's status line: the engine's state, an error or a notice, else what the runs
// are doing in plain words (runStatus); with several runs the transport also lists each run's.
func (p *playground) status() (string, string) {
	switch {
	case p.crashed != "":
		return "bad", tr(p.lang, "crash") + " (" + firstLine(p.crashed) + ")"
	case p.errMsg != "":
		return "bad", p.errMsg
	case !p.mounted || !p.ready:
		return "", tr(p.lang, "loading")
	case p.notice != "":
		return "ok", p.notice
	case len(p.runs) == 1:
		return runStatus(p.lang, &p.runs[0], p.playing)
	case p.playing:
		return "ok", tr(p.lang, "training")
	}
	step, done, bad := 0, 0, false
	for i := range p.runs {
		step = max(step, p.runs[i].step)
		if p.runs[i].done {
			done++
			bad = bad || strings.HasPrefix(p.runs[i].reason, "diverged")
		}
	}
	switch {
	case len(p.runs) > 0 && done == len(p.runs) && bad:
		return "bad", tr(p.lang, "st.all.stopped")
	case len(p.runs) > 0 && done == len(p.runs):
		return "ok", tr(p.lang, "st.all.done")
	case step > 0:
		return "", fmt.Sprintf(tr(p.lang, "st.paused"), step)
	}
	return "", tr(p.lang, "ready")
}

// runLines are the runs as the transport lists them: name, colour, step and status.
func (p *playground) runLines() []runLine {
	out := make([]runLine, len(p.runs))
	for i := range p.runs {
		kind, text := runStatus(p.lang, &p.runs[i], p.playing)
		out[i] = runLine{Name: p.runName(i), Color: runColor(i), Step: p.runs[i].step, Kind: kind, Status: text}
	}
	return out
}

// maxStep is the furthest step any run has reached.
func (p *playground) maxStep() int {
	n := 0
	for _, r := range p.runs {
		n = max(n, r.step)
	}
	return n
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// hiddenHere reports whether a control is hidden on this page: by the classroom link it was opened
// with. Ticking controls to hide changes the link (p.set.Hide), not the page the teacher is using.
func (p *playground) hiddenHere(key string) bool { return slices.Contains(p.viewHide, key) }
