package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rnn-playground/rnn-playground/nn/experiment"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// experimentOptions sets o up to run the guided experiment v.experiment: its runs side by side, at
// lag -T when the experiment sweeps T (0: its default), with -steps, -eval-every and -seed overriding the
// presets when given. Flags that would change a preset otherwise are refused.
func experimentOptions(o *options, v *flagValues) (*options, error) {
	id, set, T := v.experiment, v.set, v.T
	e, err := experiment.ByID(id)
	if err != nil {
		return nil, usagef("-experiment: %v", err)
	}
	for name := range set {
		switch name {
		case "experiment", "T", "steps", "eval-every", "seed", "out", "csv", "plot", "quiet", "print-config":
		default:
			return nil, usagef("-%s cannot be used with -experiment (its runs are presets; use -T, -steps, -eval-every, -seed)", name)
		}
	}
	if set["T"] && len(e.Ts) == 0 {
		return nil, usagef("-T: experiment %s has no lag sweep", id)
	}
	if !set["T"] {
		T = 0
	}
	if set["T"] && !contains(e.Ts, T) {
		return nil, usagef("-T: %d is not one of experiment %s's lags %v", T, id, e.Ts)
	}
	o.cfgs, o.names = e.Configs(T), e.Labels()
	for i := range o.cfgs {
		if set["steps"] {
			o.cfgs[i].Steps = v.steps
		}
		if set["eval-every"] {
			o.cfgs[i].EvalEvery = v.evalEvery
		}
		if set["seed"] {
			o.cfgs[i].Seed = v.seed
		}
		if err := o.cfgs[i].Validate(); err != nil {
			return nil, usagef("-experiment %s, run %s: %v", id, o.names[i], err)
		}
	}
	o.experiment = &e
	return o, nil
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// writeExperimentNotes writes README.md into the plot directory: the experiment's title, equation,
// explanation and what to watch, for the slides beside the charts.
func writeExperimentNotes(dir string, e *experiment.Experiment) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n    %s\n\n%s\n\n## What to watch\n\n", e.Title.En, e.Summary.En, e.Equation, e.Explain.En)
	for _, m := range e.Marks {
		who := ""
		if m.Run != "" {
			who = " (" + m.Run + ")"
		}
		if m.To > m.From {
			who += fmt.Sprintf(", x from %g to %g", m.From, m.To)
		}
		fmt.Fprintf(&b, "- %s%s: %s\n", m.Chart, who, m.Caption.En)
	}
	fmt.Fprintf(&b, "\n# %s\n\n%s\n\n%s\n\n## 观察要点\n\n", e.Title.Zh, e.Summary.Zh, e.Explain.Zh)
	for _, m := range e.Marks {
		fmt.Fprintf(&b, "- %s: %s\n", m.Chart, m.Caption.Zh)
	}
	return writeAtomic("plot", filepath.Join(dir, "README.md"), func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err })
}

// plotExperiment adds to the charts of plotRuns what the experiment's marks point at and plotRuns does not
// draw: the attention weights of each run with attention at the last evaluation (attn-N.png/svg, N the run's
// number) and the largest singular value of the recurrent kernel over training (spectra.png/svg), and
// writes the notes (README.md).
func plotExperiment(dir string, e *experiment.Experiment, runs []*train.Run) error {
	for i, r := range runs {
		ev := r.Evals()
		a := ev[len(ev)-1].Attention
		if len(a) == 0 {
			continue
		}
		p := plot.New()
		p.Title.Text = fmt.Sprintf("%s: attention at step %d", e.Runs[i].Label, ev[len(ev)-1].Step)
		p.X.Label.Text, p.Y.Label.Text = "input step s", "output step t"
		h := plotter.NewHeatMap(attnGrid(a), palette.Heat(64, 1))
		h.Min, h.Max = 0, 1
		p.Add(h)
		p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
		if err := savePlot(p, 10*vg.Centimeter, 10*vg.Centimeter, dir, fmt.Sprintf("attn-%d", i+1)); err != nil {
			return err
		}
	}
	if marks(e, experiment.ChartSpectra) {
		p := newChart("largest singular value of W_hh", "step", "σ_max")
		for i, r := range runs {
			var xy plotter.XYs
			for _, ev := range r.Evals() {
				if len(ev.Spectra) > 0 && len(ev.Spectra[0].Singular) > 0 {
					xy = appendPos(xy, float64(ev.Step), ev.Spectra[0].Singular[0])
				}
			}
			addLine(p, xy, plotutil.Color(i), nil, e.Runs[i].Label)
		}
		if err := savePlot(p, 16*vg.Centimeter, 10*vg.Centimeter, dir, "spectra"); err != nil {
			return err
		}
	}
	if err := plotDC(dir, e, runs); err != nil {
		return err
	}
	if marks(e, experiment.ChartGatesTime) {
		if err := plotGates(dir, e, runs); err != nil {
			return err
		}
	}
	return writeExperimentNotes(dir, e)
}

