package nn

import (
	"fmt"
	"math"
)

// Param is one named parameter tensor: a view into the model's slab of weights and the matching view into
// its slab of gradients.
type Param struct {
	Name  string    // e.g. "lstm0.kernel"
	Shape []int     // e.g. [D, 4H]
	W     []float64 // weights, a view into Params.W
	G     []float64 // gradients, a view into Params.G
	Decay bool      // weight decay and L2 apply to it (kernels yes, biases and gains no)
	Group string    // parameter group shown in the UI, e.g. "lstm0" or "head"
	Rec   bool      // a recurrent kernel [H, G·H]: singular values are reported for it
	// Bound > 0 keeps every weight in [−Bound, Bound]: the optimiser clips them after each update (a
	// constraint of the maths, as IndRNN's |u| ≤ 2^(1/T); 0 means none).
	Bound float64
}

// Params holds every parameter of a model in one flat slab, so that zeroing the gradients, the optimiser
// step, clipping and norms are single loops over W and G.
type Params struct {
	W, G []float64
	List []*Param
	off  int
}

// Add reserves a parameter of the given shape. Views are bound by Alloc; layers keep the returned pointer.
func (ps *Params) Add(name string, decay bool, shape ...int) *Param {
	if ps.W != nil {
		panic("nn: Params.Add after Alloc")
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	p := &Param{Name: name, Shape: append([]int(nil), shape...), Decay: decay}
	p.W = make([]float64, 0, n) // capacity records the size until Alloc
	ps.List = append(ps.List, p)
	ps.off += n
	return p
}

// Alloc allocates the slabs and binds every parameter's views.
func (ps *Params) Alloc() {
	ps.W = make([]float64, ps.off)
	ps.G = make([]float64, ps.off)
	o := 0
	for _, p := range ps.List {
		n := cap(p.W)
		p.W = ps.W[o : o+n : o+n]
		p.G = ps.G[o : o+n : o+n]
		o += n
	}
}

// share binds ps's views to the slabs w and g, laid out as ps's own: a replica (Shards) reads the weights
// of the network it was built beside and writes its gradient where it is told. It panics if a slab's
// length is not ps.Len().
func (ps *Params) share(w, g []float64) {
	if len(w) != len(ps.W) || len(g) != len(ps.W) {
		panic(fmt.Sprintf("nn: Params.share: slabs of %d and %d for %d parameters", len(w), len(g), len(ps.W)))
	}
	ps.W, ps.G = w, g
	o := 0
	for _, p := range ps.List {
		n := len(p.W)
		p.W, p.G = w[o:o+n:o+n], g[o:o+n:o+n]
		o += n
	}
}

// ZeroGrad sets every gradient to zero.
func (ps *Params) ZeroGrad() { clear(ps.G) }

// Len is the number of scalar parameters.
func (ps *Params) Len() int { return len(ps.W) }

// ByName returns the parameter with the given name, or nil.
func (ps *Params) ByName(name string) *Param {
	for _, p := range ps.List {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Norm2 returns the Euclidean norm of v: NaN if v holds NaN, +Inf if it holds ±Inf or the norm exceeds
// MaxFloat64. A sum of squares that overflows or underflows is redone scaled (see scaledSquares).
func Norm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	if finite(s) && s >= 0x1p-960 {
		return math.Sqrt(s)
	}
	if s != s || !allFinite(v) {
		return s // NaN, or +Inf from an infinite entry
	}
	m, ss := scaledSquares(v)
	return m * math.Sqrt(ss)
}

func (p *Param) String() string { return fmt.Sprintf("%s%v", p.Name, p.Shape) }
