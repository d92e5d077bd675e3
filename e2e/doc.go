// Package e2e holds the playground's end-to-end tests: the real page, served by app.Server with the
// built wasm binaries, driven in headless Chromium from Go (chromedp). Build the wasm first (make wasm);
// make test-browser does both.
package e2e
