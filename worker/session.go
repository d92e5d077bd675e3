package worker

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
)

// Session is the worker's state: the runs and what they produced since the last message.
type Session struct {
	runs    []*run
	pending []RunUpdate
	playing bool
	temp    float64 // the language model's sampling temperature (0: DefaultTemp)

	// speed: steps and time spent training since the last progress message
	steps int
	spent time.Duration
	sent  time.Time // when the last progress message left

	remote []nn.Remote // helper workers computing shards of a lone run while playing (AddRemote)
}

// AddRemote adds a helper worker (protocol.go, RoleLead). While one run plays, Tick hands it shards of
// every step and waits for them: call Tick where blocking is allowed (cmd/wasm runs it on a goroutine
// when Sharded). Commands (Handle) compute every shard here, never waiting.
func (s *Session) AddRemote(r nn.Remote) { s.remote = append(s.remote, r) }

// Sharded reports whether the next Tick hands shards to helpers.
func (s *Session) Sharded() bool { return len(s.remote) > 0 && len(s.runs) == 1 && s.playing }

// Playing reports whether the play loop should keep calling Tick.
func (s *Session) Playing() bool { return s.playing }

// Handle answers one command (JSON) with one message (JSON): whatever the bytes, a reply, and an error
// reply leaves the runs as they were. A command over MaxCommand bytes is refused unread. A panic is caught
// and reported as a crash.
func (s *Session) Handle(data []byte) (reply []byte) {
	defer s.recover(&reply)
	if len(data) > MaxCommand {
		return s.fail(fmt.Errorf("command: %d bytes, the limit is %d (a model file of at most %d MB)", len(data), MaxCommand, MaxFile>>20))
	}
	var c Command
	if err := json.Unmarshal(data, &c); err != nil {
		return s.fail(fmt.Errorf("command: %v", err))
	}
	switch c.Op {
	case OpInit:
		if err := s.init(c.Configs, c.Hidden); err != nil {
			return s.fail(err)
		}
	case OpPlay:
		s.playing = s.live()
	case OpPause:
		s.playing = false
	case OpStep:
		n := max(1, min(c.N, 1000))
		start := time.Now()
		for range n {
			s.trainAll()
		}
		s.spent += time.Since(start)
	case OpSet:
		for _, r := range s.runs {
			if c.LR > 0 {
				if err := r.r.SetLR(c.LR); err != nil {
					return s.fail(err)
				}
			}
			if c.Clip != nil {
				if err := r.r.SetClip(*c.Clip); err != nil {
					return s.fail(err)
				}
			}
			if c.WD != nil {
				if err := r.r.SetWeightDecay(*c.WD); err != nil {
					return s.fail(err)
				}
			}
		}
	case OpSample:
		if err := checkTemp(c.Temp); err != nil {
			return s.fail(err)
		}
		s.temp = c.Temp
		for i, r := range s.runs {
			if err := r.addSample(s.update(i), s.temp); err != nil {
				return s.fail(err)
			}
		}
	case OpSave:
		if c.ID < 0 || c.ID >= len(s.runs) {
			return s.fail(fmt.Errorf("save: no run %d", c.ID))
		}
		f, err := s.runs[c.ID].r.Save()
		if err != nil {
			return s.fail(err)
		}
		return s.encode(Message{Type: MsgModel, ID: c.ID, File: f, Playing: s.playing})
	case OpLoad:
		if len(c.File) > MaxFile {
			return s.fail(fmt.Errorf("load: the file is %d bytes, more than %d", len(c.File), MaxFile))
		}
		return s.load(c.File)
	case OpExportTFJS:
		return s.exportTFJS(c.ID)
	case OpImportTFJS:
		return s.importTFJS(c)
	default:
		return s.fail(fmt.Errorf("command: unknown op %q", c.Op))
	}
	return s.encode(s.progress())
}

