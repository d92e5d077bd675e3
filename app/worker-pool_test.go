package app

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/worker"
)

func TestPoolSize(t *testing.T) {
	for _, c := range []struct {
		runs, cores int
		mem         float64
		want, size  int
	}{
		{3, 8, 8, 0, 3}, // a worker per run
		{3, 2, 8, 0, 1}, // one core left for the page
		{4, 4, 8, 0, 3},
		{1, 16, 8, 0, 1},
		{3, 1, 0, 0, 1},
		{4, 8, 2, 0, 2}, // little memory
		{4, 8, 1, 0, 1},
		{4, 8, 0, 0, 4}, // memory not reported
		{3, 2, 8, 3, 3}, // window.rnnPoolSize
		{2, 2, 8, 9, 2},
	} {
		if got := poolSize(c.runs, c.cores, c.mem, c.want); got != c.size {
			t.Errorf("poolSize(runs %d, cores %d, %g GB, want %d) = %d, want %d", c.runs, c.cores, c.mem, c.want, got, c.size)
		}
	}
	if got := assign(5, 2); !reflect.DeepEqual(got, [][]int{{0, 2, 4}, {1, 3}}) {
		t.Errorf("assign(5, 2) = %v", got)
	}
}

// A lone run is split over workers when its step is costly enough and cores are spare; never over more
// workers than it has shards.
func TestShardWorkers(t *testing.T) {
	def := worker.Default() // LSTM(32) on adding, T = 20: 16.7 MFLOP a step
	small := def
	small.Model.Hidden = 8 // 1.2 MFLOP
	big := def
	big.Model.Hidden = 128 // 256 MFLOP
	for _, c := range []struct {
		cfg        worker.Config
		cores      int
		mem        float64
		want, size int
	}{
		{small, 8, 8, 0, 1}, // too small to gain
		{def, 8, 8, 0, 4},   // the page's default gains
		{def, 2, 8, 0, 1},
		{big, 8, 8, 0, 4}, // one worker per shard
		{big, 2, 8, 0, 1}, // the page keeps the second core
		{big, 3, 8, 0, 2},
		{big, 8, 1, 0, 1},   // little memory
		{small, 2, 8, 2, 2}, // window.rnnPoolSize
		{small, 2, 8, 9, 4}, // at most one per shard
	} {
		if got := shardWorkers(c.cfg, c.cores, c.mem, c.want); got != c.size {
			t.Errorf("shardWorkers(hidden %d, cores %d, %g GB, want %d) = %d, want %d", c.cfg.Model.Hidden, c.cores, c.mem, c.want, got, c.size)
		}
	}
}

