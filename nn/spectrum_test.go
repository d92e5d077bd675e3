package nn

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Tolerances for spectrum.go against gonum (LAPACK's dgesvd and dgeev, the reference):
//   - singular values are perfectly conditioned (|δσ| ≤ ‖δA‖₂), and both methods are backward stable,
//     so every value agrees to a few n·ε of σ_max;
//   - an eigenvalue moves by up to its condition number times ‖δA‖; the radius of a random non-normal
//     matrix is well but not perfectly conditioned, so it gets more room, relative to ‖A‖_F (measured:
//     at most 3.0e-14 for σ and 1.5e-15 for ρ over these cases);
//   - a defective eigenvalue (Jordan block of size k) moves by (ε‖A‖)^(1/k): checked on its own.
const (
	svTol     = 1e-13 // |σ_i − σ_i(gonum)| / σ_max
	radiusTol = 1e-13 // |ρ − ρ(gonum)| / ‖A‖_F
)

// gonumSingular and gonumRadius are the replaced implementations, kept as the reference.
func gonumSingular(w []float64, n, m int) []float64 {
	var s mat.SVD
	if !s.Factorize(mat.NewDense(n, m, append([]float64(nil), w...)), mat.SVDNone) {
		return nil
	}
	return s.Values(nil)
}

func gonumRadius(w []float64, n int) float64 {
	var e mat.Eigen
	if !e.Factorize(mat.NewDense(n, n, append([]float64(nil), w...)), mat.EigenNone) {
		return math.NaN()
	}
	var r float64
	for _, l := range e.Values(nil) {
		r = math.Max(r, cmplx.Abs(l))
	}
	return r
}

type spectrumCase struct {
	name string
	n, m int
	w    []float64
}

func gaussian(n, m int, scale float64, seed uint64) []float64 {
	rng := NewRNG(seed)
	w := make([]float64, n*m)
	for i := range w {
		w[i] = scale * rng.Normal()
	}
	return w
}

// similar returns Q·a·Qᵀ for a random orthogonal Q: a dense matrix with a's eigenvalues.
func similar(a []float64, n int, seed uint64) []float64 {
	q := make([]float64, n*n)
	Orthogonal(q, n, NewRNG(seed))
	Q, A := mat.NewDense(n, n, q), mat.NewDense(n, n, a)
	var qa, qaq mat.Dense
	qa.Mul(Q, A)
	qaq.Mul(&qa, Q.T())
	return qaq.RawMatrix().Data
}

// rotations returns the block diagonal of r_i·[cos θ_i −sin θ_i; sin θ_i cos θ_i] (eigenvalues r_i e^{±iθ_i})
// with a trailing r·1 when n is odd.
func rotations(n int, r, theta func(i int) float64) []float64 {
	a := make([]float64, n*n)
	for i := 0; i+1 < n; i += 2 {
		c, s := r(i)*math.Cos(theta(i)), r(i)*math.Sin(theta(i))
		a[i*n+i], a[i*n+i+1], a[(i+1)*n+i], a[(i+1)*n+i+1] = c, -s, s, c
	}
	if n%2 == 1 {
		a[n*n-1] = r(n - 1)
	}
	return a
}

func scaled(a []float64, s float64) []float64 {
	b := make([]float64, len(a))
	for i, x := range a {
		b[i] = s * x
	}
	return b
}

func spectrumCases() []spectrumCase {
	var cs []spectrumCase
	add := func(name string, n, m int, w []float64) { cs = append(cs, spectrumCase{name, n, m, w}) }
	for _, n := range []int{1, 2, 3, 4, 5, 8, 13, 32, 64, 100, 128} {
		for seed := uint64(1); seed <= 3; seed++ {
			add(fmt.Sprintf("normal %d seed %d", n, seed), n, n, gaussian(n, n, 1/math.Sqrt(float64(n)), seed))
		}
		q := make([]float64, n*n)
		Orthogonal(q, n, NewRNG(uint64(n)))
		add(fmt.Sprintf("orthogonal %d", n), n, n, q)
		add(fmt.Sprintf("orthogonal×1.5 %d", n), n, n, scaled(q, 1.5))
		eye := make([]float64, n*n)
		for i := 0; i < n; i++ {
			eye[i*n+i] = 1
		}
		add(fmt.Sprintf("identity %d", n), n, n, eye)
		add(fmt.Sprintf("0.3·identity %d", n), n, n, scaled(eye, 0.3))
		add(fmt.Sprintf("zero %d", n), n, n, make([]float64, n*n))
		rot := rotations(n, func(i int) float64 { return 0.5 + float64(i%7)/10 }, func(i int) float64 { return 0.3 + float64(i) })
		add(fmt.Sprintf("rotation blocks %d", n), n, n, rot)
		add(fmt.Sprintf("rotation blocks, rotated %d", n), n, n, similar(rot, n, 7))
		// Rank-deficient: a product of n×r and r×n Gaussians, r = n/2.
		if n >= 2 {
			r := n / 2
			L, R := mat.NewDense(n, r, gaussian(n, r, 1, 5)), mat.NewDense(r, n, gaussian(r, n, 1, 6))
			var p mat.Dense
			p.Mul(L, R)
			add(fmt.Sprintf("rank %d of %d", r, n), n, n, p.RawMatrix().Data)
		}
		// A cyclic permutation: every eigenvalue has modulus 1 and the standard shifts stall (the
		// exceptional shift has to break the cycle).
		perm := make([]float64, n*n)
		for i := 0; i < n; i++ {
			perm[((i+1)%n)*n+i] = 1
		}
		add(fmt.Sprintf("cyclic permutation %d", n), n, n, perm)
	}
	g := gaussian(16, 16, 1, 9)
	for _, s := range []float64{1e-300, 1e-150, 1e-20, 1e20, 1e150, 1e300} {
		add(fmt.Sprintf("normal 16 × %g", s), 16, 16, scaled(g, s))
	}
	// Badly scaled rows and columns: what balancing is for.
	bad := gaussian(12, 12, 1, 10)
	for i := 0; i < 12; i++ {
		for j := 0; j < 12; j++ {
			bad[i*12+j] *= math.Pow(10, float64(i-j)/2)
		}
	}
	add("graded 12", 12, 12, bad)
	add("upper triangular 6", 6, 6, []float64{
		3, 1, 4, 1, 5, 9,
		0, -2, 6, 5, 3, 5,
		0, 0, 0.5, 8, 9, 7,
		0, 0, 0, -4, 3, 2,
		0, 0, 0, 0, 1e-3, 3,
		0, 0, 0, 0, 0, 2,
	})
	for _, nm := range [][2]int{{1, 5}, {5, 1}, {3, 7}, {7, 3}, {20, 64}, {128, 40}, {33, 128}} {
		n, m := nm[0], nm[1]
		add(fmt.Sprintf("normal %d×%d", n, m), n, m, gaussian(n, m, 1, uint64(n*1000+m)))
	}
	return cs
}

func TestSingularValuesMatchGonum(t *testing.T) {
	for _, c := range spectrumCases() {
		got, want := SingularValues(c.w, c.n, c.m), gonumSingular(c.w, c.n, c.m)
		if len(got) != len(want) {
			t.Errorf("%s: %d singular values, gonum %d", c.name, len(got), len(want))
			continue
		}
		var worst float64
		for i := range got {
			worst = math.Max(worst, math.Abs(got[i]-want[i]))
		}
		if len(want) > 0 && want[0] > 0 {
			worst /= want[0]
		}
		if worst > svTol || math.IsNaN(worst) {
			t.Errorf("%s: max |σ − σ(gonum)|/σ_max = %.3g > %g\n got %v\nwant %v", c.name, worst, svTol, got, want)
		}
	}
}

func TestSpectralRadiusMatchesGonum(t *testing.T) {
	for _, c := range spectrumCases() {
		if c.n != c.m {
			continue
		}
		got, want := SpectralRadius(c.w, c.n), gonumRadius(c.w, c.n)
		norm := mat.Norm(mat.NewDense(c.n, c.n, c.w), 2)
		d := math.Abs(got - want)
		if norm > 0 {
			d /= norm
		}
		if d > radiusTol || math.IsNaN(d) {
			t.Errorf("%s: ρ = %v, gonum %v (|Δ|/‖A‖_F = %.3g > %g)", c.name, got, want, d, radiusTol)
		}
	}
}

// TestSpectrumExact checks values known in closed form.
func TestSpectrumExact(t *testing.T) {
	const tol = 1e-13
	for _, c := range []struct {
		name   string
		n      int
		w      []float64
		radius float64
		sv     []float64
	}{
		{"1×1", 1, []float64{-2.5}, 2.5, []float64{2.5}},
		{"zero 3", 3, make([]float64, 9), 0, []float64{0, 0, 0}},
		{"diagonal", 3, []float64{-3, 0, 0, 0, 2, 0, 0, 0, 1}, 3, []float64{3, 2, 1}},
		{"rotation 2×2 by 0.7, radius 0.9", 2, rotations(2, func(int) float64 { return 0.9 }, func(int) float64 { return 0.7 }), 0.9, []float64{0.9, 0.9}},
		{"nilpotent shift 4", 4, []float64{0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0}, 0, []float64{1, 1, 1, 0}},
		// [1 2; 3 4]: λ = (5 ± √33)/2, σ = √(15 ± √221).
		{"[1 2; 3 4]", 2, []float64{1, 2, 3, 4}, (5 + math.Sqrt(33)) / 2, []float64{math.Sqrt(15 + math.Sqrt(221)), math.Sqrt(15 - math.Sqrt(221))}},
		// The companion matrix of (x−1)(x−2)(x−3) = x³ − 6x² + 11x − 6.
		{"companion (1, 2, 3)", 3, []float64{6, -11, 6, 1, 0, 0, 0, 1, 0}, 3, nil},
	} {
		if r := SpectralRadius(c.w, c.n); math.Abs(r-c.radius) > tol*math.Max(1, c.radius) {
			t.Errorf("%s: ρ = %v, want %v", c.name, r, c.radius)
		}
		if c.sv == nil {
			continue
		}
		sv := SingularValues(c.w, c.n, c.n)
		for i := range c.sv {
			if math.Abs(sv[i]-c.sv[i]) > tol*math.Max(1, c.sv[0]) {
				t.Errorf("%s: σ = %v, want %v", c.name, sv, c.sv)
				break
			}
		}
	}
}

// TestSpectralRadiusDefective: a Jordan block J_k(λ) hidden by a rotation, Q J Qᵀ. Its eigenvalue is
// k-fold and defective, so rounding errors of size ε‖J‖ move it by up to (ε‖J‖)^(1/k), in any method.
func TestSpectralRadiusDefective(t *testing.T) {
	for _, k := range []int{2, 3, 5} {
		for _, lambda := range []float64{0.8, -1.3} {
			j := make([]float64, k*k)
			for i := 0; i < k; i++ {
				j[i*k+i] = lambda
				if i+1 < k {
					j[i*k+i+1] = 1
				}
			}
			a := similar(j, k, 3)
			bound := 10 * math.Pow(eps*(math.Abs(lambda)+1), 1/float64(k))
			if r := SpectralRadius(a, k); math.Abs(r-math.Abs(lambda)) > bound {
				t.Errorf("J_%d(%v): ρ = %v, want %v within %.2g", k, lambda, r, math.Abs(lambda), bound)
			}
			if r, g := SpectralRadius(a, k), gonumRadius(a, k); math.Abs(r-g) > 2*bound {
				t.Errorf("J_%d(%v): ρ = %v, gonum %v", k, lambda, r, g)
			}
		}
	}
}

func TestSpectrumNonFinite(t *testing.T) {
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		w := []float64{1, 2, x, 4}
		if r := SpectralRadius(w, 2); !math.IsNaN(r) {
			t.Errorf("ρ with %v = %v, want NaN", x, r)
		}
		if sv := SingularValues(w, 2, 2); len(sv) != 2 || !math.IsNaN(sv[0]) || !math.IsNaN(sv[1]) {
			t.Errorf("σ with %v = %v, want [NaN NaN]", x, sv)
		}
	}
}

