package nn

// The three matrix products of training, all accumulating (C += …) on row-major matrices with leading
// dimensions (row strides), so that they also work on column blocks of fused gate matrices:
//
//	gemmNN: C[m,n] += A[m,k] · B[k,n]     forward: x·W, h·U
//	gemmNT: C[m,n] += A[m,k] · B[n,k]ᵀ    backward to inputs: dZ·Wᵀ
//	gemmTN: C[m,n] += A[k,m]ᵀ · B[k,n]    backward to weights: xᵀ·dZ
//
// They are plain scalar Go (WebAssembly has no SIMD from Go), unrolled so that each loaded value feeds
// several multiply-adds. Every output element is summed over k in increasing order in all three, so the
// results do not depend on the unrolling.

func gemmNN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	i := 0
	for ; i+4 <= m; i += 4 {
		c0 := c[i*ldc : i*ldc+n]
		c1 := c[(i+1)*ldc : (i+1)*ldc+n]
		c2 := c[(i+2)*ldc : (i+2)*ldc+n]
		c3 := c[(i+3)*ldc : (i+3)*ldc+n]
		a0 := a[i*lda : i*lda+k]
		a1 := a[(i+1)*lda : (i+1)*lda+k]
		a2 := a[(i+2)*lda : (i+2)*lda+k]
		a3 := a[(i+3)*lda : (i+3)*lda+k]
		for p := 0; p < k; p++ {
			b0 := b[p*ldb : p*ldb+n]
			x0, x1, x2, x3 := a0[p], a1[p], a2[p], a3[p]
			for j, v := range b0 {
				c0[j] += x0 * v
				c1[j] += x1 * v
				c2[j] += x2 * v
				c3[j] += x3 * v
			}
		}
	}
	for ; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		ai := a[i*lda : i*lda+k]
		for p, x := range ai {
			bp := b[p*ldb : p*ldb+n]
			for j, v := range bp {
				ci[j] += x * v
			}
		}
	}
}

func gemmNT(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		ai := a[i*lda : i*lda+k]
		ci := c[i*ldc : i*ldc+n]
		j := 0
		for ; j+4 <= n; j += 4 {
			b0 := b[j*ldb : j*ldb+k]
			b1 := b[(j+1)*ldb : (j+1)*ldb+k]
			b2 := b[(j+2)*ldb : (j+2)*ldb+k]
			b3 := b[(j+3)*ldb : (j+3)*ldb+k]
			var s0, s1, s2, s3 float64
			for p, x := range ai {
				s0 += x * b0[p]
				s1 += x * b1[p]
				s2 += x * b2[p]
				s3 += x * b3[p]
			}
			ci[j] += s0
			ci[j+1] += s1
			ci[j+2] += s2
			ci[j+3] += s3
		}
		for ; j < n; j++ {
			bj := b[j*ldb : j*ldb+k]
			var s float64
			for p, x := range ai {
				s += x * bj[p]
			}
			ci[j] += s
		}
	}
}

func gemmTN(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for p := 0; p < k; p++ {
		ap := a[p*lda : p*lda+m]
		bp := b[p*ldb : p*ldb+n]
		for i, x := range ap {
			if x == 0 {
				continue
			}
			ci := c[i*ldc : i*ldc+n]
			for j, v := range bp {
				ci[j] += x * v
			}
		}
	}
}
