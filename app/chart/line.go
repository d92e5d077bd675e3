package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Series is one line of a chart.
type Series struct {
	Name  string
	Color string
	X, Y  []float64
	Dash  bool    // dashed (validation curves)
	Width float64 // stroke width; 0 means 2
	Dots  bool    // mark the points (sparse series)
}

// Rule is a horizontal reference line: a baseline, a threshold.
type Rule struct {
	Y     float64
	Label string
	Color string
}

// Line is a line chart.
type Line struct {
	ID     string // unique on the page: names the clip path
	W, H   int    // the SVG's user units; the page scales it to its box
	Series []Series
	Rules  []Rule
	LogY   bool
	XLabel string
	YLabel string
	// YLo, YHi fix the y range when YHi > YLo (a metric in [0, 1]).
	YLo, YHi float64
	// MinXSpan is the narrowest x range drawn (training steps: a chart of step 0 alone spans 0–10).
	MinXSpan float64
	Empty    string // text shown when there is no data
}

// Frame is a chart's geometry: the plot area and the scales from data to pixels.
type Frame struct {
	X, Y Scale
}

const (
	padL, padR, padT, padB = 52.0, 14.0, 10.0, 30.0
	svgNS                  = "http://www.w3.org/2000/svg"
	inkGrid                = "#e5e7eb"
	inkAxis                = "#6b7280"
	font                   = `font-family="system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif"`
)

// Frame computes the scales that SVG will use.
func (c *Line) Frame() (Frame, bool) {
	var xs, ys [][]float64
	for _, s := range c.Series {
		xs, ys = append(xs, s.X), append(ys, s.Y)
	}
	x0, x1, okx := Extent(false, xs...)
	y0, y1, oky := Extent(c.LogY, ys...)
	if !okx || !oky {
		return Frame{}, false
	}
	for _, r := range c.Rules {
		if !c.LogY || r.Y > 0 {
			y0, y1 = math.Min(y0, r.Y), math.Max(y1, r.Y)
		}
	}
	if c.YHi > c.YLo {
		y0, y1 = c.YLo, c.YHi
	}
	if x1-x0 < c.MinXSpan {
		x1 = x0 + c.MinXSpan
	}
	if x1 == x0 {
		x1 = x0 + 1
	}
	if c.LogY {
		y0, y1 = math.Pow(10, math.Floor(math.Log10(y0)+1e-9)), math.Pow(10, math.Ceil(math.Log10(y1)-1e-9))
		if y1 == y0 {
			y1 = y0 * 10
		}
	} else if c.YHi <= c.YLo {
		if y1-y0 <= 1e-9*math.Max(1, math.Abs(y1)) { // flat (orthogonal init: every σ is 1)
			y0, y1 = y0-math.Max(0.1, math.Abs(y0)*0.1), y1+math.Max(0.1, math.Abs(y1)*0.1)
		}
		if y1 == y0 {
			y0, y1 = y0-1, y1+1
		}
		pad := (y1 - y0) * 0.05
		if y0 >= 0 && y0-pad < 0 {
			y0 = 0
		} else {
			y0 -= pad
		}
		y1 += pad
	}
	W, H := float64(c.W), float64(c.H)
	return Frame{
		X: Scale{Lo: x0, Hi: x1, P0: padL, P1: W - padR},
		Y: Scale{Lo: y0, Hi: y1, P0: H - padB, P1: padT, Log: c.LogY},
	}, true
}

