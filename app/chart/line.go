package chart

import (
	"fmt"
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

// Band shades the x range [From, To] of the plot: what an experiment asks the learner to watch.
type Band struct{ From, To float64 }

// Line is a line chart, laid out for its size in CSS pixels: the page draws it at the width of its card,
// so that its text keeps its size on a phone.
type Line struct {
	ID     string // unique on the page: names the clip path
	W, H   int    // size in px
	Series []Series
	Rules  []Rule
	Bands  []Band
	LogY   bool
	XLabel string
	YLabel string // the quantity and its unit, written above the plot
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

// Plot is the plot area.
func (f Frame) Plot() Box {
	return Box{math.Min(f.X.P0, f.X.P1), math.Min(f.Y.P0, f.Y.P1), math.Max(f.X.P0, f.X.P1), math.Max(f.Y.P0, f.Y.P1)}
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	inkGrid = "#e5e7eb"
	inkAxis = "#4b5563" // 7.6:1 on white
	inkRule = "#6b7280"
	font    = `font-family="system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif"`
)

// ranges returns the data ranges the chart shows, ok false when there is nothing finite to draw.
func (c *Line) ranges() (x0, x1, y0, y1 float64, ok bool) {
	var xs, ys [][]float64
	for _, s := range c.Series {
		xs, ys = append(xs, s.X), append(ys, s.Y)
	}
	x0, x1, okx := Extent(false, xs...)
	y0, y1, oky := Extent(c.LogY, ys...)
	if !okx || !oky {
		return 0, 0, 0, 0, false
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
	return x0, x1, y0, y1, true
}

// lineLayout is where everything of a line chart goes.
type lineLayout struct {
	frame          Frame
	ok             bool // there is data
	texts          []Text
	samples        []sample
	xTicks, yTicks []float64
}

// layout places the head band (y title and reference keys), the tick labels and the x title around the
// plot, each outside it: tick counts follow the size, and x labels that would touch are thinned.
func (c *Line) layout() lineLayout {
	W, H := float64(c.W), float64(c.H)
	var items []headItem
	if c.YLabel != "" {
		items = append(items, headItem{S: c.YLabel, Title: true})
	}
	for _, r := range c.Rules {
		if r.Label != "" && (!c.LogY || r.Y > 0) {
			items = append(items, headItem{S: r.Label, Color: r.color()})
		}
	}
	var L lineLayout
	var top float64
	L.texts, L.samples, top = layoutHead(items, 4, W-4, 2)
	top += 8 // the top tick label is centred on the top grid line
	bottom := H - 21
	if c.XLabel != "" {
		bottom = H - 36
		L.texts = append(L.texts, Text{X: W - 8, Y: H - 6, Anchor: "end", Size: sizeTick, S: fit(c.XLabel, sizeTick, W-16)})
	}
	x0, x1, y0, y1, ok := c.ranges()
	if !ok || bottom-top < 20 {
		L.frame = Frame{X: Scale{Lo: 0, Hi: 1, P0: 8, P1: W - 8}, Y: Scale{Lo: 0, Hi: 1, P0: bottom, P1: top}}
		return L
	}
	L.ok = true
	ys := Scale{Lo: y0, Hi: y1, P0: bottom, P1: top, Log: c.LogY}
	L.yTicks = ys.Ticks(clampInt(int((bottom-top)/38), 2, 6))
	labelW := 0.0
	for _, t := range L.yTicks {
		labelW = math.Max(labelW, TextWidth(Label(t), sizeTick))
	}
	left := math.Round(6 + labelW + 6)
	xs, ticks, xt := xAxis(Scale{Lo: x0, Hi: x1, P0: left, P1: W - 10}, clampInt(int((W-left)/75), 2, 8), bottom+15, W-2)
	L.xTicks = ticks
	L.frame = Frame{X: xs, Y: ys}
	for _, t := range L.yTicks {
		L.texts = append(L.texts, Text{X: left - 6, Y: ys.Px(t) + 4, Anchor: "end", Size: sizeTick, S: Label(t)})
	}
	L.texts = append(L.texts, xt...)
	return L
}

// xAxis places the ticks of the x scale s and their labels, on the baseline y: the most ticks, from
// maxN down to 2, whose labels do not touch. No label reaches past edge px: the scale's right end is
// pulled in for the last one (math.Inf(1): no edge).
func xAxis(s Scale, maxN int, y, edge float64) (Scale, []float64, []Text) {
	right := s.P1
	var ticks []float64
	var labels []Text
	for n := maxN; ; n-- {
		s.P1 = right
		ticks = s.Ticks(n)
		if len(ticks) > 0 {
			last := Text{X: s.Px(ticks[len(ticks)-1]), Anchor: "middle", Size: sizeTick, S: Label(ticks[len(ticks)-1])}.Box()
			if last.X1 > edge {
				s.P1 -= last.X1 - edge
			}
		}
		labels = labels[:0]
		for _, t := range ticks {
			labels = append(labels, Text{X: s.Px(t), Y: y, Anchor: "middle", Size: sizeTick, S: Label(t)})
		}
		if n <= 2 || !touching(labels, 6) {
			return s, ticks, labels
		}
	}
}

// touching reports whether two of the texts come closer than gap px.
func touching(ts []Text, gap float64) bool {
	for i := range ts {
		a := ts[i].Box()
		a.X0, a.X1 = a.X0-gap, a.X1+gap
		for j := i + 1; j < len(ts); j++ {
			if a.Overlaps(ts[j].Box()) {
				return true
			}
		}
	}
	return false
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

func (r Rule) color() string {
	if r.Color == "" {
		return inkRule
	}
	return r.Color
}

// Frame computes the scales that SVG will use; ok is false when there is no data.
func (c *Line) Frame() (Frame, bool) {
	L := c.layout()
	return L.frame, L.ok
}

// Boxes returns the plot area and the estimated box of every label drawn (titles, keys, ticks): the
// labels are placed so that none covers the plot.
func (c *Line) Boxes() (plot Box, labels []Box) {
	L := c.layout()
	for _, t := range L.texts {
		labels = append(labels, t.Box())
	}
	for _, s := range L.samples {
		labels = append(labels, s.box())
	}
	return L.frame.Plot(), labels
}

// open writes the SVG element of a chart of size W×H with a white background; data-plot gives the plot
// area, for the browser tests.
func open(b *strings.Builder, W, H int, plot Box) {
	fmt.Fprintf(b, `<svg xmlns="%s" viewBox="0 0 %d %d" width="%d" height="%d" class="chart" %s font-size="11" aria-hidden="true" data-plot="%.1f %.1f %.1f %.1f">`,
		svgNS, W, H, W, H, font, plot.X0, plot.Y0, plot.X1, plot.Y1)
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="#fff"/>`, W, H)
}

// SVG renders the chart as a standalone SVG document: the labels, then the grid, the bands and the
// rules, then the series clipped to the plot.
func (c *Line) SVG() string {
	var b strings.Builder
	n := 0
	for _, s := range c.Series {
		n += len(s.X)
	}
	b.Grow(4096 + 14*n + 120*len(c.Series)) // one allocation: the page redraws often, garbage is costly
	L := c.layout()
	P := L.frame.Plot()
	open(&b, c.W, c.H, P)
	for _, t := range L.texts {
		t.write(&b)
	}
	for _, s := range L.samples {
		s.write(&b)
	}
	if !L.ok {
		msg := c.Empty
		if msg == "" {
			msg = "—"
		}
		Text{X: (P.X0 + P.X1) / 2, Y: (P.Y0 + P.Y1) / 2, Anchor: "middle", Size: sizeEmpty, S: msg}.write(&b)
		b.WriteString(`</svg>`)
		return b.String()
	}
	c.writeGrid(&b, L)
	c.writeBands(&b, L.frame)
	c.writeRules(&b, L.frame)
	c.writeSeries(&b, L.frame)
	b.WriteString(`</svg>`)
	return b.String()
}

// writeGrid draws a grid line at every tick and the x axis.
func (c *Line) writeGrid(b *strings.Builder, L lineLayout) {
	f, P := L.frame, L.frame.Plot()
	for _, t := range L.yTicks {
		y := f.Y.Px(t)
		fmt.Fprintf(b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="%s"/>`, P.X0, P.X1, y, y, inkGrid)
	}
	for _, t := range L.xTicks {
		x := f.X.Px(t)
		fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%g" y2="%g" stroke="%s"/>`, x, x, P.Y0, P.Y1, inkGrid)
	}
	fmt.Fprintf(b, `<line x1="%g" x2="%g" y1="%g" y2="%g" stroke="%s"/>`, P.X0, P.X1, P.Y1, P.Y1, inkRule)
}

// writeBands shades the bands, cut to the plot.
func (c *Line) writeBands(b *strings.Builder, f Frame) {
	P := f.Plot()
	for _, band := range c.Bands {
		x0, x1 := math.Max(f.X.Px(band.From), P.X0), math.Min(f.X.Px(band.To), P.X1)
		if x1 > x0 {
			fmt.Fprintf(b, `<rect class="band" x="%.1f" y="%g" width="%.1f" height="%g" fill="#f59e0b" fill-opacity="0.16" stroke="#d97706" stroke-width="1.5"/>`, x0, P.Y0, x1-x0, P.Y1-P.Y0)
		}
	}
}

// writeRules draws the reference lines as dashes (on a log scale, those above 0).
func (c *Line) writeRules(b *strings.Builder, f Frame) {
	P := f.Plot()
	for _, r := range c.Rules {
		if c.LogY && r.Y <= 0 {
			continue
		}
		y := f.Y.Px(r.Y)
		fmt.Fprintf(b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`, P.X0, P.X1, y, y, r.color())
	}
}

// writeSeries draws each series as a polyline clipped to the plot area, skipping the points it cannot
// place (not finite, or not above 0 on a log scale), with dots where asked or when it has one point.
func (c *Line) writeSeries(b *strings.Builder, f Frame) {
	P := f.Plot()
	fmt.Fprintf(b, `<clipPath id="clip-%s"><rect x="%g" y="%g" width="%g" height="%g"/></clipPath><g clip-path="url(#clip-%s)" fill="none" stroke-linejoin="round" stroke-linecap="round">`, c.ID, P.X0, P.Y0-2, P.X1-P.X0, P.Y1-P.Y0+4, c.ID)
	var num []byte // strconv rather than fmt: this loop is most of a chart's cost
	for _, s := range c.Series {
		w := s.Width
		if w == 0 {
			w = 2
		}
		dash := ""
		if s.Dash {
			dash = ` stroke-dasharray="5 3"`
		}
		fmt.Fprintf(b, `<polyline stroke="%s" stroke-width="%g"%s points="`, s.Color, w, dash)
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
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s" stroke="none"/>`, f.X.Px(s.X[i]), f.Y.Px(s.Y[i]), s.Color)
			}
		}
	}
	b.WriteString(`</g>`)
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
