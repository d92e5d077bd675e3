//go:build !js

package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/site"
)

// siteRepo is the sub-path the static site is served under in these tests, as on GitHub Pages.
const siteRepo = "rnn-playground"

// siteServer serves a generated site under /REPO/ with Go's plain file server, and is at the same time
// the browser's proxy for every URL (loopback included), so it sees every request the browser sends to
// any host, and refuses those for other hosts. Not every request it sees is the site's: Chromium sends
// its own (update checks, sign-in, connectivity probes, depending on the build), so the site's requests
// are judged from what the page and its workers record (siteRequests), and the proxy's foreign requests
// are only logged.
type siteServer struct {
	srv   *httptest.Server
	dir   string
	files http.Handler
	mu    sync.Mutex
	reqs  []request
}

// request is one request the browser sent.
type request struct {
	host, path    string
	status, bytes int
}

func newSiteServer(dir string) *siteServer {
	s := &siteServer{dir: dir}
	mux := http.NewServeMux()
	mux.Handle("/"+siteRepo+"/", http.StripPrefix("/"+siteRepo, http.FileServer(http.Dir(dir))))
	s.files = mux
	s.srv = httptest.NewServer(s)
	return s
}

func (s *siteServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	own := strings.TrimPrefix(s.srv.URL, "http://")
	if r.Method == http.MethodConnect || r.Host != own {
		s.record(request{host: r.Host, path: r.URL.Path, status: http.StatusForbidden})
		http.Error(w, "this test allows no request to another host", http.StatusForbidden)
		return
	}
	cw := &countingWriter{ResponseWriter: w, status: http.StatusOK}
	s.files.ServeHTTP(cw, r)
	s.record(request{host: r.Host, path: r.URL.Path, status: cw.status, bytes: cw.n})
}

func (s *siteServer) record(r request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r)
	s.mu.Unlock()
}

// ownRequests returns the requests to this server so far, and forgets them and the others (logged:
// the browser's own; the page's and its workers' requests are checked by requestsOnSite). It fails tb
// for a request to this server outside /REPO/ or not answered.
func (s *siteServer) ownRequests(tb testing.TB) []request {
	tb.Helper()
	own := strings.TrimPrefix(s.srv.URL, "http://")
	var reqs []request
	for _, r := range s.requests() {
		if r.host != own {
			tb.Logf("refused a request to %s%s: Chromium's own, as no page or worker recorded it", r.host, r.path)
			continue
		}
		reqs = append(reqs, r)
		if !strings.HasPrefix(r.path, "/"+siteRepo+"/") || r.status >= 400 {
			tb.Errorf("request to %s (status %d): want every request under /%s/, answered", r.path, r.status, siteRepo)
		}
	}
	return reqs
}

// requests returns the requests so far and forgets them.
func (s *siteServer) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.reqs
	s.reqs = nil
	return r
}

type countingWriter struct {
	http.ResponseWriter
	status, n int
}

