package chart

import (
	"encoding/base64"
	"fmt"
	"html"
	"image/color"
	"math"
	"strings"
)

// Heat is a heatmap of Rows×Cols values (row-major), drawn as a pixelated image with axes.
type Heat struct {
	W, H       int
	Rows, Cols int
	V          []float64
	Log        bool    // colour by log10 of the value
	Diverging  bool    // blue–white–red around 0 (hidden states) instead of a sequential map
	XLabel     string  // what the columns are
	YLabel     string  // what the rows are
	X0, X1     float64 // column axis range for the tick labels
	Y0, Y1     float64 // row axis range for the tick labels
	Empty      string
	Lo, Hi     float64 // colour range; found from the data when Hi <= Lo
	RowsTopTop bool    // row 0 at the top (default: at the bottom)
}

// Range returns the colour range actually used.
func (h *Heat) Range() (lo, hi float64) {
	if h.Hi > h.Lo {
		return h.Lo, h.Hi
	}
	lo, hi, ok := Extent(h.Log, h.V)
	if !ok {
		return 0, 1
	}
	if h.Diverging {
		m := math.Max(math.Abs(lo), math.Abs(hi))
		return -m, m
	}
	if hi == lo {
		hi = lo + 1
	}
	return lo, hi
}

// Color maps v to the heatmap's colour.
func (h *Heat) Color(v, lo, hi float64) color.RGBA {
	if !Finite(v) || (h.Log && v <= 0) {
		return color.RGBA{240, 240, 240, 255}
	}
	if h.Log {
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	f := math.Max(0, math.Min(1, (v-lo)/(hi-lo)))
	if h.Diverging {
		return diverging(f)
	}
	return viridis(f)
}

// Frame is the plot area: columns map to X, rows to Y.
func (h *Heat) Frame() Frame {
	W, H := float64(h.W), float64(h.H)
	y := Scale{Lo: h.Y0, Hi: h.Y1, P0: H - padB, P1: padT}
	if h.RowsTopTop {
		y.P0, y.P1 = padT, H-padB
	}
	return Frame{X: Scale{Lo: h.X0, Hi: h.X1, P0: padL, P1: W - padR - 44}, Y: y}
}

// Cell returns the row and column under the pixel (px, py) of the SVG, ok false outside.
func (h *Heat) Cell(px, py float64) (r, c int, ok bool) {
	f := h.Frame()
	fx := (px - f.X.P0) / (f.X.P1 - f.X.P0)
	fy := (py - f.Y.P0) / (f.Y.P1 - f.Y.P0)
	if fx < 0 || fx >= 1 || fy < 0 || fy >= 1 || h.Rows == 0 || h.Cols == 0 {
		return 0, 0, false
	}
	return int(fy * float64(h.Rows)), int(fx * float64(h.Cols)), true
}

// BMP encodes the values as a 24-bit bitmap of Cols×Rows pixels, row 0 at the bottom unless RowsTopTop.
// A bitmap rather than a PNG: it needs no compression or checksums, which are slow in WebAssembly, and
// these images are small.
func (h *Heat) BMP() []byte {
	stride := (3*h.Cols + 3) &^ 3
	size := 54 + stride*h.Rows
	out := make([]byte, size)
	le := func(off, v int, n int) {
		for i := 0; i < n; i++ {
			out[off+i] = byte(v >> (8 * i))
		}
	}
	out[0], out[1] = 'B', 'M'
	le(2, size, 4)
	le(10, 54, 4)
	le(14, 40, 4)
	le(18, h.Cols, 4)
	le(22, h.Rows, 4) // positive height: the first row stored is the bottom one
	le(26, 1, 2)
	le(28, 24, 2)
	le(34, stride*h.Rows, 4)
	// A 256-colour table and one transform per value: math.Log10 and the ramp per pixel are slow in
	// WebAssembly.
	lo, hi := h.Range()
	var lut [256]color.RGBA
	for i := range lut {
		lut[i] = h.Color(lo+(hi-lo)*float64(i)/255, lo, hi)
	}
	if h.Log {
		for i := range lut {
			lut[i] = h.Color(math.Pow(10, math.Log10(lo)+(math.Log10(hi)-math.Log10(lo))*float64(i)/255), lo, hi)
		}
	}
	tlo, thi := lo, hi
	if h.Log {
		tlo, thi = math.Log10(lo), math.Log10(hi)
	}
	scale := 255 / (thi - tlo)
	blank := h.Color(math.NaN(), lo, hi)
	for r := 0; r < h.Rows; r++ {
		y := r // stored bottom-up: data row 0 is the bottom row
		if h.RowsTopTop {
			y = h.Rows - 1 - r
		}
		row := out[54+y*stride:]
		for c := 0; c < h.Cols; c++ {
			v := h.V[r*h.Cols+c]
			col := blank
			if Finite(v) && !(h.Log && v <= 0) {
				if h.Log {
					v = math.Log10(v)
				}
				k := (v - tlo) * scale
				col = lut[int(math.Max(0, math.Min(255, k+0.5)))]
			}
			row[3*c], row[3*c+1], row[3*c+2] = col.B, col.G, col.R
		}
	}
	return out
}

// SVG renders the heatmap with its axes and a colour bar.
func (h *Heat) SVG() string {
	var b strings.Builder
	b.Grow(6144 + 4*(54+(3*h.Cols+3)*h.Rows)/3)
	W, H := float64(h.W), float64(h.H)
	fmt.Fprintf(&b, `<svg xmlns="%s" viewBox="0 0 %d %d" width="100%%" class="chart" %s font-size="11">`, svgNS, h.W, h.H, font)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, h.W, h.H)
	if h.Rows == 0 || h.Cols == 0 || len(h.V) < h.Rows*h.Cols {
		msg := h.Empty
		if msg == "" {
			msg = "—"
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="%s" font-size="13">%s</text></svg>`, W/2, H/2, inkAxis, html.EscapeString(msg))
		return b.String()
	}
	f := h.Frame()
	x0, x1 := f.X.P0, f.X.P1
	y0, y1 := math.Min(f.Y.P0, f.Y.P1), math.Max(f.Y.P0, f.Y.P1)
	fmt.Fprintf(&b, `<image x="%g" y="%g" width="%g" height="%g" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/bmp;base64,%s"/>`,
		x0, y0, x1-x0, y1-y0, base64.StdEncoding.EncodeToString(h.BMP()))
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="%s"/>`, x0, y0, x1-x0, y1-y0, inkAxis)
	for _, t := range f.X.Ticks(5) {
		x := f.X.Px(t)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle" fill="%s">%s</text>`, x, y1+14, inkAxis, Label(t))
	}
	for _, t := range f.Y.Ticks(4) {
		y := f.Y.Px(t)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>`, x0-6, y, inkAxis, Label(t))
	}
	if h.XLabel != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="end" fill="%s">%s</text>`, x1, H-4, inkAxis, html.EscapeString(h.XLabel))
	}
	if h.YLabel != "" {
		fmt.Fprintf(&b, `<text x="12" y="%g" text-anchor="middle" fill="%s" transform="rotate(-90 12 %g)">%s</text>`, (y0+y1)/2, inkAxis, (y0+y1)/2, html.EscapeString(h.YLabel))
	}
	// Colour bar.
	lo, hi := h.Range()
	bx := x1 + 6
	const steps = 24
	for i := 0; i < steps; i++ {
		v := lo + (hi-lo)*float64(i)/float64(steps-1)
		if h.Log {
			v = math.Pow(10, math.Log10(lo)+(math.Log10(hi)-math.Log10(lo))*float64(i)/float64(steps-1))
		}
		c := h.Color(v, lo, hi)
		y := y1 - (y1-y0)*float64(i+1)/steps
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="8" height="%.1f" fill="rgb(%d,%d,%d)"/>`, bx, y, (y1-y0)/steps+0.5, c.R, c.G, c.B)
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" fill="%s" font-size="10" dominant-baseline="hanging">%s</text>`, bx+11, y0, inkAxis, Label(hi))
	fmt.Fprintf(&b, `<text x="%g" y="%g" fill="%s" font-size="10">%s</text>`, bx+11, y1, inkAxis, Label(lo))
	b.WriteString(`</svg>`)
	return b.String()
}

// viridis approximates matplotlib's viridis colour map (perceptually uniform, colour-blind safe).
func viridis(f float64) color.RGBA {
	stops := [...][3]float64{{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}
	return ramp(stops[:], f)
}

// diverging is blue (low) – white (0) – red (high).
func diverging(f float64) color.RGBA {
	stops := [...][3]float64{{33, 102, 172}, {146, 197, 222}, {247, 247, 247}, {244, 165, 130}, {178, 24, 43}}
	return ramp(stops[:], f)
}

func ramp(stops [][3]float64, f float64) color.RGBA {
	p := f * float64(len(stops)-1)
	i := int(p)
	if i >= len(stops)-1 {
		i, p = len(stops)-2, float64(len(stops)-1)
	}
	t := p - float64(i)
	c := func(k int) uint8 { return uint8(math.Round(stops[i][k] + t*(stops[i+1][k]-stops[i][k]))) }
	return color.RGBA{c(0), c(1), c(2), 255}
}
