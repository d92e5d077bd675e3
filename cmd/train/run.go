package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// chunk is how many steps each run takes before the next one's turn (and a progress update).
const chunk = 10

func printConfigs(o *options, stdout io.Writer) error {
	for _, c := range o.cfgs {
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	}
	return nil
}

// checkOutputs makes sure, before any training, that every output can be written.
func checkOutputs(o *options) error {
	for _, f := range []struct{ flag, path string }{{"out", o.out}, {"csv", o.csv}, {"save", o.save}} {
		if f.path != "" {
			if err := checkOutputFile(f.flag, f.path); err != nil {
				return err
			}
		}
	}
	if o.plot != "" {
		return checkOutputDir("plot", o.plot)
	}
	return nil
}

// trainRuns trains the configured runs side by side, writes the records, and saves and plots at the end.
// Every output is checked before training and written atomically.
func trainRuns(o *options, stdout, stderr io.Writer) error {
	if err := checkOutputs(o); err != nil {
		return err
	}
	runs, err := newRuns(o)
	if err != nil {
		return usageError{err.Error()}
	}
	defer func() {
		for _, r := range runs {
			r.Close()
		}
	}()
	out, err := openOutputs(o, stdout)
	defer out.abort() // after a failure; committed files are gone from the list
	if err != nil {
		return err
	}
	fs, err := trainAll(o, runs, out, stderr)
	if err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return err
	}
	summary := stdout
	if o.out == "-" || o.csv == "-" {
		summary = stderr
	}
	summarize(summary, o, runs)
	return saveAndPlot(o, runs, fs)
}

// trainAll steps the runs in turns of chunk steps until all are done, writing every record to out and
// drawing the progress bar on stderr; it returns the followers that read the runs' records.
func trainAll(o *options, runs []*train.Run, out *outputs, stderr io.Writer) ([]*follower, error) {
	fs := make([]*follower, len(runs))
	total := 0
	for i, r := range runs {
		fs[i] = newFollower(o.names[i], r)
		total += r.Config().Steps
	}
	bar := newProgress(stderr, total, !o.quiet && isTerminal(stderr))
	for active := true; active; {
		active = stepAll(runs, chunk, o.workers)
		for _, f := range fs {
			if err := f.read(out.write); err != nil {
				return nil, err
			}
		}
		bar.update(fs)
	}
	bar.finish()
	return fs, nil
}

// summarize writes a line per run: where and why it stopped and its last validation scores against the
// task's baselines; and for a seed sweep, the sweep's summary.
func summarize(w io.Writer, o *options, runs []*train.Run) {
	for i, r := range runs {
		_, why := r.Done()
		e := r.Evals()[len(r.Evals())-1]
		s := r.Spec()
		fmt.Fprintf(w, "%s on %s (T=%d): stopped at step %d (%s); val loss %.5g (baseline %.5g), %s %.4g (baseline %.4g)\n",
			o.names[i], s.Name, task.WithDefaults(r.Config().Task).T, why.Step, why.Reason, e.ValLoss, s.Baseline, s.Metric, e.ValMetric, s.BaselineMetric)
	}
	if len(o.seeds) > 0 {
		sweepSummary(w, runs, o.cfgs[0].TargetLoss)
	}
}

// saveAndPlot writes -save (the first run) and -plot (the runs' charts, and the experiment's).
func saveAndPlot(o *options, runs []*train.Run, fs []*follower) error {
	if o.save != "" {
		data, err := runs[0].Save()
		if err != nil {
			return fmt.Errorf("-save: %v", err)
		}
		if err := writeAtomic("save", o.save, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return err
		}
	}
	if o.plot != "" {
		if err := plotRuns(o.plot, fs); err != nil {
			return fmt.Errorf("-plot: %v", err)
		}
		if o.experiment != nil {
			if err := plotExperiment(o.plot, o.experiment, runs); err != nil {
				return fmt.Errorf("-plot: %v", err)
			}
		}
	}
	return nil
}

// outputs are where the records go: -out as JSON lines, -csv as CSV; each a file written atomically, or
// stdout for "-".
type outputs struct {
	json  io.Writer   // nil without -out
	csv   *csv.Writer // nil without -csv
	files []*atomicFile
}

// openOutputs opens -out and -csv and writes the CSV header.
func openOutputs(o *options, stdout io.Writer) (*outputs, error) {
	out := &outputs{}
	open := func(name string) (io.Writer, error) {
		if name == "-" {
			return stdout, nil
		}
		f, err := createAtomic(name)
		if err != nil {
			return nil, err
		}
		out.files = append(out.files, f)
		return f, nil
	}
	var err error
	if o.out != "" {
		if out.json, err = open(o.out); err != nil {
			return out, fmt.Errorf("-out: %v", err)
		}
	}
	if o.csv != "" {
		cw, err := open(o.csv)
		if err != nil {
			return out, fmt.Errorf("-csv: %v", err)
		}
		out.csv = csv.NewWriter(cw)
		out.csv.Write(csvHeader)
	}
	return out, nil
}

