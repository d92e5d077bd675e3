package app

import "net/http"

// Server serves the page: /web/ from the folder web (the wasm binaries, worker.js, styles, icons) and
// everything else from the go-app handler, which prerenders the page.
func Server(web, version string) http.Handler {
	Routes()
	mux := http.NewServeMux()
	mux.Handle("/web/", http.StripPrefix("/web/", http.FileServer(http.Dir(web))))
	mux.Handle("/", Handler(version))
	return mux
}
