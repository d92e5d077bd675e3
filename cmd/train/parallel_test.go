package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// jsonlRuns reads a -out file into its lines per run name, with the wall-clock field dropped (the one
// field that differs between two trainings of the same run).
func jsonlRuns(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		name := m["run"].(string)
		delete(m, "wall_ms")
		delete(m, "run")
		b, _ := json.Marshal(m)
		runs[name] = append(runs[name], string(b))
	}
	return runs
}

// cliOK runs the command and fails the test unless it exits 0.
func cliOK(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := cli(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// -compare runs train concurrently and write what they write taking turns, bit for bit, in the same
// order.
func TestCompareConcurrentMatchesSequential(t *testing.T) {
	dir := t.TempDir()
	base := []string{"-task", "adding", "-T", "12", "-hidden", "6", "-steps", "40", "-eval-every", "10", "-batch", "8",
		"-val-size", "16", "-compare", "rnn,lstm,gru", "-quiet"}
	var files []string
	for _, w := range []string{"1", "3"} {
		f := filepath.Join(dir, "w"+w+".jsonl")
		cliOK(t, append(base, "-workers", w, "-out", f)...)
		files = append(files, f)
	}
	seq, par := jsonlRuns(t, files[0]), jsonlRuns(t, files[1])
	if len(seq) != 3 || len(seq["lstm"]) != 5 {
		t.Fatalf("sequential output: %d runs, %d lstm lines; want 3 runs of 5 evaluations", len(seq), len(seq["lstm"]))
	}
	for name, lines := range seq {
		if !slices.Equal(lines, par[name]) {
			t.Errorf("%s: concurrent records differ from sequential ones:\n%v\n%v", name, par[name], lines)
		}
	}
	// The order of the lines too: the file is the same but for the wall clock.
	a, _ := os.ReadFile(files[0])
	b, _ := os.ReadFile(files[1])
	order := func(data []byte) (o []string) {
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var m struct {
				Run  string `json:"run"`
				Step int    `json:"step"`
			}
			json.Unmarshal([]byte(l), &m)
			o = append(o, m.Run+"@"+strings.Repeat("|", m.Step/10))
		}
		return o
	}
	if !slices.Equal(order(a), order(b)) {
		t.Errorf("lines in another order:\n%v\n%v", order(b), order(a))
	}
}

// -seeds trains one run per seed, concurrently: each run's records are those of the same run trained
// alone with -seed; the summary gives the final validation loss over the seeds and the steps to -target.
func TestSeeds(t *testing.T) {
	dir := t.TempDir()
	base := []string{"-task", "adding", "-T", "10", "-model", "gru", "-hidden", "8", "-steps", "60", "-eval-every", "20",
		"-batch", "8", "-val-size", "16", "-lr", "0.01", "-quiet"}
	sweep := filepath.Join(dir, "sweep.jsonl")
	stdout := cliOK(t, append(base, "-seeds", "1-3", "-target", "0.15", "-out", sweep)...)
	got := jsonlRuns(t, sweep)
	for _, seed := range []string{"1", "2", "3"} {
		alone := filepath.Join(dir, "seed"+seed+".jsonl")
		cliOK(t, append(base, "-seed", seed, "-target", "0.15", "-out", alone)...)
		want := jsonlRuns(t, alone)["gru"]
		if len(want) == 0 || !slices.Equal(got["gru seed="+seed], want) {
			t.Errorf("seed %s: sweep records differ from the run alone:\n%v\n%v", seed, got["gru seed="+seed], want)
		}
	}
	if !strings.Contains(stdout, "3 seeds: final val loss ") || !strings.Contains(stdout, "target 0.15: reached by ") {
		t.Errorf("summary: %q", stdout)
	}
}

func TestParseSeeds(t *testing.T) {
	for in, want := range map[string][]uint64{
		"1-10":     {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		"3":        {3},
		"1,4,9":    {1, 4, 9},
		"1-3, 2,7": {1, 2, 3, 7},
	} {
		if got, err := parseSeeds(in); err != nil || !slices.Equal(got, want) {
			t.Errorf("parseSeeds(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "a", "5-2", "1-", "-3", "1-100000", "0-18446744073709551615"} {
		if got, err := parseSeeds(in); err == nil {
			t.Errorf("parseSeeds(%q) = %v, want an error", in, got)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-seeds", "1-3", "-compare", "rnn,gru"}, "-seeds cannot be used with -compare"},
		{[]string{"-seeds", "1-3", "-seed", "4"}, "-seed cannot be used with -seeds"},
		{[]string{"-seeds", "1-3", "-save", "m.json"}, "-save cannot be used with -seeds"},
		{[]string{"-seeds", "x"}, "-seeds"},
		{[]string{"-workers", "0"}, "-workers"},
	} {
		code, _, stderr := cli(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// A single run computes its batch's shards on every worker (train.Run.SetWorkers): the records are the
// same, bit for bit, on 1, 2 or 4 of them.
func TestSingleRunShardsMatchAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	base := []string{"-task", "copy", "-T", "8", "-model", "lstm", "-hidden", "12", "-dropout", "0.2", "-steps", "30",
		"-eval-every", "10", "-batch", "10", "-val-size", "16", "-quiet"}
	var want []string
	for _, w := range []string{"1", "2", "4"} {
		f := filepath.Join(dir, "w"+w+".jsonl")
		cliOK(t, append(base, "-workers", w, "-out", f)...)
		var got []string
		for _, lines := range jsonlRuns(t, f) {
			got = append(got, lines...)
		}
		if want == nil {
			want = got
			if len(want) != 4 {
				t.Fatalf("%d lines, want 4 evaluations", len(want))
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("-workers %s: the run's records differ from -workers 1:\n%v\n%v", w, got, want)
		}
	}
}
