package worker

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/nn"
)

// helperRemote is a helper worker in-process: an nn.ShardServer reached through copies of the bytes.
type helperRemote struct {
	s   nn.ShardServer
	res []byte
	err error
}

func (h *helperRemote) Start(job []byte) error {
	res, err := h.s.Compute(slices.Clone(job))
	h.res, h.err = slices.Clone(res), err
	return err
}

func (h *helperRemote) Wait() ([]byte, error) { return h.res, h.err }

// A lone run that plays with helper workers gives the records and weights of one that steps alone, bit
// for bit; the helpers computed shards (Helped), and a comparison of two runs does not use them.
func TestSessionHelpers(t *testing.T) {
	c := Default()
	c.Steps = 60
	var alone Session
	mustHandle(t, &alone, Command{Op: "init", Configs: []Config{c}})
	want := mustHandle(t, &alone, Command{Op: "step", N: 60}).Runs[0]

	var s Session
	s.AddRemote(&helperRemote{})
	mustHandle(t, &s, Command{Op: "init", Configs: []Config{c}})
	if s.Sharded() {
		t.Error("sharded while paused: Handle must never wait for a helper")
	}
	mustHandle(t, &s, Command{Op: "play"})
	if !s.Sharded() {
		t.Fatal("a lone playing run with a helper is not sharded")
	}
	var got RunUpdate
	helped := 0
	for start := time.Now(); s.Playing(); {
		if b := s.Tick(20 * time.Millisecond); b != nil {
			var m Message
			json.Unmarshal(b, &m)
			got.Records = append(got.Records, m.Runs[0].Records...)
			got.Evals = append(got.Evals, m.Runs[0].Evals...)
			helped = m.Helped
		}
		if time.Since(start) > 60*time.Second {
			t.Fatal("the run did not finish")
		}
	}
	if len(got.Records) != 60 || len(got.Evals) != len(want.Evals) {
		t.Fatalf("%d records and %d evaluations, want 60 and %d", len(got.Records), len(got.Evals), len(want.Evals))
	}
	for i := range got.Records {
		a, b := got.Records[i], want.Records[i]
		a.WallMS, b.WallMS = 0, 0
		if a != b {
			t.Fatalf("step %d: %+v with helpers, %+v alone", a.Step, a, b)
		}
	}
	for i := range got.Evals {
		if got.Evals[i].ValLoss != want.Evals[i].ValLoss {
			t.Fatalf("evaluation %d: val loss %v with helpers, %v alone", i, got.Evals[i].ValLoss, want.Evals[i].ValLoss)
		}
	}
	if !slices.Equal(s.runs[0].r.Model().Parameters().W, alone.runs[0].r.Model().Parameters().W) {
		t.Error("the weights differ")
	}
	if B := c.Batch; helped != 60*nn.ShardCount(B)/2 {
		t.Errorf("the helper computed %d shards, want %d (half of each step's %d)", helped, 60*nn.ShardCount(B)/2, nn.ShardCount(B))
	}

	mustHandle(t, &s, Command{Op: "init", Configs: []Config{c, c}})
	mustHandle(t, &s, Command{Op: "play"})
	if s.Sharded() {
		t.Error("a comparison is sharded: its runs have a worker each")
	}
}
