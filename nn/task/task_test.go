package task

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

func mustNew(t *testing.T, c Config) Task {
	t.Helper()
	tk, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// TestShapes checks every task's batches against its Spec: shapes, id and class ranges.
func TestShapes(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			tk := mustNew(t, Config{Name: name, ValSize: 8})
			s := tk.Spec()
			const B = 5
			b := &nn.Batch{}
			tk.Next(nn.NewRNG(1), B, b)
			for _, bb := range []*nn.Batch{b, tk.Val()} {
				nB := bb.X.B
				if bb.X.T != s.T || bb.Ty != s.Ty || bb.K != s.Output {
					t.Fatalf("batch T=%d Ty=%d K=%d, spec T=%d Ty=%d Output=%d", bb.X.T, bb.Ty, bb.K, s.T, s.Ty, s.Output)
				}
				if s.EveryStep != (s.Ty == s.T) {
					t.Errorf("EveryStep %v but T=%d Ty=%d", s.EveryStep, s.T, s.Ty)
				}
				if s.Tokens {
					if bb.X.F != 0 || len(bb.X.Ids) != s.T*nB {
						t.Fatalf("token input F=%d len(Ids)=%d", bb.X.F, len(bb.X.Ids))
					}
					for _, id := range bb.X.Ids {
						if id < 0 || int(id) >= s.Input {
							t.Fatalf("id %d outside [0, %d)", id, s.Input)
						}
					}
				} else if bb.X.F != s.Input || len(bb.X.V) != s.T*nB*s.Input {
					t.Fatalf("input F=%d len=%d, want F=%d", bb.X.F, len(bb.X.V), s.Input)
				}
				if s.Loss == nn.XEnt {
					if len(bb.Class) != s.Ty*nB {
						t.Fatalf("len(Class)=%d, want %d", len(bb.Class), s.Ty*nB)
					}
					for _, c := range bb.Class {
						if c < 0 || int(c) >= s.Output {
							t.Fatalf("class %d outside [0, %d)", c, s.Output)
						}
					}
				} else if len(bb.Y) != s.Ty*nB*s.Output {
					t.Fatalf("len(Y)=%d, want %d", len(bb.Y), s.Ty*nB*s.Output)
				}
				if s.Seq2Seq && len(bb.DecIn) != s.Ty*nB {
					t.Fatalf("len(DecIn)=%d, want %d", len(bb.DecIn), s.Ty*nB)
				}
			}
			if tk.Val().X.B != 8 {
				t.Errorf("val size %d, want 8", tk.Val().X.B)
			}
			if s.Name != name || s.Describe == "" || s.Metric == "" {
				t.Errorf("spec incomplete: %+v", s)
			}
		})
	}
}

func batchEqual(a, b *nn.Batch) bool {
	return slices.Equal(a.X.V, b.X.V) && slices.Equal(a.X.Ids, b.X.Ids) && slices.Equal(a.Y, b.Y) &&
		slices.Equal(a.Class, b.Class) && slices.Equal(a.DecIn, b.DecIn)
}

// TestDeterminism: the same seed gives the same batches, another seed others; the validation set depends
// only on the Config.
func TestDeterminism(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			tk := mustNew(t, Config{Name: name, ValSize: 16})
			a, b, c := &nn.Batch{}, &nn.Batch{}, &nn.Batch{}
			r1, r2 := nn.NewRNG(3), nn.NewRNG(3)
			for i := 0; i < 3; i++ {
				tk.Next(r1, 4, a)
				tk.Next(r2, 4, b)
				if !batchEqual(a, b) {
					t.Fatalf("draw %d differs for the same seed", i)
				}
			}
			tk.Next(nn.NewRNG(4), 4, c)
			if batchEqual(a, c) {
				t.Error("seeds 3 and 4 give the same batch")
			}
			tk2 := mustNew(t, Config{Name: name, ValSize: 16})
			if !batchEqual(tk.Val(), tk2.Val()) {
				t.Error("two tasks with one Config have different validation sets")
			}
		})
	}
}

// TestNextAllocs: a warm Next allocates nothing.
func TestNextAllocs(t *testing.T) {
	for _, name := range Names() {
		tk := mustNew(t, Config{Name: name, ValSize: 4})
		b, rng := &nn.Batch{}, nn.NewRNG(1)
		tk.Next(rng, 16, b)
		if n := testing.AllocsPerRun(20, func() { tk.Next(rng, 16, b) }); n != 0 {
			t.Errorf("%s: Next allocates %v times per call", name, n)
		}
	}
	u, src := &nn.Batch{}, &nn.Batch{}
	tk := mustNew(t, Config{Name: "reverse", ValSize: 4})
	tk.Next(nn.NewRNG(1), 8, src)
	Unroll(u, src)
	if n := testing.AllocsPerRun(20, func() { Unroll(u, src) }); n != 0 {
		t.Errorf("Unroll allocates %v times per call", n)
	}
}

