package worker

import (
	"fmt"
	"math"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
)

// This file is the stand-in trainer used until nn/train and nn/task land: the adding problem on a
// recurrent model, driven through nn.TrainStep. Its types keep the JSON shape of train.Config,
// train.Record and train.Eval so that URLs and files stay valid when it is replaced.

// ClipConfig is the engine's clipping choice.
type ClipConfig = nn.ClipConfig

// TaskConfig chooses the task and its knobs.
type TaskConfig struct {
	Name string `json:"name"`
	T    int    `json:"T,omitempty"`
}

// ModelSpec is what a user chooses about the model.
type ModelSpec struct {
	Cell    string        `json:"cell"`
	Layers  int           `json:"layers"`
	Hidden  int           `json:"hidden"`
	Init    nn.InitConfig `json:"init,omitzero"`
	Dropout float64       `json:"dropout,omitempty"`
}

// Config is one run's configuration.
type Config struct {
	Task      TaskConfig     `json:"task"`
	Model     ModelSpec      `json:"model"`
	Optimizer nn.OptimConfig `json:"optimizer"`
	Clip      ClipConfig     `json:"clip"`
	Batch     int            `json:"batch"`
	Seed      uint64         `json:"seed"`
	EvalEvery int            `json:"eval_every,omitempty"`
}

// Default returns the configuration the page starts with.
func Default() Config {
	return Config{
		Task:      TaskConfig{Name: "adding", T: 20},
		Model:     ModelSpec{Cell: "lstm", Layers: 1, Hidden: 32},
		Optimizer: nn.OptimConfig{Name: "adam", LR: 0.01},
		Clip:      ClipConfig{Mode: "norm", Threshold: 1},
		Batch:     32,
		Seed:      1,
		EvalEvery: 10,
	}
}

// Validate checks c, naming the field at fault.
func (c *Config) Validate() error {
	if c.Task.Name != "adding" {
		return fmt.Errorf("task.name: unknown %q (want adding)", c.Task.Name)
	}
	if c.Task.T < 2 || c.Task.T > 1000 {
		return fmt.Errorf("task.T: %d is outside [2, 1000]", c.Task.T)
	}
	if c.Model.Layers < 1 || c.Model.Layers > nn.MaxLayers {
		return fmt.Errorf("model.layers: %d is outside [1, %d]", c.Model.Layers, nn.MaxLayers)
	}
	if c.Batch < 1 || c.Batch > 1024 {
		return fmt.Errorf("batch: %d is outside [1, 1024]", c.Batch)
	}
	if err := c.Optimizer.Validate(); err != nil {
		return err
	}
	if err := c.Clip.Validate(); err != nil {
		return err
	}
	mc := c.modelConfig()
	return mc.Validate()
}

func (c *Config) modelConfig() nn.ModelConfig {
	var ls []nn.LayerConfig
	for i := 0; i < c.Model.Layers; i++ {
		ls = append(ls, nn.LayerConfig{Type: c.Model.Cell, Units: c.Model.Hidden, ReturnSequences: i < c.Model.Layers-1, Init: c.Model.Init})
	}
	ls = append(ls, nn.LayerConfig{Type: "dense", Units: 1, Activation: "linear"})
	return nn.ModelConfig{Input: 2, Layers: ls, Loss: nn.MSE}
}

// Record is what one training step reports.
type Record struct {
	Step     int     `json:"step"`
	Loss     float64 `json:"loss"`
	GradNorm float64 `json:"grad_norm"`
	PostNorm float64 `json:"post_norm"`
	Clipped  bool    `json:"clipped,omitempty"`
	LR       float64 `json:"lr"`
}

// Gates is the mean activation of each recorded gate of one recurrent layer over time.
type Gates struct {
	Names []string    `json:"names"`
	Mean  [][]float64 `json:"mean"` // [gate][T]
}

// Spectrum is the spectral radius and largest singular values of one recurrent gate block.
type Spectrum struct {
	Param    string    `json:"param"`
	Gate     int       `json:"gate"`
	Radius   float64   `json:"radius"`
	Singular []float64 `json:"singular"`
}

// Example is one validation example for the task's view.
type Example struct {
	Inputs  [][]float64 `json:"inputs"`            // [T][D]
	Marks   []int       `json:"marks,omitempty"`   // marked input steps
	Target  []float64   `json:"target"`            // [Ty·K]
	Predict []float64   `json:"predict"`           // [Ty·K]
	Text    string      `json:"text,omitempty"`    // generated text (language model)
	Caption string      `json:"caption,omitempty"` // one line that says what is shown
}

// Eval is a periodic evaluation of one run on the validation set, with the instruments.
type Eval struct {
	Step       int                `json:"step"`
	ValLoss    float64            `json:"val_loss"`
	ValMetric  float64            `json:"val_metric"`
	Layers     []string           `json:"layers"`
	DH         [][]float64        `json:"dh"`    // [layer][T] ‖∂L/∂h_t‖ of the latest training step
	Gates      []Gates            `json:"gates"` // per recurrent layer
	Spectra    []Spectrum         `json:"spectra"`
	GroupNorms map[string]float64 `json:"group_norms"` // pre-clip gradient norm per parameter group
	Hidden     [][]float64        `json:"hidden"`      // [T][H] first recurrent layer, validation example 0
	Attention  [][]float64        `json:"attention,omitempty"`
	Examples   []Example          `json:"examples"`
}

// Spec describes the task for the page's labels and baselines.
type Spec struct {
	Metric         string  `json:"metric"`
	HigherIsBetter bool    `json:"higher_is_better"`
	Baseline       float64 `json:"baseline"`        // loss of the best constant prediction
	BaselineMetric float64 `json:"baseline_metric"` // metric of the best constant prediction
}

