package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// cli runs the command in-process and returns its exit status, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestTrainOut: a short run writes one JSON object per evaluation with the promised fields, the same
// rows as CSV, a saved model and the charts.
func TestTrainOut(t *testing.T) {
	dir := t.TempDir()
	jsonl, csvf, model, figs := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "r.csv"), filepath.Join(dir, "m.json"), filepath.Join(dir, "figs")
	code, stdout, stderr := cli(t, "-task", "adding", "-T", "12", "-model", "lstm", "-hidden", "6", "-steps", "30",
		"-eval-every", "10", "-batch", "8", "-val-size", "16", "-seed", "3", "-out", jsonl, "-csv", csvf, "-save", model, "-plot", figs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "stopped at step 30 (steps)") || !strings.Contains(stdout, "baseline 0.16667") {
		t.Errorf("summary: %q", stdout)
	}
	f, _ := os.ReadFile(jsonl)
	lines := strings.Split(strings.TrimSpace(string(f)), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4 (steps 0, 10, 20, 30)", len(lines))
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		for _, k := range []string{"step", "loss", "val_loss", "val_metric", "grad_norm", "clipped", "dh_norms"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d has no %q", i, k)
			}
		}
		if m["step"].(float64) != float64(10*i) || len(m["dh_norms"].([]any)) != 12 {
			t.Errorf("line %d: step %v, %d dh norms", i, m["step"], len(m["dh_norms"].([]any)))
		}
		if dc, _ := m["dc_norms"].([]any); len(dc) != 12 {
			t.Errorf("line %d: %d dc norms, want 12 (an LSTM's cell state)", i, len(dc))
		}
		if gm, _ := m["gate_means"].(map[string]any); len(gm) != 3 || gm["f"] == nil {
			t.Errorf("line %d: gate_means %v, want i, f, o", i, m["gate_means"])
		}
		if i > 0 && m["loss"] == nil {
			t.Errorf("line %d: loss is null", i)
		}
	}
	cf, _ := os.Open(csvf)
	rows, err := csv.NewReader(cf).ReadAll()
	cf.Close()
	if err != nil || len(rows) != 5 || rows[0][1] != "step" || rows[4][1] != "30" {
		t.Errorf("csv %v %v", rows, err)
	}
	for _, name := range []string{"loss", "gradnorm", "dh"} {
		png, err1 := os.ReadFile(filepath.Join(figs, name+".png"))
		svg, err2 := os.ReadFile(filepath.Join(figs, name+".svg"))
		if err1 != nil || err2 != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("chart %s: %v %v", name, err1, err2)
		}
	}
	// The saved model runs on the user's input and on the validation set.
	code, stdout, stderr = cli(t, "-load", model, "-input", "0.3,1 0.1,0 0.2,0 0.4,0 0.1,0 0.0,0 0.5,0 0.7,1 0.1,0 0.2,0 0.3,0 0.4,0")
	if code != 0 || len(strings.Fields(stdout)) != 1 {
		t.Errorf("-input: exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = cli(t, "-load", model)
	if code != 0 || !strings.Contains(stdout, "val loss") {
		t.Errorf("-load: exit %d, %q", code, stdout)
	}
}

// TestJSONLStdoutMatchesRun: -out - writes to stdout, and the same flags give the same records.
func TestJSONLStdout(t *testing.T) {
	args := []string{"-task", "parity", "-T", "6", "-model", "gru", "-hidden", "4", "-steps", "20", "-eval-every", "10", "-val-size", "8", "-out", "-"}
	_, a, _ := cli(t, args...)
	_, b, stderr := cli(t, args...)
	strip := func(s string) string { // wall time differs between runs
		var keep []string
		sc := bufio.NewScanner(strings.NewReader(s))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var m map[string]any
			json.Unmarshal(sc.Bytes(), &m)
			delete(m, "wall_ms")
			x, _ := json.Marshal(m)
			keep = append(keep, string(x))
		}
		return strings.Join(keep, "\n")
	}
	if strings.Count(a, "\n") != 3 || strip(a) != strip(b) || !strings.Contains(stderr, "stopped at step 20") {
		t.Errorf("stdout %q\nstderr %q", a, stderr)
	}
}

