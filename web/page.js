// Small browser helpers for the playground page (called from Go).

// The page and its training workers run one WebAssembly binary (app.wasm). go-app's app.js downloads
// and compiles it with WebAssembly.instantiateStreaming; this script runs before app.js and keeps the
// compiled module, so that a worker is handed the module and neither downloads nor compiles it again.
let rnnInstance = null; // the page's wasm instance (its memory is measured by rnnWasmMemory)
const rnnModule = new Promise((resolve, reject) => {
  const instantiate = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    try {
      const r = await instantiate(source, imports);
      rnnInstance = r.instance;
      resolve(r.module);
      return r;
    } catch (err) {
      reject(err);
      throw err;
    }
  };
});

// rnnWasmMemory returns the size in bytes of the page's wasm linear memory (0 before it runs).
function rnnWasmMemory() {
  return rnnInstance ? rnnInstance.exports.mem.buffer.byteLength : 0;
}

// rnnStartWorker starts a training worker from the script at url and hands it the page's compiled
// module as its first message.
function rnnStartWorker(url) {
  const w = new Worker(url);
  rnnModule.then((module) => w.postMessage({ module }), (err) => w.postMessage({ error: String(err) }));
  return w;
}

// rnnDownload offers text as a file named name.
function rnnDownload(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// rnnPNG rasterises an SVG document at twice its size and offers it as a PNG file.
function rnnPNG(name, svg, w, h) {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  img.onload = () => {
    const c = document.createElement("canvas");
    c.width = 2 * w;
    c.height = 2 * h;
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(img, 0, 0, c.width, c.height);
    URL.revokeObjectURL(url);
    c.toBlob((b) => {
      const u = URL.createObjectURL(b);
      const a = document.createElement("a");
      a.href = u;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(u), 1000);
    }, "image/png");
  };
  img.src = url;
}

// rnnWatchCards watches the chart cards it has not watched yet and tells report (a Go function) which
// are in view or within half a screen of it, one "id 1" or "id 0" line each; rnnWatchCards(null) stops.
let rnnCardObserver = null;
function rnnWatchCards(report) {
  if (!report || !window.IntersectionObserver) {
    rnnCardObserver?.disconnect();
    rnnCardObserver = null;
    return;
  }
  rnnCardObserver ??= new IntersectionObserver(
    (es) => report(es.map((e) => e.target.id + (e.isIntersecting ? " 1" : " 0")).join("\n")),
    { rootMargin: "50% 0px" });
  for (const el of document.querySelectorAll("#charts .chart-card:not([data-watched])")) {
    el.setAttribute("data-watched", "");
    rnnCardObserver.observe(el);
  }
}

// rnnReveal scrolls the element with this id into view, below the sticky transport, unless it is
// already all on screen (a phone shows the settings first; Play brings the chart to watch up).
function rnnReveal(id) {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const el = document.getElementById(id);
    if (!el) return;
    const bar = document.getElementById("transport");
    const top = bar && getComputedStyle(bar).position === "sticky" ? bar.offsetHeight : 0;
    const r = el.getBoundingClientRect();
    if (r.top >= top && r.bottom <= window.innerHeight) return;
    el.style.scrollMarginTop = (top + 8) + "px";
    el.scrollIntoView({ block: "start" });
  }));
}
