package nn

import (
	"fmt"
	"math"
	"testing"
)

// naiveGemm is the reference: C[i,j] += Σ_p A(i,p)·B(p,j) with the strides of gemm, in the order the
// kernels promise: for each chunk of kc values of p, summed from zero in increasing p, then added. Their
// results must match it bit for bit.
func naiveGemm(m, n, k int, a []float64, ars, aps int, b []float64, bps, bcs int, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			for p0 := 0; p0 < k; p0 += kc {
				var s float64
				for p := p0; p < min(p0+kc, k); p++ {
					s += float64(a[i*ars+p*aps] * b[p*bps+j*bcs])
				}
				c[i*ldc+j] += s
			}
		}
	}
}

// TestGemm compares gemmNN, gemmNT and gemmTN with the triple loop on odd shapes (every remainder of the
// 3×4 blocks, of the 4-fold unrolling and of the chunks of kc), with leading dimensions wider than the
// matrices and operands starting at an offset (column blocks of fused gate matrices), and checks that C
// outside the block is untouched.
func TestGemm(t *testing.T) {
	rng := NewRNG(11)
	fill := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = rng.Uniform(-1, 1)
		}
		return s
	}
	var packed []float64
	sizes := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17}
	ks := []int{1, 2, 3, 4, 5, 7, 8, 11, 33}
	for _, m := range sizes {
		for _, n := range sizes {
			if m <= 7 && n <= 9 {
				ks = append(ks[:9], kc-1, kc, kc+5, 2*kc+3)
			} else {
				ks = ks[:9]
			}
			for _, k := range ks {
				const pad, off = 3, 2 // extra columns in every leading dimension; offset of the block
				for _, kind := range []string{"NN", "NT", "TN"} {
					var ar, ac, br, bc int // A is ar×ac, B is br×bc as stored
					var f func(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)
					switch kind {
					case "NN":
						ar, ac, br, bc, f = m, k, k, n, gemmNN
					case "NT":
						ar, ac, br, bc, f = m, k, n, k, gemmNT
					case "TN":
						ar, ac, br, bc, f = k, m, k, n, gemmTN
					}
					lda, ldb, ldc := ac+pad, bc+pad, n+pad
					a, b := fill(off+ar*lda), fill(off+br*ldb)
					c := fill(off + m*ldc)
					want := append([]float64(nil), c...)
					ars, aps, bps, bcs := lda, 1, ldb, 1
					if kind == "NT" {
						bps, bcs = 1, ldb
					}
					if kind == "TN" {
						ars, aps = 1, lda
					}
					c0 := append([]float64(nil), c...)
					naiveGemm(m, n, k, a[off:], ars, aps, b[off:], bps, bcs, want[off:], ldc)
					f(m, n, k, a[off:], lda, b[off:], ldb, c[off:], ldc)
					same(t, "gemm"+kind, m, n, k, c, want)
					if kind == "TN" {
						continue
					}
					// The same product with B packed first.
					if kind == "NN" {
						packed = packNN(packed, k, n, b[off:], ldb)
					} else {
						packed = packNT(packed, k, n, b[off:], ldb)
					}
					gemmPacked(m, n, k, a[off:], lda, packed, c0[off:], ldc)
					same(t, "gemmPacked"+kind, m, n, k, c0, want)
				}
			}
		}
	}
}

func same(t *testing.T, name string, m, n, k int, c, want []float64) {
	t.Helper()
	for i := range c {
		if math.Float64bits(c[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s m=%d n=%d k=%d: c[%d] = %v, want %v", name, m, n, k, i, c[i], want[i])
		}
	}
}

// TestGemmShortOperand checks that gemm refuses an operand too short for its shape before writing.
func TestGemmShortOperand(t *testing.T) {
	for _, c := range []struct{ la, lb, lc int }{{5, 6, 4}, {6, 5, 4}, {6, 6, 3}} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			// C[2,2] += A[2,3]·B[3,2] needs 6, 6 and 4 values.
			gemmNN(2, 2, 3, make([]float64, c.la), 3, make([]float64, c.lb), 2, make([]float64, c.lc), 2)
		})
	}
}
