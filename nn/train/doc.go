// Package train is the run model shared by the playground page and the command line: one configuration
// (Config, JSON), one trainer (Run) and one kind of record, so that a configuration and seed give the same
// records in the browser (WebAssembly) and natively.
//
// A Run trains in chunks — Step(n) — so that a user interface can interleave drawing, pause, resume and
// single-step; the learning rate, clipping and weight decay change between chunks without a rebuild. It
// records every step (Record: loss, gradient norm before and after clipping, clipped flag, learning rate,
// wall time) and every EvalEvery steps an Eval (validation loss and metric, per-time-step ‖∂L/∂h_t‖ per
// recurrent layer, gate statistics, recurrent singular values, per-group gradient norms, an example).
// It stops on the step budget, on a target validation loss, or on divergence (a non-finite loss, gradient
// or weight, or a loss blow-up), in which case it restores the last weights that gave a finite loss.
//
// Randomness: the seed gives two independent streams, one for data and one for initialisation and
// dropout, so runs that differ only in their model (Compare) see identical batches.
//
// Sequence→sequence tasks (task.Seq2Seq) are trained by an encoder–decoder (nn.Seq2Seq) when
// ModelSpec.Attention is set, else by a plain sequence model on the read-then-write form of their batches
// (task.Unroll): the input followed by T start tokens, scored on the last T steps only.
package train
