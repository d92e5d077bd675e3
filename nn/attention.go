package nn

import (
	"fmt"
	"math"
)

// Attention lets each of Tq queries take a weighted mean of S memory vectors (the values are the memory
// itself). For query q_t and memory vectors m_s of one example:
//
//	e_ts = score(q_t, m_s),   a_ts = softmax_s(e_ts),   c_t = Σ_s a_ts · m_s
//
// with one of five scores:
//
//	additive       vᵀ·tanh(q_t·W_q + m_s·W_k + b)      Bahdanau et al. 2015; W_q [Dq, A], W_k [Dk, A], b, v [A]
//	dot            q_t·m_s                              Luong et al. 2015; needs Dq == Dk
//	scaled_dot     q_t·m_s / √Dk                        Vaswani et al. 2017; needs Dq == Dk
//	general        q_t·W·m_s                            Luong's bilinear form; W [Dq, Dk]
//	concat_linear  q_t·w_q + m_s·w_k + b                the source article's W_a·[q_t, k_s] + b_a; w_q [Dq, 1], w_k [Dk, 1], b [1]
//
// concat_linear is kept to teach a flaw: the score is linear in the concatenation, so q_t·w_q + b is the
// same for every s and cancels in the softmax. Its weights do not depend on the query at all, and w_q and b
// get no gradient. (The article also maps states to q, k, v linearly first; composed with a linear score
// that is the same family of scores, so we leave those maps out.) The additive score puts a tanh and a
// vector v between the two terms, which makes them interact.
//
// Shapes: queries [Tq, B, Dq] and memory [S, B, Dk] are time-major Seqs; weights a are [Tq, B, S];
// the context is [Tq, B, Dk].
type Attention struct {
	Name      string
	Score     string
	Dq, Dk, A int
	Wq, Wk    *Param // additive [Dq, A], [Dk, A]; concat_linear [Dq, 1], [Dk, 1]
	Bias, V   *Param // additive b [A], v [A]; concat_linear b [1]
	W         *Param // general [Dq, Dk]
	Example   int    // which example of the batch Weights records

	Tq, S, B int
	q, m     *Seq
	P        []float64 // [Tq, B, S] attention weights a_ts
	qp       []float64 // additive [Tq, B, A] q·W_q + b; general [Tq, B, Dk] q·W; concat_linear [Tq, B] q·w_q + b
	kp       []float64 // additive [S, B, A] m·W_k; concat_linear [S, B] m·w_k
	th       []float64 // additive [Tq, B, S, A] tanh(qp + kp)
	dP       []float64 // [Tq, B, S] ∂L/∂a, then ∂L/∂e
	dqp, dkp []float64 // gradients of qp, kp
	ctx      Seq       // [Tq, B, Dk]
	dq, dm   Seq
	rec      []float64 // [Tq, S] weights of the recorded example
	recR     int
	sameKeys bool // the memory has not changed since the last Forward: keep its projection (greedy decoding)
}

// The score functions.
const (
	ScoreAdditive     = "additive"
	ScoreDot          = "dot"
	ScoreScaledDot    = "scaled_dot"
	ScoreGeneral      = "general"
	ScoreConcatLinear = "concat_linear"
)

func validScore(where, s string, dq, dk int) error {
	switch s {
	case ScoreAdditive, ScoreGeneral, ScoreConcatLinear:
		return nil
	case ScoreDot, ScoreScaledDot:
		if dq != dk {
			return fmt.Errorf("%s: score %s needs the query width (%d) to equal the memory width (%d)", where, s, dq, dk)
		}
		return nil
	}
	return fmt.Errorf("%s: unknown %q (want additive, dot, scaled_dot, general or concat_linear)", where, s)
}

// attnParams is the number of parameters of a score (for the size limit).
func attnParams(score string, dq, dk, a int) int {
	switch score {
	case ScoreAdditive:
		return (dq + dk + 2) * a
	case ScoreGeneral:
		return dq * dk
	case ScoreConcatLinear:
		return dq + dk + 1
	}
	return 0
}

