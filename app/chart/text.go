package chart

import (
	"fmt"
	"html"
	"strings"
	"unicode"
)

// Box is an axis-aligned rectangle in SVG units (CSS pixels: the page lays a chart out at the width of
// its card), X0 ≤ X1 and Y0 ≤ Y1.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Overlaps reports whether a and b share an interior point.
func (a Box) Overlaps(b Box) bool { return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1 }

// Within reports whether a lies inside b.
func (a Box) Within(b Box) bool { return a.X0 >= b.X0 && a.X1 <= b.X1 && a.Y0 >= b.Y0 && a.Y1 <= b.Y1 }

// Text is one label a chart draws: its anchor point on the baseline, alignment ("start", "middle",
// "end"), font size in px and colour.
type Text struct {
	X, Y   float64
	Anchor string
	Size   float64
	S      string
	Fill   string
	Bold   bool
}

// Font sizes in px. A chart is laid out at the card's width, so these are the sizes on screen: never
// below 11 px, also on a phone.
const (
	sizeTick  = 11.0
	sizeTitle = 12.0
	sizeEmpty = 13.0
	inkTitle  = "#374151" // 10:1 on white
)

// Box is t's extent as TextWidth estimates it (bold 12% wider): the ascent is taken as 0.9 em and the
// descent 0.25 em.
func (t Text) Box() Box {
	w := t.width()
	x0 := t.X
	switch t.Anchor {
	case "middle":
		x0 -= w / 2
	case "end":
		x0 -= w
	}
	return Box{x0, t.Y - 0.9*t.Size, x0 + w, t.Y + 0.25*t.Size}
}

func (t Text) width() float64 {
	if t.Bold {
		return 1.12 * TextWidth(t.S, t.Size)
	}
	return TextWidth(t.S, t.Size)
}

func (t Text) write(b *strings.Builder) {
	anchor := ""
	if t.Anchor != "" && t.Anchor != "start" {
		anchor = ` text-anchor="` + t.Anchor + `"`
	}
	weight := ""
	if t.Bold {
		weight = ` font-weight="600"`
	}
	fill := t.Fill
	if fill == "" {
		fill = inkAxis
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f"%s font-size="%g" fill="%s"%s>%s</text>`, t.X, t.Y, anchor, t.Size, fill, weight, html.EscapeString(t.S))
}

// TextWidth estimates the width in px of s in the charts' sans-serif font at size px. It errs on the
// wide side (DejaVu Sans, the widest of the usual system fonts), so that labels placed apart by it do
// not touch: ideographs one em, Latin letters and digits 0.52–0.95 em by shape.
func TextWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= 0x2E80 && r <= 0xFFEF: // CJK, fullwidth forms
			em += 1
		case strings.ContainsRune("iljtf.,:;'|!()[] ", r):
			em += 0.36
		case strings.ContainsRune("mwMW—‖", r):
			em += 0.95
		case r >= '0' && r <= '9':
			em += 0.64
		case unicode.IsUpper(r):
			em += 0.74
		case unicode.IsLower(r) && r < 0x80:
			em += 0.62
		default:
			em += 0.72
		}
	}
	return em * size
}

// wrap breaks s into lines no wider than width at size px: at spaces, or between ideographs. A single
// word wider than width is cut with an ellipsis.
func wrap(s string, size, width float64) []string {
	var lines []string
	line := ""
	for _, word := range tokens(s) {
		try := line + word
		if line == "" {
			try = strings.TrimLeft(word, " ")
		}
		if TextWidth(try, size) <= width || line == "" {
			line = try
			continue
		}
		lines = append(lines, line)
		line = strings.TrimLeft(word, " ")
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i, l := range lines {
		lines[i] = fit(l, size, width)
	}
	return lines
}

// tokens splits s before each space and around each ideograph, keeping the spaces with the words.
func tokens(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		wide := r >= 0x2E80 && r <= 0xFFEF
		if r == ' ' || wide {
			if cur != "" {
				out = append(out, cur)
			}
			cur = string(r)
			if wide {
				out, cur = append(out, cur), ""
			}
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// fit cuts s with an ellipsis to at most width px at size.
func fit(s string, size, width float64) string {
	if TextWidth(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && TextWidth(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
