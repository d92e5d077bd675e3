package nn

import (
	"fmt"
	"math"
	"slices"
)

// Singular values and the spectral radius of a recurrent kernel's gate block, in plain Go. They replace
// gonum's mat.SVD and mat.Eigen, which cost the page's wasm 240 KB gzipped for these two figures; gonum
// stays the reference in spectrum_test.go. Both scale the matrix by a power of two to max |a_ij| ≤ 1
// first (exact, and no square overflows), so large and tiny magnitudes lose nothing.
//
// Singular values — Golub–Kahan bidiagonalization, then bisection (GVL §8.6.1, §8.4.1; Demmel & Kahan
// 1990). Householder reflectors from the left and the right reduce B (B = A, or Aᵀ when A is wide, so that
// B is L×k with L ≥ k) to upper bidiagonal form, d on the diagonal and f above it, with the same singular
// values. These are the k non-negative eigenvalues of the 2k×2k symmetric tridiagonal matrix with zero
// diagonal and off-diagonal (d_0, f_0, d_1, f_1, …, d_{k−1}) (Golub–Kahan's form), and a Sturm count
// gives how many lie below any x:
//
//	q_0 = −x,   q_i = −x − b_{i−1}² / q_{i−1}     #{λ < x} = #{i : q_i < 0}
//
// so bisection finds each σ (where the count steps past i) to 2ε·σ or ε·σ_max, whichever is larger: the
// bidiagonalization is backward stable, so σ_i is known to about k·ε·σ_max in any case. (One-sided Jacobi
// is simpler still, but it was 20–40 times slower than gonum for n = 128–256.)
//
// Spectral radius — max |λ| over the eigenvalues of a general real matrix, as LAPACK's dgeev does it
// without vectors (Golub & Van Loan, Matrix Computations, 4th ed., §7.4–7.5):
//  1. balance: D⁻¹AD with D diagonal, powers of two, making row and column norms alike (Parlett & Reinsch
//     1969); the eigenvalues do not change and the QR iteration sees a better-scaled matrix;
//  2. reduce to upper Hessenberg form H = QᵀAQ with Householder reflectors (GVL Alg. 7.4.2);
//  3. Francis double-shift QR steps (GVL Alg. 7.5.1) on the unreduced window H[l:hi, l:hi], with shifts the
//     eigenvalues of its trailing 2×2 block (an ad hoc exceptional shift every tenth step, as LAPACK's
//     dlahqr, to break cycles); a subdiagonal entry |h_{i,i−1}| ≤ ε(|h_{i−1,i−1}| + |h_ii|) is set to
//     zero, splitting off 1×1 and 2×2 blocks whose eigenvalues are read directly.
//
// Only eigenvalues are wanted, so each QR step transforms the active window only (EISPACK's hqr).

// SingularValues returns the min(n, m) singular values of the n×m matrix w (row-major), largest first;
// NaNs if w has a NaN or an infinity. It panics if len(w) ≠ n·m.
func SingularValues(w []float64, n, m int) []float64 {
	if len(w) != n*m {
		panic(fmt.Sprintf("SingularValues: len(w) = %d, not n·m = %d·%d", len(w), n, m))
	}
	L, k := n, m // B is L×k, stored by columns: b[j*L:(j+1)*L] is column j
	if m > n {
		L, k = m, n
	}
	b := make([]float64, L*k)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			if m > n {
				b[i*L+j] = w[i*m+j] // column i of Aᵀ is row i of A
			} else {
				b[j*L+i] = w[i*m+j]
			}
		}
	}
	sv := make([]float64, k)
	e, ok := scaleUnit(b)
	if !ok {
		for i := range sv {
			sv[i] = math.NaN()
		}
		return sv
	}
	d, f := bidiagonalize(b, L, k)
	bisectSingular(sv, d, f)
	for i := range sv {
		sv[i] = math.Ldexp(sv[i], e)
	}
	return sv
}

// bidiagonalize reduces the L×k matrix b (L ≥ k, stored by columns), which it destroys, to upper
// bidiagonal form: diagonal d [k], superdiagonal f [k−1].
func bidiagonalize(b []float64, L, k int) (d, f []float64) {
	d, f = make([]float64, k), make([]float64, max(k-1, 0))
	col := func(j int) []float64 { return b[j*L : (j+1)*L] }
	v, w := make([]float64, max(L, k)), make([]float64, L)
	for j := 0; j < k; j++ {
		// From the left: zero column j below row j.
		x := col(j)[j:]
		beta := reflector(v[:len(x)], x)
		if beta != 0 {
			for c := j; c < k; c++ {
				y := col(c)[j:]
				var p float64
				for i, vi := range v[:len(x)] {
					p += vi * y[i]
				}
				p *= beta
				for i, vi := range v[:len(x)] {
					y[i] -= p * vi
				}
			}
		}
		d[j] = col(j)[j]
		if j >= k-1 {
			continue
		}
		// From the right: zero row j right of column j+1; row j's entries are b[c·L + j], c > j.
		r := make([]float64, 0, k-j-1)
		for c := j + 1; c < k; c++ {
			r = append(r, col(c)[j])
		}
		beta = reflector(v[:len(r)], r)
		if beta != 0 {
			clear(w)
			for t, vt := range v[:len(r)] { // w = B[j:, j+1:] v
				for i, y := range col(j + 1 + t)[j:] {
					w[j+i] += vt * y
				}
			}
			for t, vt := range v[:len(r)] {
				y := col(j + 1 + t)[j:]
				for i := range y {
					y[i] -= beta * w[j+i] * vt
				}
			}
		}
		f[j] = col(j + 1)[j]
	}
	return d, f
}

