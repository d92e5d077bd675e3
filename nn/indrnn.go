package nn

// indrnnCell is the independently recurrent cell (Li et al. 2018, "Independently Recurrent Neural Network
// (IndRNN): Building A Longer and Deeper RNN"): each unit sees only its own previous state, through one
// recurrent weight per unit:
//
//	h_t = relu(x_t·W + u ⊙ h_{t−1} + b)       W [D, H], u [H], b [H]
//
// Back through time nothing mixes the units: ∂h_{t,j}/∂h_{t−1,j} = u_j·relu'(a_{t,j}), so the gradient
// reaching h_{s,j} from h_{T,j} is ∂L/∂h_{T,j}·Π_{t=s+1..T} u_j·relu'(a_{t,j}). With the unit active that
// is u_j^(T−s): the paper keeps it from exploding by bounding |u_j| ≤ γ^(1/T) for an allowed growth γ
// over T steps; here γ = 2 and T is the longest sequence the layer has run (Param.Bound, applied by the
// optimiser). u starts uniform in [0, gain] (gain·1 with init identity); the kernel is Glorot-uniform.
type indrnnCell struct{ maxT int }

var indrnnKind = CellKind{
	Name: "indrnn", Key: "cell.indrnn", Gates: []string{"h"},
	Equations: "h_t = relu(x_t·W + u ⊙ h_{t−1} + b),  |u_j| ≤ 2^(1/T)",
	Params: func(D, H int, l LayerConfig) []ParamShape {
		return []ParamShape{
			{Name: "kernel", Shape: []int{D, H}, Decay: true},
			{Name: "recurrent_kernel", Shape: []int{H}}, // u: one gain per unit, not decayed
			{Name: "bias", Shape: []int{H}},
		}
	},
	new: func(LayerConfig) cell { return &indrnnCell{} },
}

// indrnnGrowth is γ, the growth of a unit's gradient over T active steps that the bound on |u| allows.
const indrnnGrowth = 2

func (c *indrnnCell) declare(r *Recurrent) {}

func (c *indrnnCell) init(r *Recurrent, rng *RNG) {
	gain := r.InitCfg.Gain
	if gain == 0 {
		gain = 1
	}
	for j := range r.U.W {
		if r.InitCfg.Recurrent == "identity" {
			r.U.W[j] = gain
		} else {
			r.U.W[j] = rng.Uniform(0, gain)
		}
	}
}

// alloc sets the bound on |u| to γ^(1/T) for the longest T run so far.
func (c *indrnnCell) alloc(r *Recurrent) {
	if r.T > c.maxT {
		c.maxT = r.T
		r.U.Bound = Exp(Log(indrnnGrowth) / float64(r.T))
	}
}

func (c *indrnnCell) forward(r *Recurrent, t int) {
	B, H := r.B, r.H
	a := r.A[t*B*H : (t+1)*B*H]
	hp, h := r.hPrev(t)
	u := r.U.W
	for b := 0; b < B; b++ {
		ab, hpb := a[b*H:(b+1)*H], hp[b*H:(b+1)*H]
		for j, uj := range u {
			ab[j] = max(ab[j]+uj*hpb[j], 0)
		}
	}
	copy(h, a)
}

func (c *indrnnCell) backward(r *Recurrent, t int) {
	B, H := r.B, r.H
	a := r.A[t*B*H : (t+1)*B*H]
	da := r.dA[t*B*H : (t+1)*B*H]
	u := r.U.W
	for b := 0; b < B; b++ {
		for j, uj := range u {
			k := b*H + j
			if a[k] > 0 {
				da[k] = r.dhNext[k]
			}
			r.dhNext[k] = da[k] * uj // ∂L/∂h_{t−1,j} = ∂L/∂a_{t,j}·u_j
		}
	}
}

func (c *indrnnCell) finish(r *Recurrent) {
	// ∂L/∂u_j = Σ_t Σ_b ∂L/∂a_{t,b,j}·h_{t−1,b,j}.
	H, TB := r.H, r.T*r.B
	for i := 0; i < TB; i++ {
		da, hp := r.dA[i*H:(i+1)*H], r.Hs[i*H:(i+1)*H]
		for j := range r.U.G {
			r.U.G[j] += da[j] * hp[j]
		}
	}
}
