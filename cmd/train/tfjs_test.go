package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTFJSExportImport: a saved run exports as a LayersModel, which imports back as a run of the same
// task with the same validation loss (to float32 rounding, so the printed five digits agree).
func TestTFJSExportImport(t *testing.T) {
	dir := t.TempDir()
	saved, out, back := filepath.Join(dir, "run.json"), filepath.Join(dir, "tfjs"), filepath.Join(dir, "back.json")
	if code, _, stderr := cli(t, "-task", "adding", "-T", "10", "-model", "gru", "-hidden", "5", "-steps", "20", "-batch", "8",
		"-val-size", "16", "-quiet", "-save", saved); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, "-load", saved, "-export-tfjs", out)
	if code != 0 || !strings.Contains(stdout, "wrote model.json and model.weights.bin") {
		t.Fatalf("export: exit %d: %s%s", code, stdout, stderr)
	}
	for _, f := range []string{"model.json", "model.weights.bin"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("export wrote no %s: %v", f, err)
		}
	}
	_, want, _ := cli(t, "-load", saved)
	code, got, stderr := cli(t, "-import-tfjs", filepath.Join(out, "model.json"), "-task", "adding", "-T", "10", "-val-size", "16", "-save", back)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(got, "imported ") || !strings.HasSuffix(got, want) {
		t.Errorf("import printed %q, want it to end with the exported run's %q", got, want)
	}
}

func TestTFJSFlagErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-export-tfjs", dir}, "-export-tfjs needs -load"},
		{[]string{"-import-tfjs", "m.json", "-task", "adding"}, "-import-tfjs needs -save"},
		{[]string{"-import-tfjs", "m.json", "-save", "r.json", "-hidden", "8"}, "-hidden cannot be used with -import-tfjs"},
		{[]string{"-import-tfjs", filepath.Join(dir, "none.json"), "-save", filepath.Join(dir, "r.json")}, "-import-tfjs: open"},
		{[]string{"-load", filepath.Join(dir, "none.json"), "-export-tfjs", dir}, "-load: open"},
	} {
		code, _, stderr := cli(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	// A model that has no TensorFlow.js equivalent: the encoder–decoder.
	saved := filepath.Join(dir, "s2s.json")
	if code, _, stderr := cli(t, "-task", "reverse", "-T", "4", "-hidden", "4", "-steps", "2", "-val-size", "4", "-quiet",
		"-config", writeConfig(t, dir, `{"task":{"name":"reverse"},"model":{"cell":"gru","layers":1,"hidden":4,"attention":"dot"}}`), "-save", saved); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	code, _, stderr := cli(t, "-load", saved, "-export-tfjs", filepath.Join(dir, "x"))
	if code != 1 || !strings.Contains(stderr, "the encoder–decoder has no TensorFlow.js equivalent") {
		t.Errorf("export of an encoder–decoder: exit %d, %q", code, stderr)
	}
}

func writeConfig(t *testing.T, dir, s string) string {
	t.Helper()
	p := filepath.Join(dir, "cfg.json")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
