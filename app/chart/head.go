package chart

import (
	"fmt"
	"strings"
)

// headItem is an entry in the band above a chart's plot: the y-axis title (quantity and unit), or the
// key of a reference line (a dashed sample in its colour, then its label). Labels live there, never
// over the data.
type headItem struct {
	S     string
	Color string // a reference line's colour: drawn as a dashed sample before the text
	Title bool
}

// sample is a reference line's dashed key.
type sample struct {
	X0, X1, Y float64
	Color     string
}

const (
	rowH      = 17.0 // one row of the head band
	sampleW   = 18.0 // a dashed key
	sampleGap = 5.0
	itemGap   = 14.0
)

// layoutHead flows items from x0 to x1 in rows from y top (titles wrapped to the width, keys kept
// whole and cut if one alone is too wide) and returns the texts, the keys' samples and the band's
// bottom.
func layoutHead(items []headItem, x0, x1, top float64) (texts []Text, samples []sample, bottom float64) {
	x, row := x0, 0
	used := false
	for _, it := range items {
		size, fill := sizeTick, inkTitle
		if it.Title {
			size = sizeTitle
		}
		pre := 0.0
		if it.Color != "" {
			pre = sampleW + sampleGap
		}
		lines := []string{it.S}
		if it.Title {
			lines = wrap(it.S, size, (x1-x0)/1.12) // bold
		} else {
			lines[0] = fit(it.S, size, x1-x0-pre)
		}
		for _, s := range lines {
			t := Text{S: s, Size: size, Fill: fill, Bold: it.Title}
			w := pre + t.width()
			if used && x+itemGap+w > x1 {
				x, row, used = x0, row+1, false
			}
			if used {
				x += itemGap
			}
			base := top + float64(row)*rowH + 13
			if it.Color != "" {
				samples = append(samples, sample{x, x + sampleW, base - 4, it.Color})
			}
			t.X, t.Y = x+pre, base
			texts = append(texts, t)
			x += w
			used = true
		}
	}
	if len(texts) == 0 {
		return nil, nil, top
	}
	return texts, samples, top + float64(row+1)*rowH
}

func (s sample) write(b *strings.Builder) {
	fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="2" stroke-dasharray="5 3"/>`, s.X0, s.X1, s.Y, s.Y, s.Color)
}

func (s sample) box() Box { return Box{s.X0, s.Y - 1, s.X1, s.Y + 1} }
