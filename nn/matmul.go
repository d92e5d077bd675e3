package nn

import "unsafe"

// The three matrix products of training, all accumulating (C += …) on row-major matrices with leading
// dimensions (row strides), so that they also work on column blocks of fused gate matrices:
//
//	gemmNN: C[m,n] += A[m,k] · B[k,n]     forward: x·W, h·U
//	gemmNT: C[m,n] += A[m,k] · B[n,k]ᵀ    backward to inputs: dZ·Wᵀ
//	gemmTN: C[m,n] += A[k,m]ᵀ · B[k,n]    backward to weights: xᵀ·dZ
//
// All three are one strided product (gemm). They are plain scalar Go, written for WebAssembly, where Go
// emits no SIMD and every loop iteration and bounds check is costly: B is copied in panels of 4 columns,
// C is computed in 3×4 register blocks (12 sums held in locals, 7 loads per 24 flops), the loop over k is
// unrolled by 4, and the operands are read through pointers after one bounds check per call
// (matmul_kernels.go). A matrix used at every time step (the recurrent kernel U) is packed once per pass
// with packNN or packNT and multiplied with gemmPacked. On the training step's shapes this runs at 6–7
// GFLOP/s in wasm under node, about four times the plain loops it replaced (docs/benchmarks.md).
//
// Determinism: every output element is computed the same way whatever its block: for each chunk of kc
// values of p in turn, s = Σ_p A(i,p)·B(p,j) summed from 0 in increasing p, then C[i,j] += s; products
// are rounded before they are added (no fused multiply-add on any target). So results do not depend on
// the blocking and are the same bits natively and in wasm.

func gemmNN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, lda, 1, b, ldb, 1, c, ldc)
}

func gemmNT(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, lda, 1, b, 1, ldb, c, ldc)
}

func gemmTN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemm(m, n, k, a, 1, lda, b, ldb, 1, c, ldc)
}

// kc is the length of the chunks of the sum over p: the products of a chunk are summed from zero and
// then added to C, chunk after chunk. A chunk of a 4-column panel of B fits in 8 KB.
const kc = 256

// gemm computes C[i,j] += Σ_p A(i,p)·B(p,j) for i < m, j < n, p < k, with A(i,p) = a[i·ars + p·aps],
// B(p,j) = b[p·bps + j·bcs] and C[i,j] = c[i·ldc + j]. Strides are non-negative. It panics if an operand
// is too short for its shape, before touching anything.
//
// For each chunk of kc steps of p and each panel of 4 columns, it copies the panel of B into a
// contiguous buffer on the stack, then runs the register kernels down the rows of A. The copy makes
// every B load a constant offset, and removes the cache conflicts of B's 4 KB row stride ([H, 4H]
// matrices with H = 128), which evict a panel before the next rows can reuse it.
func gemm(m, n, k int, a []float64, ars, aps int, b []float64, bps, bcs int, c []float64, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (k-1)*bps+(n-1)*bcs >= len(b) {
		panic("nn: gemm operand shorter than its shape")
	}
	checkAC(m, n, k, a, ars, aps, c, ldc)
	const w = unsafe.Sizeof(float64(0))
	sb, sbp := uintptr(bcs)*w, uintptr(bps)*w
	var panel [kc * 4]float64 // B(p0+p, j+q) at panel[4p+q]
	pp := unsafe.Pointer(&panel[0])
	for p0 := 0; p0 < k; p0 += kc {
		kk := min(kc, k-p0)
		pb0 := unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), uintptr(p0)*sbp)
		for j := 0; j < n; j += 4 {
			pack4(pp, unsafe.Add(pb0, uintptr(j)*sb), sb, sbp, kk, min(4, n-j))
			panelRows(m, min(4, n-j), p0, kk, a, ars, aps, pp, c[j:], ldc)
		}
	}
}

// packB copies B(p,j) = b[p·bps + j·bcs], p < k, j < n, into dst (grown as growF does) in the order gemm
// reads it: chunk by chunk of p, panel by panel of 4 columns, each panel row-major and padded to 4
// columns. gemmPacked then multiplies many A by it without copying it again: a recurrent kernel is
// packed once per pass instead of once per time step.
func packB(dst []float64, k, n int, b []float64, bps, bcs int) []float64 {
	n4 := (n + 3) &^ 3
	dst = growF(dst, k*n4)
	if k <= 0 || n <= 0 {
		return dst
	}
	if (k-1)*bps+(n-1)*bcs >= len(b) {
		panic("nn: packB operand shorter than its shape")
	}
	const w = unsafe.Sizeof(float64(0))
	sb, sbp := uintptr(bcs)*w, uintptr(bps)*w
	for p0 := 0; p0 < k; p0 += kc {
		kk := min(kc, k-p0)
		pb0 := unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), uintptr(p0)*sbp)
		for j := 0; j < n; j += 4 {
			pack4(unsafe.Pointer(&dst[p0*n4+j*kk]), unsafe.Add(pb0, uintptr(j)*sb), sb, sbp, kk, min(4, n-j))
		}
	}
	return dst
}

