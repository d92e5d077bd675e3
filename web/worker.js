// The playground's training worker: runs the training engine (the worker role of app.wasm, Go) and owns
// the play loop. Its first message from the page is the page's compiled WebAssembly.Module ({module}),
// which it instantiates: no second download or compile. Without one ({} or an error from the page) it
// fetches app.wasm itself. Paths are relative to this script, so the site works at / and under a
// sub-path.
//
// For a single run on several workers the page also connects workers in pairs ({port, role}, see
// worker/protocol.go): the lead trains the run and sends shard jobs through its ports; a helper computes
// them (rnnShard) and sends the gradients back. Both move as transferred bytes (no shared memory).
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
let busy = false; // a tick waits for helpers: messages wait in the queue until it is done
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
  if (!scheduled && !busy && self.rnnPlaying()) {
    scheduled = true;
    if (speed.pause > 0) setTimeout(tick, speed.pause);
    else channel.port2.postMessage(null); // a zero-delay task: lets queued messages in first
  }
}

function tick() {
  scheduled = false;
  try {
    if (!self.rnnPlaying()) return;
    const reply = self.rnnTick(speed.budget);
    if (typeof reply === "string") {
      send(reply);
      schedule();
      return;
    }
    busy = true; // a Promise: the run's shards are out with the helpers
    reply.then((r) => {
      busy = false;
      send(r);
      while (queue.length && !busy) handle(queue.shift());
      schedule();
    }, crash);
  } catch (err) {
    crash(err);
  }
}

// help serves shard jobs from a lead worker on port.
function help(port) {
  port.onmessage = (e) => {
    let r;
    try {
      r = self.rnnShard(e.data);
    } catch (err) {
      r = String(err);
    }
    if (typeof r === "string") port.postMessage(r); // the lead computes the shards itself
    else port.postMessage(r, [r.buffer]);
  };
}

function handle(data) {
  if (typeof data !== "string") { // {port, role}
    if (data.role === "lead") self.rnnAddHelper(data.port);
    else if (data.role === "helper") help(data.port);
    return;
  }
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
      while (queue.length && !busy) handle(queue.shift());
    })
    .catch(crash);
}

// Commands are JSON strings; the page's other messages are objects: {module} starts the engine, {port,
// role} links this worker to another.
let started = false;
onmessage = (e) => {
  const d = e.data;
  const link = d && d.port instanceof MessagePort; // may come before the module
  if (typeof d !== "string" && !link) {
    if (!started) {
      started = true;
      start(d && d.module instanceof WebAssembly.Module ? d.module : null);
    }
    return;
  }
  if (ready && !busy) handle(d);
  else queue.push(d);
};
