// worker-node.js's loop in a Web Worker (BenchmarkPageVsNode, "bare"): Chromium's engine, no page
// listening. Takes {origin, configs, warm, measure} and answers with the measurement as JSON.
onmessage = (e) => {
  const { origin, configs, warm, measure } = e.data;
  importScripts(origin + "/wasm_exec.js");
  const go = new Go();
  const stepOf = (m) => { const r = /"runs":\[\{"id":0,"step":(\d+)/.exec(m); return r ? +r[1] : -1; };
  const channel = new MessageChannel();
  WebAssembly.instantiateStreaming(fetch(origin + "/web/app.wasm"), go.importObject).then(({ instance }) => {
    go.run(instance);
    self.rnnHandle(JSON.stringify({ op: "init", configs: JSON.parse(configs) }));
    self.rnnHandle(JSON.stringify({ op: "play" }));
    const t0 = performance.now();
    const warmEnd = t0 + 1000 * warm, end = warmEnd + 1000 * measure;
    let first = null, last = null, msgs = 0, bytes = 0;
    channel.port1.onmessage = () => {
      const reply = self.rnnTick(40);
      const now = performance.now();
      if (reply) {
        const s = stepOf(reply);
        if (now >= warmEnd && s >= 0) {
          if (!first) first = { s, now };
          else { last = { s, now }; msgs++; bytes += reply.length; }
        }
      }
      if (now < end) channel.port2.postMessage(null);
      else postMessage(JSON.stringify({ steps: last.s - first.s, seconds: (last.now - first.now) / 1000, messages: msgs, bytes }));
    };
    channel.port2.postMessage(null);
  });
};
