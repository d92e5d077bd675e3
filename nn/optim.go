package nn

import (
	"fmt"
	"math"
)

// OptimConfig chooses the optimiser. Every field may change between steps (the trainer does this for live
// learning-rate changes); the optimiser's state is kept.
//
//	sgd:      θ −= lr·g                       (momentum > 0: v = μv + g; θ −= lr·v; nesterov: θ −= lr·(g + μv))
//	rmsprop:  s = ρs + (1−ρ)g²;  θ −= lr·g/(√s + ε)
//	adam:     m = β1·m + (1−β1)g;  v = β2·v + (1−β2)g²;  θ −= lr·m̂/(√v̂ + ε)
//	adamw:    adam, then θ −= lr·wd·θ for decayed parameters (decoupled weight decay, Loshchilov & Hutter)
//
// L2 adds l2·θ to the gradient of decayed parameters before any of these (a penalty ½·l2·‖θ‖² in the loss).
type OptimConfig struct {
	Name        string  `json:"name"`
	LR          float64 `json:"lr"`
	Momentum    float64 `json:"momentum,omitempty"`
	Nesterov    bool    `json:"nesterov,omitempty"`
	Beta1       float64 `json:"beta1,omitempty"`
	Beta2       float64 `json:"beta2,omitempty"`
	Eps         float64 `json:"eps,omitempty"`
	Rho         float64 `json:"rho,omitempty"`
	WeightDecay float64 `json:"weight_decay,omitempty"`
	L2          float64 `json:"l2,omitempty"`
}

// Validate checks the configuration, naming the field at fault.
func (c *OptimConfig) Validate() error {
	switch c.Name {
	case "sgd", "momentum", "rmsprop", "adam", "adamw":
	default:
		return fmt.Errorf("optimizer.name: unknown %q (want sgd, momentum, rmsprop, adam or adamw)", c.Name)
	}
	check := func(name string, v, lo, hi float64) error {
		if !(v >= lo && v <= hi) {
			return fmt.Errorf("optimizer.%s: %v is outside [%v, %v]", name, v, lo, hi)
		}
		return nil
	}
	for _, e := range []error{
		check("lr", c.LR, 0, 10),
		check("momentum", c.Momentum, 0, 0.999),
		check("beta1", c.Beta1, 0, 0.9999),
		check("beta2", c.Beta2, 0, 0.99999),
		check("eps", c.Eps, 0, 1),
		check("rho", c.Rho, 0, 0.9999),
		check("weight_decay", c.WeightDecay, 0, 1),
		check("l2", c.L2, 0, 1),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// Optimizer updates a Params slab from its gradients.
type Optimizer struct {
	OptimConfig
	m, v []float64
	t    int
}

// NewOptimizer returns an optimiser for ps. Zero β1, β2, ε, ρ take the usual defaults (0.9, 0.999, 1e-7, 0.9).
func NewOptimizer(c OptimConfig, ps *Params) *Optimizer {
	return &Optimizer{OptimConfig: c, m: make([]float64, ps.Len()), v: make([]float64, ps.Len())}
}

// Steps is the number of updates made so far.
func (o *Optimizer) Steps() int { return o.t }

// Step applies one update to ps, then keeps every bounded parameter within its bound (Param.Bound).
func (o *Optimizer) Step(ps *Params) {
	o.update(ps)
	for _, p := range ps.List {
		if b := p.Bound; b > 0 {
			for i, w := range p.W {
				p.W[i] = min(max(w, -b), b)
			}
		}
	}
}

// update applies the optimiser's rule.
func (o *Optimizer) update(ps *Params) {
	o.t++
	if o.L2 > 0 {
		for _, p := range ps.List {
			if p.Decay {
				for i, w := range p.W {
					p.G[i] += o.L2 * w
				}
			}
		}
	}
	lr, w, g := o.LR, ps.W, ps.G
	switch o.Name {
	case "sgd", "momentum":
		mu := o.Momentum
		if o.Name == "momentum" && mu == 0 {
			mu = 0.9
		}
		if mu == 0 {
			for i, gi := range g {
				w[i] -= lr * gi
			}
			return
		}
		for i, gi := range g {
			v := mu*o.m[i] + gi
			o.m[i] = v
			if o.Nesterov {
				w[i] -= lr * (gi + mu*v)
			} else {
				w[i] -= lr * v
			}
		}
	case "rmsprop":
		rho, eps := or(o.Rho, 0.9), or(o.Eps, 1e-7)
		for i, gi := range g {
			s := rho*o.v[i] + (1-rho)*gi*gi
			o.v[i] = s
			w[i] -= lr * gi / (math.Sqrt(s) + eps)
		}
	case "adam", "adamw":
		b1, b2, eps := or(o.Beta1, 0.9), or(o.Beta2, 0.999), or(o.Eps, 1e-7)
		c1 := 1 - powi(b1, o.t)
		c2 := 1 - powi(b2, o.t)
		for i, gi := range g {
			m := b1*o.m[i] + (1-b1)*gi
			v := b2*o.v[i] + (1-b2)*gi*gi
			o.m[i], o.v[i] = m, v
			w[i] -= lr * (m / c1) / (math.Sqrt(v/c2) + eps)
		}
		if o.Name == "adamw" && o.WeightDecay > 0 {
			for _, p := range ps.List {
				if p.Decay {
					for i := range p.W {
						p.W[i] -= lr * o.WeightDecay * p.W[i]
					}
				}
			}
		}
	}
}

func or(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// powi is x^n by repeated squaring: math.Pow differs between amd64 and wasm.
func powi(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}
