// Command bench times the engine's training step on the configurations of the TF.js anchor benchmark
// (../shared/bench/tfjs/README.md) and prints median ms/step and GFLOP/s per configuration. It is plain Go
// with no syscall/js, so the same program runs natively and as WebAssembly under node:
//
//	go run ./cmd/bench
//	GOOS=js GOARCH=wasm go build -o build/bench.wasm ./cmd/bench
//	node "$(go env GOROOT)/lib/wasm/wasm_exec_node.js" build/bench.wasm
//
// With -tfjs FILE (the output of ../shared/bench/tfjs/run.sh, captured in the same session) it adds the
// TF.js wasm times and the ratios TF.js/ours: ×wasm of the medians, ×wasm-min of the fastest steps (the
// least disturbed on a shared machine), ×cpu against TF.js's cpu backend. `make bench` and
// `make bench-compare` run it; docs/benchmarks.md has the figures.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
)

// config is one benchmark configuration: recurrent layers of one cell (all but the last return their
// sequence), then Dense(1, sigmoid), Adam 1e-3, binary cross-entropy. The same table is in nn/bench_test.go.
type config struct {
	name  string
	cell  *nn.CellKind
	units []int
	T, D  int
	B     int
}

// configs are the TF.js anchor's: seed-<cell> for every registered cell (TF.js has seed-lstm, seed-gru
// and seed-rnn), then long and small with the default cell.
var configs = func() []config {
	var cs []config
	for _, k := range nn.Cells() {
		cs = append(cs, config{"seed-" + k.Name, k, []int{128, 128}, 10, 50, 32})
	}
	return append(cs, config{"long", nn.DefaultCell, []int{128}, 100, 1, 32},
		config{"small", nn.DefaultCell, []int{32}, 20, 8, 16})
}()

func configNames() string {
	var s []string
	for _, c := range configs {
		s = append(s, c.name)
	}
	return strings.Join(s, ",")
}

// flops counts the matmul FLOPs of a training step as the TF.js anchor does: forward per recurrent layer
// 2·B·T·(weights of its kernels; (D+H)·G·H for a full recurrent matrix), plus the head 2·B·H; a step is
// 3 × forward.
func (c config) flops() float64 {
	var fwd float64
	din := c.D
	for _, H := range c.units {
		fwd += 2 * float64(c.B*c.T*c.cell.Kernels(din, H, nn.LayerConfig{Type: c.cell.Name, Units: H}))
		din = H
	}
	fwd += 2 * float64(c.B*din)
	return 3 * fwd
}

// result is the timing of one configuration.
type result struct {
	median, min, max float64 // ms per step
	loss             float64 // loss of the last step (a check that both builds compute the same thing)
}

// run builds the configuration (seed 1), warms it up and times steps one by one.
func run(c config, warmup, steps int) (result, error) {
	cfg := nn.ModelConfig{Input: c.D, Loss: nn.BCE}
	for i, H := range c.units {
		cfg.Layers = append(cfg.Layers, nn.LayerConfig{Type: c.cell.Name, Units: H, ReturnSequences: i < len(c.units)-1})
	}
	cfg.Layers = append(cfg.Layers, nn.LayerConfig{Type: "dense", Units: 1, Activation: "sigmoid"})
	rng := nn.NewRNG(1)
	m, err := nn.NewModel(cfg, rng)
	if err != nil {
		return result{}, err
	}
	var b nn.Batch
	b.Resize(c.T, c.B, c.D, 1, 1, false, false)
	for i := range b.X.V {
		b.X.V[i] = rng.Float64()
	}
	for i := range b.Y {
		b.Y[i] = float64(rng.IntN(2))
	}
	opt := nn.NewOptimizer(nn.OptimConfig{Name: "adam", LR: 1e-3}, m.Params)
	var st nn.StepStats
	for range warmup {
		nn.TrainStep(m, &b, opt, nn.ClipConfig{}, &st)
	}
	ms := make([]float64, steps)
	for i := range ms {
		t0 := time.Now()
		nn.TrainStep(m, &b, opt, nn.ClipConfig{}, &st)
		ms[i] = float64(time.Since(t0).Nanoseconds()) / 1e6
	}
	slices.Sort(ms)
	return result{median: median(ms), min: ms[0], max: ms[len(ms)-1], loss: st.Loss}, nil
}

