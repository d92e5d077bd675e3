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
	m, v       []float64
	mmax, vmax float64 // the largest |m| and v, as the last update left them
	t          int
}

// NewOptimizer returns an optimiser for ps. Zero β1, β2, ε, ρ take the usual defaults (0.9, 0.999, 1e-7, 0.9).
func NewOptimizer(c OptimConfig, ps *Params) *Optimizer {
	return &Optimizer{OptimConfig: c, m: make([]float64, ps.Len()), v: make([]float64, ps.Len())}
}

// Steps is the number of updates made so far.
func (o *Optimizer) Steps() int { return o.t }

// Why a step was skipped (Optimizer.Step): the weights and the optimiser's state are left as they were.
const (
	SkipGradNaN    = "gradient holds NaN"
	SkipGradInf    = "gradient holds ±Inf"
	SkipOverflowed = "update would make a weight or the optimiser's state non-finite"
)

// Step applies one update to ps, then keeps every bounded parameter within its bound (Param.Bound), and
// returns "" — or, when the gradient holds NaN or ±Inf or the update would overflow, leaves the weights
// and its state untouched and returns why (Skip…). No weight becomes non-finite through Step. It
// allocates nothing.
func (o *Optimizer) Step(ps *Params) (skipped string) {
	gmax := 0.0
	for _, g := range ps.G {
		if g-g != 0 { // NaN or ±Inf
			if g != g {
				return SkipGradNaN
			}
			return SkipGradInf
		}
		if a := math.Abs(g); a > gmax {
			gmax = a
		}
	}
	o.t++
	if !o.moderate(ps, gmax) && !o.update(ps, false) {
		o.t--
		return SkipOverflowed
	}
	o.update(ps, true)
	for _, p := range ps.List { // keep every bounded parameter within its bound (Param.Bound)
		if b := p.Bound; b > 0 {
			for i, w := range p.W {
				p.W[i] = min(max(w, -b), b)
			}
		}
	}
	return ""
}

// moderate reports whether the update is sure to be finite, so that Step need not compute it once to
// check: the gradient's largest magnitude gmax and every weight and momentum are at most 10¹⁰⁰, every
// second moment at most 10²⁰⁰, and the hyperparameters within Validate's ranges with ε ≥ 10⁻¹⁰⁰. Then no
// new value exceeds about 10²⁰⁷ (the largest quotient, lr·|m̂|/ε, is at most 10·2·10¹⁰⁰/(10⁻⁵·10⁻¹⁰⁰)).
// The state's maxima come from the last update (only the optimiser writes its state), the weights'
// from a pass of comparisons (anything may set them).
func (o *Optimizer) moderate(ps *Params, gmax float64) bool {
	in := func(v, lo, hi float64) bool { return v >= lo && v <= hi }
	if !(gmax <= 1e100 && in(o.LR, 0, 10) && in(o.Momentum, 0, 1) && in(o.Beta1, 0, 0.99999) && in(o.Beta2, 0, 0.99999) &&
		in(o.Rho, 0, 1) && in(or(o.Eps, 1e-7), 1e-100, 1) && in(o.WeightDecay, 0, 1) && in(o.L2, 0, 1)) {
		return false
	}
	return o.mmax <= 1e100 && o.vmax <= 1e200 && below(ps.W, 1e100)
}

// below reports whether every |x| in xs is at most lim.
func below(xs []float64, lim float64) bool {
	for _, x := range xs {
		if !(math.Abs(x) <= lim) {
			return false
		}
	}
	return true
}

