// Command serve serves the playground page locally (make serve): the go-app handler with the page
// prerendered, the wasm binaries and web/ assets from the working directory.
//
//	go run ./cmd/serve [-addr localhost:8080] [-web web]
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"

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

func run(addr, web, version string) error {
	for _, f := range []string{"app.wasm", "worker.js"} {
		if _, err := os.Stat(filepath.Join(web, f)); err != nil {
			return err
		}
	}
	log.Printf("RNN Playground on http://%s", addr)
	return http.ListenAndServe(addr, playground.Server(web, version))
}