// predict runs a memoryless predictor over the validation set: p(t, i) returns the prediction for
// example i at target step t (a value for mse, a probability for bce, class probabilities for xent). It
// returns the loss (through nn's own loss) and the task's metric.
func predict(tk Task, b *nn.Batch, p func(t, i int) []float64) (loss, metric float64) {
	s := tk.Spec()
	out, logits, dy := &nn.Seq{}, &nn.Seq{}, &nn.Seq{}
	out.Resize(b.Ty, b.X.B, s.Output)
	logits.Resize(b.Ty, b.X.B, s.Output)
	for t := 0; t < b.Ty; t++ {
		for i := 0; i < b.X.B; i++ {
			v := p(t, i)
			k := (t*b.X.B + i) * s.Output
			copy(out.V[k:], v)
			for j, x := range v {
				switch s.Loss {
				case nn.MSE:
					logits.V[k+j] = x
				case nn.BCE:
					logits.V[k+j] = nn.Log(x / (1 - x))
				case nn.XEnt:
					logits.V[k+j] = nn.Log(x)
				}
			}
		}
	}
	return s.Loss.Eval(logits, b, dy), tk.Metric(out, b)
}

func uniformOver(K, lo int) []float64 {
	p := make([]float64, K)
	for i := lo; i < K; i++ {
		p[i] = 1 / float64(K-lo)
	}
	return p
}

// TestBaselines checks every Spec.Baseline (and BaselineMetric) against the memoryless predictor's
// score on a validation set of 4096 examples. Exact baselines are checked to 1e-12, sampled ones within
// about four standard errors.
func TestBaselines(t *testing.T) {
	const n = 4096
	cases := []struct {
		cfg           Config
		p             func(tk Task) func(t, i int) []float64
		tolL, tolM    float64
		exactMetric   bool
		checkBaseline func(t *testing.T, s Spec)
	}{
		{cfg: Config{Name: "adding", T: 50}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return []float64{1} }
		}, tolL: 0.012, tolM: 0.017},
		{cfg: Config{Name: "copy", T: 100}, p: func(tk Task) func(t, i int) []float64 {
			L := tk.Spec().T
			return func(t, i int) []float64 {
				if t < L-copyN {
					p := make([]float64, 9)
					p[0] = 1
					return p
				}
				return uniformOver(9, 1)
			}
		}, tolL: 1e-12, tolM: 0.02, checkBaseline: func(t *testing.T, s Spec) {
			if want := 10 * math.Log(8) / 120; math.Abs(s.Baseline-want) > 1e-12 || math.Abs(want-0.1733) > 1e-4 {
				t.Errorf("copy baseline %v, want 10·ln 8/120 = %v ≈ 0.173", s.Baseline, want)
			}
		}},
		{cfg: Config{Name: "recall"}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return uniformOver(4, 0) }
		}, tolL: 1e-12, tolM: 0.03},
		{cfg: Config{Name: "parity"}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return []float64{0.5} }
		}, tolL: 1e-12, tolM: 0.035},
		{cfg: Config{Name: "sines", Noise: 0.1}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return []float64{0} }
		}, tolL: 0.01, tolM: 0.04},
		{cfg: Config{Name: "reverse"}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return uniformOver(9, 1) }
		}, tolL: 1e-12, tolM: 0.01},
		{cfg: Config{Name: "sort"}, p: func(tk Task) func(t, i int) []float64 {
			P := OrderStats(8, 8)
			return func(t, i int) []float64 { return P[t] }
		}, tolL: 0.02, tolM: 0.01},
		{cfg: Config{Name: "charlm"}, p: func(tk Task) func(t, i int) []float64 {
			q := tk.(*CharLM).Unigram()
			return func(t, i int) []float64 { return q }
		}, tolL: 1e-12, tolM: 1e-12, checkBaseline: func(t *testing.T, s Spec) {
			if s.Baseline >= math.Log(float64(s.Output)) {
				t.Errorf("unigram baseline %v is not below the uniform ln V = %v", s.Baseline, math.Log(float64(s.Output)))
			}
		}},
		{cfg: Config{Name: "article-vec"}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return []float64{0.5} }
		}, tolL: 1e-12, tolM: 0.035},
		{cfg: Config{Name: "article-tokens"}, p: func(Task) func(t, i int) []float64 {
			return func(t, i int) []float64 { return []float64{0.5} }
		}, tolL: 1e-12, tolM: 0.035},
	}
	for _, c := range cases {
		t.Run(c.cfg.Name, func(t *testing.T) {
			c.cfg.ValSize = n
			switch c.cfg.Name {
			case "charlm":
				c.cfg.ValSize = 256
			case "copy":
				c.cfg.ValSize = 2048 // the memory bound; its baseline is exact anyway
			}
			tk := mustNew(t, c.cfg)
			s := tk.Spec()
			loss, metric := predict(tk, tk.Val(), c.p(tk))
			t.Logf("baseline %.5f, measured %.5f; metric %.4f, measured %.4f", s.Baseline, loss, s.BaselineMetric, metric)
			if math.Abs(loss-s.Baseline) > c.tolL*math.Max(1, s.Baseline) {
				t.Errorf("memoryless loss %v, Spec.Baseline %v (tolerance %v)", loss, s.Baseline, c.tolL)
			}
			if math.Abs(metric-s.BaselineMetric) > c.tolM {
				t.Errorf("memoryless metric %v, Spec.BaselineMetric %v (tolerance %v)", metric, s.BaselineMetric, c.tolM)
			}
			if c.checkBaseline != nil {
				c.checkBaseline(t, s)
			}
		})
	}
}

