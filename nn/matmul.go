package nn

import "unsafe"

// The three matrix products of training, all accumulating (C += …) on row-major matrices with leading
// dimensions (row strides), so that they also work on column blocks of fused gate matrices:
//
//	gemmNN: C[m,n] += A[m,k] · B[k,n]     forward: x·W, h·U
//	gemmNT: C[m,n] += A[m,k] · B[n,k]ᵀ    backward to inputs: dZ·Wᵀ
//	gemmTN: C[m,n] += A[k,m]ᵀ · B[k,n]    backward to weights: xᵀ·dZ
//
// All three are one strided kernel (gemm). They are plain scalar Go, written for WebAssembly, where Go
// emits no SIMD and every loop iteration and bounds check is costly: C is computed in 3×4 register blocks
// (12 sums held in locals, 7 loads per 24 flops), the loop over k is unrolled by 4, and the operands are
// read through pointers after one bounds check per call (matmul_kernels.go). Measured on the training
// step's shapes this runs at 4–5 GFLOP/s in wasm under node, three times the plain loops it replaced
// (docs/benchmarks.md).
//
// Determinism: every output element is computed the same way whatever its block: s = Σ_p A(i,p)·B(p,j)
// summed from 0 in increasing p, then C[i,j] += s; products are rounded before they are added (no fused
// multiply-add on any target). So results do not depend on the blocking and are the same bits natively
// and in wasm.

func gemmNN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, lda, 1, b, ldb, 1, c, ldc)
}

func gemmNT(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, lda, 1, b, 1, ldb, c, ldc)
}

func gemmTN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, 1, lda, b, ldb, 1, c, ldc)
}

// gemm computes C[i,j] += Σ_p A(i,p)·B(p,j) for i < m, j < n, p < k, with A(i,p) = a[i·ars + p·aps],
// B(p,j) = b[p·bps + j·bcs] and C[i,j] = c[i·ldc + j]. Strides are non-negative. It panics if an operand
// is too short for its shape, before touching anything.
func gemm(m, n, k int, a []float64, ars, aps int, b []float64, bps, bcs int, c []float64, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (m-1)*ars+(k-1)*aps >= len(a) || (k-1)*bps+(n-1)*bcs >= len(b) || (m-1)*ldc+n > len(c) {
		panic("nn: gemm operand shorter than its shape")
	}
	const w = unsafe.Sizeof(float64(0))
	pa0, pb0 := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	sa, sap := uintptr(ars)*w, uintptr(aps)*w
	sb, sbp := uintptr(bcs)*w, uintptr(bps)*w
	// Column blocks outside, row blocks inside: a block of B (k × 4) stays in cache across the rows.
	j := 0
	for ; j+4 <= n; j += 4 {
		pb := unsafe.Add(pb0, uintptr(j)*sb)
		i := 0
		for ; i+3 <= m; i += 3 {
			if bcs == 1 { // B's columns contiguous (NN, TN): constant offsets, about 10% faster in wasm
				kern3x4c(k, unsafe.Add(pa0, uintptr(i)*sa), sa, sap, pb, sb, sbp, c[i*ldc+j:], ldc)
			} else {
				kern3x4(k, unsafe.Add(pa0, uintptr(i)*sa), sa, sap, pb, sb, sbp, c[i*ldc+j:], ldc)
			}
		}
		switch m - i {
		case 2:
			kern2x4(k, unsafe.Add(pa0, uintptr(i)*sa), sa, sap, pb, sb, sbp, c[i*ldc+j:], ldc)
		case 1:
			kern1x4(k, unsafe.Add(pa0, uintptr(i)*sa), sa, sap, pb, sb, sbp, c[i*ldc+j:], ldc)
		}
	}
	for ; j < n; j++ {
		pb := unsafe.Add(pb0, uintptr(j)*sb)
		for i := 0; i < m; i++ {
			kern1x1(k, unsafe.Add(pa0, uintptr(i)*sa), sa, sap, pb, sb, sbp, c[i*ldc+j:], ldc)
		}
	}
}