func (w *countingWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// firstVisitBudget is the most a first visit to the site may download, gzipped (issue 12): everything the
// page, its worker and the service worker's caching pass fetch (TestStaticSite measures it).
const firstVisitBudget = 2_700_000

// generateSite writes the static site as make static does, into a temporary folder: from ../web (make
// wasm builds the worker's files there), with the stripped app.wasm that make static-wasm builds (into a
// temporary folder too, so that the Makefile alone says how the deployed binary is built).
func generateSite(tb testing.TB) site.Config {
	tb.Helper()
	web := filepath.Join("..", "web")
	if _, err := os.Stat(filepath.Join(web, "worker.js")); err != nil {
		tb.Fatalf("web/worker.js is missing: %v", err)
	}
	wasm := filepath.Join(tb.TempDir(), "wasm")
	if out, err := exec.Command("make", "-s", "-C", "..", "static-wasm", "STATIC_WASM="+wasm).CombinedOutput(); err != nil {
		tb.Fatalf("make static-wasm: %v\n%s", err, out)
	}
	c := site.Config{Out: filepath.Join(tb.TempDir(), "static"), Web: web, Wasm: wasm, Repo: siteRepo}
	if _, err := site.Generate(c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// startupProbe records, in the page, when the wasm has mounted and when the page is interactive (wasm
// mounted, loader gone, worker ready, a run set up), in ms after navigation, with the moments the worker
// said it was ready and app.wasm had arrived; and every CSP violation.
const startupProbe = `window.__startup = {}; window.__csp = []; performance.setResourceTimingBufferSize(1000);
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
new MutationObserver(() => {
  const e = document.getElementById("playground");
  if (!e || window.__startup.interactive) return;
  if (!window.__startup.mounted && e.dataset.mounted === "wasm") window.__startup.mounted = performance.now();
  if (!window.__startup.worker && e.dataset.worker === "ready") window.__startup.worker = performance.now();
  if (e.dataset.mounted === "wasm" && e.dataset.worker === "ready" && e.dataset.runs !== "0" && !document.getElementById("app-wasm-loader")) {
    window.__startup.interactive = performance.now();
    const w = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/web/app.wasm"));
    if (w) window.__startup.wasm = w.responseEnd;
  }
}).observe(document, { subtree: true, childList: true, attributes: true });`

// newProxiedPage opens a browser whose every request goes through srv, on a tab that records start-up
// times and CSP violations, and collects console errors, exceptions and failed loads (Log domain).
func newProxiedPage(tb testing.TB, t *testing.T, srv *siteServer) *page {
	tb.Helper()
	bin := chromium()
	if bin == "" {
		tb.Skip("no chromium binary on PATH: install the Debian chromium package to run the browser tests")
	}
	// Debian's chromium is a wrapper script that adds Google API keys and extensions, whose sign-in and
	// update checks would reach Google's hosts on their own; run the browser binary itself, with the
	// browser's other background services off, so that every request the proxy sees comes from the page.
	if real := "/usr/lib/chromium/chromium"; isScript(bin) && isFile(real) {
		bin = real
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,OptimizationHints,OptimizationGuideModelDownloading,NetworkTimeServiceQuerying,MediaRouter"),
		chromedp.ProxyServer(srv.srv.URL), chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.WindowSize(1440, 1000),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	tb.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	tb.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatal(err)
	}
	p := &page{t: t, ctx: ctx, url: srv.srv.URL + "/" + siteRepo}
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: startupProbe}); err != nil {
		tb.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, struct{}{}); err != nil {
		tb.Fatal(err)
	}
	// The CSP probe's own refusal is expected; everything else is an error.
	add := func(s string) {
		if !strings.Contains(s, "csp-probe.invalid") {
			p.addErr(s)
		}
	}
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	logs := chromedp.Events(ctx, cdplog.EntryAdded)
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				add("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			add("exception: " + ev.ExceptionDetails.Text + " " + descr(ev.ExceptionDetails.Exception))
		}
	}()
	go func() {
		for ev, err := range logs {
			if err != nil {
				return
			}
			if e := ev.Entry; e.Level == cdplog.EntryLevelError || e.Source == cdplog.EntrySourceSecurity {
				add(fmt.Sprintf("log (%s, %s): %s %s", e.Source, e.Level, e.Text, e.URL))
			}
		}
	}()
	return p
}

func isScript(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 2)
	n, _ := f.Read(b)
	return n == 2 && string(b) == "#!"
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// startup returns the page's start-up times in ms after navigation: wasm mounted, interactive.
func (p *page) startup() (mounted, interactive float64) {
	p.t.Helper()
	v := eval[map[string]float64](p, `window.__startup`)
	return v["mounted"], v["interactive"]
}

// noCSPViolations fails the test if the page reported a CSP violation.
func (p *page) noCSPViolations() {
	p.t.Helper()
	if v := eval[[]string](p, `window.__csp`); len(v) > 0 {
		p.t.Errorf("CSP violations: %v", v)
	}
}

