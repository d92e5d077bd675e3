//go:build !js

package tfjs

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// The real library: TensorFlow.js 4.22 under node, installed at test time from testdata/node (package.json
// and its lock pin the version) into build/tfjs-node_modules at the repository root, once. make test needs
// node and npm and the npm registry on the first run; without them these tests fail, saying so.

// predTol bounds |engine − TensorFlow.js| for every prediction: TensorFlow.js computes in float32.
const predTol = 1e-5

// installTFJS returns the folder holding interop.js and its node_modules, installing them when needed.
func installTFJS(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: the TensorFlow.js interop tests need Node.js and npm (and the npm registry on the first run)", tool)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "build", "tfjs-node_modules")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fresh := true
	for _, f := range []string{"package.json", "package-lock.json", "interop.js"} {
		src, err := os.ReadFile(filepath.Join("testdata", "node", f))
		if err != nil {
			t.Fatal(err)
		}
		if old, err := os.ReadFile(filepath.Join(dir, f)); err != nil || string(old) != string(src) {
			fresh = fresh && f == "interop.js" // a new script needs no new install
			if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	installed, _ := os.ReadFile(filepath.Join(dir, "node_modules", "@tensorflow", "tfjs", "package.json"))
	if fresh && strings.Contains(string(installed), `"version": "4.22.0"`) {
		return dir
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s (installing TensorFlow.js 4.22 for the interop tests): %v\n%s", dir, err, out)
	}
	return dir
}

// tfPred is TensorFlow.js's prediction: shape [B, K] or [B, T, K], values flattened.
type tfPred struct {
	Shape  []int     `json:"shape"`
	Values []float64 `json:"values"`
}

type nodeCase struct {
	Name       string       `json:"name"`
	Dir        string       `json:"dir"`
	Inputs     any          `json:"inputs"`
	InputDtype string       `json:"inputDtype,omitempty"`
	Seed       int          `json:"seed,omitempty"`
	Layers     []tfjsLayer  `json:"layers,omitempty"`
	task       task.Config  // the task whose validation inputs these are
	net        nn.Net       // load: the engine's model
	spec       train.Config // create: the run configuration to import into
}

type tfjsLayer struct {
	Class string         `json:"class"`
	Args  map[string]any `json:"args"`
}

// runNode runs interop.js on the job and returns its predictions by case name.
func runNode(t *testing.T, load, create []*nodeCase) (map[string]tfPred, map[string]tfPred) {
	t.Helper()
	dir := installTFJS(t)
	job, err := json.Marshal(map[string]any{"load": load, "create": create})
	if err != nil {
		t.Fatal(err)
	}
	jobFile := filepath.Join(t.TempDir(), "job.json")
	if err := os.WriteFile(jobFile, job, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "interop.js"), jobFile)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node interop.js: %v\n%s", err, stderr.String())
	}
	var res struct{ Load, Create map[string]tfPred }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node interop.js printed %q: %v", out, err)
	}
	return res.Load, res.Create
}

// inputs returns a batch's inputs batch-major, as TensorFlow.js takes them: [B][T][D] numbers or [B][T]
// token ids.
func inputs(x *nn.Seq) (any, string) {
	if x.F == 0 {
		ids := make([][]int32, x.B)
		for b := range ids {
			for t := 0; t < x.T; t++ {
				ids[b] = append(ids[b], x.Ids[t*x.B+b])
			}
		}
		return ids, "int32"
	}
	v := make([][][]float64, x.B)
	for b := range v {
		for t := 0; t < x.T; t++ {
			v[b] = append(v[b], x.V[(t*x.B+b)*x.F:(t*x.B+b+1)*x.F])
		}
	}
	return v, ""
}

// comparePred checks the engine's output [Ty, B, K] (time-major) against TensorFlow.js's [B, (Ty,) K].
func comparePred(t *testing.T, name string, out *nn.Seq, p tfPred) {
	t.Helper()
	Ty, B, K := out.T, out.B, out.F
	want := []int{B, K}
	if len(p.Shape) == 3 {
		want = []int{B, Ty, K}
	}
	if len(p.Values) != Ty*B*K || (Ty == 1) != (len(p.Shape) == 2) || p.Shape[0] != B || p.Shape[len(p.Shape)-1] != K {
		t.Fatalf("%s: TensorFlow.js predicted shape %v, the engine [%d %d %d] (want %v)", name, p.Shape, Ty, B, K, want)
	}
	worst := 0.0
	for ti := 0; ti < Ty; ti++ {
		for b := 0; b < B; b++ {
			for k := 0; k < K; k++ {
				d := math.Abs(out.V[(ti*B+b)*K+k] - p.Values[(b*Ty+ti)*K+k])
				if !(d <= worst) {
					worst = d
				}
			}
		}
	}
	if !(worst <= predTol) {
		t.Errorf("%s: max |engine − TensorFlow.js| = %.3g over %d predictions, want ≤ %g", name, worst, Ty*B*K, predTol)
	} else {
		t.Logf("%s: max |engine − TensorFlow.js| = %.3g over %d predictions", name, worst, Ty*B*K)
	}
}