// reflector sets v to the Householder vector of x and returns β, so that (I − βvvᵀ)x = −sign(x_0)‖x‖e_1;
// β = 0 when x is already a multiple of e_1 (then v is not set).
func reflector(v, x []float64) float64 {
	var sigma float64
	for _, xi := range x[1:] {
		sigma += xi * xi
	}
	if sigma == 0 {
		return 0
	}
	copy(v, x)
	v[0] = x[0] + math.Copysign(math.Sqrt(x[0]*x[0]+sigma), x[0])
	return 2 / (v[0]*v[0] + sigma)
}

// bisectSingular sets sv, largest first, to the singular values of the upper bidiagonal matrix with
// diagonal d and superdiagonal f, by bisection with Sturm counts on the Golub–Kahan tridiagonal matrix.
func bisectSingular(sv, d, f []float64) {
	k := len(d)
	b2 := make([]float64, 0, 2*k) // squared off-diagonal of the tridiagonal matrix: d_0², f_0², d_1², …
	var hi float64                // Gershgorin: every σ ≤ max_i |b_{i−1}| + |b_i|
	prev := 0.0
	for i := 0; i < k; i++ {
		hi = math.Max(hi, prev+math.Abs(d[i]))
		b2 = append(b2, d[i]*d[i])
		prev = math.Abs(d[i])
		if i < k-1 {
			hi = math.Max(hi, prev+math.Abs(f[i]))
			b2 = append(b2, f[i]*f[i])
			prev = math.Abs(f[i])
		}
	}
	hi = math.Max(hi, prev)
	const pivmin = 0x1p-1000 // a zero pivot q_i is taken as −pivmin
	tol := max(eps*hi, pivmin)
	// Bisection for the i-th smallest σ (#{σ < x} steps past i there), four values at a time: their Sturm
	// counts share one pass over b2, so four independent divisions are in flight instead of one.
	for i0 := 0; i0 < k; i0 += 4 {
		var lo, up, mid [4]float64
		var count [4]int
		for j := range up {
			up[j] = hi*(1+4*eps) + pivmin
		}
		for done := false; !done; {
			done = true
			for j := range mid {
				mid[j] = lo[j] + (up[j]-lo[j])/2
				if up[j]-lo[j] > max(2*eps*up[j], tol) {
					done = false
				}
			}
			if done {
				break
			}
			// Sturm counts of the 2k×2k matrix at the four mids; minus k, #{σ < mid}.
			var q [4]float64
			for j := range q {
				q[j] = -mid[j]
				count[j] = -k + 1 // q_0 = −mid < 0
			}
			for _, bb := range b2 {
				for j := range q {
					if q[j] == 0 {
						q[j] = -pivmin
					}
					q[j] = -mid[j] - bb/q[j]
					if q[j] < 0 {
						count[j]++
					}
				}
			}
			for j := range mid {
				if count[j] > i0+j {
					up[j] = mid[j]
				} else {
					lo[j] = mid[j]
				}
			}
		}
		for j := 0; j < 4 && i0+j < k; j++ {
			sv[k-1-i0-j] = mid[j]
		}
	}
}

// SpectralRadius returns max |λ| over the eigenvalues of the n×n matrix w (row-major); NaN if w has a
// NaN or an infinity, or if the QR iteration does not converge. It panics if len(w) ≠ n·n.
func SpectralRadius(w []float64, n int) float64 {
	if len(w) != n*n {
		panic(fmt.Sprintf("SpectralRadius: len(w) = %d, not n·n = %d·%d", len(w), n, n))
	}
	h := slices.Clone(w)
	e, ok := scaleUnit(h)
	if !ok {
		return math.NaN()
	}
	balance(h, n)
	hessenberg(h, n)
	return math.Ldexp(hessenbergRadius(h, n), e)
}

const eps = 0x1p-52 // machine epsilon of float64

