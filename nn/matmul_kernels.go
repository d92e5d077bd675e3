package nn

import "unsafe"

// The register-blocked kernels of gemm (matmul.go). Each adds an r×c block of A·B into c: it reads
// A(i,p) at pa + i·sa + p·sap (byte strides) and B(p,j) from the packed panel at pb + 32p + 8j (kern1x1:
// at pb + j·sb + p·sbp), sums over p in increasing order starting from zero, rounding every product, and
// adds the sums to c[i·ldc+j]. The loop over p is unrolled by 4. gemm has checked the bounds: the loads
// here are unchecked.
//
// They were written out by a script (one block per step; no logic beyond the loops seen here): keep the
// copies of each step identical when editing.

// kern3x4p adds a 3×4 block of A·B to c (row stride ldc) from a packed panel of B: B(p,j) at pb + 32p + 8j.
func kern3x4p(k int, pa unsafe.Pointer, sa, sap uintptr, pb unsafe.Pointer, c []float64, ldc int) {
	var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23 float64
	var b0, b1, b2, b3, a0, a1, a2 float64
	p := 0
	for ; p+4 <= k; p += 4 {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		a2 = *(*float64)(unsafe.Add(pa, 2*sa))
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		a2 = *(*float64)(unsafe.Add(pa, 2*sa))
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		a2 = *(*float64)(unsafe.Add(pa, 2*sa))
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		a2 = *(*float64)(unsafe.Add(pa, 2*sa))
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	for ; p < k; p++ {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		a2 = *(*float64)(unsafe.Add(pa, 2*sa))
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	c[0] += c00
	c[1] += c01
	c[2] += c02
	c[3] += c03
	c[1*ldc+0] += c10
	c[1*ldc+1] += c11
	c[1*ldc+2] += c12
	c[1*ldc+3] += c13
	c[2*ldc+0] += c20
	c[2*ldc+1] += c21
	c[2*ldc+2] += c22
	c[2*ldc+3] += c23
}

// kern2x4p adds a 2×4 block of A·B to c (row stride ldc) from a packed panel of B: B(p,j) at pb + 32p + 8j.
func kern2x4p(k int, pa unsafe.Pointer, sa, sap uintptr, pb unsafe.Pointer, c []float64, ldc int) {
	var c00, c01, c02, c03, c10, c11, c12, c13 float64
	var b0, b1, b2, b3, a0, a1 float64
	p := 0
	for ; p+4 <= k; p += 4 {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	for ; p < k; p++ {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		a1 = *(*float64)(unsafe.Add(pa, sa))
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	c[0] += c00
	c[1] += c01
	c[2] += c02
	c[3] += c03
	c[1*ldc+0] += c10
	c[1*ldc+1] += c11
	c[1*ldc+2] += c12
	c[1*ldc+3] += c13
}

// kern1x4p adds a 1×4 block of A·B to c (row stride ldc) from a packed panel of B: B(p,j) at pb + 32p + 8j.
func kern1x4p(k int, pa unsafe.Pointer, sa, sap uintptr, pb unsafe.Pointer, c []float64, ldc int) {
	var c00, c01, c02, c03 float64
	var b0, b1, b2, b3, a0 float64
	p := 0
	for ; p+4 <= k; p += 4 {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	for ; p < k; p++ {
		b0 = *(*float64)(pb)
		b1 = *(*float64)(unsafe.Add(pb, 8))
		b2 = *(*float64)(unsafe.Add(pb, 16))
		b3 = *(*float64)(unsafe.Add(pb, 24))
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, 32)
	}
	c[0] += c00
	c[1] += c01
	c[2] += c02
	c[3] += c03
}

// kern1x1 adds a 1×1 block of A·B to c (row stride ldc).
func kern1x1(k int, pa unsafe.Pointer, sa, sap uintptr, pb unsafe.Pointer, sb, sbp uintptr, c []float64, ldc int) {
	var c00 float64
	var b0, a0 float64
	p := 0
	for ; p+4 <= k; p += 4 {
		b0 = *(*float64)(pb)
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, sbp)
		b0 = *(*float64)(pb)
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, sbp)
		b0 = *(*float64)(pb)
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, sbp)
		b0 = *(*float64)(pb)
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, sbp)
	}
	for ; p < k; p++ {
		b0 = *(*float64)(pb)
		a0 = *(*float64)(pa)
		c00 += float64(a0 * b0)
		pa, pb = unsafe.Add(pa, sap), unsafe.Add(pb, sbp)
	}
	c[0] += c00
}
