package worker

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"
)

// Session is the worker's state: the runs and what they produced since the last message.
type Session struct {
	runs    []*run
	pending []RunUpdate
	playing bool

	// speed: steps and time spent training since the last progress message
	steps int
	spent time.Duration
	sent  time.Time // when the last progress message left
}

// Playing reports whether the play loop should keep calling Tick.
func (s *Session) Playing() bool { return s.playing }

// Handle answers one command (JSON) with one message (JSON). A panic is caught and reported as a crash.
func (s *Session) Handle(data []byte) (reply []byte) {
	defer s.recover(&reply)
	var c Command
	if err := json.Unmarshal(data, &c); err != nil {
		return s.fail(fmt.Errorf("command: %v", err))
	}
	switch c.Op {
	case "init":
		if err := s.init(c.Configs); err != nil {
			return s.fail(err)
		}
	case "play":
		s.playing = len(s.runs) > 0
	case "pause":
		s.playing = false
	case "step":
		n := max(1, min(c.N, 1000))
		start := time.Now()
		for range n {
			s.trainAll()
		}
		s.spent += time.Since(start)
		s.evalStale()
	case "set":
		for _, r := range s.runs {
			if c.LR > 0 {
				if c.LR > 10 {
					return s.fail(fmt.Errorf("optimizer.lr: %v is outside (0, 10]", c.LR))
				}
				r.opt.LR, r.cfg.Optimizer.LR = c.LR, c.LR
			}
			if c.Clip != nil {
				if err := c.Clip.Validate(); err != nil {
					return s.fail(err)
				}
				r.cfg.Clip = *c.Clip
			}
		}
	case "save":
		if c.ID < 0 || c.ID >= len(s.runs) {
			return s.fail(fmt.Errorf("save: no run %d", c.ID))
		}
		f, err := s.runs[c.ID].save()
		if err != nil {
			return s.fail(err)
		}
		return s.encode(Message{Type: "model", ID: c.ID, File: f, Playing: s.playing})
	case "load":
		r, err := loadRun(c.File)
		if err != nil {
			return s.fail(err)
		}
		s.runs, s.pending, s.playing = []*run{r}, nil, false
		s.pending = []RunUpdate{{ID: 0, Step: r.step, Reset: true, Evals: []Eval{r.eval()}}}
		cfg := r.cfg
		m := s.progress()
		m.Config = &cfg
		return s.encode(m)
	default:
		return s.fail(fmt.Errorf("command: unknown op %q", c.Op))
	}
	return s.encode(s.progress())
}

// Tick trains every run, one step each in turn, for about budget (at least one step), and reports
// progress — while playing at most every MinInterval, so that the page renders a few times a second
// whatever the speed; nil means nothing to send yet.
func (s *Session) Tick(budget time.Duration) (reply []byte) {
	defer s.recover(&reply)
	start := time.Now()
	for first := true; s.playing && (first || time.Since(start) < budget); first = false {
		if !s.trainAll() {
			s.playing = false
		}
	}
	s.spent += time.Since(start)
	if !s.playing {
		s.evalStale()
	} else if time.Since(s.sent) < MinInterval {
		return nil
	}
	return s.encode(s.progress())
}

// MinInterval is the shortest time between two progress messages while playing.
const MinInterval = 120 * time.Millisecond

// evalShare bounds the time spent evaluating to this share of the time spent training: an evaluation
// (validation forward, spectra) costs several training steps, so it runs every EvalEvery steps only when
// the budget allows, and at least about once a second.
const evalShare = 0.2

func (r *run) evalDue(now time.Time) bool {
	if r.done || r.step == r.evalStep {
		return false
	}
	every := max(1, r.cfg.EvalEvery)
	if r.step%every == 0 && r.evalTime.Seconds() <= evalShare*r.trainTime.Seconds() {
		return true
	}
	return now.Sub(r.lastEval) > time.Second
}

// evalStale evaluates every run whose latest evaluation is older than its step, so that the views show
// the state the user stopped at.
func (s *Session) evalStale() {
	for i, r := range s.runs {
		if !r.done && r.step != r.evalStep {
			u := s.update(i)
			u.Evals = append(u.Evals, r.eval())
			r.lastEval, r.evalStep = time.Now(), r.step
		}
	}
}

func (s *Session) init(cs []Config) error {
	if len(cs) < 1 || len(cs) > MaxRuns {
		return fmt.Errorf("configs: %d runs, want 1 to %d", len(cs), MaxRuns)
	}
	var runs []*run
	for i, c := range cs {
		r, err := newRun(c)
		if err != nil {
			if len(cs) > 1 {
				return fmt.Errorf("model %d: %w", i+1, err)
			}
			return err
		}
		runs = append(runs, r)
	}
	s.runs, s.playing, s.pending = runs, false, nil
	for i, r := range runs {
		s.pending = append(s.pending, RunUpdate{ID: i, Reset: true, Evals: []Eval{r.eval()}})
	}
	return nil
}

// trainAll runs one step of every live run and reports whether any is still live.
func (s *Session) trainAll() bool {
	live := false
	for i, r := range s.runs {
		if r.done {
			continue
		}
		u := s.update(i)
		t0 := time.Now()
		if rec, ok := r.train(); ok {
			u.Records = append(u.Records, rec)
		}
		t1 := time.Now()
		r.trainTime += t1.Sub(t0)
		s.steps++
		if r.evalDue(t1) {
			u.Evals = append(u.Evals, r.eval())
			r.evalTime += time.Since(t1)
			r.lastEval, r.evalStep = time.Now(), r.step
		}
		u.Step, u.Done, u.Reason = r.step, r.done, r.why
		live = live || !r.done
	}
	return live
}

// update returns the pending update of run i, creating it.
func (s *Session) update(i int) *RunUpdate {
	for k := range s.pending {
		if s.pending[k].ID == i {
			return &s.pending[k]
		}
	}
	s.pending = append(s.pending, RunUpdate{ID: i})
	return &s.pending[len(s.pending)-1]
}

func (s *Session) progress() Message {
	m := Message{Type: "progress", Runs: s.pending, Playing: s.playing}
	if s.spent > 0 && s.steps > 0 {
		m.SPS = float64(s.steps) / s.spent.Seconds()
	}
	s.pending, s.steps, s.spent, s.sent = nil, 0, 0, time.Now()
	return m
}

func (s *Session) fail(err error) []byte {
	return s.encode(Message{Type: "error", Error: err.Error(), Playing: s.playing})
}

func (s *Session) encode(m Message) []byte {
	b, err := json.Marshal(m)
	if err != nil {
		// Non-finite numbers cannot be JSON: report instead of sending nothing.
		b, _ = json.Marshal(Message{Type: "error", Error: "encoding a message: " + err.Error()})
	}
	return b
}

// recover turns a panic into a crash message; the session is left paused with no runs.
func (s *Session) recover(reply *[]byte) {
	if v := recover(); v != nil {
		s.runs, s.pending, s.playing = nil, nil, false
		*reply, _ = json.Marshal(Message{Type: "crash", Error: fmt.Sprintf("%v\n%s", v, debug.Stack())})
	}
}