// scaleUnit multiplies a by 2^−e so that max |a_ij| lies in [½, 1) (a zero a is left as it is, e = 0) and
// returns e; ok is false if a holds a NaN or an infinity.
func scaleUnit(a []float64) (e int, ok bool) {
	var amax float64
	for _, x := range a {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		amax = math.Max(amax, math.Abs(x))
	}
	if amax == 0 {
		return 0, true
	}
	_, e = math.Frexp(amax)
	for i := range a {
		a[i] = math.Ldexp(a[i], -e)
	}
	return e, true
}

// balance replaces the n×n matrix a by D⁻¹AD, D = diag(2^k_i), until no row/column pair's off-diagonal
// 1-norms c_i, r_i can shrink c_i + r_i by 5% (Parlett & Reinsch 1969, EISPACK's balanc). Each |k_i| stays
// at most maxBalanceExp, so no entry overflows or sinks into the subnormals.
func balance(a []float64, n int) {
	const maxBalanceExp = 128
	k := make([]int, n)
	for changed := true; changed; {
		changed = false
		for i := 0; i < n; i++ {
			var c, r float64
			for j := 0; j < n; j++ {
				if j != i {
					c += math.Abs(a[j*n+i])
					r += math.Abs(a[i*n+j])
				}
			}
			if c == 0 || r == 0 {
				continue
			}
			s, f := c+r, 0 // column i will be scaled by 2^f, row i by 2^−f
			for c < r/2 && k[i]+f < maxBalanceExp {
				f++
				c *= 4
			}
			for c > 2*r && k[i]+f > -maxBalanceExp {
				f--
				c /= 4
			}
			if f == 0 || (c+r)/math.Ldexp(1, f) >= 0.95*s {
				continue
			}
			changed = true
			k[i] += f
			for j := 0; j < n; j++ {
				a[j*n+i] = math.Ldexp(a[j*n+i], f)
				a[i*n+j] = math.Ldexp(a[i*n+j], -f)
			}
		}
	}
}

// hessenberg reduces the n×n matrix a to upper Hessenberg form QᵀAQ in place with Householder reflectors
// P_k = I − βvvᵀ that zero column k below the subdiagonal (GVL Alg. 7.4.2).
func hessenberg(a []float64, n int) {
	v := make([]float64, n)
	u := make([]float64, n)
	for k := 0; k < n-2; k++ {
		beta := house(v[k+1:], a, k+1, n, k, n)
		if beta == 0 {
			continue
		}
		// a[k+1:, k:] −= β v (vᵀ a[k+1:, k:])
		clear(u)
		for i := k + 1; i < n; i++ {
			for j, x := range a[i*n+k : (i+1)*n] {
				u[k+j] += v[i] * x
			}
		}
		for i := k + 1; i < n; i++ {
			bv := beta * v[i]
			row := a[i*n+k : (i+1)*n]
			for j := range row {
				row[j] -= bv * u[k+j]
			}
		}
		// a[:, k+1:] −= β (a[:, k+1:] v) vᵀ
		for i := 0; i < n; i++ {
			row := a[i*n : (i+1)*n]
			var d float64
			for j := k + 1; j < n; j++ {
				d += row[j] * v[j]
			}
			d *= beta
			for j := k + 1; j < n; j++ {
				row[j] -= d * v[j]
			}
		}
		for i := k + 2; i < n; i++ {
			a[i*n+k] = 0
		}
	}
}

// house sets v to the Householder vector of x = a[r0:r1, col] (column col of the row-major n-wide a) and
// returns β, so that (I − βvvᵀ)x = −sign(x_0)‖x‖e_1; β = 0 when x is already a multiple of e_1.
func house(v, a []float64, r0, r1, col, n int) float64 {
	var sigma float64
	for i := r0 + 1; i < r1; i++ {
		x := a[i*n+col]
		sigma += x * x
		v[i-r0] = x
	}
	x0 := a[r0*n+col]
	if sigma == 0 {
		return 0
	}
	norm := math.Sqrt(x0*x0 + sigma)
	v[0] = x0 + math.Copysign(norm, x0)
	return 2 / (v[0]*v[0] + sigma)
}

