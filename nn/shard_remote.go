package nn

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"unsafe"
)

// Remote shards. A step's shards can be computed in other processes — the page's spare Web Workers, which
// share no memory with this one — and their gradients added here in shard order, as always:
//
//	G = ((G_0 + G_1) + G_2) + … + G_{S−1}
//
// so the bits are those of one process computing every shard. With W = len(remotes)+1 participants,
// participant j computes shards [j·S/W, (j+1)·S/W); participant 0 is this process.
//
// A job carries what its shards need: the model's configuration, the weights, each shard's batch and its
// replica's random state (dropout masks, auxiliary anchors). Its result carries each shard's loss,
// auxiliary loss, random state after the step and gradient. Both are flat little-endian byte strings of
// 8-byte words (a transferable ArrayBuffer in the browser). A remote that fails, or whose result does not
// fit its job, has its shards computed here from the same state, with the same result.

// Remote computes shard jobs elsewhere: Start hands a job over, Wait returns its result.
type Remote interface {
	Start(job []byte) error
	Wait() ([]byte, error)
}

// SetRemote makes Step hand shards to rs (see above); nil computes every shard here. Step then waits
// for the remotes: call it where blocking is allowed (not in a browser's event handler).
func (sh *Shards) SetRemote(rs []Remote) {
	sh.remote = rs
	for len(sh.jobs) < len(rs) {
		sh.jobs = append(sh.jobs, nil)
	}
	if len(rs) > 0 && sh.rands == nil {
		for _, rep := range sh.reps {
			sh.rands = append(sh.rands, randoms(rep))
		}
		var cfg ModelConfig
		switch n := sh.net.(type) {
		case *Model:
			cfg = n.Config
		case *Seq2Seq:
			cfg = n.Config
		}
		sh.cfg, _ = json.Marshal(cfg) // a ModelConfig always encodes
	}
}

// gradientRemote computes the shards of the last Split: the remotes' jobs first, then this process's
// shards, then each remote's gradients in shard order (or its shards here if it failed).
func (sh *Shards) gradientRemote(g []float64) {
	S := len(sh.reps)
	W := min(len(sh.remote)+1, S)
	var started [MaxShards]bool
	sh.seq++
	for j := 1; j < W; j++ {
		sh.jobs[j-1] = sh.appendJob(sh.jobs[j-1][:0], j*S/W, (j+1)*S/W)
		started[j] = sh.remote[j-1].Start(sh.jobs[j-1]) == nil
	}
	sh.local(0, S/W, g)
	if sh.Idle != nil && slices.Contains(started[1:W], true) {
		sh.Idle()
	}
	for j := 1; j < W; j++ {
		lo, hi := j*S/W, (j+1)*S/W
		if started[j] {
			if res, err := sh.remote[j-1].Wait(); err == nil && sh.accept(res, lo, hi, g) == nil {
				sh.Served += hi - lo
				continue
			}
		}
		sh.local(lo, hi, g) // the replicas' random state is as the job found it
		sh.Redone += hi - lo
	}
}

// local computes shards [lo, hi) here, adding each to g in order (shard 0 is computed into g).
func (sh *Shards) local(lo, hi int, g []float64) {
	for i := lo; i < hi; i++ {
		if i == 0 {
			sh.grad(0, g)
			continue
		}
		sh.grad(i, sh.scratch)
		addTo(g, sh.scratch)
	}
}

const (
	jobMagic    = 0x31626f6a6e6e72 // "rnnjob1"
	resultMagic = 0x317365726e6e72 // "rnnres1"
)

// appendJob appends the job of shards [lo, hi): magic, sequence number, lo, hi, S, the configuration,
// the weights, then per shard its random state and its batch.
func (sh *Shards) appendJob(b []byte, lo, hi int) []byte {
	w := words{b}
	w.u(jobMagic, sh.seq, uint64(lo), uint64(hi), uint64(len(sh.reps)))
	w.bytes(sh.cfg)
	w.floats(sh.net.Parameters().W)
	for i := lo; i < hi; i++ {
		w.rngs(sh.rands[i])
		w.batch(&sh.parts[i])
	}
	return w.b
}

// accept checks a result against the job of shards [lo, hi) and then adds its gradients to g in order,
// with its losses and random states; a result that does not fit changes nothing.
func (sh *Shards) accept(res []byte, lo, hi int, g []float64) error {
	P := len(g)
	rs := reader{b: res}
	if rs.u() != resultMagic || rs.u() != sh.seq || rs.u() != uint64(lo) || rs.u() != uint64(hi) || rs.u() != uint64(P) {
		return errors.New("nn: a shard result for another job")
	}
	start := rs.off
	for i := lo; i < hi && rs.err == nil; i++ { // check the whole result before using any of it
		rs.f()
		rs.f()
		rs.skipRNGs(len(sh.rands[i]))
		rs.skip(P)
	}
	if rs.err != nil || rs.off != len(res) {
		return errors.New("nn: a shard result of the wrong size")
	}
	rs.off = start
	for i := lo; i < hi; i++ {
		sh.loss[i], sh.aux[i] = rs.f(), rs.f()
		if err := rs.setRNGs(sh.rands[i]); err != nil {
			return err // before any gradient was added: computed here instead
		}
		rs.addInto(g)
	}
	return nil
}

