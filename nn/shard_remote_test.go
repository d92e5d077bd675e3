package nn

import (
	"errors"
	"slices"
	"testing"
)

// serverRemote computes jobs with a ShardServer of its own, through copies of the bytes (as between two
// Web Workers); fail makes it misbehave on some calls.
type serverRemote struct {
	s     ShardServer
	res   []byte
	calls int
	fail  func(call int, res []byte) ([]byte, error)
}

func (r *serverRemote) Start(job []byte) error {
	r.calls++
	res, err := r.s.Compute(slices.Clone(job))
	r.res = slices.Clone(res)
	return err
}

func (r *serverRemote) Wait() ([]byte, error) {
	if r.fail != nil {
		return r.fail(r.calls, r.res)
	}
	return r.res, nil
}

// trainShards runs 5 steps of c on 7 examples with the remotes rs and returns the weights and, per step,
// the loss, auxiliary loss and gradient norm.
func trainShards(t *testing.T, c shardCase, rs []Remote) (w, losses []float64, sh *Shards) {
	t.Helper()
	net := newShardNet(t, c.cfg, 3)
	data := NewRNG(9)
	B := 7
	sh = NewShards(net, ShardCount(B), NewRNG(4))
	sh.SetRemote(rs)
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, net.Parameters())
	var st StepStats
	for range 5 {
		sh.Step(c.b(data, B), opt, ClipConfig{Mode: "norm", Threshold: 1}, &st, 1)
		losses = append(losses, st.Loss, st.AuxLoss, st.GradNorm)
	}
	return slices.Clone(net.Parameters().W), losses, sh
}

// Shards computed by 1, 2 or 3 other processes give the weights and records of one process computing
// them all, bit for bit, for every kind of network (dropout and auxiliary anchors draw from the random
// state the jobs carry).
func TestRemoteShardsIdentical(t *testing.T) {
	for _, c := range shardCases() {
		want, wantLoss, _ := trainShards(t, c, nil)
		for n := 1; n <= 3; n++ {
			var rs []Remote
			for range n {
				rs = append(rs, &serverRemote{})
			}
			w, losses, sh := trainShards(t, c, rs)
			if !slices.Equal(w, want) || !slices.Equal(losses, wantLoss) {
				t.Errorf("%s: %d remotes give other weights or losses than none", c.name, n)
			}
			if sh.Redone != 0 || sh.Served == 0 {
				t.Errorf("%s, %d remotes: %d shards served, %d redone here", c.name, n, sh.Served, sh.Redone)
			}
		}
	}
}

// A remote that fails, answers with garbage, a cut result or a stale one has its shards computed here:
// the run is the same.
func TestRemoteShardsFailures(t *testing.T) {
	stale := []byte(nil)
	fails := map[string]func(int, []byte) ([]byte, error){
		"error":   func(int, []byte) ([]byte, error) { return nil, errors.New("the worker is gone") },
		"garbage": func(int, []byte) ([]byte, error) { return []byte("not a result"), nil },
		"cut": func(call int, res []byte) ([]byte, error) {
			if call%2 == 0 {
				return res[:len(res)-8], nil
			}
			return res, nil
		},
		"stale": func(call int, res []byte) ([]byte, error) {
			if call == 1 {
				stale = slices.Clone(res)
				return res, nil
			}
			return stale, nil // the result of the first job, again
		},
	}
	for _, c := range shardCases() {
		want, wantLoss, _ := trainShards(t, c, nil)
		for name, f := range fails {
			r := &serverRemote{fail: f}
			w, losses, sh := trainShards(t, c, []Remote{r})
			if !slices.Equal(w, want) || !slices.Equal(losses, wantLoss) {
				t.Errorf("%s, remote %s: the run differs from one without remotes", c.name, name)
			}
			if sh.Redone == 0 {
				t.Errorf("%s, remote %s: nothing was computed here again", c.name, name)
			}
		}
	}
}

// A job cut short or with a byte changed is refused or computed, never a panic.
func TestShardServerHostileJobs(t *testing.T) {
	c := shardCases()[2] // tokens, classes, mask and an auxiliary loss
	net := newShardNet(t, c.cfg, 3)
	sh := NewShards(net, 4, NewRNG(4))
	r := &serverRemote{}
	sh.SetRemote([]Remote{r})
	var st StepStats
	sh.Step(c.b(NewRNG(1), 8), NewOptimizer(OptimConfig{Name: "sgd", LR: 0.1}, net.Parameters()), ClipConfig{}, &st, 1)
	job := slices.Clone(sh.jobs[0])
	var s ShardServer
	for n := 0; n < len(job); n += 8 {
		if _, err := s.Compute(job[:n]); err == nil {
			t.Fatalf("a job cut to %d of %d bytes was computed", n, len(job))
		}
	}
	for i := 0; i < len(job); i += 3 {
		bad := slices.Clone(job)
		bad[i] ^= 0xa5
		s.Compute(bad) // must not panic; some changes (a weight, an input) still compute
	}
	if _, err := s.Compute(job); err != nil {
		t.Errorf("the intact job after the hostile ones: %v", err)
	}
}

// With a remote, a warm step allocates only the job's and result's first growth.
func TestRemoteShardsStepAllocs(t *testing.T) {
	c := shardCases()[0]
	net := newShardNet(t, c.cfg, 3)
	sh := NewShards(net, 4, NewRNG(4))
	sh.SetRemote([]Remote{&directRemote{}})
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.01}, net.Parameters())
	b := c.b(NewRNG(1), 8)
	var st StepStats
	sh.Step(b, opt, ClipConfig{}, &st, 1)
	if n := testing.AllocsPerRun(10, func() { sh.Step(b, opt, ClipConfig{}, &st, 1) }); n != 0 {
		t.Errorf("a warm step with a remote allocates %.0f times", n)
	}
}

// directRemote computes jobs with its server, without copies.
type directRemote struct {
	s   ShardServer
	res []byte
	err error
}

func (r *directRemote) Start(job []byte) error { r.res, r.err = r.s.Compute(job); return r.err }
func (r *directRemote) Wait() ([]byte, error)  { return r.res, r.err }

// BenchmarkShardsRemote is the cost of handing half of seed-lstm's shards to a remote, with the remote's
// work done in turn on this goroutine (copies of the job and the result stand for the transfers):
// "remote" minus "alone" is what a step pays to use a second Web Worker.
func BenchmarkShardsRemote(b *testing.B) {
	c := benchConfigs[0]
	for _, remote := range []bool{false, true} {
		b.Run(map[bool]string{false: "alone", true: "remote"}[remote], func(b *testing.B) {
			net, batch, opt, st := newBenchStep(b, c.cell, c.units, c.T, c.D, c.B)
			sh := NewShards(net, ShardCount(c.B), NewRNG(2))
			if remote {
				sh.SetRemote([]Remote{&serverRemote{}})
			}
			sh.Step(batch, opt, ClipConfig{}, st, 1)
			for b.Loop() {
				sh.Step(batch, opt, ClipConfig{}, st, 1)
			}
		})
	}
}
