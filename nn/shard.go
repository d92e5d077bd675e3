package nn

import (
	"fmt"
	"runtime"
	"sync"
)

// Data-parallel training. A step's batch of B examples is split into S logical shards of consecutive
// examples, shard i holding examples [i·B/S, (i+1)·B/S). Each shard runs forward and backward on its own
// replica of the network (same weights, its own gradient slab, activations and random streams), and the
// gradients are summed in shard order:
//
//	G = ((G_0 + G_1) + G_2) + … + G_{S−1}
//
// then measured, clipped and applied as in TrainStep. S depends on the batch size only (ShardCount), never on
// how many goroutines or Web Workers compute the shards, so a run gives the same bits on 1, 2 or 4 of them,
// natively and in WebAssembly.
//
// Each shard's loss is normalised as the whole batch's (Batch.Norm, Batch.Whole), so G is the gradient of
// the whole batch's loss. The auxiliary loss is a mean over its scored targets; a shard divides its sum by
// its own count × B/B_i, which is the whole batch's count whenever that count is proportional to the examples
// (next-step prediction, reconstruction with T ≥ L) and otherwise weighs each shard's mean by its examples.

// MaxShards is the most shards a batch is split into.
const MaxShards = 4

// ShardCount is the number of logical shards of a batch of B examples: min(MaxShards, B).
func ShardCount(B int) int { return max(1, min(MaxShards, B)) }

// Shards trains a network on S logical shards of each batch (see above). It is not safe for concurrent use.
//
// Memory: shard 0 computes into the network's own gradient slab. On one goroutine the other shards share
// one more slab, each added as it is done; on several, each of them has its own (allocated at the first
// parallel step).
type Shards struct {
	net     Net         // the network trained: its W is every replica's, its G receives the sum
	reps    []Net       // [S] one replica per shard
	parts   []Batch     // [S] the shards of the last batch
	loss    []float64   // [S] each shard's share of the main loss
	aux     []float64   // [S] each shard's share of the auxiliary loss (unweighted)
	scratch []float64   // the gradient of shards 1..S−1 on one goroutine
	own     [][]float64 // [S] shard i's gradient on several goroutines (own[0] unused)
	pool    *shardPool
	remote  []Remote // other processes computing shards (shard_remote.go)
	jobs    [][]byte // [len(remote)] the last job of each
	cfg     []byte   // the model's configuration as a job carries it (JSON)
	rands   [][]*RNG // [S] each replica's random streams (randoms)
	seq     uint64   // the last job's sequence number
	Served  int      // shards computed by remotes
	Redone  int      // shards of remotes computed here after the remote failed
	Idle    func()   // called in a step while remotes compute their shards, this process's being done
}

// NewShards builds S replicas of net that share its weights. Replica i draws its dropout masks and
// auxiliary anchors from rng.Split(i). It panics if net is neither a *Model nor a *Seq2Seq, or if S < 1.
func NewShards(net Net, S int, rng *RNG) *Shards {
	if S < 1 {
		panic(fmt.Sprintf("nn: NewShards: %d shards", S))
	}
	var cfg ModelConfig
	switch n := net.(type) {
	case *Model:
		cfg = n.Config
	case *Seq2Seq:
		cfg = n.Config
	default:
		panic(fmt.Sprintf("nn: NewShards: cannot replicate a %T", net))
	}
	ps := net.Parameters()
	sh := &Shards{net: net, parts: make([]Batch, S), loss: make([]float64, S), aux: make([]float64, S),
		scratch: make([]float64, len(ps.G)), own: make([][]float64, S)}
	for i := range S {
		rep, err := NewNet(cfg, rng.Split(uint64(i)))
		if err != nil {
			panic("nn: NewShards: " + err.Error()) // net was built from cfg
		}
		rep.Parameters().share(ps.W, ps.G)
		sh.reps = append(sh.reps, rep)
	}
	return sh
}

// S is the number of shards.
func (sh *Shards) S() int { return len(sh.reps) }

// Split copies the shards of b into the replicas' batches.
func (sh *Shards) Split(b *Batch) {
	B, S := b.X.B, len(sh.reps)
	var N float64
	for i := 0; i < b.Ty*B; i++ {
		N += weight(b.Mask, i)
	}
	for i := range sh.parts {
		sliceBatch(&sh.parts[i], b, i*B/S, (i+1)*B/S)
		sh.parts[i].Norm, sh.parts[i].Whole = N, B
	}
}

// grad computes shard i of the last Split into the slab g: zero it, forward, backward.
func (sh *Shards) grad(i int, g []float64) {
	rep, b := sh.reps[i], &sh.parts[i]
	ps := rep.Parameters()
	ps.share(ps.W, g)
	ps.ZeroGrad()
	sh.loss[i], sh.aux[i] = shardGrad(rep, b)
}