// randoms lists the generators a replica draws from while training, in a fixed order.
func randoms(n Net) []*RNG {
	var out []*RNG
	switch n := n.(type) {
	case *Model:
		out = append(out, n.rngDrop)
		if n.aux != nil {
			out = append(out, n.aux.rng)
		}
	case *Seq2Seq:
		if n.aux != nil {
			out = append(out, n.aux.rng)
		}
	}
	return out
}

// ShardServer computes shard jobs: the other side of a Remote. It keeps a replica for each model
// configuration it has seen (a few at most). Not safe for concurrent use.
type ShardServer struct {
	nets  map[string]served
	batch Batch
	out   []byte
}

// served is a replica and its random streams.
type served struct {
	net   Net
	rands []*RNG
}

// maxServed is the most configurations a ShardServer keeps replicas of.
const maxServed = 4

// Compute runs a job and returns its result, valid until the next call. A job that does not decode is an
// error, never a panic.
func (s *ShardServer) Compute(job []byte) (res []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("nn: shard job: %v", v)
		}
	}()
	r := reader{b: job}
	if r.u() != jobMagic {
		return nil, errors.New("nn: not a shard job")
	}
	seq, lo, hi, S := r.u(), r.u(), r.u(), r.u()
	cfg := r.bytes()
	if r.err != nil || lo >= hi || hi > S || S > MaxShards {
		return nil, errors.New("nn: a malformed shard job")
	}
	rep, err := s.replica(cfg)
	if err != nil {
		return nil, err
	}
	net, ps := rep.net, rep.net.Parameters()
	if r.u() != uint64(len(ps.W)) {
		return nil, errors.New("nn: shard job: weights of the wrong size")
	}
	r.floatsInto(ps.W)
	w := words{s.out[:0]}
	w.u(resultMagic, seq, lo, hi, uint64(len(ps.W)))
	for range hi - lo {
		if err := r.setRNGs(rep.rands); err != nil {
			return nil, err
		}
		if err := r.batch(&s.batch); err != nil {
			return nil, err
		}
		ps.ZeroGrad()
		loss, aux := shardGrad(net, &s.batch)
		w.f(loss)
		w.f(aux)
		w.rngs(rep.rands)
		w.raw(ps.G)
	}
	if r.err != nil || r.off != len(job) {
		return nil, errors.New("nn: a shard job of the wrong size")
	}
	s.out = w.b
	return w.b, nil
}

// replica is the replica for the configuration cfg (JSON), built on first use.
func (s *ShardServer) replica(cfg []byte) (served, error) {
	if r, ok := s.nets[string(cfg)]; ok {
		return r, nil
	}
	var c ModelConfig
	if err := json.Unmarshal(cfg, &c); err != nil {
		return served{}, fmt.Errorf("nn: shard job: %v", err)
	}
	n, err := NewNet(c, NewRNG(0)) // weights and random state come with each job
	if err != nil {
		return served{}, err
	}
	if s.nets == nil || len(s.nets) >= maxServed {
		s.nets = map[string]served{}
	}
	r := served{n, randoms(n)}
	s.nets[string(cfg)] = r
	return r, nil
}

// words appends 8-byte little-endian words.
type words struct{ b []byte }

func (w *words) u(v ...uint64) {
	for _, x := range v {
		w.b = binary.LittleEndian.AppendUint64(w.b, x)
	}
}

func (w *words) f(v float64) { w.u(math.Float64bits(v)) }

// floats appends a length and the values.
func (w *words) floats(v []float64) {
	w.u(uint64(len(v)))
	w.raw(v)
}

// raw appends the values: their memory, where the machine is little-endian.
func (w *words) raw(v []float64) {
	if !littleEndian || len(v) == 0 {
		for _, x := range v {
			w.f(x)
		}
		return
	}
	w.b = append(w.b, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 8*len(v))...)
}

func (w *words) ints(v []int32) {
	for _, x := range v {
		w.u(uint64(uint32(x)))
	}
}

// bytes appends a length and the bytes, padded to a whole word.
func (w *words) bytes(v []byte) {
	w.u(uint64(len(v)))
	w.b = append(w.b, v...)
	for len(w.b)%8 != 0 {
		w.b = append(w.b, 0)
	}
}

func (w *words) rngs(gs []*RNG) {
	w.u(uint64(len(gs)))
	for _, g := range gs {
		n := len(w.b)
		w.b = g.appendState(w.b)
		for len(w.b)-n < 24 { // rngState bytes in three words
			w.b = append(w.b, 0)
		}
	}
}

