package worker

import (
	"encoding/json"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"strings"
	"testing"
	"time"
)

func mustHandle(t testing.TB, s *Session, c Command) Message {
	t.Helper()
	b, _ := json.Marshal(c)
	var m Message
	if err := json.Unmarshal(s.Handle(b), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSessionTrains(t *testing.T) {
	var s Session
	c := Default()
	m := mustHandle(t, &s, Command{Op: "init", Configs: []Config{c}})
	if m.Type != "progress" || len(m.Runs) != 1 || !m.Runs[0].Reset || m.Runs[0].Spec == nil || m.Runs[0].Spec.Name != "adding" {
		t.Fatalf("init: %+v", m)
	}
	m = mustHandle(t, &s, Command{Op: "step", N: 300})
	if got := len(m.Runs[0].Records); got != 300 {
		t.Fatalf("%d records, want 300", got)
	}
	es := m.Runs[0].Evals
	if len(es) != 16 || es[0].Step != 0 || es[15].Step != 300 {
		t.Fatalf("%d evaluations, want 16 at steps 0, 20, …, 300", len(es))
	}
	// Evaluations that were the last thing of a step carry the hidden states: T steps of H units.
	if h := es[15].Hidden; len(h) != 20 || len(h[0]) != 32 {
		t.Errorf("hidden states %d×%d, want 20×32", len(h), len(h[0]))
	}
	first, last := es[0].ValLoss, es[15].ValLoss
	if !(last < first/2) {
		t.Errorf("validation loss %v → %v did not halve", first, last)
	}
}

// TestSessionCellState: an LSTM's messages carry ‖∂L/∂c_t‖ (dc_norms) and the gate means of every
// evaluation, which the page draws next to ‖∂L/∂h_t‖ and over training.
func TestSessionCellState(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default()}}) // an LSTM
	b, _ := json.Marshal(Command{Op: "step", N: 1})
	raw := s.Handle(b)
	if !strings.Contains(string(raw), `"dc_norms":[[`) || !strings.Contains(string(raw), `"gate_means":{"f":[`) {
		t.Fatalf("the message lacks dc_norms or gate_means: %.300s", raw)
	}
	var m Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	e := m.Runs[0].Evals[0]
	if len(e.DC) != 1 || len(e.DC[0]) != 20 || !(e.DC[0][0] > 0) || len(e.GateMeans["f"]) != 1 {
		t.Errorf("dc_norms %v, gate_means %v", e.DC, e.GateMeans)
	}
}

func TestSessionPlayTick(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default(), Default()}})
	if m := mustHandle(t, &s, Command{Op: "play"}); !m.Playing || !s.Playing() {
		t.Fatal("not playing after play")
	}
	var m Message
	for start := time.Now(); m.Type == ""; {
		if b := s.Tick(20 * time.Millisecond); b != nil {
			json.Unmarshal(b, &m)
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("no progress message while playing")
		}
	}
	if len(m.Runs) != 2 || len(m.Runs[0].Records) == 0 || len(m.Runs[0].Records) != len(m.Runs[1].Records) {
		t.Fatalf("tick: %d runs", len(m.Runs))
	}
	// Same seed and data: both runs see the same batches, so their first losses agree.
	if m.Runs[0].Records[0].Loss != m.Runs[1].Records[0].Loss {
		t.Errorf("compare runs differ at step 1: %v vs %v", m.Runs[0].Records[0].Loss, m.Runs[1].Records[0].Loss)
	}
	mustHandle(t, &s, Command{Op: "pause"})
	if s.Playing() {
		t.Fatal("playing after pause")
	}
}

