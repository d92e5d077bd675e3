package train

import "testing"

// benchmarkStep measures one warm training step of a run (adding problem, one recurrent layer of 32).
func benchmarkStep(b *testing.B, cell string, T int) {
	c := Default("adding")
	c.Task.T, c.Task.ValSize = T, 8
	c.Model.Cell = cell
	c.Steps, c.EvalEvery = 1_000_000, 1_000_000
	r, err := New(c)
	if err != nil {
		b.Fatal(err)
	}
	r.Step(2)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Step(1)
	}
}

func BenchmarkStepRNN100(b *testing.B)  { benchmarkStep(b, "rnn", 100) }
func BenchmarkStepLSTM100(b *testing.B) { benchmarkStep(b, "lstm", 100) }
func BenchmarkStepGRU100(b *testing.B)  { benchmarkStep(b, "gru", 100) }
