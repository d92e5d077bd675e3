package nn

import (
	"math"
	"slices"
	"testing"
)

// shardCase is a network and a batch for the data-parallel tests: every kind of input, target and loss
// the trainer sees, with masks, dropout and both auxiliary losses.
type shardCase struct {
	name string
	cfg  ModelConfig
	b    func(rng *RNG, B int) *Batch
}

func shardCases() []shardCase {
	const T, D = 6, 3
	seq := func(Ty, K int, loss Loss, tokens, mask bool) func(*RNG, int) *Batch {
		return func(rng *RNG, B int) *Batch { return randomBatch(rng, T, B, D, Ty, K, loss, tokens, mask) }
	}
	s2s := func(rng *RNG, B int) *Batch {
		var b Batch
		reverseBatch(&b, rng, 5, B, 3)
		return &b
	}
	s2sAux := s2sConfig("lstm", ScoreDot, true)
	s2sAux.Aux = &AuxConfig{Kind: AuxReconstruct, Weight: 0.5}
	return []shardCase{
		{"lstm-bce-dropout", ModelConfig{Input: D, Loss: BCE, Layers: []LayerConfig{{Type: "lstm", Units: 5, ReturnSequences: true},
			{Type: "dropout", Rate: 0.3}, {Type: "lstm", Units: 4}, {Type: "dense", Units: 1, Activation: "sigmoid"}}}, seq(1, 1, BCE, false, false)},
		{"gru-mse-mask", ModelConfig{Input: D, Loss: MSE, Layers: []LayerConfig{{Type: "gru", Units: 5, ReturnSequences: true},
			{Type: "dense", Units: 2}}}, seq(T, 2, MSE, false, true)},
		{"tokens-xent-next", ModelConfig{Input: D, Loss: XEnt, Aux: &AuxConfig{Kind: AuxNext, Weight: 0.5},
			Layers: []LayerConfig{{Type: "embedding", Units: 3}, {Type: "rnn", Units: 5, ReturnSequences: true},
				{Type: "dense", Units: 3, Activation: "softmax"}}}, seq(T, 3, XEnt, true, true)},
		{"reconstruct", ModelConfig{Input: D, Loss: MSE, Aux: &AuxConfig{Kind: AuxReconstruct, Weight: 1, Segment: 3},
			Layers: []LayerConfig{{Type: "lstm", Units: 4}, {Type: "dense", Units: 1}}}, seq(1, 1, MSE, false, false)},
		{"seq2seq-attention-aux", s2sAux, s2s},
	}
}

func newShardNet(t *testing.T, cfg ModelConfig, seed uint64) Net {
	t.Helper()
	n, err := NewNet(cfg, NewRNG(seed))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The same run on 1, 2, 3 and 4 goroutines gives the same weights and records, bit for bit: the sum is in
// shard order whoever computes the shards.
func TestShardsWorkersIdentical(t *testing.T) {
	for _, c := range shardCases() {
		var want []float64
		var wantLoss []float64
		for _, workers := range []int{1, 2, 3, 4} {
			net := newShardNet(t, c.cfg, 3)
			data := NewRNG(9)
			B := 7
			sh := NewShards(net, ShardCount(B), NewRNG(4))
			opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, net.Parameters())
			var st StepStats
			var losses []float64
			for range 5 {
				sh.Step(c.b(data, B), opt, ClipConfig{Mode: "norm", Threshold: 1}, &st, workers)
				losses = append(losses, st.Loss, st.AuxLoss, st.GradNorm)
			}
			sh.Close()
			if want == nil {
				want, wantLoss = slices.Clone(net.Parameters().W), losses
				continue
			}
			if !slices.Equal(net.Parameters().W, want) || !slices.Equal(losses, wantLoss) {
				t.Errorf("%s: %d workers give other weights or losses than 1 worker", c.name, workers)
			}
		}
	}
}

