package nn

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// Training-step benchmarks for the configurations of ../shared/bench/tfjs/README.md (the TF.js anchors):
// stacked recurrent layers, the last returning its final state, then Dense(1, sigmoid), Adam 1e-3, binary
// cross-entropy, inputs U[0, 1), random 0/1 labels. cmd/bench runs the same table as a program (also as
// wasm under node); docs/benchmarks.md has the figures.
//
//	go test -run '^$' -bench TrainStep ./nn/
var benchConfigs = []struct {
	name  string
	cell  string
	units []int
	T, D  int
	B     int
}{
	{"seed-lstm", "lstm", []int{128, 128}, 10, 50, 32},
	{"seed-gru", "gru", []int{128, 128}, 10, 50, 32},
	{"seed-rnn", "rnn", []int{128, 128}, 10, 50, 32},
	{"long", "lstm", []int{128}, 100, 1, 32},
	{"small", "lstm", []int{32}, 20, 8, 16},
}

// trainFLOPs counts the matmul FLOPs of one training step as the TF.js anchor does: forward per recurrent
// layer 2·B·T·(D+H)·G·H, plus the head 2·B·H, and a step is 3 × forward.
func trainFLOPs(cell string, units []int, T, D, B int) float64 {
	G := map[string]int{"rnn": 1, "lstm": 4, "gru": 3}[cell]
	var fwd float64
	din := D
	for _, H := range units {
		fwd += 2 * float64(B*T*(din+H)*G*H)
		din = H
	}
	fwd += 2 * float64(B*din)
	return 3 * fwd
}

// newBenchStep builds one benchmark configuration: the model, a batch, Adam and the step statistics.
func newBenchStep(tb testing.TB, cell string, units []int, T, D, B int) (Net, *Batch, *Optimizer, *StepStats) {
	cfg := ModelConfig{Input: D, Loss: BCE}
	for i, H := range units {
		cfg.Layers = append(cfg.Layers, LayerConfig{Type: cell, Units: H, ReturnSequences: i < len(units)-1})
	}
	cfg.Layers = append(cfg.Layers, LayerConfig{Type: "dense", Units: 1, Activation: "sigmoid"})
	rng := NewRNG(1)
	m, err := NewModel(cfg, rng)
	if err != nil {
		tb.Fatal(err)
	}
	b := &Batch{}
	b.Resize(T, B, D, 1, 1, false, false)
	for i := range b.X.V {
		b.X.V[i] = rng.Float64()
	}
	for i := range b.Y {
		b.Y[i] = float64(rng.IntN(2))
	}
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 1e-3}, m.Params)
	return m, b, opt, &StepStats{}
}

func BenchmarkTrainStep(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(c.name, func(b *testing.B) {
			net, batch, opt, st := newBenchStep(b, c.cell, c.units, c.T, c.D, c.B)
			TrainStep(net, batch, opt, ClipConfig{}, st) // warm the buffers
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				TrainStep(net, batch, opt, ClipConfig{}, st)
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(sec*1e3, "ms/step")
			b.ReportMetric(trainFLOPs(c.cell, c.units, c.T, c.D, c.B)/sec/1e9, "GFLOP/s")
		})
	}
}

// The kernels at the shapes of the training step: the recurrent product h·U ([32,128]·[128,512]), its
// backward dA·Uᵀ, the weight gradients Hᵀ·dA over all T·B rows (seed: 320, long: 3200), and the small
// model's. "NNp" and "NTp" are gemmPacked with B packed once, as the cells use it for U. Besides the mean
// it reports best-GFLOP/s, the fastest single call: on a shared machine the least disturbed figure.
func BenchmarkGemm(b *testing.B) {
	shapes := []struct{ m, n, k int }{{32, 512, 128}, {32, 128, 512}, {128, 512, 320}, {128, 512, 3200}, {16, 128, 32}}
	kernels := []string{"NN", "NT", "TN", "NNp", "NTp"}
	for _, kn := range kernels {
		for _, s := range shapes {
			if s.k == 3200 && kn != "TN" {
				continue // the long configuration's weight gradient only
			}
			b.Run(fmt.Sprintf("%s/%dx%dx%d", kn, s.m, s.n, s.k), func(b *testing.B) {
				rng := NewRNG(3)
				fill := func(n int) []float64 {
					v := make([]float64, n)
					for i := range v {
						v[i] = rng.Uniform(-1, 1)
					}
					return v
				}
				a, bb, c := fill(s.m*s.k), fill(s.k*s.n), make([]float64, s.m*s.n)
				var packed []float64
				var f func()
				switch kn {
				case "NN": // A [m,k], B [k,n]
					f = func() { gemmNN(s.m, s.n, s.k, a, s.k, bb, s.n, c, s.n) }
				case "NT": // A [m,k], B [n,k]
					f = func() { gemmNT(s.m, s.n, s.k, a, s.k, bb, s.k, c, s.n) }
				case "TN": // A [k,m], B [k,n]
					f = func() { gemmTN(s.m, s.n, s.k, a, s.m, bb, s.n, c, s.n) }
				case "NNp":
					packed = packNN(packed, s.k, s.n, bb, s.n)
					f = func() { gemmPacked(s.m, s.n, s.k, a, s.k, packed, c, s.n) }
				case "NTp":
					packed = packNT(packed, s.k, s.n, bb, s.k)
					f = func() { gemmPacked(s.m, s.n, s.k, a, s.k, packed, c, s.n) }
				}
				best := math.Inf(1)
				for b.Loop() {
					t0 := time.Now()
					f()
					best = min(best, time.Since(t0).Seconds())
				}
				flops := 2 * float64(s.m*s.n*s.k)
				b.ReportMetric(flops/(b.Elapsed().Seconds()/float64(b.N))/1e9, "GFLOP/s")
				b.ReportMetric(flops/best/1e9, "best-GFLOP/s")
			})
		}
	}
}

// BenchmarkShardsCost: what splitting the batch into ShardCount(B) shards costs on one core. Each
// iteration takes one whole-batch TrainStep and one sharded step on one goroutine (same model and batch,
// alternating, so that a busy machine disturbs both alike) and reports the ratio of their mean and of
// their fastest times.
//
//	go test -run '^$' -bench ShardsCost -cpu 1 ./nn/
func BenchmarkShardsCost(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(c.name, func(b *testing.B) {
			net, batch, opt, st := newBenchStep(b, c.cell, c.units, c.T, c.D, c.B)
			sh := NewShards(net, ShardCount(c.B), NewRNG(2))
			whole := func() { TrainStep(net, batch, opt, ClipConfig{}, st) }
			sharded := func() { sh.Step(batch, opt, ClipConfig{}, st, 1) }
			whole()
			sharded()
			var sum, best [2]float64
			best = [2]float64{math.Inf(1), math.Inf(1)}
			for b.Loop() {
				for i, f := range []func(){whole, sharded} {
					t0 := time.Now()
					f()
					d := time.Since(t0).Seconds()
					sum[i] += d
					best[i] = min(best[i], d)
				}
			}
			b.ReportMetric(sum[0]/float64(b.N)*1e3, "whole-ms")
			b.ReportMetric(sum[1]/float64(b.N)*1e3, "shards-ms")
			b.ReportMetric(sum[1]/sum[0], "mean-ratio")
			b.ReportMetric(best[1]/best[0], "best-ratio")
		})
	}
}