// update computes the step; with write it stores the new weights and state, without it only reports
// whether every new value would be finite (so a step is all or nothing).
func (o *Optimizer) update(ps *Params, write bool) bool {
	if write { // the rules raise the maxima of the state they store again; the other state stays
		switch o.Name {
		case "sgd", "momentum":
			o.mmax = 0
		case "rmsprop":
			o.vmax = 0
		case "adam", "adamw":
			o.mmax, o.vmax = 0, 0
		}
	}
	at := 0
	for _, p := range ps.List {
		l2 := 0.0
		if p.Decay {
			l2 = o.L2
		}
		m, v := o.m[at:at+len(p.W)], o.v[at:at+len(p.W)]
		at += len(p.W)
		ok := true
		switch o.Name {
		case "sgd", "momentum":
			mu := o.Momentum
			if o.Name == "momentum" && mu == 0 {
				mu = 0.9
			}
			ok = o.sgd(p.W, m, p.G, mu, l2, write)
		case "rmsprop":
			ok = o.rmsprop(p.W, v, p.G, l2, write)
		case "adam", "adamw":
			wd := 0.0
			if o.Name == "adamw" && p.Decay {
				wd = o.WeightDecay
			}
			ok = o.adam(p.W, m, v, p.G, l2, wd, write)
		}
		if !ok {
			return false
		}
	}
	return true
}

// sgd updates the weights w and the velocity m from the gradient g (L2 penalty l2, momentum mu); with
// write it stores them, without it reports whether every new value is finite.
func (o *Optimizer) sgd(w, m, g []float64, mu, l2 float64, write bool) bool {
	lr, mm := o.LR, 0.0
	for i, gi := range g {
		if l2 > 0 {
			gi += l2 * w[i]
		}
		wi, vi := w[i], m[i]
		switch {
		case mu == 0:
			wi -= lr * gi
		case o.Nesterov:
			vi = mu*m[i] + gi
			wi -= lr * (gi + mu*vi)
		default:
			vi = mu*m[i] + gi
			wi -= lr * vi
		}
		if !write && !(finite(wi) && finite(vi)) {
			return false
		}
		if write {
			w[i], m[i] = wi, vi
			if a := math.Abs(vi); a > mm {
				mm = a
			}
		}
	}
	o.mmax = max(o.mmax, mm)
	return true
}

// rmsprop updates the weights w and the mean square s from the gradient g (L2 penalty l2), as sgd.
func (o *Optimizer) rmsprop(w, s, g []float64, l2 float64, write bool) bool {
	lr, rho, eps := o.LR, or(o.Rho, 0.9), or(o.Eps, 1e-7)
	vm := 0.0
	for i, gi := range g {
		if l2 > 0 {
			gi += l2 * w[i]
		}
		si := rho*s[i] + (1-rho)*gi*gi
		wi := w[i] - lr*gi/(math.Sqrt(si)+eps)
		if !write && !(finite(wi) && finite(si)) {
			return false
		}
		if write {
			w[i], s[i] = wi, si
			if si > vm {
				vm = si
			}
		}
	}
	o.vmax = max(o.vmax, vm)
	return true
}

// adam updates the weights w and the moments m, v from the gradient g (L2 penalty l2, decoupled weight
// decay wd), as sgd.
func (o *Optimizer) adam(w, m, v, g []float64, l2, wd float64, write bool) bool {
	lr, b1, b2, eps := o.LR, or(o.Beta1, 0.9), or(o.Beta2, 0.999), or(o.Eps, 1e-7)
	c1 := 1 - powi(b1, o.t)
	c2 := 1 - powi(b2, o.t)
	mm, vm := 0.0, 0.0
	for i, gi := range g {
		if l2 > 0 {
			gi += l2 * w[i]
		}
		mi := b1*m[i] + (1-b1)*gi
		vi := b2*v[i] + (1-b2)*gi*gi
		wi := w[i] - lr*(mi/c1)/(math.Sqrt(vi/c2)+eps)
		if wd > 0 {
			wi -= lr * wd * wi
		}
		if !write && !(finite(wi) && finite(mi) && finite(vi)) {
			return false
		}
		if write {
			w[i], m[i], v[i] = wi, mi, vi
			if a := math.Abs(mi); a > mm {
				mm = a
			}
			if vi > vm {
				vm = vi
			}
		}
	}
	o.mmax, o.vmax = max(o.mmax, mm), max(o.vmax, vm)
	return true
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return x-x == 0 }

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
