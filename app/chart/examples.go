package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// ExampleRow is one validation example as the task shows it: real inputs over time (the first feature
// drawn as a value strip) or input tokens, the marked steps, the targets against the predictions as
// text, and a one-line summary.
type ExampleRow struct {
	Inputs  [][]float64
	Tokens  []string
	Marks   []int
	Target  []string
	Predict []string
	Text    string
}

// Examples draws a task's view of a few validation examples.
type Examples struct {
	W, H              int
	Rows              []ExampleRow
	Empty             string
	Target, Predicted string // labels
}

// SVG renders the examples one under the other.
func (v *Examples) SVG() string {
	var b strings.Builder
	W, H := float64(v.W), float64(v.H)
	open(&b, v.W, v.H, Box{8, 5, W - 8, H - 5})
	if len(v.Rows) == 0 {
		Text{X: W / 2, Y: H / 2, Anchor: "middle", Size: sizeEmpty, S: v.Empty}.write(&b)
		b.WriteString(`</svg>`)
		return b.String()
	}
	rowH := (H - 10) / float64(len(v.Rows))
	for i, r := range v.Rows {
		y := 5 + float64(i)*rowH
		v.row(&b, r, y, rowH)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func (v *Examples) row(b *strings.Builder, r ExampleRow, y, rowH float64) {
	W := float64(v.W)
	stripW := W - 16
	top := y + 22
	ch := math.Max(16, math.Min(rowH*0.45, 90))
	marked := map[int]bool{}
	for _, t := range r.Marks {
		marked[t] = true
	}
	T := max(len(r.Inputs), len(r.Tokens))
	if T > 0 {
		cw := stripW / float64(T)
		for t := 0; t < T; t++ {
			x := 8 + float64(t)*cw
			if t < len(r.Tokens) {
				fill := "#f1f5f9"
				if marked[t] {
					fill = "#fde68a"
				}
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff"/>`, x, top, cw, ch, fill)
				if cw >= 14 { // a token's text at 11 px or more, or none (the table has them all)
					fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="middle" font-family="ui-monospace,monospace" font-size="%.0f" fill="#111827">%s</text>`,
						x+cw/2, top+ch/2, math.Max(11, math.Min(13, cw*0.8)), html.EscapeString(r.Tokens[t]))
				}
				continue
			}
			val := 0.0
			if len(r.Inputs[t]) > 0 {
				val = r.Inputs[t][0]
			}
			c := viridis(math.Max(0, math.Min(1, (val+1)/2)))
			if val >= 0 && val <= 1 {
				c = viridis(val)
			}
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="rgb(%d,%d,%d)"/>`, x, top, cw+0.3, ch, c.R, c.G, c.B)
		}
		for t := range marked {
			if t < 0 || t >= T {
				continue
			}
			x := 8 + float64(t)*cw
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="%s" stroke-width="3"/>`, x, top-3, cw, ch+6, MarkColor)
			if t < len(r.Inputs) && len(r.Inputs[t]) > 0 && cw >= 18 {
				fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s" font-size="12" font-weight="600">%.2f</text>`, x+cw/2, top-7, MarkColor, r.Inputs[t][0])
			}
		}
	}
	col := "#15803d"
	if !close(r.Target, r.Predict) {
		col = "#b91c1c"
	}
	ty := top + ch + 22
	n := int((W - 16) / TextWidth("0", 14) / 2) // characters of target and prediction that fit
	fmt.Fprintf(b, `<text x="8" y="%.1f" fill="%s" font-size="14">%s <tspan font-weight="600" fill="#111827">%s</tspan>  ·  %s <tspan font-weight="600" fill="%s">%s</tspan></text>`,
		ty, inkAxis, html.EscapeString(v.Target), html.EscapeString(clip(strings.Join(r.Target, " "), n)),
		html.EscapeString(v.Predicted), col, html.EscapeString(clip(strings.Join(r.Predict, " "), n)))
	if r.Text != "" {
		fmt.Fprintf(b, `<text x="8" y="%.1f" fill="%s" font-size="12">%s</text>`, ty+20, inkAxis, html.EscapeString(clip(r.Text, int((W-16)/TextWidth("a", 12)))))
	}
}

// close reports whether the prediction matches the target: numbers within 0.04 (the adding problem's
// tolerance) or within 10%, other outputs exactly.
func close(target, pred []string) bool {
	if len(target) != len(pred) {
		return false
	}
	for i := range target {
		a, e1 := strconv.ParseFloat(target[i], 64)
		b, e2 := strconv.ParseFloat(pred[i], 64)
		if e1 == nil && e2 == nil {
			if math.Abs(a-b) > math.Max(0.04, 0.1*math.Abs(a)) {
				return false
			}
		} else if target[i] != pred[i] {
			return false
		}
	}
	return true
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