// TestCompareAndConfig: -compare trains several cells; -config reads a file that flags override.
func TestCompareAndConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "run.json")
	os.WriteFile(cfg, []byte(`{"task":{"name":"copy","T":5,"val_size":8},"model":{"hidden":4},"batch":4,"steps":10}`), 0o644)
	code, stdout, stderr := cli(t, "-config", cfg, "-compare", "rnn,lstm,gru", "-steps", "6", "-quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		if !strings.Contains(stdout, cell+" on copy (T=5): stopped at step 6") {
			t.Errorf("no %s summary in %q", cell, stdout)
		}
	}
	code, stdout, _ = cli(t, "-config", cfg, "-print-config", "-lr", "0.05")
	if code != 0 || !strings.Contains(stdout, `"lr": 0.05`) || !strings.Contains(stdout, `"T": 5`) {
		t.Errorf("-print-config: %q", stdout)
	}
}

// TestCharLMSample: a language model trains, saves, samples and guesses next characters.
func TestCharLMSample(t *testing.T) {
	model := filepath.Join(t.TempDir(), "lm.json")
	if code, _, stderr := cli(t, "-task", "charlm", "-T", "16", "-hidden", "8", "-steps", "5", "-val-size", "4", "-save", model); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "-load", model, "-sample", "30", "-temp", "0.5", "-prime", "It was", "-seed", "2")
	if code != 0 || !strings.HasPrefix(stdout, "It was") || len([]rune(strings.TrimSpace(stdout))) != 36 {
		t.Errorf("sample: exit %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = cli(t, "-load", model, "-input", "the best of")
	if code != 0 || !strings.HasPrefix(stdout, "next-character guesses") {
		t.Errorf("-input: exit %d %q", code, stdout)
	}
}

// TestBadUsage: bad flags and configurations exit 2 with a message naming the problem, no stack trace.
func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "bad.json")
	os.WriteFile(garbage, []byte(`{"task":{"name":"adding"},"batch":-1}`), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"-hidden", "0"}, "model.hidden: 0 is outside [1, 1024]"},
		{[]string{"-hidden", "lots"}, `invalid value "lots" for flag -hidden`},
		{[]string{"-task", "nope"}, `task.name: unknown "nope"`},
		{[]string{"-T", "100000"}, "task.T: 100000 is outside [2, 1000]"},
		{[]string{"-lr", "-1"}, "optimizer.lr"},
		{[]string{"-optimizer", "lbfgs"}, "optimizer.name"},
		{[]string{"-model", "transformer"}, "model.cell"},
		{[]string{"-clip", "1", "-clip-mode", "soft"}, "-clip-mode"},
		{[]string{"-compare", "rnn,cnn"}, "-compare cnn: model.cell"},
		{[]string{"-compare", "rnn,gru", "-save", "x.json"}, "-save cannot be used with -compare"},
		{[]string{"stray"}, `unexpected argument "stray"`},
		{[]string{"-config", filepath.Join(dir, "missing.json")}, "-config"},
		{[]string{"-config", garbage}, "batch: -1 is outside [1, 1024]"},
		{[]string{"-load", garbage}, "-load"},
		{[]string{"-load", garbage, "-steps", "5"}, "-steps cannot be used with -load"},
		{[]string{"-sample", "5"}, "-sample needs -load"},
		{[]string{"-load", garbage, "-temp", "0"}, "-temp"},
	}
	for _, c := range cases {
		code, stdout, stderr := cli(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "goroutine") || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if code, _, stderr := cli(t, "-help"); code != 0 || !strings.Contains(stderr, "usage: train") {
		t.Errorf("-help: exit %d %q", code, stderr)
	}
}

// TestProgress: the bar shows progress, the latest loss and the time left (drawn only on a terminal).
func TestProgress(t *testing.T) {
	o, err := parseFlags([]string{"-task", "parity", "-T", "4", "-hidden", "4", "-steps", "20", "-val-size", "4"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := train.Compare(o.cfgs...)
	if err != nil {
		t.Fatal(err)
	}
	runs[0].Step(10)
	f := newFollower(o.names[0], runs[0])
	f.read(func(line) error { return nil })
	var b bytes.Buffer
	p := newProgress(&b, 20, true)
	p.update([]*follower{f})
	if s := b.String(); !strings.Contains(s, "[###############...............] 10/20 loss lstm ") || !strings.Contains(s, "ETA") {
		t.Errorf("bar %q", s)
	}
	if isTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}