// valOutput runs net on the task's validation inputs and returns them with its predictions.
func valOutput(t *testing.T, net nn.Net, tc task.Config) (*nn.Batch, *nn.Seq) {
	t.Helper()
	tk, err := task.New(tc)
	if err != nil {
		t.Fatal(err)
	}
	val := tk.Val()
	net.Forward(val, false)
	return val, net.Output()
}

// exportCases are trained models of every layer type and option that exports.
func exportCases() []train.Config {
	mk := func(name string, T int, edit func(m *train.ModelSpec)) train.Config {
		c := train.Default(name)
		c.Task.T, c.Task.ValSize, c.Steps, c.Batch = T, 16, 30, 16
		c.Model = train.ModelSpec{Cell: "lstm", Layers: 2, Hidden: 8}
		edit(&c.Model)
		return c
	}
	return []train.Config{
		mk("adding", 20, func(m *train.ModelSpec) {}),
		mk("adding", 20, func(m *train.ModelSpec) { m.RecurrentActivation = nn.RecHardSigmoid }),
		mk("adding", 20, func(m *train.ModelSpec) { m.Cell = "gru" }),
		mk("adding", 20, func(m *train.ModelSpec) { m.Cell, m.RecurrentActivation = "gru", nn.RecHardSigmoid }),
		mk("parity", 10, func(m *train.ModelSpec) { m.Cell, m.Layers = "rnn", 1 }),
		mk("parity", 10, func(m *train.ModelSpec) { m.Cell, m.Activation = "rnn", "relu" }),
		mk("sines", 20, func(m *train.ModelSpec) { m.Cell, m.Activation = "rnn", "linear" }),
		mk("copy", 5, func(m *train.ModelSpec) { m.Dropout = 0.2 }),
		mk("charlm", 20, func(m *train.ModelSpec) { m.Cell, m.Embed, m.Dropout = "gru", 6, 0.1 }),
	}
}

// TestExportLoadsInTFJS: trained models, exported, load in TensorFlow.js and predict what the engine
// predicts on the task's validation inputs, within predTol.
func TestExportLoadsInTFJS(t *testing.T) {
	var cases []*nodeCase
	for _, c := range exportCases() {
		r, err := train.New(c)
		if err != nil {
			t.Fatalf("%s: %v", caseName(c), err)
		}
		r.Step(c.Steps)
		f, err := Export(r.Model())
		if err != nil {
			t.Fatalf("%s: %v", caseName(c), err)
		}
		dir := filepath.Join(t.TempDir(), caseName(c))
		writeFiles(t, dir, f)
		val, _ := valOutput(t, r.Model(), c.Task)
		in, dtype := inputs(&val.X)
		cases = append(cases, &nodeCase{Name: caseName(c), Dir: dir, Inputs: in, InputDtype: dtype, task: c.Task, net: r.Model()})
	}
	preds, _ := runNode(t, cases, nil)
	for _, c := range cases {
		_, out := valOutput(t, c.net, c.task)
		comparePred(t, c.Name, out, preds[c.Name])
	}
}

func writeFiles(t *testing.T, dir string, f *Files) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ModelFile), f.Model, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, WeightsFile), f.Weights, 0o644); err != nil {
		t.Fatal(err)
	}
}

