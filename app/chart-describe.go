package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/chart"
)

// description is the card's text alternative: what the chart shows now, in words and numbers.
func (c *chartCard) description() string {
	lang := c.Lang
	switch {
	case c.lastLine != nil:
		return describeLine(lang, c.lastLine)
	case c.lastHeat != nil:
		return describeHeat(lang, c.lastHeat)
	case c.lastEx != nil:
		return describeExamples(lang, c.lastEx)
	}
	return ""
}

// describeLine names the y quantity, then each series' first and latest values with their x, then the
// reference lines: "LSTM · validation: 0.25 at training step 0, 0.021 at training step 340."
func describeLine(lang string, l *chart.Line) string {
	parts := []string{l.YLabel + "."}
	n := 0
	for _, s := range l.Series {
		x0, y0, x1, y1, ok := s.Ends()
		if !ok {
			continue
		}
		n++
		parts = append(parts, fmt.Sprintf(tr(lang, "desc.series"), s.Name, chart.Label(y0), l.XLabel, chart.Label(x0), chart.Label(y1), chart.Label(x1)))
	}
	if n == 0 {
		return l.YLabel + ". " + l.Empty
	}
	for _, r := range l.Rules {
		parts = append(parts, fmt.Sprintf(tr(lang, "desc.rule"), r.Label))
	}
	return strings.Join(parts, " ")
}

// describeHeat gives the axes' ranges, the colour's range and the latest column from its first row to
// its last.
func describeHeat(lang string, h *chart.Heat) string {
	if h.Rows == 0 || h.Cols == 0 || len(h.V) < h.Rows*h.Cols {
		return h.ZLabel + ". " + h.Empty
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range h.V {
		if chart.Finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	c := h.Cols - 1
	first, last := h.V[c], h.V[(h.Rows-1)*h.Cols+c]
	return fmt.Sprintf(tr(lang, "desc.heat"), h.ZLabel, h.XLabel, chart.Label(h.X0), chart.Label(h.X1), h.YLabel, chart.Label(h.Y0), chart.Label(h.Y1),
		chart.Label(lo), chart.Label(hi), chart.Label(first), chart.Label(last))
}

// describeExamples lists each example's target and prediction.
func describeExamples(lang string, v *chart.Examples) string {
	if len(v.Rows) == 0 {
		return v.Empty
	}
	var parts []string
	for i, r := range v.Rows {
		parts = append(parts, fmt.Sprintf(tr(lang, "desc.example"), i+1, strings.Join(r.Target, " "), strings.Join(r.Predict, " ")))
	}
	return strings.Join(parts, " ")
}