func median(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// tfjsTime is TF.js's median and minimum ms/step for one configuration and backend.
type tfjsTime struct{ median, min float64 }

// readTFJS parses the lines of ../shared/bench/tfjs/run.sh:
//
//	tfjs seed-lstm  wasm        median 202.1 ms/step [190.3-240.7]  2.1 GFLOP/s  (426.664 MFLOP/step)
//
// into times[config][backend].
func readTFJS(r io.Reader) (map[string]map[string]tfjsTime, error) {
	times := map[string]map[string]tfjsTime{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "tfjs" || f[3] != "median" {
			continue
		}
		med, err1 := strconv.ParseFloat(f[4], 64)
		lo, _, _ := strings.Cut(strings.Trim(f[6], "[]"), "-")
		min, err2 := strconv.ParseFloat(lo, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("tfjs line %q: not median X ms/step [MIN-MAX]", sc.Text())
		}
		if times[f[1]] == nil {
			times[f[1]] = map[string]tfjsTime{}
		}
		times[f[1]][f[2]] = tfjsTime{med, min}
	}
	return times, sc.Err()
}

func main() {
	steps := flag.Int("steps", 20, "timed steps per configuration (1 to 10000)")
	warmup := flag.Int("warmup", 3, "untimed steps first (0 to 1000)")
	only := flag.String("configs", "", "comma-separated configurations (default all: "+configNames()+")")
	tfjsFile := flag.String("tfjs", "", "output of ../shared/bench/tfjs/run.sh from the same session, to print ratios")
	flag.Parse()
	if *steps < 1 || *steps > 10000 {
		fail(fmt.Errorf("-steps: %d is outside [1, 10000]", *steps))
	}
	if *warmup < 0 || *warmup > 1000 {
		fail(fmt.Errorf("-warmup: %d is outside [0, 1000]", *warmup))
	}
	todo := configs
	if *only != "" {
		todo = nil
		for _, name := range strings.Split(*only, ",") {
			i := slices.IndexFunc(configs, func(c config) bool { return c.name == name })
			if i < 0 {
				fail(fmt.Errorf("-configs: unknown %q (want one of %s)", name, configNames()))
			}
			todo = append(todo, configs[i])
		}
	}
	var tfjs map[string]map[string]tfjsTime
	if *tfjsFile != "" {
		f, err := os.Open(*tfjsFile)
		if err != nil {
			fail(err)
		}
		tfjs, err = readTFJS(f)
		f.Close()
		if err != nil {
			fail(err)
		}
	}

	fmt.Printf("# nn.TrainStep, %s/%s, %s, median of %d steps after %d warm-up\n",
		runtime.GOOS, runtime.GOARCH, runtime.Version(), *steps, *warmup)
	fmt.Printf("%-10s %10s %17s %8s %10s %12s", "config", "ms/step", "[min-max]", "GFLOP/s", "MFLOP/step", "loss")
	if tfjs != nil {
		fmt.Printf(" %10s %10s %7s %9s %7s", "tfjs-wasm", "[min]", "×wasm", "×wasm-min", "×cpu")
	}
	fmt.Println()
	for _, c := range todo {
		r, err := run(c, *warmup, *steps)
		if err != nil {
			fail(err)
		}
		fmt.Printf("%-10s %10.1f %17s %8.2f %10.1f %12.6f", c.name, r.median,
			fmt.Sprintf("[%.1f-%.1f]", r.min, r.max), c.flops()/r.median/1e6, c.flops()/1e6, r.loss)
		if tfjs != nil {
			w, cpu := tfjs[c.name]["wasm"], tfjs[c.name]["cpu"]
			fmt.Printf(" %10s %10s %7s %9s %7s", num(w.median), num(w.min), ratio(w.median, r.median),
				ratio(w.min, r.min), ratio(cpu.median, r.median))
		}
		fmt.Println()
	}
}

func num(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}

// ratio is how many times faster we are than the reference (> 1: faster).
func ratio(ref, ours float64) string {
	if ref == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", ref/ours)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}
