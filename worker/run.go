package worker

import (
	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// The worker trains with nn/train: its types are the messages' types.
type (
	Config     = train.Config
	Record     = train.Record
	ClipConfig = nn.ClipConfig
)

// Eval is a trainer's evaluation as the page receives it.
type Eval struct {
	train.Eval
}

// run is one trainer run and how much of it the page has been sent.
type run struct {
	r               *train.Run
	sentRec, sentEv int  // the steps of the last record and evaluation sent (sentEv -1: none)
	sampled         bool // a text was generated (sample.go), at step sampledAt
	sampledAt       int
	noHidden        bool // the page does not draw this run's hidden states: its evaluations go without
}

// step trains one step and adds to u what is new: records, evaluations, the stop reason.
func (s *run) step(u *RunUpdate, temp float64) {
	s.r.Step(1)
	s.collect(u, temp)
}

func (s *run) collect(u *RunUpdate, temp float64) {
	recs, evs := s.r.RecordsSince(s.sentRec), s.r.EvalsSince(s.sentEv)
	newEval := len(evs) > 0
	for _, rec := range recs {
		if finiteRecord(rec) {
			u.Records = append(u.Records, rec)
		}
		s.sentRec = rec.Step
	}
	for _, ev := range evs {
		e := Eval{Eval: ev}
		if s.noHidden {
			e.Hidden = nil
		}
		sanitize(&e)
		if e.Hidden != nil { // the newest evaluation of an update alone keeps them, as in the trainer
			for k := range u.Evals {
				u.Evals[k].Hidden = nil
			}
		}
		u.Evals = append(u.Evals, e)
		s.sentEv = ev.Step
	}
	u.Step = s.r.StepsDone()
	if done, why := s.r.Done(); done {
		u.Done, u.Reason = true, why.Reason
	}
	if newEval && s.sampleDue() {
		s.addSample(u, temp) // the temperature was checked when it was set
	}
}

// addSample puts the run's generated text (language model only) into u, at temp (0: DefaultTemp).
func (s *run) addSample(u *RunUpdate, temp float64) error {
	if temp == 0 {
		temp = DefaultTemp
	}
	prime, text, err := s.sample(temp)
	if err != nil || text == "" {
		return err
	}
	u.Prime, u.Sample, u.Temp = prime, text, temp
	return nil
}

// newRuns builds the runs of a comparison: they share the task and see the same batches.
func newRuns(cfgs []Config) ([]*run, task.Spec, error) {
	rs, err := train.Compare(cfgs...)
	if err != nil {
		return nil, task.Spec{}, err
	}
	out := make([]*run, len(rs))
	for i, r := range rs {
		out[i] = &run{r: r, sentEv: -1}
	}
	return out, rs[0].Spec(), nil
}

// loadRun starts a run from a saved one: its configuration and weights (the optimiser starts afresh
// and the step count from 0). A bad file is an error and changes nothing.
func loadRun(data []byte) (*run, task.Spec, error) {
	cfg, _, net, err := train.Load(data)
	if err != nil {
		return nil, task.Spec{}, err
	}
	r, err := train.New(cfg)
	if err != nil {
		return nil, task.Spec{}, err
	}
	dst, src := r.Model().Parameters(), net.Parameters()
	if len(dst.W) != len(src.W) {
		return nil, task.Spec{}, errMismatch
	}
	copy(dst.W, src.W)
	return &run{r: r, sentEv: -1}, r.Spec(), nil
}

// Default is the configuration the page starts with: the trainer's default for the default task, made
// quick to watch in a browser (its quick T, a smaller validation set, frequent evaluations) and with no
// step limit short of the trainer's.
func Default() Config {
	c := train.Default(task.DefaultName)
	c.Task.T = task.Lookup(task.DefaultName).QuickT
	c.Task.ValSize = 128
	c.EvalEvery = 20
	c.Steps = train.MaxSteps
	return c
}
