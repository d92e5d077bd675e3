package app

import (
	"net/http"
	"os"
)

// CSP is the page's Content-Security-Policy: Server sends it as a header, the static site (package site)
// as a meta tag. Everything comes from the site itself; 'wasm-unsafe-eval' lets the page compile its
// WebAssembly; inline style attributes are allowed because the components and the charts' SVG position
// and colour elements with them (no inline script is).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; font-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'"

// Server serves the page: /web/ from the folder web (the wasm binaries, worker.js, styles, icons) and
// everything else from the go-app handler, which prerenders the page. Folders are not listed.
func Server(web, version string) http.Handler {
	Routes()
	mux := http.NewServeMux()
	mux.Handle("/web/", http.StripPrefix("/web/", http.FileServer(noDirs{http.Dir(web)})))
	mux.Handle("/", Handler(version))
	return mux
}

// Secure adds the page's CSP and X-Content-Type-Options: nosniff to every response of h (cmd/serve).
func Secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// noDirs is a file system whose folders do not open, so that http.FileServer answers 404 instead of
// listing them.
type noDirs struct{ fs http.FileSystem }

func (n noDirs) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || fi.IsDir() {
		f.Close()
		return nil, os.ErrNotExist
	}
	return f, nil
}