// hessenbergRadius returns the spectral radius of the upper Hessenberg n×n matrix h, which it destroys,
// by Francis double-shift QR steps with deflation; NaN if 30·max(10, n) steps do not finish.
func hessenbergRadius(h []float64, n int) float64 {
	at := func(i, j int) float64 { return h[i*n+j] }
	var anorm float64 // for the deflation test when the neighbouring diagonal entries are both zero
	for i := 0; i < n; i++ {
		for j := max(i-1, 0); j < n; j++ {
			anorm += math.Abs(at(i, j))
		}
	}
	var rho float64
	steps, its := 0, 0
	for hi := n - 1; hi >= 0; {
		l := hi // lowest row of the unreduced window ending at hi
		for ; l > 0; l-- {
			s := math.Abs(at(l-1, l-1)) + math.Abs(at(l, l))
			if s == 0 {
				s = anorm
			}
			if math.Abs(at(l, l-1)) <= eps*s {
				h[l*n+l-1] = 0
				break
			}
		}
		switch l {
		case hi: // a 1×1 block
			rho = math.Max(rho, math.Abs(at(hi, hi)))
			hi, its = hi-1, 0
			continue
		case hi - 1: // a 2×2 block
			rho = math.Max(rho, radius2(at(hi-1, hi-1), at(hi-1, hi), at(hi, hi-1), at(hi, hi)))
			hi, its = hi-2, 0
			continue
		}
		if steps == 30*max(10, n) {
			return math.NaN()
		}
		steps++
		its++
		// Shifts: the eigenvalues of the trailing 2×2 block, through their sum s and product t.
		a, b, c, d := at(hi-1, hi-1), at(hi-1, hi), at(hi, hi-1), at(hi, hi)
		if its%10 == 0 { // exceptional shift (dlahqr)
			e := math.Abs(at(hi, hi-1)) + math.Abs(at(hi-1, hi-2))
			a = 0.75*e + at(hi, hi)
			b, c, d = -0.4375*e, e, a
		}
		francisStep(h, n, l, hi, a+d, a*d-b*c)
	}
	return rho
}

// radius2 returns the larger modulus of the eigenvalues of [a b; c d].
func radius2(a, b, c, d float64) float64 {
	p := 0.5 * (a - d)
	q := p*p + b*c // the eigenvalues are d + p ± √q
	if q < 0 {
		return math.Hypot(d+p, math.Sqrt(-q))
	}
	z := p + math.Copysign(math.Sqrt(q), p) // no cancellation
	l1, l2 := d+z, d
	if z != 0 {
		l2 = d - b*c/z // (d + p − sign(p)√q), from the product of the two roots
	}
	return math.Max(math.Abs(l1), math.Abs(l2))
}

// francisStep applies one implicit double-shift QR step (GVL Alg. 7.5.1) to the unreduced Hessenberg
// window h[lo:hi+1, lo:hi+1] (hi − lo ≥ 2), with shifts of sum s and product t: the first column of
// (H − σ₁I)(H − σ₂I) = H² − sH + tI sets the first reflector, and the bulge it makes is chased down with
// 3×3 reflectors, then a 2×2 one.
func francisStep(h []float64, n, lo, hi int, s, t float64) {
	at := func(i, j int) float64 { return h[i*n+j] }
	x := at(lo, lo)*at(lo, lo) + at(lo, lo+1)*at(lo+1, lo) - s*at(lo, lo) + t
	y := at(lo+1, lo) * (at(lo, lo) + at(lo+1, lo+1) - s)
	z := at(lo+1, lo) * at(lo+2, lo+1)
	for k := lo; k <= hi-1; k++ {
		rows := 3 // the reflector acts on rows k..k+rows−1
		if k == hi-1 {
			rows, z = 2, 0
		}
		// v = x + sign(x₀)‖x‖e₁ for x = (x, y, z), scaled first (the direction is all that counts).
		if sc := math.Abs(x) + math.Abs(y) + math.Abs(z); sc != 0 {
			x, y, z = x/sc, y/sc, z/sc
		}
		sigma := y*y + z*z
		if sigma != 0 {
			v0 := x + math.Copysign(math.Sqrt(x*x+sigma), x)
			v1, v2 := y, z
			beta := 2 / (v0*v0 + sigma)
			// Rows k..k+rows−1, columns max(lo, k−1)..hi, from the left.
			for j := max(lo, k-1); j <= hi; j++ {
				p := v0*at(k, j) + v1*at(k+1, j)
				if rows == 3 {
					p += v2 * at(k+2, j)
				}
				p *= beta
				h[k*n+j] -= p * v0
				h[(k+1)*n+j] -= p * v1
				if rows == 3 {
					h[(k+2)*n+j] -= p * v2
				}
			}
			// Columns k..k+rows−1, rows lo..min(k+3, hi), from the right.
			for i := lo; i <= min(k+3, hi); i++ {
				r := h[i*n : (i+1)*n]
				p := r[k]*v0 + r[k+1]*v1
				if rows == 3 {
					p += r[k+2] * v2
				}
				p *= beta
				r[k] -= p * v0
				r[k+1] -= p * v1
				if rows == 3 {
					r[k+2] -= p * v2
				}
			}
			if k > lo { // the bulge's column is now zero below the subdiagonal
				h[(k+1)*n+k-1] = 0
				if rows == 3 {
					h[(k+2)*n+k-1] = 0
				}
			}
		}
		if k < hi-1 {
			x, y = at(k+1, k), at(k+2, k)
			if k < hi-2 {
				z = at(k+3, k)
			}
		}
	}
}
