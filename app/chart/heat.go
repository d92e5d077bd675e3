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
	ZLabel     string  // what the colour shows: the quantity and its unit, written above the map
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

// heatLayout is where everything of a heatmap goes.
type heatLayout struct {
	frame          Frame
	texts          []Text
	yTitle         Text // rotated
	xTicks, yTicks []float64
	barX           float64
}

const barW = 10.0

// layout puts the colour's title above the map, the row title and ticks on the left, the colour bar
// and its range on the right and the column ticks and title below: nothing over the map.
func (h *Heat) layout() heatLayout {
	W, H := float64(h.W), float64(h.H)
	var L heatLayout
	var top float64
	var items []headItem
	if h.ZLabel != "" {
		items = append(items, headItem{S: h.ZLabel, Title: true})
	}
	L.texts, _, top = layoutHead(items, 4, W-4, 2)
	top += 8
	bottom := H - 21
	if h.XLabel != "" {
		bottom = H - 36
		L.texts = append(L.texts, Text{X: W - 8, Y: H - 6, Anchor: "end", Size: sizeTick, S: fit(h.XLabel, sizeTick, W-16)})
	}
	lo, hi := h.Range()
	loS, hiS := Label(lo), Label(hi)
	barLabelW := math.Max(TextWidth(loS, sizeTick), TextWidth(hiS, sizeTick))
	right := W - 4 - barLabelW - 4 - barW - 8
	y := Scale{Lo: h.Y0, Hi: h.Y1, P0: bottom, P1: top}
	if h.RowsTopTop {
		y.P0, y.P1 = top, bottom
	}
	L.yTicks = y.Ticks(clampInt(int((bottom-top)/38), 2, 5))
	labelW := 0.0
	for _, t := range L.yTicks {
		labelW = math.Max(labelW, TextWidth(Label(t), sizeTick))
	}
	left := 6.0
	if h.YLabel != "" {
		s := fit(h.YLabel, sizeTick, bottom-top)
		L.yTitle = Text{X: 14, Y: (top + bottom) / 2, Anchor: "middle", Size: sizeTick, S: s}
		left = 20
	}
	left = math.Round(left + labelW + 6)
	x, ticks, xt := xAxis(Scale{Lo: h.X0, Hi: h.X1, P0: left, P1: right}, clampInt(int((right-left)/75), 2, 6), bottom+15, math.Inf(1))
	L.xTicks = ticks
	L.frame = Frame{X: x, Y: y}
	for _, t := range L.yTicks {
		L.texts = append(L.texts, Text{X: left - 6, Y: y.Px(t) + 4, Anchor: "end", Size: sizeTick, S: Label(t)})
	}
	L.texts = append(L.texts, xt...)
	L.barX = right + 8
	L.texts = append(L.texts, Text{X: L.barX + barW + 4, Y: top + 9, Size: sizeTick, S: hiS},
		Text{X: L.barX + barW + 4, Y: bottom, Size: sizeTick, S: loS})
	return L
}

// Frame is the plot area: columns map to X, rows to Y.
func (h *Heat) Frame() Frame { return h.layout().frame }

// Boxes returns the map's area and the estimated box of every label drawn: none covers the map.
func (h *Heat) Boxes() (plot Box, labels []Box) {
	L := h.layout()
	for _, t := range L.texts {
		labels = append(labels, t.Box())
	}
	if L.yTitle.S != "" { // rotated by -90° about its anchor
		w := TextWidth(L.yTitle.S, L.yTitle.Size)
		labels = append(labels, Box{L.yTitle.X - 0.9*L.yTitle.Size, L.yTitle.Y - w/2, L.yTitle.X + 0.25*L.yTitle.Size, L.yTitle.Y + w/2})
	}
	return L.frame.Plot(), labels
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
	L := h.layout()
	P := L.frame.Plot()
	open(&b, h.W, h.H, P)
	if h.Rows == 0 || h.Cols == 0 || len(h.V) < h.Rows*h.Cols {
		msg := h.Empty
		if msg == "" {
			msg = "—"
		}
		Text{X: float64(h.W) / 2, Y: float64(h.H) / 2, Anchor: "middle", Size: sizeEmpty, S: msg}.write(&b)
		b.WriteString(`</svg>`)
		return b.String()
	}
	fmt.Fprintf(&b, `<image x="%g" y="%g" width="%g" height="%g" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/bmp;base64,%s"/>`,
		P.X0, P.Y0, P.X1-P.X0, P.Y1-P.Y0, base64.StdEncoding.EncodeToString(h.BMP()))
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="%s"/>`, P.X0, P.Y0, P.X1-P.X0, P.Y1-P.Y0, inkRule)
	for _, t := range L.texts {
		t.write(&b)
	}
	if t := L.yTitle; t.S != "" {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="%g" fill="%s" transform="rotate(-90 %.1f %.1f)">%s</text>`,
			t.X, t.Y, t.Size, inkAxis, t.X, t.Y, html.EscapeString(t.S))
	}
	// Colour bar.
	lo, hi := h.Range()
	const steps = 24
	for i := 0; i < steps; i++ {
		v := lo + (hi-lo)*float64(i)/float64(steps-1)
		if h.Log {
			v = math.Pow(10, math.Log10(lo)+(math.Log10(hi)-math.Log10(lo))*float64(i)/float64(steps-1))
		}
		c := h.Color(v, lo, hi)
		y := P.Y1 - (P.Y1-P.Y0)*float64(i+1)/steps
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%g" height="%.1f" fill="rgb(%d,%d,%d)"/>`, L.barX, y, barW, (P.Y1-P.Y0)/steps+0.5, c.R, c.G, c.B)
	}
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
