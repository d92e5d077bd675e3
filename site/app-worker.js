// The playground's service worker (go-app's app-worker.js, adapted for a static site under a sub-path):
// it caches every resource of the page at install and then serves them from that cache, so the page
// opens with no network after one visit.
//
// Changes from go-app's default template: the page is cached as ROOT ("/REPO/", the URL it is loaded
// from) rather than "/REPO" (which a static host answers with a redirect); navigations with a query
// (a shared link, ?cell=gru&...) are answered with the cached page; install waits for the cache to be
// filled (event.waitUntil), so "installed" means "works offline"; no push notifications.
const cacheName = "app-" + "{{.Version}}";
const ROOT = new URL("./", self.location).pathname; // "/REPO/", or "/" at the root of a host
const resourcesToCache = {{.ResourcesToCache}}.map((u) => (u + "/" === ROOT ? ROOT : u));

self.addEventListener("install", (event) => {
  console.log("installing app worker {{.Version}}");
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
      .catch((err) => {
        console.error("app worker: caching the page failed:", err);
        throw err;
      })
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      .then(() => console.log("app worker {{.Version}} is activated"))
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") {
    return;
  }
  event.respondWith(fetchWithCache(event.request));
});

async function fetchWithCache(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  if (request.mode === "navigate") {
    // The page itself under another spelling: a query, or index.html.
    const path = new URL(request.url).pathname;
    if (path === ROOT || path === ROOT + "index.html") {
      const page = await cache.match(ROOT);
      if (page) {
        return page;
      }
    }
  }
  return fetch(request);
}