// TaskSpec returns the spec of c's task: for the adding problem the best constant guess is 1, whose
// squared error is Var(u1+u2) = 1/6, and the metric is the share of answers within 0.04.
func TaskSpec(c TaskConfig) Spec {
	return Spec{Metric: "accuracy", HigherIsBetter: true, Baseline: 1.0 / 6, BaselineMetric: 0.0784}
}

// run is one model training on the adding problem.
type run struct {
	cfg   Config
	model *nn.Model
	opt   *nn.Optimizer
	data  *nn.RNG
	batch nn.Batch
	val   nn.Batch
	st    nn.StepStats
	step  int
	done  bool
	why   string

	trainTime, evalTime time.Duration // spent so far, for the evaluation budget
	lastEval            time.Time
	evalStep            int // step of the latest evaluation
}

const valSize = 256

func newRun(c Config) (*run, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	root := nn.NewRNG(c.Seed)
	model, err := nn.NewModel(c.modelConfig(), root.Split(1))
	if err != nil {
		return nil, err
	}
	r := &run{cfg: c, model: model, opt: nn.NewOptimizer(c.Optimizer, model.Params), data: root.Split(2), lastEval: time.Now()}
	adding(&r.val, nn.NewRNG(c.Seed^0x5eed).Split(3), valSize, c.Task.T)
	return r, nil
}

// adding fills b with B examples of the adding problem of length T: inputs (u_t, m_t) with u uniform in
// [0, 1) and exactly two marks, one in each half; the target is the sum of the two marked values.
func adding(b *nn.Batch, rng *nn.RNG, B, T int) {
	b.Resize(T, B, 2, 1, 1, false, false)
	for i := 0; i < B; i++ {
		for t := 0; t < T; t++ {
			b.X.V[(t*B+i)*2] = rng.Float64()
		}
		p, q := rng.IntN(T/2), T/2+rng.IntN(T-T/2)
		b.X.V[(p*B+i)*2+1], b.X.V[(q*B+i)*2+1] = 1, 1
		b.Y[i] = b.X.V[(p*B+i)*2] + b.X.V[(q*B+i)*2]
	}
}

// train runs one step and returns its record. A non-finite or exploding loss stops the run; a record
// with non-finite numbers is not returned (ok false), the run's reason says what happened.
func (r *run) train() (rec Record, ok bool) {
	adding(&r.batch, r.data, r.cfg.Batch, r.cfg.Task.T)
	nn.TrainStep(r.model, &r.batch, r.opt, r.cfg.Clip, &r.st)
	r.step++
	rec = Record{Step: r.step, Loss: r.st.Loss, GradNorm: r.st.GradNorm, PostNorm: r.st.PostNorm, Clipped: r.st.Clipped, LR: r.opt.LR}
	finite := !math.IsNaN(r.st.Loss) && !math.IsInf(r.st.Loss, 0) && !math.IsNaN(r.st.GradNorm) && !math.IsInf(r.st.GradNorm, 0)
	if !finite || r.st.Loss > 1e6 || !r.model.Params.Finite() {
		r.done, r.why = true, fmt.Sprintf("diverged at step %d: the loss is %.3g", r.step, r.st.Loss)
	}
	return rec, finite
}

// eval measures the validation loss and reads the instruments.
func (r *run) eval() Eval {
	e := Eval{Step: r.step, GroupNorms: map[string]float64{}}
	// Probes hold the latest training step's backward pass: read them before the validation forward.
	for _, p := range r.model.Probes() {
		e.Layers = append(e.Layers, p.Layer)
		e.DH = append(e.DH, append([]float64(nil), p.DH...))
		g := Gates{Names: p.Gates}
		for k := range p.Gates {
			g.Mean = append(g.Mean, append([]float64(nil), p.GateMean[k*p.T:(k+1)*p.T]...))
		}
		e.Gates = append(e.Gates, g)
	}
	for i, p := range r.model.Params.List {
		if i < len(r.st.GradNorms) {
			n := r.st.GradNorms[i]
			e.GroupNorms[p.Group] = math.Sqrt(e.GroupNorms[p.Group]*e.GroupNorms[p.Group] + n*n)
		}
	}
	for _, s := range nn.Spectra(r.model.Params) {
		sv := s.Singular
		if len(sv) > 8 {
			sv = sv[:8]
		}
		e.Spectra = append(e.Spectra, Spectrum{Param: s.Param, Gate: s.Gate, Radius: s.Radius, Singular: sv})
	}
	e.ValLoss = r.model.Forward(&r.val, false)
	out := r.model.Output()
	var hit int
	for i := 0; i < valSize; i++ {
		if math.Abs(out.V[i]-r.val.Y[i]) < 0.04 {
			hit++
		}
	}
	e.ValMetric = float64(hit) / valSize
	for _, l := range r.model.Layers {
		if rec, ok := l.(*nn.Recurrent); ok {
			B, H := r.val.X.B, rec.H
			for t := 1; t <= r.val.X.T; t++ {
				e.Hidden = append(e.Hidden, append([]float64(nil), rec.Hs[t*B*H:t*B*H+H]...))
			}
			break
		}
	}
	for i := 0; i < 3; i++ {
		e.Examples = append(e.Examples, r.example(out, i))
	}
	return e
}

func (r *run) example(out *nn.Seq, i int) Example {
	b := &r.val
	x := Example{Target: []float64{b.Y[i]}, Predict: []float64{out.V[i]}}
	for t := 0; t < b.X.T; t++ {
		v := b.X.V[(t*b.X.B+i)*2 : (t*b.X.B+i)*2+2]
		x.Inputs = append(x.Inputs, []float64{v[0], v[1]})
		if v[1] == 1 {
			x.Marks = append(x.Marks, t)
		}
	}
	return x
}
