package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// quick are the flags of a run that takes a fraction of a second.
var quick = []string{"-task", "adding", "-T", "5", "-hidden", "3", "-steps", "20", "-eval-every", "10", "-batch", "4", "-val-size", "8"}

// TestOutputsCheckedFirst: an output that cannot be written is refused before training (exit 2, the flag
// named, no summary printed), where a trained model used to be lost at the end ("open DIR: is a
// directory").
func TestOutputsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, c := range []struct{ flag, path, want string }{
		{"-save", dir, "-save: " + dir + " is a directory"},
		{"-out", dir, "-out: " + dir + " is a directory"},
		{"-csv", filepath.Join(dir, "missing", "r.csv"), "-csv: cannot write"},
		{"-save", filepath.Join(file, "m.json"), "-save: cannot write"},
		{"-plot", filepath.Join(file, "figs"), "-plot: "},
	} {
		code, stdout, stderr := cli(t, append(quick, c.flag, c.path)...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Contains(stdout, "stopped at") {
			t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want 2 and %q before training", c.flag, c.path, code, stdout, stderr, c.want)
		}
	}
}

// TestOutputsAtomic: outputs replace what was there by renaming a complete temporary file: the folder
// holds the outputs and nothing else afterwards, and a model file saved over an old one loads.
func TestOutputsAtomic(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	os.WriteFile(model, []byte("old"), 0o644)
	code, _, stderr := cli(t, append(quick, "-save", model, "-out", filepath.Join(dir, "r.jsonl"), "-csv", filepath.Join(dir, "r.csv"), "-plot", filepath.Join(dir, "figs"))...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		names = append(names, strings.TrimPrefix(p, dir))
		return nil
	})
	if got := strings.Join(names, " "); strings.Contains(got, ".tmp") || !strings.Contains(got, "/m.json") || !strings.Contains(got, "/figs/loss.svg") {
		t.Errorf("folder after the run: %s", got)
	}
	if code, _, stderr := cli(t, "-load", model); code != 0 {
		t.Errorf("the saved model does not load: %s", stderr)
	}
}

// infinite is an endless reader, like /dev/zero.
type infinite struct{ n int64 }

func (r *infinite) Read(p []byte) (int, error) {
	clear(p)
	r.n += int64(len(p))
	return len(p), nil
}

// TestInputLimits: every input is read through its limit, named in the error: an endless input stops
// after limit+1 bytes (-config /dev/zero used to grow past 1.3 GB), a large regular file is refused by its
// size before it is read.
func TestInputLimits(t *testing.T) {
	r := &infinite{}
	if _, err := readAllLimited("config", "zeros", r, 1000); err == nil || !strings.Contains(err.Error(), "-config: zeros is larger than the limit of 1000 bytes") {
		t.Errorf("endless reader: %v", err)
	}
	if r.n > 1000+512 {
		t.Errorf("read %d bytes of an endless input for a limit of 1000", r.n)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		for _, c := range []struct{ flag, want string }{
			{"-config", "-config: /dev/zero is larger than the limit of 8 MiB"},
			{"-text", "-text: /dev/zero is larger than the limit of 1 MiB"},
		} {
			if code, _, stderr := cli(t, c.flag, "/dev/zero"); code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("%s /dev/zero: exit %d, %q", c.flag, code, stderr)
			}
		}
	}
	big := filepath.Join(t.TempDir(), "big.json")
	f, _ := os.Create(big)
	f.Truncate(train.MaxRunBytes + 1) // sparse: no disk, no memory
	f.Close()
	if code, _, stderr := cli(t, "-load", big); code != 2 || !strings.Contains(stderr, "-load: "+big+" has "+strconv.Itoa(train.MaxRunBytes+1)+" bytes, the limit is 263 MiB") {
		t.Errorf("-load of a large file: exit %d, %q", code, stderr)
	}
	if _, err := readLimited("config", t.TempDir(), 10); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory as input: %v", err)
	}
}

// TestSurprisingValues: an empty -text file, an unknown -clip-mode without -clip, and -T 0 are errors
// naming the flag (they used to train on the built-in text, be ignored, and mean "the default"); -clip-mode
// alone changes the mode and keeps the threshold.
func TestSurprisingValues(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	off := filepath.Join(t.TempDir(), "off.json")
	c := train.Default("adding")
	c.Clip.Mode, c.Clip.Threshold = "off", 0
	data, _ := jsonIndent(c)
	os.WriteFile(off, data, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-task", "charlm", "-text", empty}, "-text: " + empty + " is empty"},
		{[]string{"-clip-mode", "foo"}, `-clip-mode: unknown "foo"`},
		{[]string{"-clip-mode", "foo", "-clip", "0"}, `-clip-mode: unknown "foo"`},
		{[]string{"-config", off, "-clip-mode", "value"}, "-clip-mode value needs -clip"},
		{[]string{"-T", "0"}, "-T: 0 is refused"},
		{[]string{"-val-size", "0"}, "-val-size: 0 is refused"},
		{[]string{"-task", "copy", "-alphabet", "0"}, "-alphabet: 0 is refused"},
		{[]string{"-hidden", "0"}, "model.hidden: 0 is outside"},
	} {
		if code, _, stderr := cli(t, append(c.args, "-print-config")...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q, want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	code, stdout, stderr := cli(t, "-clip-mode", "value", "-print-config")
	if code != 0 || !strings.Contains(stdout, `"mode": "value"`) || !strings.Contains(stdout, `"threshold": 1`) {
		t.Errorf("-clip-mode value alone: exit %d, %s %s", code, stdout, stderr)
	}
}

func jsonIndent(c train.Config) ([]byte, error) {
	var b strings.Builder
	if err := printConfigs(&options{cfgs: []train.Config{c}}, &b); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}
