package nn

import "fmt"

// Embedding maps token ids to vectors: y_t = E[id_t], E [V, K]. Its input is a token Seq (F == 0).
type Embedding struct {
	Name string
	V, K int
	E    *Param
	x    *Seq
	y    Seq
}

func newEmbedding(name string, V, K int, ps *Params) *Embedding {
	e := &Embedding{Name: name, V: V, K: K}
	e.E = ps.Add(name+".embeddings", false, V, K)
	e.E.Group = name
	return e
}

// initParams draws U[-0.05, 0.05], as Keras does.
func (e *Embedding) initParams(rng *RNG) {
	for i := range e.E.W {
		e.E.W[i] = rng.Uniform(-0.05, 0.05)
	}
}

// OutWidth is K.
func (e *Embedding) OutWidth() int { return e.K }

// Forward looks up every id. Ids outside [0, V) panic: batches are validated where they are made.
func (e *Embedding) Forward(x *Seq, train bool) *Seq {
	if x.F != 0 || len(x.Ids) != x.T*x.B {
		panic("nn: embedding needs token input")
	}
	e.x = x
	e.y.Resize(x.T, x.B, e.K)
	for i, id := range x.Ids {
		if id < 0 || int(id) >= e.V {
			panic(fmt.Sprintf("nn: token id %d outside vocabulary [0, %d)", id, e.V))
		}
		copy(e.y.V[i*e.K:(i+1)*e.K], e.E.W[int(id)*e.K:(int(id)+1)*e.K])
	}
	return &e.y
}

// Backward accumulates ∂L/∂E; a token input has no gradient.
func (e *Embedding) Backward(dy *Seq) *Seq {
	for i, id := range e.x.Ids {
		addTo(e.E.G[int(id)*e.K:(int(id)+1)*e.K], dy.V[i*e.K:(i+1)*e.K])
	}
	return nil
}
