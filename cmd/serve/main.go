// Command serve serves the playground page locally (make serve): the go-app handler with the page
// prerendered, the wasm binaries and web/ assets from the working directory. It sends the page's
// Content-Security-Policy and X-Content-Type-Options: nosniff with every response (app.Secure), lists no
// folders (app.Server), and times out slow clients (timeouts below).
//
//	go run ./cmd/serve [-addr localhost:8080] [-web web]
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	playground "github.com/rnn-playground/rnn-playground/app"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	web := flag.String("web", "web", "folder holding app.wasm and the page's assets")
	version := flag.String("version", "", "cache version of the app (empty: new on every start)")
	flag.Parse()
	if err := run(*addr, *web, *version); err != nil {
		log.Fatal(err)
	}
}

// timeouts bound how long a client may take: to send its request's headers, the whole request, to read
// the response (the largest, app.wasm, is a few MB from localhost), and to keep an idle connection.
type timeouts struct{ header, read, write, idle time.Duration }

var serveTimeouts = timeouts{header: 5 * time.Second, read: 10 * time.Second, write: 60 * time.Second, idle: 60 * time.Second}

// newServer is the http.Server for the page, with the timeouts t and headers of at most 64 KB.
func newServer(web, version string, t timeouts) *http.Server {
	return &http.Server{
		Handler:           playground.Secure(playground.Server(web, version)),
		ReadHeaderTimeout: t.header,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
	}
}

func run(addr, web, version string) error {
	for _, f := range []string{"app.wasm", "worker.js"} {
		if _, err := os.Stat(filepath.Join(web, f)); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Printf("RNN Playground on http://%s", addr)
	return newServer(web, version, serveTimeouts).Serve(ln)
}