func TestSessionErrors(t *testing.T) {
	var s Session
	bad := Default()
	bad.Model.Hidden = 0
	other := Default()
	other.Seed = 2
	for _, tc := range []struct {
		cmd  string
		want string
	}{
		{`{"op": "fly"}`, "unknown op"},
		{`not json`, "command"},
		{mustJSON(Command{Op: "init", Configs: []Config{bad}}), "model.hidden"},
		{mustJSON(Command{Op: "init", Configs: []Config{Default(), other}}), "seed"},
		{mustJSON(Command{Op: "init"}), "configs"},
		{mustJSON(Command{Op: "save", ID: 3}), "no run"},
		{mustJSON(Command{Op: "load", File: json.RawMessage(`{"format": "x"}`)}), "load"},
		{mustJSON(Command{Op: "set", LR: 11}), ""},
	} {
		var m Message
		json.Unmarshal(s.Handle([]byte(tc.cmd)), &m)
		if tc.want == "" {
			continue
		}
		if m.Type != "error" || !strings.Contains(m.Error, tc.want) {
			t.Errorf("%s: got %s %q, want an error with %q", tc.cmd, m.Type, m.Error, tc.want)
		}
	}
}

func TestSaveLoad(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default()}})
	mustHandle(t, &s, Command{Op: "step", N: 20})
	m := mustHandle(t, &s, Command{Op: "save"})
	if m.Type != "model" {
		t.Fatalf("save: %+v", m)
	}
	var a, b Session
	ma := mustHandle(t, &a, Command{Op: "load", File: m.File})
	if ma.Config == nil || ma.Type != "progress" {
		t.Fatalf("load: %+v", ma)
	}
	mustHandle(t, &b, Command{Op: "load", File: m.File})
	// Two loads of one file evaluate alike (the first step evaluates the loaded weights at step 0).
	ea := mustHandle(t, &a, Command{Op: "step", N: 1}).Runs[0].Evals[0]
	eb := mustHandle(t, &b, Command{Op: "step", N: 1}).Runs[0].Evals[0]
	if ea.Step != 0 || ea.ValLoss != eb.ValLoss {
		t.Errorf("two loads differ: %v vs %v", ea.ValLoss, eb.ValLoss)
	}
	// A file whose weights do not match its config is refused.
	var f map[string]json.RawMessage
	json.Unmarshal(m.File, &f)
	f["config"] = json.RawMessage(strings.Replace(string(f["config"]), `"hidden":32`, `"hidden":16`, 1))
	broken, _ := json.Marshal(f)
	if e := mustHandle(t, &a, Command{Op: "load", File: broken}); e.Type != "error" || !strings.Contains(e.Error, "does not match") {
		t.Errorf("mismatched file: %+v", e)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// BenchmarkStep is one step of the page's default run, its evaluations (every 20 steps) included.
func BenchmarkStep(b *testing.B) {
	rs, _, _ := newRuns([]Config{Default()})
	var u RunUpdate
	for b.Loop() {
		rs[0].step(&u, 0)
		u.Records, u.Evals = u.Records[:0], u.Evals[:0]
	}
}

// A run that blows up stops with the trainer's reason, the message stays valid JSON, and the session
// takes a fresh init afterwards.
func TestSessionDiverges(t *testing.T) {
	var s Session
	c := Default()
	c.Model.Cell, c.Model.Activation = "rnn", "relu"
	c.Model.Init.Recurrent, c.Model.Init.Gain = "identity", 3
	c.Optimizer, c.Clip = nn.OptimConfig{Name: "sgd", LR: 1}, ClipConfig{Mode: "off"}
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{c}})
	m := mustHandle(t, &s, Command{Op: "step", N: 200})
	if m.Type != "progress" || len(m.Runs) == 0 {
		t.Fatalf("step: %s %q", m.Type, m.Error)
	}
	if !m.Runs[0].Done || !strings.HasPrefix(m.Runs[0].Reason, "diverged") {
		t.Fatalf("want a diverged run, got %s done=%v %q", m.Type, m.Runs[0].Done, m.Runs[0].Reason)
	}
	if m := mustHandle(t, &s, Command{Op: "play"}); m.Playing {
		t.Error("a diverged run plays")
	}
	if m := mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default()}}); m.Type != "progress" {
		t.Errorf("init after divergence: %+v", m)
	}
}