// packNN packs B [k, n] (row stride ldb) as gemmNN reads it; packNT packs B [n, k] as gemmNT reads it.
func packNN(dst []float64, k, n int, b []float64, ldb int) []float64 {
	return packB(dst, k, n, b, ldb, 1)
}
func packNT(dst []float64, k, n int, b []float64, ldb int) []float64 {
	return packB(dst, k, n, b, 1, ldb)
}

// gemmPacked is gemmNN or gemmNT (as bp was packed) with A [m, k] (row stride lda): C[m,n] += A·B. It
// gives the same bits as the unpacked product.
func gemmPacked(m, n, k int, a []float64, lda int, bp []float64, c []float64, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	n4 := (n + 3) &^ 3
	if len(bp) < k*n4 {
		panic("nn: gemmPacked: packed operand shorter than its shape")
	}
	checkAC(m, n, k, a, lda, 1, c, ldc)
	for p0 := 0; p0 < k; p0 += kc {
		kk := min(kc, k-p0)
		for j := 0; j < n; j += 4 {
			panelRows(m, min(4, n-j), p0, kk, a, lda, 1, unsafe.Pointer(&bp[p0*n4+j*kk]), c[j:], ldc)
		}
	}
}

func checkAC(m, n, k int, a []float64, ars, aps int, c []float64, ldc int) {
	if (m-1)*ars+(k-1)*aps >= len(a) || (m-1)*ldc+n > len(c) {
		panic("nn: gemm operand shorter than its shape")
	}
}

// panelRows adds A(0:m, p0:p0+kk) times one packed panel of B (kk × 4, w ≤ 4 columns valid) to the
// first w columns of c, down the rows in blocks of 3.
func panelRows(m, w, p0, kk int, a []float64, ars, aps int, pp unsafe.Pointer, c []float64, ldc int) {
	const f = unsafe.Sizeof(float64(0))
	sa, sap := uintptr(ars)*f, uintptr(aps)*f
	pa := unsafe.Add(unsafe.Pointer(unsafe.SliceData(a)), uintptr(p0)*sap)
	if w < 4 { // the last columns of a width not divisible by 4
		for q := 0; q < w; q++ {
			for i := 0; i < m; i++ {
				kern1x1(kk, unsafe.Add(pa, uintptr(i)*sa), sa, sap, unsafe.Add(pp, uintptr(q)*f), 0, 4*f, c[i*ldc+q:], ldc)
			}
		}
		return
	}
	i := 0
	for ; i+3 <= m; i += 3 {
		kern3x4p(kk, unsafe.Add(pa, uintptr(i)*sa), sa, sap, pp, c[i*ldc:], ldc)
	}
	switch m - i {
	case 2:
		kern2x4p(kk, unsafe.Add(pa, uintptr(i)*sa), sa, sap, pp, c[i*ldc:], ldc)
	case 1:
		kern1x4p(kk, unsafe.Add(pa, uintptr(i)*sa), sa, sap, pp, c[i*ldc:], ldc)
	}
}

// pack4 copies w ≤ 4 columns of the k×4 panel of B at pb (column stride sb, row stride sbp, in bytes) to
// dst, row by row, 4 values a row.
func pack4(dst, pb unsafe.Pointer, sb, sbp uintptr, k, w int) {
	ld := func(p unsafe.Pointer, off uintptr) float64 { return *(*float64)(unsafe.Add(p, off)) }
	st := func(p unsafe.Pointer, off uintptr, v float64) { *(*float64)(unsafe.Add(p, off)) = v }
	switch {
	case w == 4 && sb == 8: // contiguous columns: constant offsets
		for range k {
			st(dst, 0, ld(pb, 0))
			st(dst, 8, ld(pb, 8))
			st(dst, 16, ld(pb, 16))
			st(dst, 24, ld(pb, 24))
			dst, pb = unsafe.Add(dst, 32), unsafe.Add(pb, sbp)
		}
	case w == 4:
		for range k {
			st(dst, 0, ld(pb, 0))
			st(dst, 8, ld(pb, sb))
			st(dst, 16, ld(pb, 2*sb))
			st(dst, 24, ld(pb, 3*sb))
			dst, pb = unsafe.Add(dst, 32), unsafe.Add(pb, sbp)
		}
	default:
		for range k {
			for q := range w {
				st(dst, uintptr(8*q), ld(pb, uintptr(q)*sb))
			}
			dst, pb = unsafe.Add(dst, 32), unsafe.Add(pb, sbp)
		}
	}
}
