// Package site generates the playground as a static website (for GitHub Pages or any static file
// server): go-app's prerendered page and scripts, the wasm binaries and web assets, a service worker
// that makes the page work offline under a sub-path, and a Content-Security-Policy.
//
// The output is a function of its inputs: the same assets, sub-path and version give the same bytes.
package site

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	playground "github.com/rnn-playground/rnn-playground/app"
)

// CSP is the page's Content-Security-Policy (app.CSP), delivered as a meta tag: static hosts such as
// GitHub Pages set no headers.
const CSP = playground.CSP

//go:embed app-worker.js
var serviceWorker string

// Config says what to generate.
type Config struct {
	Out     string // folder to write; replaced if it holds a previous site (or is empty), refused otherwise
	Web     string // the page's assets (web/): scripts, styles, icons, and the wasm binaries
	Wasm    string // folder holding app.wasm (the page and its workers), if not Web
	Repo    string // sub-path the site is served under ("rnn-playground" for USER.github.io/rnn-playground/); "" for the root
	Version string // cache version of the page; "" is a hash of everything the site is made of
	Domain  string // host the site is served from (USER.github.io), for the page's og:url; optional
}

// wasmFiles are the binaries the site cannot work without.
var wasmFiles = []string{"app.wasm"}

// Generate writes the static site described by c and returns the version it used.
func Generate(c Config) (string, error) {
	repo := strings.Trim(c.Repo, "/")
	if strings.ContainsAny(repo, "/ ?#%\"'<>\\") {
		return "", fmt.Errorf("site: repo %q: want a single path segment such as rnn-playground (letters, digits, '-', '_', '.'), or empty for the root", c.Repo)
	}
	files, err := assets(c.Web, c.Wasm)
	if err != nil {
		return "", err
	}
	if err := clean(c.Out); err != nil {
		return "", err
	}
	version := c.Version
	if version == "" {
		// The version is a hash of the site as generated with a stand-in version: it changes exactly
		// when something the browser downloads does.
		if err := pages(c.Out, repo, c.Domain, unversioned, files); err != nil {
			return "", err
		}
		if version, err = hash(c.Out, files); err != nil {
			return "", err
		}
		if err := empty(c.Out); err != nil {
			return "", err
		}
	}
	if err := pages(c.Out, repo, c.Domain, version, files); err != nil {
		return "", err
	}
	for _, f := range files {
		dst := filepath.Join(c.Out, "web", filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, f.data, 0o644); err != nil {
			return "", err
		}
	}
	// GitHub Pages would otherwise run Jekyll, which drops files and folders starting with "_".
	if err := os.WriteFile(filepath.Join(c.Out, ".nojekyll"), nil, 0o644); err != nil {
		return "", err
	}
	return version, nil
}

// unversioned stands in for the version while the default version is computed.
const unversioned = "unversioned"

// pages writes go-app's part of the site into out: the prerendered page with its CSP, app.js, the
// service worker, wasm_exec.js, app.css and the manifest.
func pages(out, repo, domain, version string, assets []file) error {
	playground.Routes()
	h := playground.Handler(version)
	if repo != "" {
		h.Resources = app.GitHubPages(repo)
	}
	h.ServiceWorkerTemplate = serviceWorker
	h.Domain = domain
	if h.Image == "" {
		h.Image = h.Icon.Large // for og:image, rather than the bare domain
	}
	if h.Icon.Maskable == "" {
		h.Icon.Maskable = h.Icon.Large // go-app would list the 192 px icon as 512x512
	}
	// The loading progress divides by the wasm's size; a host that compresses it (GitHub Pages) sends the
	// compressed size as Content-Length, and the progress would pass 100%.
	for _, f := range assets {
		if f.name == "app.wasm" {
			h.WasmContentLength = strconv.Itoa(len(f.data))
		}
	}
	if err := app.GenerateStaticWebsite(out, h); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if err := sortAttributes(filepath.Join(out, "index.html")); err != nil {
		return err
	}
	if err := fixFragments(filepath.Join(out, "index.html"), repo); err != nil {
		return err
	}
	if err := addCSP(filepath.Join(out, "index.html")); err != nil {
		return err
	}
	return fixManifest(filepath.Join(out, "manifest.webmanifest"), repo)
}

type file struct {
	name string // slash-separated, relative to web/
	data []byte
}

