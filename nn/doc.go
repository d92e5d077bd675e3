// Package nn is the engine of rnn-playground: recurrent networks in pure Go, exact and instrumented.
//
// Shapes, everywhere in this package:
//
//	T = time steps, B = batch size, D = input features, H = hidden units, G = fused gates
//	(CellKind.G: 1 vanilla RNN, 4 LSTM, 3 GRU, 1 IndRNN), K = output width.
//
// Sequences are time-major (Seq): the rows of one step are contiguous and all T·B rows form one matrix,
// so a layer's input projection is one [T·B, D]·[D, G·H] product and backpropagation through time
// needs one product per step for the recurrent kernel only.
//
// A model (Model, built from a ModelConfig) is a stack of layers — Recurrent (any registered cell: Cells,
// cells.go; one file per cell, rnn.go, lstm.go, gru.go, indrnn.go, and one time loop, recurrent.go), Dense,
// Embedding, Dropout — and a Loss. Its parameters live in one slab (Params): named views for the layers,
// one loop for zeroing, clipping and the optimiser. A training step (TrainStep) is forward, backward,
// clip, update, and records what a learner wants to see: the loss, the gradient norm before and after
// clipping, per-parameter norms, and through each recurrent layer's Probe the per-step gradient norms
// ‖∂L/∂h_t‖ and gate statistics. Spectra gives the singular values and spectral radius of the recurrent
// kernels on demand.
//
// Attention (attention.go) scores queries against a memory with one of five scores — additive, dot,
// scaled dot, general, and the source article's query-independent concat-linear form, kept to teach its
// flaw. It serves as a layer of a stack (AttnLayer: pooling for sequence→one, or self-attention) and in
// the encoder–decoder (Seq2Seq, built when ModelConfig.Seq2Seq is set: teacher forcing in training, Greedy
// decoding in evaluation). Both record the attention weights of one example for heatmaps
// (AttentionWeights). An auxiliary loss (AuxConfig: next-input prediction or Trinh et al.'s segment
// reconstruction) can be added to a stack or to the encoder–decoder's encoder; TrainStep records it apart
// from the main loss. NewNet and LoadNet build or load either kind of network.
//
// Data parallelism (Shards, shard.go): a trainer splits each batch into ShardCount(B) = min(4, B) logical
// shards, computes each shard's gradient on its own replica of the network and sums them in shard order,
// so that the bits of a run do not depend on how many goroutines or Web Workers compute the shards.
//
// Determinism: all randomness comes from one seeded RNG, and the engine uses its own Exp, Log, Tanh and
// Sigmoid (math.Exp has amd64 assembly), so a configuration and seed give the same bits natively on
// amd64 and in WebAssembly. Other architectures may fuse multiply-adds and differ in the last bits.
package nn
