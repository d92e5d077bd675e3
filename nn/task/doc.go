// Package task holds the playground's toy sequence tasks: seeded generators of training batches, a fixed
// validation set per configuration, and for each task its shapes, loss, metric and chance-level baseline.
//
// Every task is built from a Config (JSON; zero fields take the task's defaults) by New, and gives:
//
//	Spec()             shapes, loss, metric and baseline, for the trainer and for the page
//	Next(rng, B, b)    the next training batch, drawn from rng, written into b (no allocation when warm)
//	Val()              the validation set: the same for every run with the same Config
//	Metric(out, b)     the task's metric of the predictions out (net.Output() after a forward on b)
//	View(out, b, i)    example i of b with its predictions, JSON-friendly, for the task's own view
//
// Shapes follow package nn: T = input steps, B = examples, D = input features (0 for token ids),
// Ty = target steps, K = output width. Sequence→sequence tasks (reverse, sort) fill an encoder input
// X [T, B] (token ids), a decoder input DecIn [Ty, B] (teacher forcing: the start token K, then the
// targets shifted by one, as nn.Seq2Seq expects) and class targets [Ty, B]. Unroll turns such a batch into the read-then-write
// layout a plain sequence model can learn (see Unroll).
//
// Baselines are the loss of the best predictor that ignores the input's memory: the constant guess for
// regression, the class prior for classification, the memoryless strategy for copy memory and the
// unigram character frequencies for the language model. The tests check each one numerically against
// that predictor on the validation set.
//
// Limits keep memory bounded: T ≤ MaxT, ValSize ≤ MaxVal, user text ≤ MaxText bytes, so a validation set
// holds at most MaxT·MaxVal·D values (D ≤ 50): 40 MB in the worst case, typically well under 1 MB.
package task