// A panic inside the session becomes a crash message, and the session is left empty and paused.
func TestSessionPanicIsReported(t *testing.T) {
	var s Session
	s.runs = []*run{{}} // a run without a trainer: any use panics
	var m Message
	if err := json.Unmarshal(s.Handle([]byte(`{"op":"step","n":1}`)), &m); err != nil {
		t.Fatal(err)
	}
	if m.Type != "crash" || !strings.Contains(m.Error, "nil pointer") || s.Playing() || len(s.runs) != 0 {
		t.Errorf("got %s %.60q, runs %d", m.Type, m.Error, len(s.runs))
	}
}

// A configuration whose fault shows only when its task is built (a text of one distinct character) passes
// the page's cheap check, and the worker's full validation answers MsgError with the reason; the runs
// already there are kept.
func TestWorkerValidatesWhatThePageCannot(t *testing.T) {
	var s Session
	if m := mustHandle(t, &s, Command{Op: OpInit, Configs: []Config{Default()}}); m.Type != MsgProgress {
		t.Fatalf("init: %+v", m)
	}
	c := train.Default(task.Names(func(e *task.Entry) bool { return e.Text })[0])
	c.Task.Text = strings.Repeat("a", 200)
	if err := c.Check(); err != nil {
		t.Fatalf("the page's check refuses it already: %v", err)
	}
	m := mustHandle(t, &s, Command{Op: OpInit, Configs: []Config{c}})
	if m.Type != MsgError || !strings.Contains(m.Error, "task.text: needs at least 2 distinct characters") {
		t.Fatalf("init with a one-character text: %+v", m)
	}
	if len(s.runs) != 1 || s.runs[0].r.Config().Task.Name != task.DefaultName {
		t.Errorf("the runs changed after a refused init")
	}
}

// The worker trains every registered cell the page offers.
func TestSessionTrainsEveryCell(t *testing.T) {
	for _, k := range nn.Cells() {
		var s Session
		c := Default()
		c.Model.Cell = k.Name
		if m := mustHandle(t, &s, Command{Op: OpInit, Configs: []Config{c}}); m.Type != MsgProgress {
			t.Fatalf("%s: init: %+v", k.Name, m)
		}
		m := mustHandle(t, &s, Command{Op: OpStep, N: 20})
		if m.Type != MsgProgress || len(m.Runs[0].Records) != 20 || m.Runs[0].Done {
			t.Errorf("%s: 20 steps gave %+v", k.Name, m.Type)
		}
	}
}

// Hidden states go with the evaluations of the run the page draws them for (init's hidden, the first
// run by default, −1 none), and in a message with several evaluations of it only with the newest, as
// the trainer keeps them: the other runs' would be thrown away by the page (three quarters of the
// bytes of the vanishing experiment's messages were hidden states).
func TestHiddenStatesOnlyForTheRunDrawn(t *testing.T) {
	c := Default()
	c.Steps, c.EvalEvery = 100, 10
	for _, hidden := range []int{0, 1, -1} {
		var s Session
		mustHandle(t, &s, Command{Op: "init", Configs: []Config{c, c}, Hidden: hidden})
		m := mustHandle(t, &s, Command{Op: "step", N: 30})
		if len(m.Runs) != 2 {
			t.Fatalf("hidden %d: %d runs in the message", hidden, len(m.Runs))
		}
		for _, u := range m.Runs {
			if len(u.Evals) != 4 { // steps 0, 10, 20, 30
				t.Fatalf("hidden %d, run %d: %d evaluations, want 4", hidden, u.ID, len(u.Evals))
			}
			for k, e := range u.Evals {
				want := u.ID == hidden && k == len(u.Evals)-1
				if got := len(e.Hidden) > 0; got != want {
					t.Errorf("hidden %d, run %d, evaluation at step %d: hidden states %v, want %v", hidden, u.ID, e.Step, got, want)
				}
			}
		}
	}
}
