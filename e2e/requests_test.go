//go:build !js

package e2e

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"testing"

	"github.com/chromedp/chromedp"
)

// The requests of the page and of its workers, as each of them records them: the page's navigation
// and resource timing entries, and the resource timing entries of every dedicated and service worker
// the browser runs (a worker's timeline lists every fetch, importScripts and WebAssembly download it
// made, failed and refused ones included, with status 0). This is what the site asks for; Chromium's
// own background traffic (update checks, sign-in, connectivity probes) belongs to no page or worker and
// is not in any of these lists, whatever the browser build does.

// Timeline lengths: the page raises its own in startupProbe; a worker keeps the browser's default. A
// timeline that reaches its length may have dropped entries, and fails the check.
const (
	pageTimeline   = 1000
	workerTimeline = 250
)

// timelineJS lists the URLs in the evaluating global's performance timeline, and the timeline's length
// last, so a full buffer shows.
const timelineJS = `(() => {
  const e = performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"));
  return e.map((x) => x.name).concat([String(performance.getEntriesByType("resource").length)]);
})()`

// siteRequests returns, per global (the page, then each worker by its script URL), the URLs it requested.
func (p *page) siteRequests() map[string][]string {
	p.t.Helper()
	got := map[string][]string{"page": p.timeline(p.ctx, "page", pageTimeline)}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		p.t.Fatalf("listing the browser's targets: %v", err)
	}
	for _, ti := range targets {
		switch ti.Type {
		case "worker", "shared_worker", "service_worker":
		default:
			continue
		}
		wctx, wcancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(ti.TargetID))
		name := ti.Type + " " + ti.URL
		got[name] = append(p.timeline(wctx, name, workerTimeline), ti.URL)
		wcancel()
	}
	return got
}

// timeline evaluates timelineJS in the global of ctx.
func (p *page) timeline(ctx context.Context, name string, max int) []string {
	p.t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	urls, err := chromedp.Run(c, chromedp.Evaluate[[]string](timelineJS))
	if err != nil || len(urls) == 0 {
		p.t.Fatalf("reading the request timeline of the %s: %v", name, err)
	}
	if n, _ := strconv.Atoi(urls[len(urls)-1]); n >= max {
		p.t.Errorf("the %s's request timeline is full (%d entries): requests may be missing from the check", name, n)
	}
	return urls[:len(urls)-1]
}

// onSite reports whether u is a request for the site: on host, under /repo/. A blob: URL is judged by
// the origin it carries; a data: URL requests nothing.
func onSite(u, host, repo string) bool {
	if strings.HasPrefix(u, "data:") {
		return true
	}
	blob := strings.HasPrefix(u, "blob:")
	v, err := url.Parse(strings.TrimPrefix(u, "blob:"))
	if err != nil || v.Host != host || (v.Scheme != "http" && v.Scheme != "https") {
		return false
	}
	return blob || strings.HasPrefix(v.Path, "/"+repo+"/")
}

func TestOnSite(t *testing.T) {
	const host, repo = "127.0.0.1:8000", "rnn-playground"
	for u, want := range map[string]bool{
		"http://127.0.0.1:8000/rnn-playground/web/app.wasm":   true,
		"http://127.0.0.1:8000/rnn-playground/":               true,
		"blob:http://127.0.0.1:8000/3f9c1c7e-d1f4":            true,
		"data:image/png;base64,AAAA":                          true,
		"http://127.0.0.1:8000/web/app.wasm":                  false, // outside the sub-path
		"http://127.0.0.1:8000/rnn-playgroundx/app.js":        false,
		"https://www.google.com/":                             false,
		"http://127.0.0.1:8001/rnn-playground/app.js":         false,
		"blob:https://evil.example/3f9c1c7e":                  false,
		"ws://127.0.0.1:8000/rnn-playground/socket":           false,
		"http://evil.invalid/rnn-playground/web/app.wasm":     false,
		"http://127.0.0.1:8000@evil.invalid/rnn-playground/x": false,
	} {
		if got := onSite(u, host, repo); got != want {
			t.Errorf("onSite(%q) = %v, want %v", u, got, want)
		}
	}
}
