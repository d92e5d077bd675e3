package worker

import (
	"encoding/json"
	"strings"
	"testing"
)

// tinyConfig is a run whose steps are cheap, for fuzzing.
func tinyConfig() Config {
	c := Default()
	c.Task.T, c.Task.ValSize, c.Batch, c.EvalEvery = 4, 4, 2, 2
	c.Model.Cell, c.Model.Hidden = "gru", 3
	return c
}

// hostileCommands are messages a broken or hostile page might send: garbage, wrong types, huge numbers,
// crafted model files (a configuration claiming 1000 units over 3-unit weights, weights of 1e308).
func hostileCommands(t testing.TB) [][]byte {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{tinyConfig()}})
	mustHandle(t, &s, Command{Op: "step", N: 3})
	saved := mustHandle(t, &s, Command{Op: "save"}).File
	load := func(file string) []byte {
		b, _ := json.Marshal(Command{Op: "load", File: json.RawMessage(file)})
		return b
	}
	return [][]byte{
		[]byte(`{"op":"step","n":5}`), []byte(`{"op":"step","n":-1}`), []byte(`{"op":"step","n":1e400}`),
		[]byte(`{"op":"set","lr":1e308}`), []byte(`{"op":"set","clip":{"mode":"norm","threshold":-1}}`),
		[]byte(`{"op":"set","wd":2}`), []byte(`{"op":"sample","temp":0}`), []byte(`{"op":"save","id":7}`),
		[]byte(`{"op":"init","configs":[]}`), []byte(`{"op":"init","configs":[{},{},{},{},{}]}`),
		[]byte(`{"op":"<script>"}`), []byte(`null`), []byte(`[]`), []byte(`{"op":"load","file":null}`),
		[]byte(`{"op":"play"}`), []byte(`{"op":"pause"}`), []byte("\x00\xff"),
		load(string(saved)),
		load(strings.Replace(string(saved), `"units":3`, `"units":1000`, 1)),
		load(strings.Replace(string(saved), `"hidden":3`, `"hidden":1000`, 1)),
		load(`{"format":"rnn-playground/run","version":1,"config":{},"model":{"params":[{"data":[1e308]}]}}`),
	}
}

// TestHostileCommands: every hostile command gets a reply that is a message (an error names what was
// wrong), never a crash, and the session still trains afterwards.
func TestHostileCommands(t *testing.T) {
	for _, cmd := range hostileCommands(t) {
		var s Session
		mustHandle(t, &s, Command{Op: "init", Configs: []Config{tinyConfig()}})
		var m Message
		if err := json.Unmarshal(s.Handle(cmd), &m); err != nil || m.Type == "crash" || m.Type == "" {
			t.Errorf("%.80s: reply %+v, %v", cmd, m, err)
			continue
		}
		if m := mustHandle(t, &s, Command{Op: "step", N: 1}); m.Type != "progress" || m.Error != "" {
			t.Errorf("%.80s: afterwards a step replies %+v", cmd, m)
		}
	}
	var s Session
	if m := mustHandleRaw(t, &s, make([]byte, MaxCommand+1)); m.Type != "error" || !strings.Contains(m.Error, "the limit is") {
		t.Errorf("an oversized command: %+v", m)
	}
}

func mustHandleRaw(t testing.TB, s *Session, data []byte) Message {
	t.Helper()
	var m Message
	if err := json.Unmarshal(s.Handle(data), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzSessionHandle: whatever the command, after a run has started, Handle replies with a message (an
// error or progress), never a crash, and the session keeps working.
func FuzzSessionHandle(f *testing.F) {
	for _, c := range hostileCommands(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Session
		mustHandle(t, &s, Command{Op: "init", Configs: []Config{tinyConfig()}})
		var m Message
		if err := json.Unmarshal(s.Handle(data), &m); err != nil || m.Type == "crash" {
			t.Fatalf("reply %+v, %v", m, err)
		}
		if m := mustHandle(t, &s, Command{Op: "step", N: 1}); m.Type == "crash" {
			t.Fatalf("a step after it crashed: %s", m.Error)
		}
	})
}