// SVG renders the chart as a standalone SVG document.
func (c *Line) SVG() string {
	var b strings.Builder
	n := 0
	for _, s := range c.Series {
		n += len(s.X)
	}
	b.Grow(4096 + 14*n + 120*len(c.Series)) // one allocation: the page redraws often, garbage is costly
	W, H := float64(c.W), float64(c.H)
	fmt.Fprintf(&b, `<svg xmlns="%s" viewBox="0 0 %d %d" width="100%%" class="chart" %s font-size="11">`, svgNS, c.W, c.H, font)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, c.W, c.H)
	f, ok := c.Frame()
	if !ok {
		msg := c.Empty
		if msg == "" {
			msg = "—"
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="%s" font-size="13">%s</text></svg>`, W/2, H/2, inkAxis, html.EscapeString(msg))
		return b.String()
	}
	// Grid and ticks.
	for _, t := range f.Y.Ticks(4) {
		y := f.Y.Px(t)
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="%s"/>`, padL, W-padR, y, y, inkGrid)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>`, padL-6, y, inkAxis, Label(t))
	}
	for _, t := range f.X.Ticks(5) {
		x := f.X.Px(t)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%g" y2="%g" stroke="%s"/>`, x, x, padT, H-padB, inkGrid)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle" fill="%s">%s</text>`, x, H-padB+14, inkAxis, Label(t))
	}
	fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%g" y2="%g" stroke="%s"/>`, padL, W-padR, H-padB, H-padB, inkAxis)
	if c.XLabel != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="end" fill="%s">%s</text>`, W-padR, H-4, inkAxis, html.EscapeString(c.XLabel))
	}
	if c.YLabel != "" {
		fmt.Fprintf(&b, `<text x="12" y="%g" text-anchor="middle" fill="%s" transform="rotate(-90 12 %g)">%s</text>`, (padT+H-padB)/2, inkAxis, (padT+H-padB)/2, html.EscapeString(c.YLabel))
	}
	// Rules.
	for _, r := range c.Rules {
		if c.LogY && r.Y <= 0 {
			continue
		}
		y := f.Y.Px(r.Y)
		col := r.Color
		if col == "" {
			col = "#9ca3af"
		}
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`, padL, W-padR, y, y, col)
		if r.Label != "" {
			fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" fill="%s">%s</text>`, W-padR-4, y-4, col, html.EscapeString(r.Label))
		}
	}
	// Series, clipped to the plot area.
	fmt.Fprintf(&b, `<clipPath id="clip-%s"><rect x="%g" y="%g" width="%g" height="%g"/></clipPath><g clip-path="url(#clip-%s)" fill="none" stroke-linejoin="round" stroke-linecap="round">`, c.ID, padL, padT-2, W-padL-padR, H-padT-padB+4, c.ID)
	for _, s := range c.Series {
		w := s.Width
		if w == 0 {
			w = 2
		}
		dash := ""
		if s.Dash {
			dash = ` stroke-dasharray="5 3"`
		}
		fmt.Fprintf(&b, `<polyline stroke="%s" stroke-width="%g"%s points="`, s.Color, w, dash)
		var num []byte // strconv rather than fmt: this loop is most of a chart's cost
		for i := range s.X {
			if !Finite(s.Y[i]) || (c.LogY && s.Y[i] <= 0) {
				continue
			}
			num = appendTenths(num[:0], f.X.Px(s.X[i]))
			num = append(num, ',')
			num = appendTenths(num, f.Y.Px(s.Y[i]))
			num = append(num, ' ')
			b.Write(num)
		}
		b.WriteString(`"/>`)
		if s.Dots || len(s.X) == 1 {
			for i := range s.X {
				if !Finite(s.Y[i]) || (c.LogY && s.Y[i] <= 0) {
					continue
				}
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s" stroke="none"/>`, f.X.Px(s.X[i]), f.Y.Px(s.Y[i]), s.Color)
			}
		}
	}
	b.WriteString(`</g></svg>`)
	return b.String()
}

// Nearest returns, for each series, the index of the point whose x is closest to x (-1 if empty).
func (c *Line) Nearest(x float64) []int {
	out := make([]int, len(c.Series))
	for k, s := range c.Series {
		out[k] = -1
		for i, v := range s.X {
			if out[k] < 0 || math.Abs(v-x) < math.Abs(s.X[out[k]]-x) {
				out[k] = i
			}
		}
	}
	return out
}

// appendTenths appends v rounded to one decimal, as strconv.AppendFloat(b, v, 'f', 1, 64) would for
// the pixel coordinates of a chart, in a fraction of the time (it is most of a chart's cost).
func appendTenths(b []byte, v float64) []byte {
	n := int64(math.Round(v * 10))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/10, 10)
	return append(b, '.', byte('0'+n%10))
}