// load replaces the runs by one run from a saved run (nn/train's format) and reports it with its
// configuration.
func (s *Session) load(file []byte) []byte {
	r, spec, err := loadRun(file)
	if err != nil {
		return s.fail(err)
	}
	s.runs, s.playing = []*run{r}, false
	s.pending = []RunUpdate{{ID: 0, Reset: true, Spec: &spec}}
	cfg := r.r.Config()
	m := s.progress()
	m.Config = &cfg
	return s.encode(m)
}

// MaxFile is the largest model file accepted; MaxCommand the largest command (a file and its envelope).
const (
	MaxFile    = 64 << 20
	MaxCommand = MaxFile + 1<<20
)

var errMismatch = errors.New("load: the model does not match its configuration")

// Tick trains every run, one step each in turn, for about budget (at least one step), and reports
// progress — while playing at most every MinInterval, so that the page renders a few times a second
// whatever the speed; nil means nothing to send yet.
func (s *Session) Tick(budget time.Duration) (reply []byte) {
	defer s.recover(&reply)
	if s.Sharded() {
		r := s.runs[0].r
		r.SetRemote(s.remote)
		defer r.SetRemote(nil)
	}
	start := time.Now()
	for first := true; s.playing && (first || time.Since(start) < budget); first = false {
		if !s.trainAll() {
			s.playing = false
		}
	}
	s.spent += time.Since(start)
	if s.playing && time.Since(s.sent) < MinInterval {
		return nil
	}
	return s.encode(s.progress())
}

// MinInterval is the shortest time between two progress messages while playing.
const MinInterval = 200 * time.Millisecond

func (s *Session) init(cs []Config, hidden int) error {
	if len(cs) < 1 || len(cs) > MaxRuns {
		return fmt.Errorf("configs: %d runs, want 1 to %d", len(cs), MaxRuns)
	}
	runs, spec, err := newRuns(cs)
	if err != nil {
		return err
	}
	s.runs, s.playing, s.pending = runs, false, nil
	for i, r := range runs {
		r.noHidden = i != hidden
		s.pending = append(s.pending, RunUpdate{ID: i, Reset: true, Spec: &spec})
	}
	return nil
}

// live reports whether some run can still train.
func (s *Session) live() bool {
	for _, r := range s.runs {
		if done, _ := r.r.Done(); !done {
			return true
		}
	}
	return false
}

// trainAll runs one step of every live run and reports whether any is still live.
func (s *Session) trainAll() bool {
	for i, r := range s.runs {
		if done, _ := r.r.Done(); done {
			continue
		}
		r.step(s.update(i), s.temp)
		s.steps++
	}
	return s.live()
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
	m := Message{Type: MsgProgress, Runs: s.pending, Playing: s.playing}
	if s.spent > 0 && s.steps > 0 {
		m.SPS = float64(s.steps) / s.spent.Seconds()
	}
	if len(s.runs) == 1 {
		m.Helped, _ = s.runs[0].r.Helped()
	}
	s.pending, s.steps, s.spent, s.sent = nil, 0, 0, time.Now()
	return m
}

func (s *Session) fail(err error) []byte {
	return s.encode(Message{Type: MsgError, Error: err.Error(), Playing: s.playing})
}

func (s *Session) encode(m Message) []byte {
	b, err := json.Marshal(m)
	if err != nil {
		// Non-finite numbers cannot be JSON: report instead of sending nothing.
		b, _ = json.Marshal(Message{Type: MsgError, Error: "encoding a message: " + err.Error()})
	}
	return b
}

// recover turns a panic into a crash message; the session is left paused with no runs.
func (s *Session) recover(reply *[]byte) {
	if v := recover(); v != nil {
		s.runs, s.pending, s.playing = nil, nil, false
		*reply, _ = json.Marshal(Message{Type: MsgCrash, Error: fmt.Sprintf("%v\n%s", v, debug.Stack())})
	}
}