// requestsOnSite fails the test for any request that the page or one of its workers made outside the
// site (another host, or this host outside /REPO/); unless the training worker is among them (its
// timeline lists wasm_exec.js, so the check saw the globals it means to); and if that worker
// downloaded any .wasm (it runs the module the page compiled).
func (p *page) requestsOnSite(srv *siteServer) {
	p.t.Helper()
	host := strings.TrimPrefix(srv.srv.URL, "http://")
	all := p.siteRequests()
	trainer := false
	for who, urls := range all {
		for _, u := range urls {
			if !onSite(u, host, siteRepo) {
				p.t.Errorf("the %s requested %s: want only /%s/ on %s", who, u, siteRepo, host)
			}
			if !strings.HasPrefix(who, "worker ") {
				continue
			}
			if strings.HasSuffix(u, "/wasm_exec.js") {
				trainer = true
			}
			if strings.HasSuffix(u, ".wasm") {
				p.t.Errorf("the %s downloaded %s: want it to run the module the page compiled", who, u)
			}
		}
	}
	if !trainer {
		p.t.Errorf("no worker's timeline lists wasm_exec.js (timelines: %v): the check did not see the training worker", all)
	}
}

// downloadSize sums the sizes of the distinct files served from dir, raw and gzipped (default level).
func downloadSize(dir string, reqs []request) (raw, gz int, files []string, err error) {
	seen := map[string]bool{}
	for _, r := range reqs {
		if r.status != http.StatusOK || seen[r.path] {
			continue
		}
		seen[r.path] = true
		name := strings.TrimPrefix(r.path, "/"+siteRepo+"/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return 0, 0, nil, err
		}
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
		raw += len(data)
		gz += b.Len()
		files = append(files, fmt.Sprintf("%s %d/%d", name, len(data), b.Len()))
	}
	sort.Strings(files)
	return raw, gz, files, nil
}

