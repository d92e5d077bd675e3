package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Table is a chart's data as text, for the page's "show as table" view: a header row, then rows.
type Table struct {
	Head []string
	Rows [][]string
}

// thin returns at most n indices of 0…len-1, evenly spread, the first and the last among them.
func thin(length, n int) []int {
	if length <= n {
		idx := make([]int, length)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := make([]int, n)
	for k := range idx {
		idx[k] = int(math.Round(float64(k) * float64(length-1) / float64(n-1)))
	}
	return idx
}

// value formats v for a table or a description: "—" when it cannot be drawn.
func value(v float64) string {
	if !Finite(v) {
		return "—"
	}
	return Label(v)
}

// Table returns the chart's data in at most maxRows rows: the x values of the sparsest series (the
// evaluations rather than every training step), evenly thinned, and each series' value at its point
// nearest to that x, or "—" when it has none within half a row.
func (c *Line) Table(maxRows int) Table {
	t := Table{Head: []string{c.XLabel}}
	sparse := -1
	for k, s := range c.Series {
		t.Head = append(t.Head, s.Name)
		if len(s.X) > 0 && (sparse < 0 || len(s.X) < len(c.Series[sparse].X)) {
			sparse = k
		}
	}
	if sparse < 0 {
		return t
	}
	xs := c.Series[sparse].X
	idx := thin(len(xs), maxRows)
	tol := 0.5
	if len(idx) > 1 {
		tol = math.Max(tol, 0.5*(xs[idx[len(idx)-1]]-xs[idx[0]])/float64(len(idx)-1))
	}
	for _, i := range idx {
		x := xs[i]
		row := []string{Label(x)}
		for _, s := range c.Series {
			row = append(row, nearestValue(s, x, tol))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// nearestValue is s's value at its point nearest to x (its X increasing), if within tol.
func nearestValue(s Series, x, tol float64) string {
	i := sort.SearchFloat64s(s.X, x)
	best := -1
	for _, j := range []int{i - 1, i} {
		if j >= 0 && j < len(s.X) && (best < 0 || math.Abs(s.X[j]-x) < math.Abs(s.X[best]-x)) {
			best = j
		}
	}
	if best < 0 || math.Abs(s.X[best]-x) > tol {
		return "—"
	}
	return value(s.Y[best])
}

// Table returns the heatmap's values at up to maxRows rows and maxCols columns, evenly chosen: the
// first column names the row, the header the columns.
func (h *Heat) Table(maxRows, maxCols int) Table {
	t := Table{Head: []string{h.YLabel + " \\ " + h.XLabel}}
	if h.Rows == 0 || h.Cols == 0 || len(h.V) < h.Rows*h.Cols {
		return t
	}
	at := func(lo, hi float64, i, n int) string {
		if n == 1 {
			return Label(lo)
		}
		return Label(math.Round(lo + (hi-lo)*float64(i)/float64(n-1)))
	}
	cols := thin(h.Cols, maxCols)
	for _, c := range cols {
		t.Head = append(t.Head, at(h.X0, h.X1, c, h.Cols))
	}
	for _, r := range thin(h.Rows, maxRows) {
		row := []string{at(h.Y0, h.Y1, r, h.Rows)}
		for _, c := range cols {
			row = append(row, value(h.V[r*h.Cols+c]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// Table returns one row per example: its inputs (the tokens, or the marked values with their steps),
// the target and the prediction. head names the four columns.
func (v *Examples) Table(head [4]string) Table {
	t := Table{Head: head[:]}
	for i, r := range v.Rows {
		in := strings.Join(r.Tokens, " ")
		if len(r.Tokens) == 0 {
			var parts []string
			for _, m := range r.Marks {
				if m >= 0 && m < len(r.Inputs) && len(r.Inputs[m]) > 0 {
					parts = append(parts, fmt.Sprintf("t=%d: %.2f", m+1, r.Inputs[m][0]))
				}
			}
			in = strings.Join(parts, ", ")
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), clip(in, 120), strings.Join(r.Target, " "), strings.Join(r.Predict, " ")})
	}
	return t
}

// Ends returns s's first and last drawable points (ok false when it has none).
func (s Series) Ends() (x0, y0, x1, y1 float64, ok bool) {
	first, last := -1, -1
	for i := range s.X {
		if i < len(s.Y) && Finite(s.Y[i]) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return 0, 0, 0, 0, false
	}
	return s.X[first], s.Y[first], s.X[last], s.Y[last], true
}