// importCases are models made by TensorFlow.js itself, with its defaults (recurrent activation hard_sigmoid)
// and options set, each for a task it fits.
func importCases() []*nodeCase {
	l := func(class string, args map[string]any) tfjsLayer { return tfjsLayer{Class: class, Args: args} }
	base := func(name string, T int) train.Config {
		c := train.Default(name)
		c.Task.T, c.Task.ValSize = T, 16
		return c
	}
	mk := func(name string, c train.Config, layers ...tfjsLayer) *nodeCase {
		return &nodeCase{Name: name, Layers: layers, spec: c, task: c.Task}
	}
	return []*nodeCase{
		mk("lstm-defaults", base("adding", 20),
			l("lstm", map[string]any{"units": 8, "returnSequences": true, "inputShape": []any{nil, 2}}),
			l("lstm", map[string]any{"units": 8}), l("dense", map[string]any{"units": 1})),
		mk("lstm-sigmoid", base("adding", 20),
			l("lstm", map[string]any{"units": 6, "recurrentActivation": "sigmoid", "inputShape": []any{20, 2}}),
			l("dense", map[string]any{"units": 1})),
		mk("gru-defaults", base("adding", 20),
			l("gru", map[string]any{"units": 8, "inputShape": []any{nil, 2}}), l("dense", map[string]any{"units": 1})),
		mk("gru-sigmoid-stacked", base("adding", 20),
			l("gru", map[string]any{"units": 5, "returnSequences": true, "recurrentActivation": "sigmoid", "inputShape": []any{nil, 2}}),
			l("gru", map[string]any{"units": 5, "recurrentActivation": "sigmoid"}), l("dense", map[string]any{"units": 1})),
		mk("simplernn-tanh", base("parity", 10),
			l("simpleRNN", map[string]any{"units": 8, "inputShape": []any{nil, 1}}), l("dense", map[string]any{"units": 1, "activation": "sigmoid"})),
		mk("simplernn-relu", base("parity", 10),
			l("simpleRNN", map[string]any{"units": 8, "activation": "relu", "inputShape": []any{nil, 1}}), l("dense", map[string]any{"units": 1, "activation": "sigmoid"})),
		mk("simplernn-linear-sequences", base("sines", 20),
			l("simpleRNN", map[string]any{"units": 8, "activation": "linear", "returnSequences": true, "inputShape": []any{nil, 1}}),
			l("dense", map[string]any{"units": 1})),
		mk("embedding-lstm-dropout", base("charlm", 20),
			l("embedding", map[string]any{"inputDim": 0, "outputDim": 6, "inputShape": []any{nil}}), // inputDim: the task's vocabulary
			l("lstm", map[string]any{"units": 8, "returnSequences": true}), l("dropout", map[string]any{"rate": 0.25}),
			l("lstm", map[string]any{"units": 8, "returnSequences": true}), l("dropout", map[string]any{"rate": 0.25}),
			l("dense", map[string]any{"units": 0, "activation": "softmax"})), // units: the vocabulary
	}
}

// TestTFJSModelsImport: models made and saved by TensorFlow.js import as runs of their task, and the
// engine predicts what TensorFlow.js predicts on the validation inputs, within predTol; exporting the
// imported model gives back TensorFlow.js's weight file byte for byte.
func TestTFJSModelsImport(t *testing.T) {
	cases := importCases()
	for i, c := range cases {
		tk, err := task.New(c.task)
		if err != nil {
			t.Fatal(err)
		}
		spec := tk.Spec()
		for _, l := range c.Layers {
			if v, ok := l.Args["inputDim"]; ok && v == 0 {
				l.Args["inputDim"] = spec.Input
			}
			if v, ok := l.Args["units"]; ok && v == 0 {
				l.Args["units"] = spec.Output
			}
		}
		c.Dir, c.Seed = filepath.Join(t.TempDir(), c.Name), 100*(i+1)
		c.Inputs, c.InputDtype = inputs(&tk.Val().X)
	}
	_, preds := runNode(t, nil, cases)
	for _, c := range cases {
		modelFile, err := os.ReadFile(filepath.Join(c.Dir, ModelFile))
		if err != nil {
			t.Fatal(err)
		}
		weights, err := os.ReadFile(filepath.Join(c.Dir, WeightsFile))
		if err != nil {
			t.Fatal(err)
		}
		saved, err := ImportRun(modelFile, map[string][]byte{WeightsFile: weights}, c.spec)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		_, _, net, err := train.Load(saved)
		if err != nil {
			t.Errorf("%s: the imported run does not load: %v", c.Name, err)
			continue
		}
		_, out := valOutput(t, net, c.task)
		comparePred(t, c.Name, out, preds[c.Name])
		f, err := Export(net)
		if err != nil {
			t.Errorf("%s: export after import: %v", c.Name, err)
		} else if string(f.Weights) != string(weights) {
			t.Errorf("%s: export after import changed the weights (%d bytes, TensorFlow.js wrote %d)", c.Name, len(f.Weights), len(weights))
		}
	}
}
