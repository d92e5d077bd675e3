// The TensorFlow.js side of nn/tfjs's tests (node_test.go runs it; TensorFlow.js 4.22 from package.json).
// Usage: node interop.js JOB.json  — prints one JSON object to stdout.
//
// JOB: {"load":   [{"name", "dir", "inputs"}],  models written by the playground: read them from DIR the
//                                                way tf.io.browserFiles and tf.io.http do, and predict
//       "create": [{"name", "dir", "seed", "layers", "inputs", "inputDtype"}]}  models made here with
//                                                tf.sequential, saved to DIR as model.json and
//                                                model.weights.bin, and their predictions
// inputs are [batch, time, features] numbers, or [batch, time] token ids (inputDtype "int32").
// Output: {"load": {name: {"shape", "values"}}, "create": {name: {"shape", "values"}}}, values flattened.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

// loadFromDir reads a LayersModel's files as the browser's file loader does: model.json, then every
// path of its weights manifest, through the same tf.io.getModelArtifactsForJSON.
async function loadFromDir(dir) {
  const modelJSON = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const handler = {
    load: () => tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
      const specs = [], bufs = [];
      for (const group of manifest) {
        specs.push(...group.weights);
        for (const p of group.paths) {
          const b = fs.readFileSync(path.join(dir, path.basename(p)));
          bufs.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
        }
      }
      return [specs, tf.io.concatenateArrayBuffers(bufs)];
    }),
  };
  return tf.loadLayersModel(handler, {strict: true});
}

// saveToDir writes model.json and model.weights.bin as tf.io.browserDownloads does.
async function saveToDir(model, dir) {
  fs.mkdirSync(dir, {recursive: true});
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const manifest = [{paths: ['./model.weights.bin'], weights: artifacts.weightSpecs}];
    // The fields of tf.io's getModelJSONForModelArtifacts (not exported), as browserDownloads writes them.
    const json = {modelTopology: artifacts.modelTopology, format: artifacts.format, generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy, weightsManifest: manifest};
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    fs.writeFileSync(path.join(dir, 'model.weights.bin'), Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData)));
    return {modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts)};
  }));
}

const layerFns = {lstm: tf.layers.lstm, gru: tf.layers.gru, simpleRNN: tf.layers.simpleRNN, dense: tf.layers.dense,
  embedding: tf.layers.embedding, dropout: tf.layers.dropout};

// create builds a model and sets every weight from U[-0.5, 0.5] with the case's seed (TensorFlow.js's
// own initialisers draw unseeded; these are the same on every run, and biases are not zero).
function create(c) {
  const model = tf.sequential();
  for (const l of c.layers) model.add(layerFns[l.class](l.args));
  let seed = c.seed;
  model.setWeights(model.getWeights().map((w) => tf.randomUniform(w.shape, -0.5, 0.5, 'float32', seed++)));
  return model;
}

function predict(model, c) {
  const x = tf.tensor(c.inputs, undefined, c.inputDtype || 'float32');
  const y = model.predict(x);
  return {shape: y.shape, values: Array.from(y.dataSync())};
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  await tf.setBackend('cpu');
  const out = {load: {}, create: {}};
  for (const c of job.load || []) out.load[c.name] = predict(await loadFromDir(c.dir), c);
  for (const c of job.create || []) {
    const model = create(c);
    await saveToDir(model, c.dir);
    out.create[c.name] = predict(model, c);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
