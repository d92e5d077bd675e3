package nn

// AttnLayer is the "attention" layer of a model stack: attention of a sequence over itself (memory and
// values are the layer's input x [T, B, D]).
//
//	pooling (return_sequences false): one query, the last step x_T; output c [1, B, D]. After a recurrent
//	  layer with return_sequences this is attention pooling for sequence→one tasks.
//	self-attention (return_sequences true): the query at step t is x_t; output c_t [T, B, D]. This is the
//	  model the source article's Keras example means by Dense → Attention() → Dense(1, sigmoid).
//
// With Residual the output is x_t + c_t (the article's h_t ← h_t + c_t) instead of c_t.
type AttnLayer struct {
	Name      string
	Att       *Attention
	ReturnSeq bool
	Residual  bool
	x         *Seq
	q         Seq // the query: x itself, or a view of its last step
	y         Seq
	dx        Seq
}

func newAttnLayer(name string, D int, l LayerConfig, ps *Params) *AttnLayer {
	return &AttnLayer{Name: name, Att: newAttention(name, l.Score, D, D, l.Units, ps), ReturnSeq: l.ReturnSequences, Residual: l.Residual}
}

func (l *AttnLayer) initParams(rng *RNG) { l.Att.initParams(rng) }

// OutWidth is D.
func (l *AttnLayer) OutWidth() int { return l.Att.Dk }

// Forward attends over x [T, B, D].
func (l *AttnLayer) Forward(x *Seq, train bool) *Seq {
	l.x = x
	q := x
	if !l.ReturnSeq {
		l.q = Seq{T: 1, B: x.B, F: x.F, V: x.Step(x.T - 1)}
		q = &l.q
	}
	c := l.Att.Forward(q, x)
	if !l.Residual {
		return c
	}
	l.y.Resize(c.T, c.B, c.F)
	for i, v := range c.V {
		l.y.V[i] = q.V[i] + v
	}
	return &l.y
}

// Backward takes ∂L/∂y and returns ∂L/∂x: through the memory, the query and the residual path.
func (l *AttnLayer) Backward(dy *Seq) *Seq {
	dq, dm := l.Att.Backward(dy)
	x := l.x
	l.dx.Resize(x.T, x.B, x.F)
	copy(l.dx.V, dm.V)
	dxq := l.dx.V
	if !l.ReturnSeq {
		dxq = l.dx.Step(x.T - 1)
	}
	addTo(dxq, dq.V)
	if l.Residual {
		addTo(dxq, dy.V)
	}
	return &l.dx
}
