package nn

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"testing"
)

// TestMain prints the engine's digest instead of testing when NN_PRINT_DIGEST is set: the native test
// (determinism_test.go) runs the wasm build of this package that way and compares.
func TestMain(m *testing.M) {
	if os.Getenv("NN_PRINT_DIGEST") != "" {
		fmt.Printf("DIGEST %s\n", engineDigest())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// engineDigest trains one model of every kind for a few steps and hashes every loss, gradient norm,
// probe value and final weight: any difference in any bit changes it.
func engineDigest() string {
	h := sha256.New()
	put := func(v float64) { binary.Write(h, binary.LittleEndian, math.Float64bits(v)) }
	configs := []ModelConfig{
		{Input: 3, Loss: BCE, Layers: []LayerConfig{{Type: "lstm", Units: 8, ReturnSequences: true, Init: InitConfig{ForgetBias: "chrono", ChronoT: 9}}, {Type: "dropout", Rate: 0.3}, {Type: "lstm", Units: 8}, {Type: "dense", Units: 1, Activation: "sigmoid"}}},
		{Input: 3, Loss: MSE, Layers: []LayerConfig{{Type: "gru", Units: 8, ReturnSequences: true}, {Type: "gru", Units: 8, ResetAfter: true, Init: InitConfig{Recurrent: "spectral", Gain: 1.1}}, {Type: "dense", Units: 2}}},
		{Input: 3, Loss: XEnt, Layers: []LayerConfig{{Type: "rnn", Units: 8, ReturnSequences: true, Init: InitConfig{Gain: 1.5}}, {Type: "rnn", Units: 8, Activation: "relu", ReturnSequences: true, Init: InitConfig{Recurrent: "identity"}}, {Type: "dense", Units: 3, Activation: "softmax"}}},
		{Input: 5, Loss: XEnt, Layers: []LayerConfig{{Type: "embedding", Units: 4}, {Type: "lstm", Units: 6, ReturnSequences: true}, {Type: "dense", Units: 5, Activation: "softmax"}}},
		{Input: 3, Loss: MSE, Layers: []LayerConfig{{Type: "lstm", Units: 8, ReturnSequences: true, RecurrentActivation: RecHardSigmoid}, {Type: "gru", Units: 8, RecurrentActivation: RecHardSigmoid}, {Type: "dense", Units: 2}}},
		{Input: 3, Loss: BCE, Layers: []LayerConfig{{Type: "indrnn", Units: 8, ReturnSequences: true}, {Type: "indrnn", Units: 8, Init: InitConfig{Recurrent: "identity", Gain: 1.2}}, {Type: "dense", Units: 1, Activation: "sigmoid"}}},
	}
	opts := []string{"adam", "rmsprop", "momentum", "adamw", "adam", "adam"}
	for i, cfg := range configs {
		rng := NewRNG(uint64(100 + i))
		m, err := NewModel(cfg, rng)
		if err != nil {
			panic(err)
		}
		last := cfg.Layers[len(cfg.Layers)-1]
		Ty, tokens := 1, cfg.Layers[0].Type == "embedding"
		if cfg.Layers[len(cfg.Layers)-2].ReturnSequences {
			Ty = 9
		}
		b := randomBatch(rng, 9, 4, cfg.Input, Ty, last.Units, cfg.Loss, tokens, Ty > 1)
		opt := NewOptimizer(OptimConfig{Name: opts[i], LR: 0.05, WeightDecay: 0.01, Nesterov: true}, m.Params)
		var st StepStats
		for s := 0; s < 6; s++ {
			TrainStep(m, b, opt, ClipConfig{Mode: "norm", Threshold: 0.5}, &st)
			put(st.Loss)
			put(st.GradNorm)
			for _, p := range m.Probes() {
				for _, v := range p.DH {
					put(v)
				}
				for _, v := range p.GateMean {
					put(v)
				}
			}
		}
		for _, w := range m.Params.W {
			put(w)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
