package nn

import "testing"

// Encoder–decoder training steps: S = Ty = 10, H = 64, batch 32, 16 tokens, embedding 16, Adam.
func benchmarkSeq2SeqStep(b *testing.B, cell, score string) {
	const S, H, B, V = 10, 64, 32, 16
	rng := NewRNG(1)
	n, err := NewSeq2Seq(ModelConfig{Input: V, Loss: XEnt, Seq2Seq: &Seq2SeqConfig{
		Cell: cell, Units: H, Tokens: true, Embed: 16, Classes: V, Attention: score}}, rng)
	if err != nil {
		b.Fatal(err)
	}
	var batch Batch
	reverseBatch(&batch, rng, S, B, V)
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.001}, n.Params)
	var st StepStats
	TrainStep(n, &batch, opt, ClipConfig{Mode: "norm", Threshold: 1}, &st)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		TrainStep(n, &batch, opt, ClipConfig{Mode: "norm", Threshold: 1}, &st)
	}
}

func BenchmarkSeq2SeqStepLSTMAdditive(b *testing.B) { benchmarkSeq2SeqStep(b, "lstm", ScoreAdditive) }
func BenchmarkSeq2SeqStepLSTMDot(b *testing.B)      { benchmarkSeq2SeqStep(b, "lstm", ScoreDot) }
func BenchmarkSeq2SeqStepLSTMNone(b *testing.B)     { benchmarkSeq2SeqStep(b, "lstm", "none") }
func BenchmarkSeq2SeqStepGRUAdditive(b *testing.B)  { benchmarkSeq2SeqStep(b, "gru", ScoreAdditive) }

// Greedy decoding of one batch (evaluation).
func BenchmarkSeq2SeqGreedy(b *testing.B) {
	const S, H, B, V = 10, 64, 32, 16
	rng := NewRNG(1)
	n, err := NewSeq2Seq(ModelConfig{Input: V, Loss: XEnt, Seq2Seq: &Seq2SeqConfig{
		Cell: "lstm", Units: H, Tokens: true, Embed: 16, Classes: V, Attention: ScoreAdditive}}, rng)
	if err != nil {
		b.Fatal(err)
	}
	var batch Batch
	reverseBatch(&batch, rng, S, B, V)
	n.Greedy(&batch)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.Greedy(&batch)
	}
}

// Attention pooling over an LSTM's states for sequence→one (T = 10, H = 64, batch 32).
func BenchmarkAttentionPoolStep(b *testing.B) {
	const T, D, H, B = 10, 8, 64, 32
	rng := NewRNG(1)
	m, err := NewModel(ModelConfig{Input: D, Loss: BCE, Layers: []LayerConfig{
		{Type: "lstm", Units: H, ReturnSequences: true}, {Type: "attention", Score: ScoreAdditive},
		{Type: "dense", Units: 1, Activation: "sigmoid"}}}, rng)
	if err != nil {
		b.Fatal(err)
	}
	batch := randomBatch(rng, T, B, D, 1, 1, BCE, false, false)
	opt := NewOptimizer(OptimConfig{Name: "adam", LR: 0.001}, m.Params)
	var st StepStats
	TrainStep(m, batch, opt, ClipConfig{}, &st)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		TrainStep(m, batch, opt, ClipConfig{}, &st)
	}
}