// plotDC draws ‖∂L/∂c_t‖ of the LSTM cell state over t at the first and the last evaluation (dc.png/svg),
// when some run is an LSTM.
func plotDC(dir string, e *experiment.Experiment, runs []*train.Run) error {
	p := newChart("‖∂L/∂c_t‖ (LSTM cell state) at the first and last evaluation", "t", "‖∂L/∂c_t‖")
	drawn := false
	for i, r := range runs {
		ev := r.Evals()
		for k, at := range []train.Eval{ev[0], ev[len(ev)-1]} {
			if len(at.DC) == 0 || len(at.DC[len(at.DC)-1]) == 0 {
				continue
			}
			var xy plotter.XYs
			for t, v := range at.DC[len(at.DC)-1] {
				xy = appendPos(xy, float64(t+1), v)
			}
			var dash []vg.Length
			label := fmt.Sprintf("%s, step %d", e.Runs[i].Label, at.Step)
			if k == 0 {
				dash = []vg.Length{vg.Points(4), vg.Points(2)}
			}
			addLine(p, xy, plotutil.Color(i), dash, label)
			drawn = true
		}
	}
	if !drawn {
		return nil
	}
	return savePlot(p, 16*vg.Centimeter, 10*vg.Centimeter, dir, "dc")
}

// carryGates are the gates whose mean shows a carry path opening: the LSTM's forget gate, the GRU's
// update gate.
var carryGates = []string{"f", "z"}

// plotGates draws the mean of each run's carry gate over training (gates.png/svg), the page's
// chart-gates-time.
func plotGates(dir string, e *experiment.Experiment, runs []*train.Run) error {
	p := newChart("gate means over training (LSTM forget f, GRU update z)", "step", "mean activation")
	for i, r := range runs {
		for _, g := range carryGates {
			var xy plotter.XYs
			for _, ev := range r.Evals() {
				if m, ok := ev.GateMeans[g]; ok {
					xy = append(xy, plotter.XY{X: float64(ev.Step), Y: m[0]})
				}
			}
			if len(xy) > 0 {
				addLine(p, xy, plotutil.Color(i), nil, e.Runs[i].Label+" "+g)
			}
		}
	}
	for _, ext := range []string{"png", "svg"} {
		if err := p.Save(16*vg.Centimeter, 10*vg.Centimeter, filepath.Join(dir, "gates."+ext)); err != nil {
			return err
		}
	}
	return nil
}

func marks(e *experiment.Experiment, c experiment.Chart) bool {
	for _, m := range e.Marks {
		if m.Chart == c {
			return true
		}
	}
	return false
}

// attnGrid is attention weights [t][s] as a heat map grid: x the input step, y the output step (drawn
// from the top, as in the page's heatmap, by an inverted y scale).
type attnGrid [][]float64

func (g attnGrid) Dims() (c, r int)   { return len(g[0]), len(g) }
func (g attnGrid) Z(c, r int) float64 { return g[r][c] }
func (g attnGrid) X(c int) float64    { return float64(c + 1) }
func (g attnGrid) Y(r int) float64    { return float64(r + 1) }
