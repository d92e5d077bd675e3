package chart

import (
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestScale(t *testing.T) {
	s := Scale{Lo: 0, Hi: 10, P0: 100, P1: 200}
	if s.Px(5) != 150 || s.Value(150) != 5 {
		t.Errorf("linear: %v %v", s.Px(5), s.Value(150))
	}
	l := Scale{Lo: 0.01, Hi: 100, P0: 0, P1: 40, Log: true}
	if math.Abs(l.Px(1)-20) > 1e-9 || math.Abs(l.Value(20)-1) > 1e-9 {
		t.Errorf("log: %v %v", l.Px(1), l.Value(20))
	}
	if got := l.Ticks(4); len(got) != 5 || got[0] != 0.01 || got[4] != 100 {
		t.Errorf("log ticks %v", got)
	}
	if got := (Scale{Lo: 0, Hi: 1}).Ticks(4); len(got) < 3 || len(got) > 6 || got[0] != 0 || got[len(got)-1] != 1 {
		t.Errorf("linear ticks %v", got)
	}
	for v, want := range map[float64]string{0: "0", 0.5: "0.5", 12500: "12.5k", 2e6: "2M", 0.00012: "0.00012", 3: "3"} {
		if got := Label(v); got != want {
			t.Errorf("Label(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestDownsampleKeepsExtremes(t *testing.T) {
	n := 10000
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], y[i] = float64(i), math.Sin(float64(i)/100)
	}
	y[4321], y[777] = 50, -50 // spikes
	dx, dy := Downsample(x, y, 400)
	if len(dx) > 400 || len(dx) < 200 {
		t.Fatalf("%d points", len(dx))
	}
	var hi, lo bool
	for i := range dx {
		hi = hi || (dx[i] == 4321 && dy[i] == 50)
		lo = lo || (dx[i] == 777 && dy[i] == -50)
		if i > 0 && dx[i] <= dx[i-1] {
			t.Fatalf("x not increasing at %d", i)
		}
	}
	if !hi || !lo {
		t.Error("a spike was lost")
	}
	fx, fy := DownsampleFunc(n, 400, func(i int) float64 { return x[i] }, func(i int) float64 { return y[i] })
	if !slices.Equal(fx, dx) || !slices.Equal(fy, dy) {
		t.Error("DownsampleFunc differs from Downsample")
	}
	if sx, _ := Downsample(x[:10], y[:10], 400); len(sx) != 10 {
		t.Error("short input changed")
	}
}

// wellFormed checks that s parses as XML with an svg root.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	first := true
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("not XML: %v\n%.300s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok && first {
			if se.Name.Local != "svg" || se.Name.Space != svgNS {
				t.Fatalf("root %v", se.Name)
			}
			first = false
		}
	}
}

func TestLineSVG(t *testing.T) {
	c := Line{ID: "t", W: 400, H: 200, LogY: true, Series: []Series{
		{Name: "a", Color: "#000", X: []float64{1, 2, 3, 4}, Y: []float64{1, 0.1, math.NaN(), 0.01}},
		{Name: "b <&>", Color: "#f00", X: []float64{1, 4}, Y: []float64{math.MaxFloat64, 0.5}},
	}, Rules: []Rule{{Y: 0.5, Label: "chance"}}, XLabel: "step"}
	s := c.SVG()
	wellFormed(t, s)
	if n := strings.Count(s, "<polyline"); n != 2 {
		t.Errorf("%d polylines", n)
	}
	// The NaN and the off-scale value are skipped: 3 points in a, 1 in b.
	pts := strings.Split(s, `points="`)
	if got := len(strings.Fields(strings.SplitN(pts[1], `"`, 2)[0])); got != 3 {
		t.Errorf("series a: %d points, want 3", got)
	}
	if got := len(strings.Fields(strings.SplitN(pts[2], `"`, 2)[0])); got != 1 {
		t.Errorf("series b: %d points, want 1", got)
	}
	f, _ := c.Frame()
	if f.Y.Lo != 0.01 || f.Y.Hi != 1 {
		t.Errorf("log range %v–%v, want 0.01–1", f.Y.Lo, f.Y.Hi)
	}
	if near := c.Nearest(2.9); near[0] != 2 || near[1] != 1 {
		t.Errorf("nearest %v", near)
	}
	empty := Line{W: 100, H: 50, Empty: "no data"}
	if s := empty.SVG(); !strings.Contains(s, "no data") {
		t.Error("empty chart says nothing")
	}
	wellFormed(t, empty.SVG())
}

func TestHeat(t *testing.T) {
	h := Heat{W: 300, H: 150, Rows: 2, Cols: 3, V: []float64{0, 1, 2, 3, 4, 5}, X0: 1, X1: 3, Y0: 1, Y1: 2}
	b := h.BMP()
	stride := (3*3 + 3) &^ 3
	if string(b[:2]) != "BM" || len(b) != 54+2*stride || int(b[18]) != 3 || int(b[22]) != 2 {
		t.Fatalf("BMP header: % x", b[:30])
	}
	// Row 0 is stored first (bottom-up); value 0 is the colour map's low end.
	lo := h.Color(0, 0, 5)
	if b[54] != lo.B || b[55] != lo.G || b[56] != lo.R {
		t.Error("first pixel is not value 0")
	}
	wellFormed(t, h.SVG())
	if r, c, ok := h.Cell(h.Frame().X.P0+1, h.Frame().Y.P0-1); !ok || r != 0 || c != 0 {
		t.Errorf("cell at bottom-left: %d %d %v", r, c, ok)
	}
	d := Heat{Diverging: true, V: []float64{-2, 1}}
	if lo, hi := d.Range(); lo != -2 || hi != 2 {
		t.Errorf("diverging range %v %v", lo, hi)
	}
}

func TestExamplesSVG(t *testing.T) {
	v := Examples{W: 400, H: 200, Target: "target", Predicted: "predicted", Rows: []ExampleRow{
		{Inputs: [][]float64{{0.1, 0}, {0.9, 1}, {0.3, 0}}, Marks: []int{1}, Target: []string{"0.9"}, Predict: []string{"0.91"}, Text: "sum of marked"},
		{Tokens: []string{"a", "<", "b"}, Target: []string{"b", "a"}, Predict: []string{"b", "b"}},
	}}
	s := v.SVG()
	wellFormed(t, s)
	if !strings.Contains(s, "#15803d") || !strings.Contains(s, "#b91c1c") {
		t.Error("want one right (green) and one wrong (red) prediction")
	}
	if !strings.Contains(s, "&lt;") {
		t.Error("tokens not escaped")
	}
}

func TestAppendTenths(t *testing.T) {
	for _, v := range []float64{0, 0.04, 0.05, 0.96, 1.25, 12.34, 559.95, -3.21, -0.04, 1e6 / 3} {
		if got, want := string(appendTenths(nil, v)), strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64); got != want && !(got == "0.0" && want == "-0.0") {
			t.Errorf("appendTenths(%v) = %s, want %s", v, got, want)
		}
	}
}