// TestAddingTargets checks the adding problem's rule on a batch: one marker per half, target their sum.
func TestAddingTargets(t *testing.T) {
	tk := mustNew(t, Config{Name: "adding", T: 20, ValSize: 1})
	b := &nn.Batch{}
	tk.Next(nn.NewRNG(9), 7, b)
	for i := 0; i < 7; i++ {
		var marks []int
		var sum float64
		for s := 0; s < 20; s++ {
			if b.X.V[(s*7+i)*2+1] == 1 {
				marks = append(marks, s)
				sum += b.X.V[(s*7+i)*2]
			}
		}
		if len(marks) != 2 || marks[0] >= 10 || marks[1] < 10 || b.Y[i] != sum {
			t.Errorf("example %d: marks %v, target %v, sum %v", i, marks, b.Y[i], sum)
		}
	}
}

// TestSeq2SeqTargets checks reverse and sort targets and the teacher-forcing decoder input, and Unroll.
func TestSeq2SeqTargets(t *testing.T) {
	for _, name := range []string{"reverse", "sort"} {
		tk := mustNew(t, Config{Name: name, T: 5, ValSize: 1})
		b := &nn.Batch{}
		const B = 3
		tk.Next(nn.NewRNG(2), B, b)
		for i := 0; i < B; i++ {
			var in, want, got, dec []int32
			for s := 0; s < 5; s++ {
				in = append(in, b.X.Ids[s*B+i])
				got = append(got, b.Class[s*B+i])
				dec = append(dec, b.DecIn[s*B+i])
			}
			want = slices.Clone(in)
			if name == "sort" {
				slices.Sort(want)
			} else {
				slices.Reverse(want)
			}
			if !slices.Equal(got, want) || dec[0] != 9 || !slices.Equal(dec[1:], want[:4]) { // start token K = A+1
				t.Errorf("%s: in %v targets %v dec %v, want targets %v", name, in, got, dec, want)
			}
		}
		u := &nn.Batch{}
		Unroll(u, b)
		if u.X.T != 10 || u.Ty != 10 || !slices.Equal(u.X.Ids[:5*B], b.X.Ids) || slices.ContainsFunc(u.X.Ids[5*B:], func(v int32) bool { return v != 0 }) {
			t.Errorf("%s: unrolled input %v", name, u.X.Ids)
		}
		for k := 0; k < 10*B; k++ {
			if want := float64(k / (5 * B)); u.Mask[k] != want {
				t.Fatalf("%s: mask[%d] = %v, want %v", name, k, u.Mask[k], want)
			}
		}
		if !slices.Equal(u.Class[5*B:], b.Class) {
			t.Errorf("%s: unrolled targets %v", name, u.Class)
		}
	}
}

// TestConfigErrors: bad configurations name the field and the range.
func TestConfigErrors(t *testing.T) {
	cases := []struct {
		c    Config
		want string
	}{
		{Config{Name: "nope"}, "task.name"},
		{Config{Name: "adding", T: 1}, "task.T: 1 is outside [2, 1000]"},
		{Config{Name: "adding", T: 100000}, "task.T"},
		{Config{Name: "copy", Alphabet: 1}, "task.alphabet"},
		{Config{Name: "sines", Noise: -1}, "task.noise"},
		{Config{Name: "sines", Noise: math.NaN()}, "task.noise"},
		{Config{Name: "recall", ValSize: -3}, "task.val_size"},
		{Config{Name: "charlm", Text: "abababab"}, "task.text"},
		{Config{Name: "charlm", Text: strings.Repeat("a", 1000)}, "task.text"},
		{Config{Name: "adding", Alphabet: 3}, "task.alphabet"},
		{Config{Name: "adding", Noise: 0.5}, "task.noise"},
		{Config{Name: "article-vec", T: 1000, ValSize: 4096}, "task.val_size"},
		{Config{Name: "reverse", T: 201}, "task.T: 201 is outside [1, 200]"},
	}
	for _, c := range cases {
		_, err := New(c.c)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v) = %v, want an error containing %q", c.c, err, c.want)
		}
	}
}