// assets reads every file under web (dot files skipped), with the wasm binaries from wasm if set,
// sorted by name.
func assets(web, wasm string) ([]file, error) {
	byName := map[string][]byte{}
	err := filepath.WalkDir(web, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != web {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(web, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		byName[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("site: reading the assets: %w", err)
	}
	for _, w := range wasmFiles {
		if wasm != "" {
			data, err := os.ReadFile(filepath.Join(wasm, w))
			if err != nil {
				return nil, fmt.Errorf("site: %w (build the wasm first: make static)", err)
			}
			byName[w] = data
		}
		if _, ok := byName[w]; !ok {
			return nil, fmt.Errorf("site: %s is missing from %s (build the wasm first: make static)", w, web)
		}
	}
	files := make([]file, 0, len(byName))
	for n, d := range byName {
		files = append(files, file{n, d})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// hash is the default version: 16 hex digits of a SHA-256 over the files in out (go-app's part of the
// site, generated with the stand-in version) and the assets.
func hash(out string, assets []file) (string, error) {
	s := sha256.New()
	add := func(name string, data []byte) {
		fmt.Fprintf(s, "%q %d\n", name, len(data))
		s.Write(data)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return "", err
	}
	for _, e := range entries { // sorted by name
		if e.IsDir() || e.Name() == keep {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			return "", err
		}
		add(e.Name(), data)
	}
	for _, f := range assets {
		add("web/"+f.name, f.data)
	}
	return hex.EncodeToString(s.Sum(nil))[:16], nil
}

// keep is the file of out's own that the site leaves in place: the repository's note on the folder.
const keep = "README.md"

// clean empties out but for keep, unless it holds something other than keep and a previous site.
func clean(out string) error {
	if out == "" || out == "." || out == "/" {
		return fmt.Errorf("site: out %q: want a folder of its own, such as static", out)
	}
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	site := false
	for _, e := range entries {
		site = site || e.Name() == ".nojekyll"
	}
	for _, e := range entries {
		if e.Name() != keep && !site {
			return fmt.Errorf("site: %s is not empty and holds no generated site (.nojekyll): not overwriting it", out)
		}
	}
	return empty(out)
}

// empty removes everything in out but keep.
func empty(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == keep {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

var (
	startTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s="'<>/]+(?:="[^"]*")?)+)\s*(/?)>`)
	attribute = regexp.MustCompile(`[^\s="'<>/]+(?:="[^"]*")?`)
)

// fixFragments undoes go-app's prefix on in-page links: its GitHub Pages resolver turns href="#charts"
// into href="/REPO#charts", a link to another address (which the host answers with a redirect). The
// running page resolves them as written; the prerendered one must too.
func fixFragments(path, repo string) error {
	if repo == "" {
		return nil
	}
	page, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	page = bytes.ReplaceAll(page, []byte(`href="/`+repo+`#`), []byte(`href="#`))
	return os.WriteFile(path, page, 0o644)
}

// sortAttributes puts the attributes of every start tag of a prerendered page in name order: go-app
// writes them in map order, which differs from one run to the next.
func sortAttributes(path string) error {
	page, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	page = startTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		m := startTag.FindSubmatch(tag)
		attrs := attribute.FindAll(m[2], -1)
		sort.SliceStable(attrs, func(i, j int) bool { return attrName(attrs[i]) < attrName(attrs[j]) })
		var b bytes.Buffer
		b.WriteString("<")
		b.Write(m[1])
		for _, a := range attrs {
			b.WriteString(" ")
			b.Write(a)
		}
		b.Write(m[3])
		b.WriteString(">")
		return b.Bytes()
	})
	return os.WriteFile(path, page, 0o644)
}

func attrName(a []byte) string {
	name, _, _ := bytes.Cut(a, []byte("="))
	return string(name)
}

// addCSP puts the Content-Security-Policy meta tag first in the page's head, before any script or
// style it governs.
func addCSP(index string) error {
	page, err := os.ReadFile(index)
	if err != nil {
		return err
	}
	const charset = `<meta charset="UTF-8">`
	if bytes.Count(page, []byte(charset)) != 1 {
		return fmt.Errorf("site: %s: expected one %s to put the CSP after", index, charset)
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="` + CSP + `">`
	page = bytes.Replace(page, []byte(charset), []byte(charset+"\n    "+meta), 1)
	return os.WriteFile(index, page, 0o644)
}

// fixManifest scopes the installed app to the sub-path and starts it at "/REPO/" (go-app writes scope
// "/" and start_url "/REPO", which the host answers with a redirect the service worker cannot serve offline).
func fixManifest(path, repo string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("site: %s: %w", path, err)
	}
	root := "/"
	if repo != "" {
		root = "/" + repo + "/"
	}
	m["scope"], m["start_url"] = root, root
	data, err = json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
