package worker

import (
	"math"
	"strings"
	"testing"
)

// TestTFJSExportImport: a run exports as a LayersModel, which imports into another session as a run of
// the same task and trains; what does not fit is refused and changes nothing.
func TestTFJSExportImport(t *testing.T) {
	var s Session
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{Default()}})
	mustHandle(t, &s, Command{Op: "step", N: 20})
	m := mustHandle(t, &s, Command{Op: "export-tfjs", ID: 0})
	if m.Type != "tfjs" || !strings.Contains(string(m.File), `"class_name":"LSTM"`) || len(m.Weights) == 0 {
		t.Fatalf("export-tfjs: %s %q, %d weight bytes", m.Type, m.Error, len(m.Weights))
	}
	var b Session
	mustHandle(t, &b, Command{Op: "init", Configs: []Config{Default()}})
	mi := mustHandle(t, &b, Command{Op: "import-tfjs", File: m.File, Weights: map[string][]byte{"model.weights.bin": m.Weights}, Configs: []Config{Default()}})
	if mi.Type != "progress" || mi.Config == nil || mi.Config.Model.Cell != "lstm" || mi.Config.Model.Hidden != 32 {
		t.Fatalf("import-tfjs: %s %q %+v", mi.Type, mi.Error, mi.Config)
	}
	e := mustHandle(t, &b, Command{Op: "step", N: 1}).Runs[0]
	if e.Step != 1 || len(e.Evals) == 0 || math.IsNaN(e.Evals[0].ValLoss) {
		t.Fatalf("the imported run does not train: %+v", e)
	}
	parity := Default()
	parity.Task.Name = "parity"
	bad := mustHandle(t, &b, Command{Op: "import-tfjs", File: m.File, Weights: map[string][]byte{"model.weights.bin": m.Weights}, Configs: []Config{parity}})
	if bad.Type != "error" || !strings.Contains(bad.Error, `layer "lstm0" (LSTM): batch_input_shape has 2 features per step, the parity task has 1`) {
		t.Errorf("import for the wrong task: %s %q", bad.Type, bad.Error)
	}
	if n := mustHandle(t, &b, Command{Op: "step", N: 1}).Runs[0].Step; n != 2 {
		t.Errorf("after a refused import the run is at step %d, want 2 (unchanged)", n)
	}
	gru := Default()
	gru.Model.Cell, gru.Model.ResetAfter = "gru", true
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{gru}})
	if e := mustHandle(t, &s, Command{Op: "export-tfjs", ID: 0}); e.Type != "error" || !strings.Contains(e.Error, "reset_after") {
		t.Errorf("export of a reset-after GRU: %s %q", e.Type, e.Error)
	}
	if e := mustHandle(t, &s, Command{Op: "export-tfjs", ID: 5}); e.Type != "error" || !strings.Contains(e.Error, "no run 5") {
		t.Errorf("export of run 5: %s %q", e.Type, e.Error)
	}
}