// newAttention declares the parameters of a score; A (additive units) 0 means Dk.
func newAttention(name, score string, Dq, Dk, A int, ps *Params) *Attention {
	if A == 0 {
		A = Dk
	}
	a := &Attention{Name: name, Score: score, Dq: Dq, Dk: Dk, A: A}
	switch score {
	case ScoreAdditive:
		a.Wq = ps.Add(name+".query_kernel", true, Dq, A)
		a.Wk = ps.Add(name+".key_kernel", true, Dk, A)
		a.Bias = ps.Add(name+".bias", false, A)
		a.V = ps.Add(name+".v", true, A)
	case ScoreGeneral:
		a.W = ps.Add(name+".kernel", true, Dq, Dk)
	case ScoreConcatLinear:
		a.Wq = ps.Add(name+".query_kernel", true, Dq, 1)
		a.Wk = ps.Add(name+".key_kernel", true, Dk, 1)
		a.Bias = ps.Add(name+".bias", false, 1)
	}
	for _, p := range []*Param{a.Wq, a.Wk, a.Bias, a.V, a.W} {
		if p != nil {
			p.Group = name
		}
	}
	return a
}

func (a *Attention) initParams(rng *RNG) {
	switch a.Score {
	case ScoreAdditive:
		glorotUniform(a.Wq.W, a.Dq, a.A, rng)
		glorotUniform(a.Wk.W, a.Dk, a.A, rng)
		clear(a.Bias.W)
		glorotUniform(a.V.W, a.A, 1, rng)
	case ScoreGeneral:
		glorotUniform(a.W.W, a.Dq, a.Dk, rng)
	case ScoreConcatLinear:
		glorotUniform(a.Wq.W, a.Dq, 1, rng)
		glorotUniform(a.Wk.W, a.Dk, 1, rng)
		clear(a.Bias.W)
	}
}

// Weights returns the attention weights of the recorded example (Example, or the last one if the batch is
// smaller) in the last Forward: rows query steps, cols memory steps, w[row*cols+col]. w is reused.
func (a *Attention) Weights() (rows, cols int, w []float64) {
	return a.recR, a.S, a.rec
}

// Forward attends with q [Tq, B, Dq] over m [S, B, Dk] and returns the context [Tq, B, Dk]. q and m must
// stay unchanged until Backward.
func (a *Attention) Forward(q, m *Seq) *Seq {
	Tq, S, B, Dq, Dk, A := q.T, m.T, m.B, a.Dq, a.Dk, a.A
	if q.F != Dq || m.F != Dk || q.B != B {
		panic(fmt.Sprintf("nn: attention %s: query [%d,%d,%d] and memory [%d,%d,%d] do not fit Dq=%d Dk=%d",
			a.Name, q.T, q.B, q.F, m.T, m.B, m.F, Dq, Dk))
	}
	a.q, a.m, a.Tq, a.S, a.B = q, m, Tq, S, B
	a.P = growF(a.P, Tq*B*S)
	P := a.P
	switch a.Score {
	case ScoreAdditive:
		a.qp = growF(a.qp, Tq*B*A)
		a.th = growF(a.th, Tq*B*S*A)
		if !a.sameKeys || len(a.kp) != S*B*A {
			a.kp = growF(a.kp, S*B*A)
			gemmNN(S*B, A, Dk, m.V, Dk, a.Wk.W, A, a.kp, A)
		}
		for i := 0; i < Tq*B; i++ {
			copy(a.qp[i*A:(i+1)*A], a.Bias.W)
		}
		gemmNN(Tq*B, A, Dq, q.V, Dq, a.Wq.W, A, a.qp, A)
		v := a.V.W
		for t := 0; t < Tq; t++ {
			for b := 0; b < B; b++ {
				qp := a.qp[(t*B+b)*A : (t*B+b+1)*A]
				for s := 0; s < S; s++ {
					kp := a.kp[(s*B+b)*A : (s*B+b+1)*A]
					th := a.th[((t*B+b)*S+s)*A : ((t*B+b)*S+s+1)*A]
					var e float64
					for j := range th {
						h := Tanh(qp[j] + kp[j])
						th[j] = h
						e += v[j] * h
					}
					P[(t*B+b)*S+s] = e
				}
			}
		}
	case ScoreDot, ScoreScaledDot:
		a.scoreDot(q.V, Dq)
		if a.Score == ScoreScaledDot {
			sc := 1 / math.Sqrt(float64(Dk))
			for i := range P {
				P[i] *= sc
			}
		}
	case ScoreGeneral:
		a.qp = growF(a.qp, Tq*B*Dk)
		gemmNN(Tq*B, Dk, Dq, q.V, Dq, a.W.W, Dk, a.qp, Dk)
		a.scoreDot(a.qp, Dk)
	case ScoreConcatLinear:
		a.qp = growF(a.qp, Tq*B)
		a.kp = growF(a.kp, S*B)
		for i := range a.qp {
			a.qp[i] = a.Bias.W[0]
		}
		gemmNN(Tq*B, 1, Dq, q.V, Dq, a.Wq.W, 1, a.qp, 1)
		gemmNN(S*B, 1, Dk, m.V, Dk, a.Wk.W, 1, a.kp, 1)
		for t := 0; t < Tq; t++ {
			for b := 0; b < B; b++ {
				for s := 0; s < S; s++ {
					P[(t*B+b)*S+s] = a.qp[t*B+b] + a.kp[s*B+b]
				}
			}
		}
	}
	for i := 0; i < Tq*B; i++ {
		softmax(P[i*S : (i+1)*S])
	}
	// c_t = Σ_s a_ts m_s.
	a.ctx.Resize(Tq, B, Dk)
	for t := 0; t < Tq; t++ {
		for b := 0; b < B; b++ {
			c := a.ctx.V[(t*B+b)*Dk : (t*B+b+1)*Dk]
			for s := 0; s < S; s++ {
				w := P[(t*B+b)*S+s]
				for j, x := range m.V[(s*B+b)*Dk : (s*B+b+1)*Dk] {
					c[j] += w * x
				}
			}
		}
	}
	a.record()
	return &a.ctx
}

