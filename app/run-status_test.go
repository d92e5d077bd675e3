package app

import (
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
	"github.com/rnn-playground/rnn-playground/worker"
)

// A run's status in plain words, in both languages, from what the worker reports.
func TestRunStatus(t *testing.T) {
	recs := []worker.Record{{Step: 1, Loss: 1976.5}, {Step: 6, Loss: 3e5}, {Step: 7, Loss: 1.265e7}}
	received := func(recs []worker.Record) runData {
		var r runData
		r.apply(worker.RunUpdate{Step: 7, Records: recs, Done: true, Reason: "diverged: loss 1.265e+07 exceeds 1.976e+06 (1e+06 × max(first loss, baseline))"})
		return r
	}
	exploded := received(recs)
	for _, c := range []struct {
		lang    string
		r       runData
		playing bool
		kind    string
		want    string
	}{
		{"en", runData{}, false, "", "Ready: press Play"},
		{"en", runData{step: 12}, true, "ok", "Training"},
		{"en", runData{step: 12}, false, "", "Paused at step 12"},
		{"en", runData{step: 600, done: true, reason: "steps"}, false, "ok", "Finished: 600 steps"},
		{"zh", runData{step: 600, done: true, reason: "steps"}, false, "ok", "完成：600 步"},
		{"en", runData{step: 240, done: true, reason: "target"}, false, "ok", "Reached the target loss at step 240"},
		{"en", exploded, false, "bad", "Stopped at step 7: the loss exploded to 1.3e7, 6,400× where it started"},
		{"zh", exploded, false, "bad", "在第 7 步停止：损失爆炸到 1.3e7，是起始值的 6,400 倍"},
		{"en", runData{step: 3, done: true, reason: "diverged: loss is not finite"}, false, "bad", "Stopped at step 3: the loss grew too large to compute"},
		{"en", runData{step: 3, done: true, reason: "diverged: gradient is not finite"}, false, "bad", "Stopped at step 3: the gradient grew too large to compute"},
		{"en", runData{step: 3, done: true, reason: "diverged: weights are not finite"}, false, "bad", "Stopped at step 3: the weights grew too large to compute"},
		// Without the first record the numbers are left out rather than guessed.
		{"en", received(recs[1:]), false, "bad", "Stopped at step 7: the loss exploded"},
	} {
		kind, got := runStatus(c.lang, &c.r, c.playing)
		if kind != c.kind || got != c.want {
			t.Errorf("%s %+v: %q %q, want %q %q", c.lang, c.r, kind, got, c.kind, c.want)
		}
	}
}

func TestSciTimes(t *testing.T) {
	for v, want := range map[float64]string{1.265e7: "1.3e7", 0.52: "0.52", 1234: "1,200", 3e-5: "3e-5", 10000: "1e4", 7: "7", 250: "250"} {
		if got := sci(v); got != want {
			t.Errorf("sci(%g) = %q, want %q", v, got, want)
		}
	}
	for v, want := range map[float64]string{6400.3: "6,400", 12.3: "12", 1.46: "1.5", 123456: "120,000", 2.5e6: "2.5e6"} {
		if got := times(v); got != want {
			t.Errorf("times(%g) = %q, want %q", v, got, want)
		}
	}
}

// Every task's description has its Chinese form, with the English text's numbers.
func TestDescribeTaskZh(t *testing.T) {
	for _, name := range task.Names() {
		cfg := train.Default(name).Task
		tk, err := task.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		s := tk.Spec()
		zh, lang := describeTask("zh", s)
		if lang != "zh" {
			t.Errorf("%s: no Chinese description for %q", name, s.Describe)
			continue
		}
		for _, n := range number.FindAllString(s.Describe, -1) {
			if !strings.Contains(zh, n) {
				t.Errorf("%s: %q lacks the number %s of %q", name, zh, n, s.Describe)
			}
		}
		if en, lang := describeTask("en", s); en != s.Describe || lang != "en" {
			t.Errorf("%s: English description changed: %q", name, en)
		}
	}
}
