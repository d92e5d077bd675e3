// Package tfjs writes and reads TensorFlow.js LayersModels, so that a model can leave the playground for
// TensorFlow.js or Keras, and a TensorFlow.js or Keras model can come in to be inspected and trained.
//
// A LayersModel is two files (Files): model.json, the Keras model configuration ("modelTopology") and a
// weights manifest naming each weight with its shape, and model.weights.bin, the weights as little-endian
// float32 in manifest order. tf.loadLayersModel reads them (tf.io.browserFiles in a page, a URL, or
// tf.io.fromMemory in node); the TensorFlow.js converter turns them into a Keras file (docs/interop.md).
//
// The layers that have an equivalent on both sides are SimpleRNN, LSTM and GRU (reset gate before the
// recurrent product: the only GRU TensorFlow.js has), stacked and returning sequences or not, Embedding
// first, Dropout and Dense, with the activations each takes (table.go). Export refuses the rest (attention,
// the encoder–decoder, auxiliary losses, GRU reset-after) with an error naming the part; Import refuses
// layers and options it cannot reproduce the same way. The engine's parameter layouts are Keras's own
// (kernel [D, G·H], recurrent_kernel [H, G·H], bias [G·H], gates LSTM i f c o, GRU z r h), so weights are
// copied, not permuted; float32 rounding is the only change on the way out.
//
// ExportRun and ImportRun work on the playground's saved runs (package train): ImportRun fits an imported
// model to a task and refuses, naming the layer and option, what the task's model cannot be.
package tfjs
