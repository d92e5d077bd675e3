// The page's training worker (the worker role of web/app.wasm) under node, driven like web/worker.js drives it in the
// browser — init, play, then rnnTick(40 ms) with a zero-delay task between ticks — but with no page:
// no postMessage, no rendering. BenchmarkPageVsNode compares its speed with the page's.
//
//	node worker-node.js WASM_EXEC_JS WORKER_WASM CONFIGS_JSON WARMUP_S MEASURE_S
//
// Prints one JSON line: steps and seconds between the first progress message after the warm-up and the
// last one in the window (timed when each message is produced), messages and their bytes.
"use strict";
const fs = require("fs");
const [wasmExec, wasmFile, configs, warmS, measureS] = process.argv.slice(2);
require(wasmExec);
const go = new Go();
const stepOf = (m) => { const r = /"runs":\[\{"id":0,"step":(\d+)/.exec(m); return r ? +r[1] : -1; };

WebAssembly.instantiate(fs.readFileSync(wasmFile), go.importObject).then(({ instance }) => {
  go.run(instance);
  const init = JSON.parse(rnnHandle(JSON.stringify({ op: "init", configs: JSON.parse(configs) })));
  if (init.type !== "progress") throw new Error("init: " + JSON.stringify(init));
  rnnHandle(JSON.stringify({ op: "play" }));
  const t0 = performance.now();
  const warmEnd = t0 + 1000 * +warmS, end = warmEnd + 1000 * +measureS;
  let first = null, last = null, msgs = 0, bytes = 0;
  const tick = () => {
    const reply = rnnTick(40);
    const now = performance.now();
    if (reply) {
      const s = stepOf(reply);
      if (now >= warmEnd && s >= 0) {
        if (!first) first = { s, now };
        else { last = { s, now }; msgs++; bytes += reply.length; }
      }
    }
    if (now < end) setImmediate(tick);
    else {
      console.log(JSON.stringify({ steps: last.s - first.s, seconds: (last.now - first.now) / 1000, messages: msgs, bytes }));
      process.exit(0);
    }
  };
  setImmediate(tick);
});
