package nn

import (
	"fmt"
	"math"
)

// Losses compare the model's last output y [Ty, B, K] with the batch's targets. Each is a weighted mean:
// with m_tb the mask (1 when absent) and N = Σ m_tb,
//
//	mse:  L = (1/N) Σ m_tb · (1/K) Σ_k (y − t)²
//	bce:  L = (1/N) Σ m_tb · (1/K) Σ_k [max(z,0) − z·t + log(1 + e^−|z|)]   on logits z (stable form)
//	xent: L = (1/N) Σ m_tb · [log Σ_k e^z_k − z_c]                          on logits z, class c
//
// For a shard of a larger batch N is the whole batch's (Batch.Norm), so that the shards' losses and
// gradients sum to the whole batch's.
//
// Loss returns L and writes ∂L/∂y into dy.
type Loss string

// The losses.
const (
	MSE  Loss = "mse"
	BCE  Loss = "bce"
	XEnt Loss = "xent"
)

func (l Loss) valid() error {
	switch l {
	case MSE, BCE, XEnt:
		return nil
	}
	return fmt.Errorf("loss: unknown %q (want mse, bce or xent)", string(l))
}

// Eval computes the loss of y against b and its gradient into dy (resized to y's shape).
func (l Loss) Eval(y *Seq, b *Batch, dy *Seq) float64 {
	T, B, K := y.T, y.B, y.F
	if b.Ty != T || b.X.B != B {
		panic(fmt.Sprintf("nn: target shape [%d,%d] does not match output [%d,%d]", b.Ty, b.X.B, T, B))
	}
	dy.Resize(T, B, K)
	N := b.Norm
	if N == 0 {
		for i := 0; i < T*B; i++ {
			N += weight(b.Mask, i)
		}
	}
	if N == 0 {
		return 0
	}
	var sum float64
	for i := 0; i < T*B; i++ {
		m := weight(b.Mask, i)
		if m == 0 {
			continue
		}
		z := y.V[i*K : (i+1)*K]
		d := dy.V[i*K : (i+1)*K]
		switch l {
		case MSE:
			t := b.Y[i*K : (i+1)*K]
			var s float64
			for k, v := range z {
				e := v - t[k]
				s += e * e
				d[k] = 2 * e * m / (N * float64(K))
			}
			sum += m * s / float64(K)
		case BCE:
			t := b.Y[i*K : (i+1)*K]
			var s float64
			for k, v := range z {
				s += math.Max(v, 0) - v*t[k] + math.Log1p(Exp(-math.Abs(v)))
				d[k] = (Sigmoid(v) - t[k]) * m / (N * float64(K))
			}
			sum += m * s / float64(K)
		case XEnt:
			c := int(b.Class[i])
			mx := z[0]
			for _, v := range z {
				mx = math.Max(mx, v)
			}
			var s float64
			for k, v := range z {
				e := Exp(v - mx)
				d[k] = e
				s += e
			}
			for k := range d {
				d[k] *= m / (s * N)
			}
			d[c] -= m / N
			sum += m * (mx + Log(s) - z[c])
		}
	}
	return sum / N
}

func weight(mask []float64, i int) float64 {
	if mask == nil {
		return 1
	}
	return mask[i]
}