// TestStaticSite generates the static site, serves it under /REPO/ with a plain file server, trains a
// model in it, then stops the server and reloads the page (with a shared link's query) offline.
func TestStaticSite(t *testing.T) {
	if chromium() == "" {
		t.Skip("no chromium binary on PATH: install the Debian chromium package to run the browser tests")
	}
	sc := generateSite(t)
	dir := sc.Out
	srv := newSiteServer(dir)
	defer srv.srv.Close()
	p := newProxiedPage(t, t, srv)

	// First visit: the page, the worker and the service worker load everything from /REPO/.
	p.open("")
	mounted, interactive := p.startup()
	t.Logf("first visit: wasm mounted %.0f ms, interactive %.0f ms after navigation", mounted, interactive)
	if got := eval[string](p, `document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`); got != site.CSP {
		t.Errorf("CSP meta %q", got)
	}
	p.wait("the service worker to control the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
	cached, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`caches.keys()
		.then((ks) => Promise.all(ks.map((k) => caches.open(k).then((c) => c.keys()))))
		.then((ls) => ls.flat().map((r) => new URL(r.url).pathname))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/", "/app.js", "/app-worker.js", "/wasm_exec.js", "/manifest.webmanifest", "/web/app.wasm", "/web/worker.js", "/web/icon-192.png"} {
		if want != "/app-worker.js" && !slices.Contains(cached, "/"+siteRepo+want) {
			t.Errorf("the service worker's cache lacks /%s%s (it holds %v)", siteRepo, want, cached)
		}
	}

	p.click("#btn-play")
	p.waitStep("training to run 600 steps", 600)
	p.click("#btn-play")
	first, _ := strconv.ParseFloat(p.attr("valFirst"), 64)
	last, _ := strconv.ParseFloat(p.attr("valLast"), 64)
	t.Logf("validation loss %.4f → %.4f after %d steps", first, last, p.step())
	if !(last < first/4 && last < 1.0/6) {
		t.Errorf("validation loss did not fall: %.4f → %.4f (chance 0.1667)", first, last)
	}
	p.screenshot("static-01-online")
	p.requestsOnSite(srv)

	// The CSP is in force: a request to another host is refused by the browser (and never reaches the proxy).
	eval[chromedp.Void](p, `fetch("http://csp-probe.invalid/x").catch(() => {})`)
	p.wait("the CSP to refuse a foreign request", `window.__csp.some((v) => v.startsWith("connect-src") && v.includes("csp-probe.invalid"))`, 10*time.Second)
	eval[chromedp.Void](p, `window.__csp = []`)

	reqs := srv.ownRequests(t)
	raw, gz, files, err := downloadSize(dir, reqs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first visit downloaded %d requests, %d distinct files: %.2f MB, %.2f MB gzipped (%v)", len(reqs), len(files), float64(raw)/1e6, float64(gz)/1e6, files)
	if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "web/app.wasm ") }) {
		t.Errorf("the first visit's files lack web/app.wasm: %v", files)
	}
	if gz > firstVisitBudget {
		t.Errorf("the first visit downloads %d bytes gzipped, over the budget of %d (issue 12): %v", gz, firstVisitBudget, files)
	}
	p.noCSPViolations()
	p.noErrors()

	// A shared link works from the sub-path.
	p.open("?cell=gru&hidden=16")
	if got := eval[string](p, `document.getElementById("ctl-cell").value + " " + document.getElementById("ctl-hidden").value`); got != "gru 16" {
		t.Errorf("deep link: cell and hidden %q, want gru 16", got)
	}
	p.noCSPViolations()
	p.noErrors()

	// A new deployment: the next visit installs it in the background (its cache replaces the old one),
	// the visit after that shows it.
	old := eval[string](p, `goappEnv.GOAPP_VERSION`)
	sc.Version = "e2e-update"
	if _, err := site.Generate(sc); err != nil {
		t.Fatal(err)
	}
	p.open("")
	if v := eval[string](p, `goappEnv.GOAPP_VERSION`); v != old {
		t.Errorf("the visit after a deployment shows version %s, want the cached %s", v, old)
	}
	p.wait("the new deployment's cache to replace the old one", `(caches.keys().then((k) => (window.__keys = k.join())), window.__keys === "app-e2e-update")`, 30*time.Second)
	p.open("")
	if v := eval[string](p, `goappEnv.GOAPP_VERSION`); v != "e2e-update" {
		t.Errorf("the second visit after a deployment shows version %s, want e2e-update", v)
	}
	p.requestsOnSite(srv)
	srv.ownRequests(t)
	p.noCSPViolations()
	p.noErrors()

	// Offline: the server is gone; the page, the worker and a shared link still work.
	srv.srv.Close()
	if res, err := http.Get(srv.srv.URL + "/" + siteRepo + "/"); err == nil {
		res.Body.Close()
		t.Fatal("the server still answers after Close")
	}
	p.do(chromedp.Navigate("about:blank"))
	p.open("?cell=gru&hidden=16&lr=0.003")
	mounted, interactive = p.startup()
	t.Logf("offline reload: wasm mounted %.0f ms, interactive %.0f ms after navigation", mounted, interactive)
	if got := eval[string](p, `document.getElementById("ctl-cell").value + " " + document.getElementById("ctl-lr").value`); got != "gru 0.003" {
		t.Errorf("offline deep link: cell and lr %q, want gru 0.003", got)
	}
	p.click("#btn-play")
	p.waitStep("training offline", 200)
	// Cards redraw at most a few times a second, one per frame: give every chart its turn.
	p.waitCharts("every chart to draw offline", 20*time.Second)
	p.click("#btn-play")
	first, _ = strconv.ParseFloat(p.attr("valFirst"), 64)
	last, _ = strconv.ParseFloat(p.attr("valLast"), 64)
	t.Logf("offline: validation loss %.4f → %.4f after %d steps", first, last, p.step())
	if !(last < first) {
		t.Errorf("offline: validation loss did not fall: %.4f → %.4f", first, last)
	}
	p.screenshot("static-02-offline")
	p.requestsOnSite(srv)
	p.noCSPViolations()
	p.noErrors()

	// The page's own address, offline, from the cache entry the service worker made for it.
	p.do(chromedp.Navigate("about:blank"))
	p.open("")
	if got := eval[string](p, `location.pathname + " " + document.getElementById("ctl-cell").value`); got != "/"+siteRepo+"/ lstm" {
		t.Errorf("offline at the page's address: path and cell %q", got)
	}
	p.noCSPViolations()
	p.noErrors()
}

var siteFlag = flag.String("site", "", "BenchmarkStartup: a generated site to measure, such as ../static (default: generate one from ../web)")

// BenchmarkStartup measures the static site's start-up in headless Chromium on this machine: the time
// from navigation to interactive (wasm mounted, loader gone, worker ready) on a first visit in a fresh
// browser profile (empty caches, no service worker) and on a second visit (from the service worker's
// cache), and the size of what the first visit downloads, raw and gzipped.
func BenchmarkStartup(b *testing.B) {
	if chromium() == "" {
		b.Skip("no chromium binary on PATH")
	}
	dir := *siteFlag
	if dir == "" {
		dir = generateSite(b).Out
	}
	srv := newSiteServer(dir)
	defer srv.srv.Close()
	p := newProxiedPage(b, nil, srv)
	var cold, coldMount, coldWorker, coldWasm, warm, warmMount float64
	var raw, gz int
	for i := 0; i < b.N; i++ {
		srv.requests()
		ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithNewBrowserContext()) // empty caches, no service worker
		if err := chromedp.Do(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: startupProbe}); err != nil {
			b.Fatal(err)
		}
		visit := func(what string) map[string]float64 {
			c, cancel := context.WithTimeout(ctx, 60*time.Second)
			defer cancel()
			if err := chromedp.Do(c, chromedp.Navigate(p.url+"/")); err != nil {
				b.Fatal(err)
			}
			if _, err := chromedp.Run(c, chromedp.Poll[bool](`!!(window.__startup && window.__startup.interactive)`, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
				b.Fatalf("%s: waiting for the page to be interactive: %v", what, err)
			}
			v, err := chromedp.Run(c, chromedp.Evaluate[map[string]float64](`window.__startup`))
			if err != nil {
				b.Fatal(err)
			}
			return v
		}
		v := visit("first visit")
		coldWasm += v["wasm"]
		coldMount += v["mounted"]
		coldWorker += v["worker"]
		cold += v["interactive"]
		c, cancel2 := context.WithTimeout(ctx, 60*time.Second)
		if _, err := chromedp.Run(c, chromedp.Poll[bool](`!!navigator.serviceWorker.controller`, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			b.Fatalf("waiting for the service worker: %v", err)
		}
		cancel2()
		reqs := srv.ownRequests(b)
		var err error
		if raw, gz, _, err = downloadSize(dir, reqs); err != nil {
			b.Fatal(err)
		}
		chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		v = visit("second visit")
		warmMount += v["mounted"]
		warm += v["interactive"]
		cancel()
	}
	n := float64(b.N)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(cold/n, "ms-interactive-first")
	b.ReportMetric(coldWasm/n, "ms-app.wasm-loaded-first")
	b.ReportMetric(coldMount/n, "ms-mounted-first")
	b.ReportMetric(coldWorker/n, "ms-worker-ready-first")
	b.ReportMetric(warm/n, "ms-interactive-second")
	b.ReportMetric(warmMount/n, "ms-mounted-second")
	b.ReportMetric(float64(raw), "bytes-raw")
	b.ReportMetric(float64(gz), "bytes-gzip")
}