// The shards' gradients sum to the whole batch's gradient, and their losses to its loss (within rounding):
// each shard is normalised as the whole batch. Without dropout and with the anchors of the reconstruction
// loss drawn whole (T ≥ L), the shards compute exactly the whole batch's objective.
func TestShardsSumToWholeBatch(t *testing.T) {
	const tol = 1e-12
	for _, c := range shardCases() {
		if c.name == "lstm-bce-dropout" || c.cfg.Aux != nil && c.cfg.Aux.Kind == AuxReconstruct {
			continue // random masks and anchors differ between a shard's replica and the whole network
		}
		for _, B := range []int{1, 3, 4, 9} {
			net := newShardNet(t, c.cfg, 5)
			b := c.b(NewRNG(6), B)
			ps := net.Parameters()
			ps.ZeroGrad()
			loss := net.Forward(b, true)
			var aux float64
			if a, ok := net.(AuxNet); ok {
				loss, aux = a.MainLoss(), a.AuxLoss()
			}
			net.Backward()
			whole := slices.Clone(ps.G)
			sh := NewShards(net, ShardCount(B), NewRNG(4))
			var st StepStats
			sh.gradient(b, 1, &st)
			if math.Abs(st.Loss-loss) > tol*math.Abs(loss) || math.Abs(st.AuxLoss-aux) > tol*math.Abs(aux) {
				t.Errorf("%s B=%d: shards' loss %v aux %v, whole batch %v %v", c.name, B, st.Loss, st.AuxLoss, loss, aux)
			}
			var d float64
			for i, g := range ps.G {
				d = math.Max(d, math.Abs(g-whole[i]))
			}
			if scale := Norm2(whole); d > tol*scale {
				t.Errorf("%s B=%d: |G_shards − G_whole|_∞ = %.3g (‖G‖ = %.3g)", c.name, B, d, scale)
			}
		}
	}
}

// One shard of a network without randomness in training is TrainStep, bit for bit.
func TestOneShardIsTrainStep(t *testing.T) {
	for _, c := range shardCases()[1:3] {
		a, b := newShardNet(t, c.cfg, 2), newShardNet(t, c.cfg, 2)
		optA := NewOptimizer(OptimConfig{Name: "adamw", LR: 0.01, WeightDecay: 0.1}, a.Parameters())
		optB := NewOptimizer(OptimConfig{Name: "adamw", LR: 0.01, WeightDecay: 0.1}, b.Parameters())
		sh := NewShards(b, 1, NewRNG(1))
		data := NewRNG(8)
		var stA, stB StepStats
		for range 4 {
			batch := c.b(data, 5)
			TrainStep(a, batch, optA, ClipConfig{}, &stA)
			sh.Step(batch, optB, ClipConfig{}, &stB, 1)
			if stA.Loss != stB.Loss || stA.AuxLoss != stB.AuxLoss || stA.GradNorm != stB.GradNorm ||
				!slices.Equal(a.Parameters().W, b.Parameters().W) {
				t.Fatalf("%s: one shard differs from TrainStep: loss %v / %v, norm %v / %v", c.name, stA.Loss, stB.Loss, stA.GradNorm, stB.GradNorm)
			}
		}
	}
}

// A warm sharded step allocates nothing, on one goroutine or several.
func TestShardsStepAllocs(t *testing.T) {
	for _, c := range shardCases() {
		for _, workers := range []int{1, 2} {
			net := newShardNet(t, c.cfg, 1)
			b := c.b(NewRNG(2), 7)
			sh := NewShards(net, ShardCount(7), NewRNG(3))
			opt := NewOptimizer(OptimConfig{Name: "adamw", LR: 1e-3, WeightDecay: 1e-2}, net.Parameters())
			var st StepStats
			step := func() { sh.Step(b, opt, ClipConfig{Mode: "norm", Threshold: 1}, &st, workers) }
			step()
			if n := testing.AllocsPerRun(20, step); n != 0 {
				t.Errorf("%s, %d workers: a warm sharded step allocates %v times", c.name, workers, n)
			}
			sh.Close()
		}
	}
}

// Shard sizes differ by at most one example and cover the batch in order.
func TestSplitCoversBatch(t *testing.T) {
	for _, B := range []int{1, 2, 5, 7, 32} {
		rng := NewRNG(1)
		b := randomBatch(rng, 3, B, 2, 3, 2, XEnt, false, true)
		net := newShardNet(t, ModelConfig{Input: 2, Loss: XEnt, Layers: []LayerConfig{{Type: "rnn", Units: 2, ReturnSequences: true},
			{Type: "dense", Units: 2, Activation: "softmax"}}}, 1)
		sh := NewShards(net, ShardCount(B), rng)
		sh.Split(b)
		lo := 0
		for i := range sh.S() {
			p := &sh.parts[i]
			n := p.X.B
			if n < B/sh.S() || n > B/sh.S()+1 {
				t.Errorf("B=%d: shard %d has %d examples", B, i, n)
			}
			for t2 := 0; t2 < 3; t2++ {
				for j := 0; j < n; j++ {
					if p.Class[t2*n+j] != b.Class[t2*B+lo+j] || p.Mask[t2*n+j] != b.Mask[t2*B+lo+j] ||
						!slices.Equal(p.X.V[(t2*n+j)*2:(t2*n+j+1)*2], b.X.V[(t2*B+lo+j)*2:(t2*B+lo+j+1)*2]) {
						t.Fatalf("B=%d: shard %d example %d step %d is not example %d of the batch", B, i, j, t2, lo+j)
					}
				}
			}
			lo += n
		}
		if lo != B {
			t.Errorf("B=%d: the shards hold %d examples", B, lo)
		}
	}
}
