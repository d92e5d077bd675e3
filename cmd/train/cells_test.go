package main

import (
	"bufio"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

// TestEveryCell: each registered cell is listed by -help with its equations and trains from the command line with -model
// (the cell added through the registry alone among them): every evaluation's validation loss is finite,
// and the saved model loads and scores.
func TestEveryCell(t *testing.T) {
	_, _, help := cli(t, "-help")
	for _, k := range nn.Cells() {
		t.Run(k.Name, func(t *testing.T) {
			if !strings.Contains(help, k.Name+": "+k.Equations+"\n") {
				t.Errorf("-help does not list %s with its equations (nn.CellKind.Equations)", k.Name)
			}
			model := filepath.Join(t.TempDir(), "m.json")
			code, stdout, stderr := cli(t, "-task", "adding", "-T", "10", "-model", k.Name, "-hidden", "6", "-steps", "30",
				"-eval-every", "10", "-batch", "8", "-val-size", "16", "-seed", "2", "-out", "-", "-save", model)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stderr, k.Name+" on adding (T=10): stopped at step 30 (steps)") {
				t.Errorf("summary: %q", stderr)
			}
			evals := 0
			for sc := bufio.NewScanner(strings.NewReader(stdout)); sc.Scan(); evals++ {
				var l struct {
					Step    int
					ValLoss *float64 `json:"val_loss"`
				}
				if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
					t.Fatalf("line %d: %v", evals, err)
				}
				if l.ValLoss == nil || math.IsNaN(*l.ValLoss) || math.IsInf(*l.ValLoss, 0) {
					t.Errorf("step %d: validation loss %v, want a finite number", l.Step, l.ValLoss)
				}
			}
			if evals != 4 {
				t.Errorf("%d evaluations, want 4 (steps 0, 10, 20, 30)", evals)
			}
			if code, stdout, stderr := cli(t, "-load", model); code != 0 || !strings.Contains(stdout, "val loss") {
				t.Errorf("-load: exit %d, %q %q", code, stdout, stderr)
			}
		})
	}
}
