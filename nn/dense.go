package nn

import "fmt"

// Dense is a fully connected layer applied at every step: y_t = φ(x_t·W + b), W [D, K], b [K], with φ one
// of linear, sigmoid, tanh, relu or softmax. As the last layer before binary or softmax cross-entropy
// its activation is fused into the loss (the layer then outputs logits; see Model).
type Dense struct {
	Name  string
	D, K  int
	Act   string
	W, B  *Param
	x     *Seq
	y     Seq
	dz    Seq
	dx    Seq
	fused bool // output logits: the activation is applied by the loss
}

func newDense(name string, D, K int, act string, ps *Params) (*Dense, error) {
	switch act {
	case "", "linear":
		act = "linear"
	case "sigmoid", "tanh", "relu", "softmax":
	default:
		return nil, fmt.Errorf("layer %s: unknown activation %q (want linear, sigmoid, tanh, relu or softmax)", name, act)
	}
	d := &Dense{Name: name, D: D, K: K, Act: act}
	d.W = ps.Add(name+".kernel", true, D, K)
	d.B = ps.Add(name+".bias", false, K)
	d.W.Group, d.B.Group = name, name
	return d, nil
}

func (d *Dense) initParams(rng *RNG) {
	glorotUniform(d.W.W, d.D, d.K, rng)
	clear(d.B.W)
}

// OutWidth is K.
func (d *Dense) OutWidth() int { return d.K }

// Forward computes y = φ(x·W + b) over all T·B rows.
func (d *Dense) Forward(x *Seq, train bool) *Seq {
	d.x = x
	d.y.Resize(x.T, x.B, d.K)
	n := x.T * x.B
	for i := 0; i < n; i++ {
		copy(d.y.V[i*d.K:(i+1)*d.K], d.B.W)
	}
	gemmNN(n, d.K, d.D, x.V, d.D, d.W.W, d.K, d.y.V, d.K)
	if !d.fused {
		activate(d.Act, d.y.V, d.K)
	}
	return &d.y
}

// Backward takes ∂L/∂y and returns ∂L/∂x.
func (d *Dense) Backward(dy *Seq) *Seq {
	n := d.x.T * d.x.B
	dz := dy.V
	if !d.fused && d.Act != "linear" {
		d.dz.Resize(dy.T, dy.B, dy.F)
		activateBackward(d.Act, d.dz.V, dy.V, d.y.V, d.K)
		dz = d.dz.V
	}
	gemmTN(d.D, d.K, n, d.x.V, d.D, dz, d.K, d.W.G, d.K)
	colSum(d.B.G, dz, n, d.K)
	d.dx.Resize(d.x.T, d.x.B, d.D)
	gemmNT(n, d.D, d.K, dz, d.K, d.W.W, d.K, d.dx.V, d.D)
	return &d.dx
}

// activate applies φ in place to rows of width k.
func activate(act string, v []float64, k int) {
	switch act {
	case "sigmoid":
		for i, x := range v {
			v[i] = Sigmoid(x)
		}
	case "tanh":
		for i, x := range v {
			v[i] = Tanh(x)
		}
	case "relu":
		for i, x := range v {
			if x < 0 {
				v[i] = 0
			}
		}
	case "softmax":
		for i := 0; i < len(v); i += k {
			softmax(v[i : i+k])
		}
	}
}

// activateBackward sets dz = ∂L/∂(pre-activation) from dy and the activations y.
func activateBackward(act string, dz, dy, y []float64, k int) {
	switch act {
	case "sigmoid":
		for i, s := range y {
			dz[i] = dy[i] * s * (1 - s)
		}
	case "tanh":
		for i, s := range y {
			dz[i] = dy[i] * (1 - s*s)
		}
	case "relu":
		for i, s := range y {
			if s > 0 {
				dz[i] = dy[i]
			} else {
				dz[i] = 0
			}
		}
	case "softmax":
		for i := 0; i < len(y); i += k {
			var dot float64
			for j := i; j < i+k; j++ {
				dot += dy[j] * y[j]
			}
			for j := i; j < i+k; j++ {
				dz[j] = y[j] * (dy[j] - dot)
			}
		}
	default:
		copy(dz, dy)
	}
}

// softmax replaces v by its softmax, subtracting the maximum first.
func softmax(v []float64) {
	m := v[0]
	for _, x := range v {
		if x > m {
			m = x
		}
	}
	var s float64
	for i, x := range v {
		e := Exp(x - m)
		v[i] = e
		s += e
	}
	for i := range v {
		v[i] /= s
	}
}
