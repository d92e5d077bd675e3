package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExperimentFlag: -experiment trains an experiment's presets side by side under their labels and
// writes the charts (with the attention heatmaps of the runs that attend) and the notes; misuse is a
// usage error.
func TestExperimentFlag(t *testing.T) {
	figs := filepath.Join(t.TempDir(), "figs")
	code, stdout, stderr := cli(t, "-experiment", "broken-attention", "-steps", "6", "-eval-every", "3", "-quiet", "-plot", figs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, label := range []string{"concat-linear (article) on reverse", "additive on reverse"} {
		if !strings.Contains(stdout, label) {
			t.Errorf("summary lacks %q: %s", label, stdout)
		}
	}
	for _, f := range []string{"loss.png", "gradnorm.svg", "dh.png", "attn-1.png", "attn-2.svg", "README.md"} {
		if st, err := os.Stat(filepath.Join(figs, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	notes, _ := os.ReadFile(filepath.Join(figs, "README.md"))
	if !strings.Contains(string(notes), "The article's attention formula is broken") || !strings.Contains(string(notes), "观察要点") {
		t.Errorf("notes: %.200q", notes)
	}

	code, _, stderr = cli(t, "-experiment", "forget-bias", "-steps", "1", "-quiet", "-plot", figs)
	if st, err := os.Stat(filepath.Join(figs, "dc.png")); code != 0 || err != nil || st.Size() == 0 {
		t.Errorf("forget-bias: exit %d (%s), dc.png: %v", code, stderr, err)
	}

	code, _, stderr = cli(t, "-experiment", "vanishing", "-T", "5", "-steps", "2", "-eval-every", "1", "-quiet", "-plot", figs)
	if st, err := os.Stat(filepath.Join(figs, "gates.png")); code != 0 || err != nil || st.Size() == 0 {
		t.Errorf("vanishing: exit %d (%s), gates.png: %v", code, stderr, err)
	}

	code, stdout, stderr = cli(t, "-experiment", "spectral", "-steps", "4", "-eval-every", "2", "-quiet", "-plot", figs)
	if code != 0 || !strings.Contains(stdout, "gain 1.5 on adding") {
		t.Fatalf("spectral: exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(figs, "spectra.png")); err != nil {
		t.Error(err)
	}

	for _, k := range []struct {
		args []string
		want string
	}{
		{[]string{"-experiment", "nope"}, "-experiment: experiment: unknown \"nope\""},
		{[]string{"-experiment", "vanishing", "-model", "gru"}, "-model cannot be used with -experiment"},
		{[]string{"-experiment", "vanishing", "-T", "7"}, "-T: 7 is not one of experiment vanishing's lags"},
		{[]string{"-experiment", "exploding", "-T", "50"}, "-T: experiment exploding has no lag sweep"},
	} {
		code, _, stderr := cli(t, k.args...)
		if code != 2 || !strings.Contains(stderr, k.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", k.args, code, stderr, k.want)
		}
	}
}