// write writes one evaluation's line to every output.
func (out *outputs) write(l line) error {
	if out.json != nil {
		b, _ := json.Marshal(l)
		if _, err := fmt.Fprintf(out.json, "%s\n", b); err != nil {
			return fmt.Errorf("-out: %v", err)
		}
	}
	if out.csv != nil {
		return out.csv.Write(l.csv())
	}
	return nil
}

// commit flushes the CSV and puts every file in its place.
func (out *outputs) commit() error {
	if out.csv != nil {
		out.csv.Flush()
		if err := out.csv.Error(); err != nil {
			return fmt.Errorf("-csv: %v", err)
		}
	}
	for _, f := range out.files {
		if err := f.Commit(); err != nil {
			return fmt.Errorf("writing %s: %v", f.path, err)
		}
	}
	out.files = nil
	return nil
}

// abort removes the files not committed.
func (out *outputs) abort() {
	for _, f := range out.files {
		f.Abort()
	}
}

// line is one evaluation as written by -out: the step's record, the mean loss since the previous
// evaluation, the validation scores and ‖∂L/∂h_t‖ of the last recurrent layer.
type line struct {
	Run         string    `json:"run"`
	Step        int       `json:"step"`
	Loss        jnum      `json:"loss"`      // loss of this step's batch (null at step 0)
	LossMean    jnum      `json:"loss_mean"` // mean batch loss since the previous evaluation
	ValLoss     jnum      `json:"val_loss"`
	ValMetric   jnum      `json:"val_metric"`
	GradNorm    jnum      `json:"grad_norm"` // before clipping
	PostNorm    jnum      `json:"post_norm"` // after clipping
	Clipped     bool      `json:"clipped"`
	ClippedFrac jnum      `json:"clipped_frac"` // fraction of steps clipped since the previous evaluation
	LR          jnum      `json:"lr"`
	WallMS      jnum      `json:"wall_ms"`
	DHNorms     []float64 `json:"dh_norms"`
	DCNorms     []float64 `json:"dc_norms,omitempty"` // ‖∂L/∂c_t‖ of the same layer's cell state (LSTM)
	// GateMeans: each gate's mean activation per recurrent layer ("f", "i", "o" LSTM; "z", "r" GRU).
	GateMeans map[string][]float64 `json:"gate_means,omitempty"`
	Skipped   string               `json:"skipped,omitempty"` // why this step's update was skipped (nn.Optimizer.Step)
}

var csvHeader = []string{"run", "step", "loss", "loss_mean", "val_loss", "val_metric", "grad_norm", "post_norm", "clipped", "clipped_frac", "lr", "wall_ms"}

func (l line) csv() []string {
	return []string{l.Run, strconv.Itoa(l.Step), l.Loss.String(), l.LossMean.String(), l.ValLoss.String(),
		l.ValMetric.String(), l.GradNorm.String(), l.PostNorm.String(), strconv.FormatBool(l.Clipped),
		l.ClippedFrac.String(), l.LR.String(), l.WallMS.String()}
}

// jnum is a number that JSON writes as null when it is not finite.
type jnum float64

func (v jnum) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(v), 'g', -1, 64), nil
}

func (v jnum) String() string {
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return ""
	}
	return strconv.FormatFloat(float64(v), 'g', -1, 64)
}

// progress draws a bar with the loss and the time left on a terminal.
type progress struct {
	w     io.Writer
	total int
	on    bool
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, total int, on bool) *progress {
	return &progress{w: w, total: total, on: on, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) update(fs []*follower) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	done := 0
	status := ""
	for _, f := range fs {
		done += f.r.StepsDone()
		if isDone, _ := f.r.Done(); isDone {
			done += f.r.Config().Steps - f.r.StepsDone()
		}
		if f.rec > 0 {
			status += fmt.Sprintf(" %s %.4g", f.name, f.last.Loss)
		}
	}
	frac := float64(done) / float64(p.total)
	const width = 30
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if float64(i) < frac*width {
			bar[i] = '#'
		}
	}
	eta := "?"
	if frac > 0 {
		el := time.Since(p.start)
		eta = (time.Duration(float64(el)/frac) - el).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%d loss%s  ETA %s   ", bar, done, p.total, status, eta)
}

func (p *progress) finish() {
	if p.on {
		fmt.Fprintf(p.w, "\r%*s\r", 100, "")
	}
}
