package chart

import (
	"math"
	"strconv"
)

// Scale maps data values in [Lo, Hi] to pixels in [P0, P1], linearly or on a log10 axis.
type Scale struct {
	Lo, Hi float64
	P0, P1 float64
	Log    bool
}

// Px returns the pixel position of v. On a log axis values ≤ 0 are drawn at the low end.
func (s Scale) Px(v float64) float64 {
	lo, hi := s.Lo, s.Hi
	if s.Log {
		if v <= 0 {
			return s.P0
		}
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	if hi == lo {
		return (s.P0 + s.P1) / 2
	}
	return s.P0 + (v-lo)/(hi-lo)*(s.P1-s.P0)
}

// Value is the inverse of Px.
func (s Scale) Value(p float64) float64 {
	f := (p - s.P0) / (s.P1 - s.P0)
	if s.Log {
		lo, hi := math.Log10(s.Lo), math.Log10(s.Hi)
		return math.Pow(10, lo+f*(hi-lo))
	}
	return s.Lo + f*(s.Hi-s.Lo)
}

// Ticks returns about n round tick values covering [Lo, Hi]: 1-2-5 steps on a linear axis, powers of
// ten on a log axis.
func (s Scale) Ticks(n int) []float64 {
	if s.Log {
		a, b := math.Floor(math.Log10(s.Lo)), math.Ceil(math.Log10(s.Hi))
		step := math.Max(1, math.Ceil((b-a)/float64(n)))
		var t []float64
		for e := a; e <= b; e += step {
			if v := math.Pow(10, e); v >= s.Lo*0.999 && v <= s.Hi*1.001 {
				t = append(t, v)
			}
		}
		return t
	}
	if s.Hi <= s.Lo || n < 1 {
		return []float64{s.Lo}
	}
	step := niceStep((s.Hi - s.Lo) / float64(n))
	var t []float64
	for v := math.Ceil(s.Lo/step) * step; v <= s.Hi+step*1e-9; v += step {
		t = append(t, math.Round(v/step)*step)
	}
	return t
}

func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / p; {
	case f <= 1:
		return p
	case f <= 2:
		return 2 * p
	case f <= 5:
		return 5 * p
	}
	return 10 * p
}

// Label formats a tick or hover value compactly: 0.0012 → "1.2e-3", 12500 → "12.5k".
func Label(v float64) string {
	a := math.Abs(v)
	switch {
	case v == 0:
		return "0"
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case a >= 1e6:
		return trim(strconv.FormatFloat(v/1e6, 'f', 2, 64)) + "M"
	case a >= 1e4:
		return trim(strconv.FormatFloat(v/1e3, 'f', 1, 64)) + "k"
	case a >= 0.01:
		return trim(strconv.FormatFloat(v, 'f', 3, 64))
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

func trim(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// Extent returns the finite min and max of the values (ok false when there is none); on a log axis only
// positive values count.
func Extent(log bool, ys ...[]float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		for _, v := range y {
			if !Finite(v) || (log && v <= 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi, lo <= hi
}

// Finite reports whether v can be drawn: not NaN, and within ±1e300 (the worker sends non-finite
// numbers as ±math.MaxFloat64, since JSON cannot carry them).
func Finite(v float64) bool { return !math.IsNaN(v) && math.Abs(v) <= 1e300 }
