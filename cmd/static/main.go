// Command static generates the playground as a static website (make static), for GitHub Pages or any
// static file server, served under /REPO/:
//
//	go run ./cmd/static [-out static] [-web web] [-wasm dir] [-repo rnn-playground] [-version v]
//
// Build the wasm binaries first (make static does). The version defaults to a hash of the site's
// content, so regenerating from the same source gives the same files.
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/rnn-playground/rnn-playground/site"
)

func main() {
	var c site.Config
	flag.StringVar(&c.Out, "out", "static", "folder to write the site to (replaced if it holds a previous site)")
	flag.StringVar(&c.Web, "web", "web", "the page's assets: scripts, styles, icons (and the wasm binaries, unless -wasm)")
	flag.StringVar(&c.Wasm, "wasm", "", "folder holding app.wasm and worker.wasm (default: the -web folder)")
	flag.StringVar(&c.Repo, "repo", "rnn-playground", `sub-path the site is served under: the GitHub repository's name for USER.github.io/REPO/, "" for the root of a host`)
	flag.StringVar(&c.Version, "version", "", "cache version of the page (default: a hash of the site's content)")
	flag.Parse()
	v, err := site.Generate(c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("site version %s in %s/, to be served under /%s\n", v, c.Out, c.Repo)
}