func TestRoute(t *testing.T) {
	runs := [][]int{{0, 2}, {1}}
	cfgs := []worker.Config{{Seed: 10}, {Seed: 11}, {Seed: 12}}
	got := route(worker.Command{Op: "init", Configs: cfgs}, runs)
	if len(got) != 2 || got[0].to != 0 || !reflect.DeepEqual(got[0].cmd.Configs, []worker.Config{cfgs[0], cfgs[2]}) ||
		got[1].to != 1 || !reflect.DeepEqual(got[1].cmd.Configs, []worker.Config{cfgs[1]}) {
		t.Errorf("init: %+v", got)
	}
	if got[0].cmd.Hidden != 0 || got[1].cmd.Hidden != -1 {
		t.Errorf("init: hidden states from worker 0's run %d and worker 1's %d, want 0 and none (-1): the page draws run 0's", got[0].cmd.Hidden, got[1].cmd.Hidden)
	}
	if got := route(worker.Command{Op: "init", Configs: cfgs, Hidden: 2}, runs); got[0].cmd.Hidden != 1 || got[1].cmd.Hidden != -1 {
		t.Errorf("init, hidden states of run 2: from worker 0's run %d and worker 1's %d, want 1 and none (-1)", got[0].cmd.Hidden, got[1].cmd.Hidden)
	}
	if got := route(worker.Command{Op: "save", ID: 2}, runs); len(got) != 1 || got[0].to != 0 || got[0].cmd.ID != 1 {
		t.Errorf("save of run 2: %+v, want worker 0's run 1", got)
	}
	if got := route(worker.Command{Op: "export-tfjs", ID: 1}, runs); len(got) != 1 || got[0].to != 1 || got[0].cmd.ID != 0 {
		t.Errorf("export of run 1: %+v, want worker 1's run 0", got)
	}
	if got := route(worker.Command{Op: "load"}, runs); len(got) != 1 || got[0].to != 0 {
		t.Errorf("load: %+v, want worker 0 alone", got)
	}
	// A lead and its helper: the helper trains no run and gets no command.
	lead := [][]int{{0}, nil}
	for _, c := range []worker.Command{{Op: "init", Configs: cfgs[:1]}, {Op: "play"}, {Op: "step", N: 1}, {Op: "save"}} {
		if got := route(c, lead); len(got) != 1 || got[0].to != 0 {
			t.Errorf("%s with a helper: %+v, want worker 0 alone", c.Op, got)
		}
	}
	for _, op := range []string{"play", "pause", "step", "set", "sample", "speed"} {
		if got := route(worker.Command{Op: op}, runs); len(got) != 2 || got[0].to != 0 || got[1].to != 1 {
			t.Errorf("%s: %+v, want every worker", op, got)
		}
	}
	m := fromWorker(worker.Message{Type: "progress", Runs: []worker.RunUpdate{{ID: 0}, {ID: 1}}}, []int{0, 2})
	if m.Runs[0].ID != 0 || m.Runs[1].ID != 2 {
		t.Errorf("fromWorker: ids %d %d, want 0 2", m.Runs[0].ID, m.Runs[1].ID)
	}
	if m := fromWorker(worker.Message{Type: "model", ID: 0}, []int{1}); m.ID != 1 {
		t.Errorf("fromWorker: model of run %d, want 1", m.ID)
	}
}

// The page receives the same records from a pool of workers, each training some of the runs, as from
// one worker training them all: bit for bit, whatever the pool's size.
func TestPoolMatchesOneWorker(t *testing.T) {
	set := defaultSettings()
	for _, cell := range []string{"lstm", "gru"} {
		m := set.Models[0]
		m.Cell = cell
		set.Models = append(set.Models, m)
	}
	set.Cfg.Task.T, set.Cfg.EvalEvery = 12, 8
	cfgs := set.configs()
	page := func(P int) []runData {
		p := newPlayground()
		p.OnInit()
		runs := assign(len(cfgs), P)
		sessions := make([]worker.Session, P)
		p.pool.n = len(cfgs)
		for j := range sessions {
			p.pool.ws = append(p.pool.ws, &poolWorker{runs: runs[j]})
		}
		deliver := func(j int, b []byte) {
			var m worker.Message
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			p.receive(app.Context{}, fromWorker(m, runs[j]))
		}
		for _, c := range []worker.Command{{Op: "init", Configs: cfgs}, {Op: "step", N: 8}, {Op: "step", N: 8}, {Op: "step", N: 4}} {
			for _, post := range route(c, runs) {
				b, _ := json.Marshal(post.cmd)
				deliver(post.to, sessions[post.to].Handle(b))
			}
		}
		return p.runs
	}
	one := page(1)
	if len(one) != 3 || one[2].step != 20 || len(one[2].records) != 20 {
		t.Fatalf("one worker: %d runs, run 3 at step %d with %d records; want 3 runs at step 20", len(one), one[len(one)-1].step, len(one[len(one)-1].records))
	}
	strip := func(rs []worker.Record) []worker.Record {
		out := slices.Clone(rs)
		for i := range out {
			out[i].WallMS = 0
		}
		return out
	}
	for _, P := range []int{2, 3} {
		got := page(P)
		for i := range one {
			if !reflect.DeepEqual(strip(got[i].records), strip(one[i].records)) {
				t.Errorf("pool of %d: run %d's records differ from one worker's", P, i)
			}
			a, _ := json.Marshal(got[i].last)
			b, _ := json.Marshal(one[i].last)
			if string(a) != string(b) {
				t.Errorf("pool of %d: run %d's last evaluation differs from one worker's", P, i)
			}
		}
	}
}
