// The playground's training worker: runs the training engine (the worker role of app.wasm, Go) and owns
// the play loop. Its first message from the page is the page's compiled WebAssembly.Module ({module}),
// which it instantiates: no second download or compile. Without one ({} or an error from the page) it
// fetches app.wasm itself. Paths are relative to this script, so the site works at / and under a
// sub-path.
importScripts("../wasm_exec.js");

// Pace of the play loop: training time per tick and the pause after it. The worker answers messages
// between ticks. Speed 0 is as fast as possible, 1 leaves the CPU some rest, 2 is one step at a time.
const SPEEDS = [
  { budget: 40, pause: 0 },
  { budget: 16, pause: 24 },
  { budget: 0, pause: 150 },
];
let speed = SPEEDS[0];
const go = new Go();
let ready = false;
let scheduled = false;
const queue = [];
const channel = new MessageChannel();
channel.port1.onmessage = tick;

function send(reply) {
  if (reply) postMessage(reply); // "" when there is nothing to report yet
}

function crash(err) {
  postMessage(JSON.stringify({ type: "crash", error: String(err && err.stack || err) }));
}

function schedule() {
  if (!scheduled && self.rnnPlaying()) {
    scheduled = true;
    if (speed.pause > 0) setTimeout(tick, speed.pause);
    else channel.port2.postMessage(null); // a zero-delay task: lets queued messages in first
  }
}

function tick() {
  scheduled = false;
  try {
    if (!self.rnnPlaying()) return;
    send(self.rnnTick(speed.budget));
    schedule();
  } catch (err) {
    crash(err);
  }
}

function handle(data) {
  try {
    const c = JSON.parse(data);
    if (c.op === "speed") { // OpSpeed (worker/protocol.go): the play loop's pace, handled here
      speed = SPEEDS[c.n || 0] || SPEEDS[0];
      return;
    }
    send(self.rnnHandle(data));
    schedule();
  } catch (err) {
    crash(err);
  }
}

function start(module) {
  const instance = module
    ? WebAssembly.instantiate(module, go.importObject)
    : WebAssembly.instantiateStreaming(fetch("app.wasm"), go.importObject).then((r) => r.instance);
  instance
    .then((inst) => {
      go.run(inst).then(() => crash("the training engine exited"));
      ready = true;
      postMessage(JSON.stringify({ type: "ready" }));
      while (queue.length) handle(queue.shift());
    })
    .catch(crash);
}

// Commands are JSON strings; the page's one other message is the object that starts the engine.
let started = false;
onmessage = (e) => {
  if (typeof e.data !== "string") {
    if (!started) {
      started = true;
      start(e.data && e.data.module instanceof WebAssembly.Module ? e.data.module : null);
    }
    return;
  }
  if (ready) handle(e.data);
  else queue.push(e.data);
};