// scoreDot sets P[t,b,s] = x_tb·m_sb for x [Tq, B, Dk].
func (a *Attention) scoreDot(x []float64, Dk int) {
	m := a.m.V
	for t := 0; t < a.Tq; t++ {
		for b := 0; b < a.B; b++ {
			xq := x[(t*a.B+b)*Dk : (t*a.B+b+1)*Dk]
			for s := 0; s < a.S; s++ {
				ms := m[(s*a.B+b)*Dk : (s*a.B+b+1)*Dk]
				var e float64
				for j, v := range xq {
					e += v * ms[j]
				}
				a.P[(t*a.B+b)*a.S+s] = e
			}
		}
	}
}

func (a *Attention) record() {
	e := min(max(a.Example, 0), a.B-1)
	a.recR = a.Tq
	a.rec = growF(a.rec, a.Tq*a.S)
	for t := 0; t < a.Tq; t++ {
		copy(a.rec[t*a.S:(t+1)*a.S], a.P[(t*a.B+e)*a.S:(t*a.B+e+1)*a.S])
	}
}

// Backward takes ∂L/∂c [Tq, B, Dk], accumulates the score's parameter gradients and returns ∂L/∂q and
// ∂L/∂m (buffers owned by a).
func (a *Attention) Backward(dc *Seq) (dq, dm *Seq) {
	Tq, S, B, Dq, Dk, A := a.Tq, a.S, a.B, a.Dq, a.Dk, a.A
	q, m, P := a.q.V, a.m.V, a.P
	a.dq.Resize(Tq, B, Dq)
	a.dm.Resize(S, B, Dk)
	a.dP = growF(a.dP, Tq*B*S)
	dP := a.dP
	// Through c_t = Σ_s a_ts m_s: ∂L/∂a_ts = dc_t·m_s, ∂L/∂m_s += a_ts dc_t.
	for t := 0; t < Tq; t++ {
		for b := 0; b < B; b++ {
			d := dc.V[(t*B+b)*Dk : (t*B+b+1)*Dk]
			for s := 0; s < S; s++ {
				w := P[(t*B+b)*S+s]
				ms := m[(s*B+b)*Dk : (s*B+b+1)*Dk]
				dms := a.dm.V[(s*B+b)*Dk : (s*B+b+1)*Dk]
				var g float64
				for j, x := range d {
					g += x * ms[j]
					dms[j] += w * x
				}
				dP[(t*B+b)*S+s] = g
			}
		}
	}
	// Through the softmax: ∂L/∂e_ts = a_ts (∂L/∂a_ts − Σ_s' a_ts' ∂L/∂a_ts').
	for i := 0; i < Tq*B; i++ {
		p, d := P[i*S:(i+1)*S], dP[i*S:(i+1)*S]
		var dot float64
		for s, w := range p {
			dot += w * d[s]
		}
		for s, w := range p {
			d[s] = w * (d[s] - dot)
		}
	}
	switch a.Score {
	case ScoreAdditive:
		a.dqp = growF(a.dqp, Tq*B*A)
		a.dkp = growF(a.dkp, S*B*A)
		v, dv := a.V.W, a.V.G
		for t := 0; t < Tq; t++ {
			for b := 0; b < B; b++ {
				dqp := a.dqp[(t*B+b)*A : (t*B+b+1)*A]
				for s := 0; s < S; s++ {
					de := dP[(t*B+b)*S+s]
					th := a.th[((t*B+b)*S+s)*A : ((t*B+b)*S+s+1)*A]
					dkp := a.dkp[(s*B+b)*A : (s*B+b+1)*A]
					for j, h := range th {
						dv[j] += de * h
						g := de * v[j] * (1 - h*h)
						dqp[j] += g
						dkp[j] += g
					}
				}
			}
		}
		colSum(a.Bias.G, a.dqp, Tq*B, A)
		gemmTN(Dq, A, Tq*B, q, Dq, a.dqp, A, a.Wq.G, A)
		gemmNT(Tq*B, Dq, A, a.dqp, A, a.Wq.W, A, a.dq.V, Dq)
		gemmTN(Dk, A, S*B, m, Dk, a.dkp, A, a.Wk.G, A)
		gemmNT(S*B, Dk, A, a.dkp, A, a.Wk.W, A, a.dm.V, Dk)
	case ScoreDot, ScoreScaledDot:
		sc := 1.0
		if a.Score == ScoreScaledDot {
			sc = 1 / math.Sqrt(float64(Dk))
		}
		for i := range dP {
			dP[i] *= sc
		}
		a.dotBackward(q, a.dq.V, Dk)
	case ScoreGeneral:
		a.dqp = growF(a.dqp, Tq*B*Dk)
		a.dotBackward(a.qp, a.dqp, Dk)
		gemmTN(Dq, Dk, Tq*B, q, Dq, a.dqp, Dk, a.W.G, Dk)
		gemmNT(Tq*B, Dq, Dk, a.dqp, Dk, a.W.W, Dk, a.dq.V, Dq)
	case ScoreConcatLinear:
		a.dqp = growF(a.dqp, Tq*B)
		a.dkp = growF(a.dkp, S*B)
		for t := 0; t < Tq; t++ {
			for b := 0; b < B; b++ {
				for s := 0; s < S; s++ {
					de := dP[(t*B+b)*S+s]
					a.dqp[t*B+b] += de // Σ_s ∂L/∂e_ts = 0 up to rounding: the query's weights learn nothing
					a.dkp[s*B+b] += de
				}
			}
		}
		colSum(a.Bias.G, a.dqp, Tq*B, 1)
		gemmTN(Dq, 1, Tq*B, q, Dq, a.dqp, 1, a.Wq.G, 1)
		gemmNT(Tq*B, Dq, 1, a.dqp, 1, a.Wq.W, 1, a.dq.V, Dq)
		gemmTN(Dk, 1, S*B, m, Dk, a.dkp, 1, a.Wk.G, 1)
		gemmNT(S*B, Dk, 1, a.dkp, 1, a.Wk.W, 1, a.dm.V, Dk)
	}
	return &a.dq, &a.dm
}

// dotBackward, for scores e_ts = x_t·m_s with ∂L/∂e in dP: dx_t += Σ_s ∂L/∂e_ts m_s, dm_s += Σ_t ∂L/∂e_ts x_t.
func (a *Attention) dotBackward(x, dx []float64, Dk int) {
	m, dm := a.m.V, a.dm.V
	for t := 0; t < a.Tq; t++ {
		for b := 0; b < a.B; b++ {
			xq := x[(t*a.B+b)*Dk : (t*a.B+b+1)*Dk]
			dxq := dx[(t*a.B+b)*Dk : (t*a.B+b+1)*Dk]
			for s := 0; s < a.S; s++ {
				de := a.dP[(t*a.B+b)*a.S+s]
				ms := m[(s*a.B+b)*Dk : (s*a.B+b+1)*Dk]
				dms := dm[(s*a.B+b)*Dk : (s*a.B+b+1)*Dk]
				for j, v := range xq {
					dxq[j] += de * ms[j]
					dms[j] += de * v
				}
			}
		}
	}
}
