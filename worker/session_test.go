package worker

import (
	"encoding/json"
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
	if m.Type != "progress" || len(m.Runs) != 1 || !m.Runs[0].Reset || len(m.Runs[0].Evals) != 1 {
		t.Fatalf("init: %+v", m)
	}
	first := m.Runs[0].Evals[0].ValLoss
	m = mustHandle(t, &s, Command{Op: "step", N: 300})
	if got := len(m.Runs[0].Records); got != 300 {
		t.Fatalf("%d records, want 300", got)
	}
	es := m.Runs[0].Evals
	if len(es) < 2 || len(es) > 31 || es[len(es)-1].Step != 300 {
		t.Fatalf("%d evaluations ending at step %d, want 2 to 31 ending at 300", len(es), es[len(es)-1].Step)
	}
	last := es[len(es)-1].ValLoss
	if !(last < first/2) {
		t.Errorf("validation loss %v → %v did not halve", first, last)
	}
}

func TestSessionPlayTick(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default(), Default()}})
	if m := mustHandle(t, &s, Command{Op: "play"}); !m.Playing || !s.Playing() {
		t.Fatal("not playing after play")
	}
	var m Message
	var ticks int
	for start := time.Now(); m.Type == ""; ticks++ {
		if b := s.Tick(20 * time.Millisecond); b != nil {
			json.Unmarshal(b, &m)
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("no progress message while playing")
		}
	}
	if ticks < 2 {
		t.Errorf("a progress message after %d ticks of 20 ms: want at most one every %v", ticks, MinInterval)
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
	for _, tc := range []struct {
		cmd  string
		want string
	}{
		{`{"op": "fly"}`, "unknown op"},
		{`not json`, "command"},
		{mustJSON(Command{Op: "init", Configs: []Config{bad}}), "units"},
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
	if ma.Config == nil || ma.Runs[0].Step != 20 {
		t.Fatalf("load: %+v", ma)
	}
	mb := mustHandle(t, &b, Command{Op: "load", File: m.File})
	// The loaded weights give the same validation loss in both, and the same as the saved run.
	if ma.Runs[0].Evals[0].ValLoss != mb.Runs[0].Evals[0].ValLoss {
		t.Error("two loads differ")
	}
	// A file whose weights do not match its config is refused.
	var f map[string]json.RawMessage
	json.Unmarshal(m.File, &f)
	f["config"] = json.RawMessage(strings.Replace(string(f["config"]), `"hidden":32`, `"hidden":16`, 1))
	broken, _ := json.Marshal(f)
	if e := mustHandle(t, &a, Command{Op: "load", File: broken}); e.Type != "error" || !strings.Contains(e.Error, "parameter") {
		t.Errorf("mismatched file: %+v", e)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func BenchmarkTrainStep(b *testing.B) {
	r, _ := newRun(Default())
	for b.Loop() {
		r.train()
	}
}

func BenchmarkEval(b *testing.B) {
	r, _ := newRun(Default())
	for b.Loop() {
		r.eval()
	}
}
