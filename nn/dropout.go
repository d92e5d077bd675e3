package nn

// Dropout zeroes each input with probability Rate during training and scales the rest by 1/(1−Rate)
// (inverted dropout), so evaluation is the identity. It goes between layers: on non-recurrent
// connections only, as Zaremba et al. (2014) recommend.
type Dropout struct {
	Rate float64
	rng  *RNG
	x    *Seq
	mask []float64
	y    Seq
	dx   Seq
	on   bool
}

func (d *Dropout) OutWidth() int { return 0 } // same as input; the model tracks widths

func (d *Dropout) Forward(x *Seq, train bool) *Seq {
	d.x = x
	d.on = train && d.Rate > 0
	if !d.on {
		return x
	}
	d.y.Resize(x.T, x.B, x.F)
	d.mask = growF(d.mask, len(x.V))
	keep := 1 - d.Rate
	for i, v := range x.V {
		if d.rng.Float64() < keep {
			d.mask[i] = 1 / keep
			d.y.V[i] = v * d.mask[i]
		} else {
			d.mask[i] = 0
		}
	}
	return &d.y
}

func (d *Dropout) Backward(dy *Seq) *Seq {
	if !d.on {
		return dy
	}
	d.dx.Resize(dy.T, dy.B, dy.F)
	for i, g := range dy.V {
		d.dx.V[i] = g * d.mask[i]
	}
	return &d.dx
}