// TestCharLMSample: sampling is deterministic for a seed, continues the prime and stays in the vocabulary.
func TestCharLMSample(t *testing.T) {
	tk := mustNew(t, Config{Name: "charlm", T: 16, ValSize: 4}).(*CharLM)
	s := tk.Spec()
	m, err := nn.NewModel(nn.ModelConfig{Input: s.Input, Loss: nn.XEnt, Layers: []nn.LayerConfig{
		{Type: "embedding", Units: 4}, {Type: "gru", Units: 8, ReturnSequences: true},
		{Type: "dense", Units: s.Output, Activation: "softmax"}}}, nn.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	a, err := tk.Sample(m, "It was", 40, 0.8, nn.NewRNG(5))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := tk.Sample(m, "It was", 40, 0.8, nn.NewRNG(5))
	if a != b || !strings.HasPrefix(a, "It was") || len([]rune(a)) != 46 {
		t.Errorf("samples %q and %q", a, b)
	}
	if _, err := tk.Encode(a); err != nil {
		t.Error(err)
	}
	if _, err := tk.Sample(m, "☃", 3, 1, nn.NewRNG(1)); err == nil {
		t.Error("a character outside the vocabulary was accepted")
	}
}

// TestView: every task's view of a validation example has targets and predictions.
func TestView(t *testing.T) {
	for _, name := range Names() {
		tk := mustNew(t, Config{Name: name, ValSize: 2})
		s, b := tk.Spec(), tk.Val()
		out := &nn.Seq{}
		out.Resize(b.Ty, b.X.B, s.Output)
		for i := range out.V {
			out.V[i] = 1 / float64(s.Output)
		}
		e := tk.View(out, b, 1)
		if len(e.Target) == 0 || len(e.Pred) != len(e.Target) || e.Text == "" {
			t.Errorf("%s: view %+v", name, e)
		}
	}
}

// TestSeq2SeqFeedsEngine: reverse batches are what nn.Seq2Seq reads (encoder ids, decoder start token K),
// with and without attention; a fresh model scores about ln K.
func TestSeq2SeqFeedsEngine(t *testing.T) {
	tk := mustNew(t, Config{Name: "reverse", T: 6, ValSize: 16})
	s := tk.Spec()
	for _, attn := range []string{"", "dot"} {
		net, err := nn.NewNet(nn.ModelConfig{Input: s.Input, Loss: nn.XEnt, Seq2Seq: &nn.Seq2SeqConfig{
			Cell: "gru", Units: 8, Tokens: true, Embed: 4, Classes: s.Output, Attention: attn}}, nn.NewRNG(1))
		if err != nil {
			t.Fatal(err)
		}
		loss := net.Forward(tk.Val(), false)
		if math.Abs(loss-math.Log(float64(s.Output))) > 0.3 {
			t.Errorf("attention %q: initial loss %v, want about ln %d", attn, loss, s.Output)
		}
	}
}

// The registry's kind of every task agrees with what the built task does: a sequence→sequence task fills
// a decoder input, a regression task is scored with the squared error, a classification task with
// cross-entropy; the quick length lies in the allowed range.
func TestRegistryKinds(t *testing.T) {
	for _, e := range Entries() {
		tk, err := New(Config{Name: e.Name, ValSize: 2})
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		s := tk.Spec()
		var want Kind
		switch {
		case s.Seq2Seq:
			want = Seq2Seq
		case s.Loss == nn.MSE:
			want = Regression
		default:
			want = Classification
		}
		if e.Kind != want {
			t.Errorf("%s: registry kind %s, the task is %s", e.Name, e.Kind, want)
		}
		if e.QuickT < e.MinT || e.QuickT > e.MaxT {
			t.Errorf("%s: quick T %d outside [%d, %d]", e.Name, e.QuickT, e.MinT, e.MaxT)
		}
		if e.Baseline == "" || e.BaselineZh == "" || e.DescribeZh == "" {
			t.Errorf("%s: baseline or Chinese description missing", e.Name)
		}
	}
}
