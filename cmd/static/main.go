// Command static generates the playground as a static website (make static), for GitHub Pages or any
// static file server, served under /REPO/:
//
//	go run ./cmd/static [-out static] [-web web] [-wasm dir] [-repo rnn-playground] [-version v] [-domain USER.github.io] [-serve localhost:8081]
//
// Build the wasm binaries first (make static does). The version defaults to a hash of the site's
// content, so regenerating from the same source gives the same files. -serve then serves the site
// under /REPO/ with a plain file server, as GitHub Pages would (make serve-static).
package main

import (
	"flag"
	"log"
	"net/http"
	"strings"

	"github.com/rnn-playground/rnn-playground/site"
)

func main() {
	var c site.Config
	flag.StringVar(&c.Out, "out", "static", "folder to write the site to (replaced if it holds a previous site)")
	flag.StringVar(&c.Web, "web", "web", "the page's assets: scripts, styles, icons (and the wasm binaries, unless -wasm)")
	flag.StringVar(&c.Wasm, "wasm", "", "folder holding app.wasm (default: the -web folder)")
	flag.StringVar(&c.Repo, "repo", "rnn-playground", `sub-path the site is served under: the GitHub repository's name for USER.github.io/REPO/, "" for the root of a host`)
	flag.StringVar(&c.Version, "version", "", "cache version of the page (default: a hash of the site's content)")
	flag.StringVar(&c.Domain, "domain", "", "host the site is served from, such as USER.github.io (for the page's og:url)")
	serve := flag.String("serve", "", "after generating, serve the site at this address under /REPO/ with a plain file server")
	flag.Parse()
	v, err := site.Generate(c)
	if err != nil {
		log.Fatal(err)
	}
	root := "/"
	if r := strings.Trim(c.Repo, "/"); r != "" {
		root = "/" + r + "/"
	}
	log.Printf("site version %s in %s/, to be served under %s", v, c.Out, root)
	if *serve == "" {
		return
	}
	mux := http.NewServeMux()
	mux.Handle(root, http.StripPrefix(strings.TrimSuffix(root, "/"), http.FileServer(http.Dir(c.Out))))
	log.Printf("serving http://%s%s", *serve, root)
	log.Fatal(http.ListenAndServe(*serve, mux))
}