func TestSpectrumShapePanics(t *testing.T) {
	for _, f := range []func(){
		func() { SpectralRadius(make([]float64, 5), 2) },
		func() { SingularValues(make([]float64, 5), 2, 3) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic on a shape mismatch")
				}
			}()
			f()
		}()
	}
}

func benchmarkSpectrum(b *testing.B, n int, f func(w []float64, n int)) {
	w := gaussian(n, n, 1/math.Sqrt(float64(n)), 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(w, n)
	}
}

func spectrumSizes(b *testing.B, f func(w []float64, n int)) {
	for _, n := range []int{32, 128, 256} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkSpectrum(b, n, f) })
	}
}

func BenchmarkSingularValues(b *testing.B) {
	spectrumSizes(b, func(w []float64, n int) { SingularValues(w, n, n) })
}
func BenchmarkSingularValuesGonum(b *testing.B) {
	spectrumSizes(b, func(w []float64, n int) { gonumSingular(w, n, n) })
}
func BenchmarkSpectralRadius(b *testing.B) {
	spectrumSizes(b, func(w []float64, n int) { SpectralRadius(w, n) })
}
func BenchmarkSpectralRadiusGonum(b *testing.B) {
	spectrumSizes(b, func(w []float64, n int) { gonumRadius(w, n) })
}
