package chart

// Downsample reduces the points (x, y) to at most about n by splitting them into n/2 buckets of equal
// count and keeping each bucket's minimum and maximum in x order, so that a spike in a long history
// stays visible. Short inputs are returned as they are. The result is newly allocated.
func Downsample(x, y []float64, n int) (dx, dy []float64) {
	if len(x) <= n || n < 4 {
		return append([]float64(nil), x...), append([]float64(nil), y...)
	}
	buckets := n / 2
	dx, dy = make([]float64, 0, 2*buckets), make([]float64, 0, 2*buckets)
	for b := 0; b < buckets; b++ {
		i0, i1 := b*len(x)/buckets, (b+1)*len(x)/buckets
		lo, hi := i0, i0
		for i := i0; i < i1; i++ {
			if y[i] < y[lo] || y[lo] != y[lo] {
				lo = i
			}
			if y[i] > y[hi] || y[hi] != y[hi] {
				hi = i
			}
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		dx, dy = append(dx, x[lo]), append(dy, y[lo])
		if hi != lo {
			dx, dy = append(dx, x[hi]), append(dy, y[hi])
		}
	}
	return dx, dy
}

// DownsampleFunc is Downsample over n points read through x(i) and y(i), without copying them first:
// long histories are not materialised on every redraw.
func DownsampleFunc(n, max int, x, y func(i int) float64) (dx, dy []float64) {
	if n <= max || max < 4 {
		dx, dy = make([]float64, n), make([]float64, n)
		for i := range n {
			dx[i], dy[i] = x(i), y(i)
		}
		return dx, dy
	}
	buckets := max / 2
	dx, dy = make([]float64, 0, 2*buckets), make([]float64, 0, 2*buckets)
	for b := 0; b < buckets; b++ {
		i0, i1 := b*n/buckets, (b+1)*n/buckets
		lo, hi := i0, i0
		ylo, yhi := y(i0), y(i0)
		for i := i0 + 1; i < i1; i++ {
			v := y(i)
			if v < ylo || ylo != ylo {
				lo, ylo = i, v
			}
			if v > yhi || yhi != yhi {
				hi, yhi = i, v
			}
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		dx, dy = append(dx, x(lo)), append(dy, y(lo))
		if hi != lo {
			dx, dy = append(dx, x(hi)), append(dy, y(hi))
		}
	}
	return dx, dy
}