// shardGrad runs rep forward and backward on the shard b (its gradient slab zeroed) and returns the
// shard's main and auxiliary losses.
func shardGrad(rep Net, b *Batch) (loss, aux float64) {
	if b.X.B == 0 {
		return 0, 0
	}
	loss = rep.Forward(b, true)
	if a, ok := rep.(AuxNet); ok {
		loss, aux = a.MainLoss(), a.AuxLoss()
	}
	rep.Backward()
	return loss, aux
}

// gradient computes the whole batch's gradient into the network's G and its losses into st: split b,
// compute every shard (on up to workers goroutines), and sum in shard order, G = ((G_0 + G_1) + …).
func (sh *Shards) gradient(b *Batch, workers int, st *StepStats) {
	sh.Split(b)
	g := sh.net.Parameters().G
	if len(sh.remote) > 0 {
		sh.gradientRemote(g)
	} else if workers = min(workers, len(sh.reps)); workers <= 1 {
		sh.local(0, len(sh.reps), g)
	} else {
		sh.parallel(workers)
		for i := 1; i < len(sh.reps); i++ {
			addTo(g, sh.own[i])
		}
	}
	st.Loss, st.AuxLoss = sh.loss[0], sh.aux[0]
	for i := 1; i < len(sh.reps); i++ {
		st.Loss += sh.loss[i]
		st.AuxLoss += sh.aux[i]
	}
}

// Step runs one training step on b: every shard's gradient (on up to workers goroutines) summed in shard
// order, then measure, clip and update as TrainStep does. The result does not depend on workers. A warm
// step allocates nothing.
func (sh *Shards) Step(b *Batch, opt *Optimizer, clip ClipConfig, st *StepStats, workers int) {
	sh.gradient(b, workers, st)
	update(sh.net.Parameters(), opt, clip, st)
}

// Close stops the goroutines of a parallel Step (the next one starts them again).
func (sh *Shards) Close() {
	if sh.pool != nil {
		sh.pool.stop()
		sh.pool = nil
	}
}

// shardPool is the goroutines of a parallel Step: they hold no reference to the Shards between jobs, so a
// forgotten Close leaves them to the cleanup attached to the Shards.
type shardPool struct {
	jobs chan shardJob
	n    int
	wg   sync.WaitGroup
	once sync.Once
}

func (p *shardPool) stop() { p.once.Do(func() { close(p.jobs) }) }

type shardJob struct {
	sh *Shards
	i  int
}

func (sh *Shards) parallel(workers int) {
	if sh.pool != nil && sh.pool.n != workers {
		sh.Close()
	}
	if sh.pool == nil {
		p := &shardPool{jobs: make(chan shardJob, MaxShards), n: workers}
		for range workers {
			go p.work()
		}
		sh.pool = p
		runtime.AddCleanup(sh, (*shardPool).stop, p)
	}
	p := sh.pool
	p.wg.Add(len(sh.reps))
	for i := range sh.reps {
		if i > 0 && sh.own[i] == nil {
			sh.own[i] = make([]float64, len(sh.scratch))
		}
		p.jobs <- shardJob{sh, i}
	}
	p.wg.Wait()
}

func (p *shardPool) work() {
	for j := range p.jobs {
		g := j.sh.own[j.i]
		if j.i == 0 {
			g = j.sh.net.Parameters().G
		}
		j.sh.grad(j.i, g)
		p.wg.Done()
	}
}

// sliceBatch makes dst examples [lo, hi) of src, reusing dst's arrays.
func sliceBatch(dst, src *Batch, lo, hi int) {
	T, B, n := src.X.T, src.X.B, hi-lo
	D := src.X.F
	dst.Resize(T, n, D, src.Ty, src.K, len(src.Class) > 0, src.Mask != nil)
	for t := 0; t < T; t++ {
		if D == 0 {
			copy(dst.X.Ids[t*n:(t+1)*n], src.X.Ids[t*B+lo:t*B+hi])
		} else {
			copy(dst.X.V[t*n*D:(t+1)*n*D], src.X.V[(t*B+lo)*D:(t*B+hi)*D])
		}
	}
	K := src.K
	for t := 0; t < src.Ty; t++ {
		if len(src.Class) > 0 {
			copy(dst.Class[t*n:(t+1)*n], src.Class[t*B+lo:t*B+hi])
		} else {
			copy(dst.Y[t*n*K:(t+1)*n*K], src.Y[(t*B+lo)*K:(t*B+hi)*K])
		}
		if src.Mask != nil {
			copy(dst.Mask[t*n:(t+1)*n], src.Mask[t*B+lo:t*B+hi])
		}
	}
	if src.DecIn == nil {
		dst.DecIn = nil
		return
	}
	dst.DecIn = growI(dst.DecIn, src.Ty*n)
	for t := 0; t < src.Ty; t++ {
		copy(dst.DecIn[t*n:(t+1)*n], src.DecIn[t*B+lo:t*B+hi])
	}
}
