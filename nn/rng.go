package nn

import (
	"math"
	"math/rand/v2"
)

// RNG is the engine's one source of randomness: a PCG generator, seeded, identical on every target.
// Everything random in a run (initialisation, dropout masks, data) draws from an RNG derived from the seed.
type RNG struct {
	src *rand.PCG
	r   *rand.Rand
}

// NewRNG returns a generator seeded with seed.
func NewRNG(seed uint64) *RNG {
	src := rand.NewPCG(seed, 0x9e3779b97f4a7c15)
	return &RNG{src: src, r: rand.New(src)}
}

// Split returns a new independent generator derived from this one and a stream label, so that adding draws
// to one stream (say, dropout) does not shift another (say, data).
func (g *RNG) Split(stream uint64) *RNG {
	src := rand.NewPCG(g.src.Uint64(), stream)
	return &RNG{src: src, r: rand.New(src)}
}

// Float64 returns a uniform value in [0, 1).
func (g *RNG) Float64() float64 { return g.r.Float64() }

// Uniform returns a uniform value in [lo, hi).
func (g *RNG) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }

// IntN returns a uniform integer in [0, n).
func (g *RNG) IntN(n int) int { return g.r.IntN(n) }

// Uint64 returns 64 random bits.
func (g *RNG) Uint64() uint64 { return g.r.Uint64() }

// Normal returns a standard normal value (Box–Muller, with the engine's own Log so that it is portable).
func (g *RNG) Normal() float64 {
	u1 := g.r.Float64()
	for u1 == 0 {
		u1 = g.r.Float64()
	}
	u2 := g.r.Float64()
	return math.Sqrt(-2*Log(u1)) * math.Cos(2*math.Pi*u2)
}

// Perm fills p with a random permutation of 0..len(p)-1.
func (g *RNG) Perm(p []int) {
	for i := range p {
		p[i] = i
	}
	g.r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
}

// rngState is the size of a generator's state as appendState writes it.
const rngState = 20

// appendState appends the generator's state (rngState bytes); setState restores it. Together they move a
// replica's random streams between processes (shard_remote.go).
func (g *RNG) appendState(b []byte) []byte {
	b, _ = g.src.AppendBinary(b) // a PCG never fails to encode
	return b
}

func (g *RNG) setState(b []byte) error { return g.src.UnmarshalBinary(b) }
