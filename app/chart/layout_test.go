package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// checkBoxes fails when a label leaves the chart, covers the plot area or touches another label.
func checkBoxes(t *testing.T, name string, W, H int, plot Box, labels []Box) {
	t.Helper()
	all := Box{0, 0, float64(W), float64(H)}
	if !plot.Within(all) || plot.X1-plot.X0 < 100 || plot.Y1-plot.Y0 < 60 {
		t.Errorf("%s: plot area %+v in %dx%d", name, plot, W, H)
	}
	for i, a := range labels {
		if !a.Within(all) {
			t.Errorf("%s: label %d %+v outside the %dx%d chart", name, i, a, W, H)
		}
		if a.Overlaps(plot) {
			t.Errorf("%s: label %d %+v covers the plot %+v", name, i, a, plot)
		}
		for j := i + 1; j < len(labels); j++ {
			if a.Overlaps(labels[j]) {
				t.Errorf("%s: labels %d %+v and %d %+v overlap", name, i, a, j, labels[j])
			}
		}
	}
}

var fontSize = regexp.MustCompile(`font-size="([0-9.]+)"`)

// checkFonts fails when the SVG has text below 11 px (it is drawn at its own size on the page).
func checkFonts(t *testing.T, name, svg string) {
	t.Helper()
	for _, m := range fontSize.FindAllStringSubmatch(svg, -1) {
		if v, _ := strconv.ParseFloat(m[1], 64); v < 11 {
			t.Errorf("%s: font-size %s px", name, m[1])
		}
	}
}

// Reference labels, titles and ticks are laid out around the plot, never over it, at a phone's card
// width as at a desktop's, in English and Chinese.
func TestLabelsStayOffThePlot(t *testing.T) {
	steps := make([]float64, 600)
	loss := make([]float64, 600)
	for i := range steps {
		steps[i], loss[i] = float64(i+1), 0.2*math.Exp(-float64(i)/150)+1e-3
	}
	for _, W := range []int{300, 342, 420, 560, 900} {
		H := max(200, W*2/5)
		for _, lang := range []struct{ y, chance, clip, x string }{
			{"loss: mean squared error (MSE)", "chance 0.167", "clip threshold 1", "training step"},
			{"损失：均方误差 (MSE)", "随机基线 0.167", "裁剪阈值 1", "训练步"},
		} {
			for _, log := range []bool{false, true} {
				c := Line{ID: "t", W: W, H: H, LogY: log, YLabel: lang.y, XLabel: lang.x, Series: []Series{
					{Name: "LSTM · training", Color: Color(0), X: steps, Y: loss},
					{Name: "LSTM · validation", Color: Color(0), X: steps, Y: loss, Dash: true},
				}, Rules: []Rule{{Y: 1.0 / 6, Label: lang.chance}, {Y: 0.05, Label: lang.clip, Color: ThresholdColor}}}
				name := lang.y + " W=" + strconv.Itoa(W)
				plot, labels := c.Boxes()
				if len(labels) < 8 {
					t.Errorf("%s: only %d labels", name, len(labels))
				}
				checkBoxes(t, name, W, H, plot, labels)
				svg := c.SVG()
				wellFormed(t, svg)
				checkFonts(t, name, svg)
				for _, s := range []string{lang.chance, lang.clip, lang.y} {
					if !strings.Contains(svg, ">"+s+"<") {
						t.Errorf("%s: %q not drawn whole", name, s)
					}
				}
			}
		}
		h := Heat{W: W, H: H, Rows: 50, Cols: 120, V: make([]float64, 50*120), Log: true, X0: 0, X1: 3000, Y0: 1, Y1: 50,
			XLabel: "training step", YLabel: "time step t", ZLabel: "‖∂L/∂hₜ‖, mean over the validation set (log colour)"}
		for i := range h.V {
			h.V[i] = math.Pow(10, -float64(i%50)/7)
		}
		plot, labels := h.Boxes()
		checkBoxes(t, "heat W="+strconv.Itoa(W), W, H, plot, labels)
		svg := h.SVG()
		wellFormed(t, svg)
		checkFonts(t, "heat", svg)
	}
}
