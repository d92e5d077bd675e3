//go:build !js

package experiment

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestLessons: each experiment's short form for seed 1, as a learner would read it off the charts — per
// run and evaluation the validation loss and metric, how much gradient reaches step 1 (h and, for the
// LSTM, c) and the gate means, then what each claim measured — compared with
// testdata/TestLessons/<id>.golden. An engine change that moves a lesson shows as a diff of these
// lines; go test ./nn/experiment -run TestLessons -update rewrites them.
func TestLessons(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("the golden lessons are amd64's bits (this is %s, which may fuse multiply-adds)", runtime.GOARCH)
	}
	t.Parallel()
	for _, e := range All() {
		t.Run(e.ID, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			for _, g := range e.ClaimGroups() {
				runs, err := trained(&e, g, 1)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "# %s, T = %d, %d steps, seed 1\n", e.ID, g.T, g.Steps)
				for i, r := range runs {
					writeLesson(&b, e.Runs[i].Label, r)
				}
				for _, c := range g.Claims {
					ok, why := c.Holds(runs)
					fmt.Fprintf(&b, "claim %s (%s): %v: %s\n", c.ID, c.Phase, ok, why)
				}
				b.WriteString("\n")
			}
			golden(t, filepath.Join("testdata", "TestLessons", e.ID+".golden"), b.String())
		})
	}
}

// writeLesson writes one line per evaluation of r.
func writeLesson(b *strings.Builder, label string, r *train.Run) {
	fmt.Fprintf(b, "## %s\nstep  val_loss  val_metric  log10 reach h  c     gates\n", label)
	for _, e := range r.Evals() {
		fmt.Fprintf(b, "%4d  %-8.4g  %-10.4g  %-13s  %-5s", e.Step, e.ValLoss, e.ValMetric, logReach(e, false), logReach(e, true))
		for _, g := range []string{"f", "i", "o", "z", "r"} {
			if m, ok := e.GateMeans[g]; ok {
				fmt.Fprintf(b, " %s %.3f", g, m[0])
			}
		}
		b.WriteString("\n")
	}
}

func logReach(e train.Eval, cell bool) string {
	if len(e.DH) == 0 || (cell && (len(e.DC) == 0 || len(e.DC[0]) == 0)) {
		return "-"
	}
	return fmt.Sprintf("%.2f", math.Log10(reach(e, cell)))
}

// golden compares got with the file at path (or writes it with -update), showing the lines that differ.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := lineDiff(string(want), got); d != "" {
		t.Errorf("%s differs (- golden, + now; -update rewrites it):\n%s", path, d)
	}
}

// lineDiff lists the lines that differ between want and got, position by position.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b bytes.Buffer
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, c)
		}
	}
	return b.String()
}