// batch appends a batch: its shape and flags, then inputs, targets, mask and decoder inputs.
func (w *words) batch(b *Batch) {
	flags := uint64(0)
	if len(b.Class) > 0 {
		flags |= 1
	}
	if b.Mask != nil {
		flags |= 2
	}
	if b.DecIn != nil {
		flags |= 4
	}
	w.u(uint64(b.X.T), uint64(b.X.B), uint64(b.X.F), uint64(b.Ty), uint64(b.K), flags, uint64(b.Whole))
	w.f(b.Norm)
	T, B, D, Ty, K := b.X.T, b.X.B, b.X.F, b.Ty, b.K
	if D == 0 {
		w.ints(b.X.Ids[:T*B])
	} else {
		for _, x := range b.X.V[:T*B*D] {
			w.f(x)
		}
	}
	if flags&1 != 0 {
		w.ints(b.Class[:Ty*B])
	} else {
		for _, x := range b.Y[:Ty*B*K] {
			w.f(x)
		}
	}
	if flags&2 != 0 {
		for _, x := range b.Mask[:Ty*B] {
			w.f(x)
		}
	}
	if flags&4 != 0 {
		w.ints(b.DecIn[:Ty*B])
	}
}

// reader reads what words wrote; past the end it reads zeros and sets err.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) u() uint64 {
	if r.off+8 > len(r.b) {
		r.err = errors.New("nn: short shard message")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

func (r *reader) f() float64 { return math.Float64frombits(r.u()) }

func (r *reader) skip(words int) {
	if words < 0 || r.off+8*words > len(r.b) {
		r.err = errors.New("nn: short shard message")
		return
	}
	r.off += 8 * words
}

func (r *reader) bytes() []byte {
	n := int(r.u())
	if n < 0 || n > len(r.b)-r.off {
		r.err = errors.New("nn: short shard message")
		return nil
	}
	v := r.b[r.off : r.off+n]
	r.skip((n + 7) / 8)
	return v
}

// floatsInto reads values written by raw.
func (r *reader) floatsInto(v []float64) {
	if !littleEndian || len(v) == 0 || r.off+8*len(v) > len(r.b) {
		for i := range v {
			v[i] = r.f()
		}
		return
	}
	r.off += copy(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 8*len(v)), r.b[r.off:])
}

// addInto adds n values written by raw to g.
func (r *reader) addInto(g []float64) {
	if littleEndian && len(g) > 0 && r.off+8*len(g) <= len(r.b) && uintptr(unsafe.Pointer(&r.b[r.off]))%8 == 0 {
		addTo(g, unsafe.Slice((*float64)(unsafe.Pointer(&r.b[r.off])), len(g)))
		r.off += 8 * len(g)
		return
	}
	for k := range g {
		g[k] += r.f()
	}
}

// littleEndian: the machine stores a float64 as words does (wasm, amd64 and arm64 do), so that weights and
// gradients move as memory rather than value by value.
var littleEndian = func() bool {
	x := uint64(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

func (r *reader) skipRNGs(n int) {
	if r.u() != uint64(n) {
		r.err = errors.New("nn: a shard message with other random streams")
	}
	r.skip(3 * n)
}

func (r *reader) setRNGs(gs []*RNG) error {
	if r.u() != uint64(len(gs)) {
		return errors.New("nn: a shard message with other random streams")
	}
	for _, g := range gs {
		if r.off+24 > len(r.b) {
			return errors.New("nn: short shard message")
		}
		if err := g.setState(r.b[r.off : r.off+rngState]); err != nil {
			return err
		}
		r.off += 24
	}
	return nil
}

// batch reads a batch written by words.batch into b, reusing its arrays.
func (r *reader) batch(b *Batch) error {
	T, B, D, Ty, K, flags, whole := int(r.u()), int(r.u()), int(r.u()), int(r.u()), int(r.u()), r.u(), int(r.u())
	norm := r.f()
	n := func(dims ...int) int { // a product that fits what is left of the message
		p := 1
		for _, d := range dims {
			if d < 0 || d > len(r.b) || (d > 0 && p > len(r.b)/d) {
				return -1
			}
			p *= d
		}
		return p
	}
	nx, ny := n(T, B, max(D, 1)), n(Ty, B, max(K, 1))
	if flags&1 != 0 {
		ny = n(Ty, B)
	}
	if r.err != nil || nx < 0 || ny < 0 || 8*(nx+ny) > len(r.b)-r.off {
		return errors.New("nn: a shard batch of impossible shape")
	}
	b.Resize(T, B, D, Ty, K, flags&1 != 0, flags&2 != 0)
	b.Norm, b.Whole = norm, whole
	if D == 0 {
		for i := range T * B {
			b.X.Ids[i] = int32(uint32(r.u()))
		}
	} else {
		r.floatsInto(b.X.V[:T*B*D])
	}
	if flags&1 != 0 {
		for i := range Ty * B {
			b.Class[i] = int32(uint32(r.u()))
		}
	} else {
		r.floatsInto(b.Y[:Ty*B*K])
	}
	if flags&2 != 0 {
		r.floatsInto(b.Mask[:Ty*B])
	}
	if flags&4 != 0 {
		b.DecIn = growI(b.DecIn, Ty*B)
		for i := range Ty * B {
			b.DecIn[i] = int32(uint32(r.u()))
		}
	} else {
		b.DecIn = nil
	}
	return r.err
}
