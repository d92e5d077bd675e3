package main

import (
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// plotRuns renders three charts, each as PNG and SVG, into dir:
//
//	loss:     training loss (moving mean) and validation loss per run, with the task's baseline
//	gradnorm: the gradient norm before clipping at every step, the norm applied when clipping acted, and
//	          the clipping threshold
//	dh:       ‖∂L/∂h_t‖ of the last recurrent layer over t at the last evaluation, per run
//
// All three have a logarithmic y axis; points that are not positive and finite are left out. Long runs
// are drawn from their followers' downsampled histories (at most maxPoints points a line).
func plotRuns(dir string, fs []*follower) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	spec := fs[0].r.Spec()

	loss := newChart(spec.Title+": loss", "step", "loss ("+string(spec.Loss)+")")
	grad := newChart(spec.Title+": gradient norm", "step", "‖g‖")
	dh := newChart(spec.Title+": ‖∂L/∂h_t‖ at the last evaluation", "t", "‖∂L/∂h_t‖")
	var last int
	for i, f := range fs {
		r, recs := f.r, f.hist.Records()
		last = max(last, r.StepsDone())
		w := max(1, len(recs)/100)
		var tr, g, post plotter.XYs
		clipped := false
		var sum float64
		for k, rec := range recs {
			sum += rec.Loss
			if k >= w {
				sum -= recs[k-w].Loss
			}
			if k >= w-1 {
				tr = appendPos(tr, float64(rec.Step), sum/float64(w))
			}
			g = appendPos(g, float64(rec.Step), rec.GradNorm)
			post = appendPos(post, float64(rec.Step), rec.PostNorm)
			clipped = clipped || rec.Clipped
		}
		var val plotter.XYs
		for k, x := range f.val.x {
			val = appendPos(val, x, f.val.y[k])
		}
		c := plotutil.Color(i)
		addLine(loss, tr, c, nil, f.name+" train")
		addLine(loss, val, c, []vg.Length{vg.Points(4), vg.Points(2)}, f.name+" validation")
		addLine(grad, g, c, nil, f.name)
		if clipped {
			addLine(grad, post, c, []vg.Length{vg.Points(4), vg.Points(2)}, f.name+" applied (after clipping)")
		}
		if ev := r.Evals(); len(ev) > 0 && len(ev[len(ev)-1].DH) > 0 {
			d := ev[len(ev)-1].DH
			var xy plotter.XYs
			for t, v := range d[len(d)-1] {
				xy = appendPos(xy, float64(t+1), v)
			}
			addLine(dh, xy, c, nil, f.name)
		}
	}
	if spec.Baseline > 0 {
		addLine(loss, plotter.XYs{{X: 0, Y: spec.Baseline}, {X: float64(last), Y: spec.Baseline}},
			color.Gray{Y: 120}, []vg.Length{vg.Points(1), vg.Points(3)}, "baseline")
	}
	if c := fs[0].r.Config().Clip; c.Mode == "norm" {
		addLine(grad, plotter.XYs{{X: 0, Y: c.Threshold}, {X: float64(last), Y: c.Threshold}},
			color.Gray{Y: 120}, []vg.Length{vg.Points(1), vg.Points(3)}, "clip threshold")
	}
	for name, p := range map[string]*plot.Plot{"loss": loss, "gradnorm": grad, "dh": dh} {
		if p.Y.Min > 0 && p.Y.Max > p.Y.Min { // head room for the legend: 40% more decades on top
			p.Y.Max *= math.Pow(p.Y.Max/p.Y.Min, 0.4)
		}
		if err := savePlot(p, 16*vg.Centimeter, 10*vg.Centimeter, dir, name); err != nil {
			return err
		}
	}
	return nil
}

// savePlot writes p as dir/name.png and dir/name.svg, each atomically.
func savePlot(p *plot.Plot, w, h vg.Length, dir, name string) error {
	for _, ext := range []string{"png", "svg"} {
		wt, err := p.WriterTo(w, h, ext)
		if err != nil {
			return err
		}
		err = writeAtomic("plot", filepath.Join(dir, name+"."+ext), func(w io.Writer) error { _, err := wt.WriteTo(w); return err })
		if err != nil {
			return err
		}
	}
	return nil
}

func newChart(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, x, y
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	return p
}

func appendPos(xy plotter.XYs, x, y float64) plotter.XYs {
	if y > 0 && !math.IsInf(y, 0) && !math.IsNaN(y) {
		xy = append(xy, plotter.XY{X: x, Y: y})
	}
	return xy
}

// addLine adds a line, and switches the y axis to a log scale once the chart has data.
func addLine(p *plot.Plot, xy plotter.XYs, c color.Color, dashes []vg.Length, label string) {
	if len(xy) == 0 {
		return
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return
	}
	l.Color, l.Dashes, l.Width = c, dashes, vg.Points(1)
	p.Add(l)
	p.Legend.Add(label, l)
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
}

// logTicks are gonum's log-scale ticks with short labels (1e-05 rather than 9.999999999999998e-06).
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.LogTicks{Prec: -1}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', 3, 64)
		}
	}
	return ts
}
