package chart

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// ExampleRow is one validation example: its inputs over time (first feature shown as a value strip),
// the marked steps, and the targets against the predictions — or generated text.
type ExampleRow struct {
	Inputs  [][]float64
	Marks   []int
	Target  []float64
	Predict []float64
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
	fmt.Fprintf(&b, `<svg xmlns="%s" viewBox="0 0 %d %d" width="100%%" class="chart" %s font-size="12">`, svgNS, v.W, v.H, font)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, v.W, v.H)
	if len(v.Rows) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="%s" font-size="13">%s</text></svg>`, W/2, H/2, inkAxis, html.EscapeString(v.Empty))
		return b.String()
	}
	rowH := (H - 10) / float64(len(v.Rows))
	stripW := W * 0.62
	for i, r := range v.Rows {
		y := 5 + float64(i)*rowH
		if r.Text != "" {
			fmt.Fprintf(&b, `<text x="8" y="%.1f" fill="#111827" font-family="ui-monospace,monospace">%s</text>`, y+rowH/2, html.EscapeString(r.Text))
			continue
		}
		T := len(r.Inputs)
		if T == 0 {
			continue
		}
		cw := stripW / float64(T)
		ch := math.Min(rowH*0.5, 34)
		top := y + (rowH-ch)/2
		marked := map[int]bool{}
		for _, t := range r.Marks {
			marked[t] = true
		}
		for t, x := range r.Inputs {
			val := 0.0
			if len(x) > 0 {
				val = x[0]
			}
			c := viridis(math.Max(0, math.Min(1, val)))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="rgb(%d,%d,%d)"/>`, 8+float64(t)*cw, top, cw, ch, c.R, c.G, c.B)
		}
		for t := range marked {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#D55E00" stroke-width="3"/>`, 8+float64(t)*cw, top-3, cw, ch+6)
			if t < T && len(r.Inputs[t]) > 0 && cw >= 16 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#D55E00" font-size="10">%.2f</text>`, 8+(float64(t)+0.5)*cw, top-6, r.Inputs[t][0])
			}
		}
		var tgt, prd []string
		worst := 0.0
		for k := range r.Target {
			tgt = append(tgt, fmt.Sprintf("%.2f", r.Target[k]))
			if k < len(r.Predict) {
				prd = append(prd, fmt.Sprintf("%.2f", r.Predict[k]))
				worst = math.Max(worst, math.Abs(r.Predict[k]-r.Target[k]))
			}
		}
		col := "#15803d"
		if worst > 0.1 {
			col = "#b91c1c"
		} else if worst > 0.04 {
			col = "#b45309"
		}
		x := 8 + stripW + 16
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s">%s <tspan font-weight="600" fill="#111827">%s</tspan></text>`, x, y+rowH/2-4, inkAxis, html.EscapeString(v.Target), strings.Join(tgt, " "))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s">%s <tspan font-weight="600" fill="%s">%s</tspan></text>`, x, y+rowH/2+14, inkAxis, html.EscapeString(v.Predicted), col, strings.Join(prd, " "))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
