package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeWeb writes a web/ folder with small stand-ins for the assets and the wasm binaries.
func fakeWeb(t *testing.T) string {
	t.Helper()
	web := filepath.Join(t.TempDir(), "web")
	files := map[string]string{
		"app.wasm": "\x00asm page and engine", "worker.js": "importScripts('../wasm_exec.js');",
		"page.js": "// page", "style.css": "body{}", "icon.svg": "<svg/>", "icon-192.png": "png192", "icon-512.png": "png512",
		".hidden": "not copied",
	}
	for name, data := range files {
		if err := os.MkdirAll(web, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(web, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func generate(t *testing.T, c Config) (string, map[string]string) {
	t.Helper()
	if c.Out == "" {
		c.Out = filepath.Join(t.TempDir(), "static")
	}
	v, err := Generate(c)
	if err != nil {
		t.Fatal(err)
	}
	return v, tree(t, c.Out)
}

func TestGenerateSubPath(t *testing.T) {
	web := fakeWeb(t)
	v, site := generate(t, Config{Web: web, Repo: "rnn-playground"})
	for _, f := range []string{".nojekyll", "index.html", "app.js", "app-worker.js", "wasm_exec.js", "app.css", "manifest.webmanifest",
		"web/app.wasm", "web/worker.js", "web/page.js", "web/style.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png"} {
		if _, ok := site[f]; !ok {
			t.Errorf("%s missing from the site", f)
		}
	}
	if _, ok := site["web/.hidden"]; ok {
		t.Error("a dot file was copied")
	}
	if site["web/app.wasm"] != "\x00asm page and engine" {
		t.Errorf("web/app.wasm = %q", site["web/app.wasm"])
	}
	// One binary for the page and its workers: the site ships no other .wasm.
	for f := range site {
		if strings.HasSuffix(f, ".wasm") && f != "web/app.wasm" {
			t.Errorf("the site ships %s besides web/app.wasm", f)
		}
	}

	index := site["index.html"]
	csp := `<meta http-equiv="Content-Security-Policy" content="` + CSP + `">`
	i := strings.Index(index, csp)
	if i < 0 {
		t.Fatalf("index.html has no CSP meta:\n%s", index)
	}
	if j := strings.Index(index, "<script"); j < i {
		t.Errorf("a script comes before the CSP meta (script at %d, CSP at %d)", j, i)
	}
	if j := strings.Index(index, "<link"); j < i {
		t.Errorf("a link comes before the CSP meta (link at %d, CSP at %d)", j, i)
	}
	// Every resource the page names is under the sub-path; in-page links (the skip link) stay in-page.
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(index, -1) {
		if !strings.HasPrefix(m[1], "/rnn-playground/") && !strings.HasPrefix(m[1], "#") {
			t.Errorf("index.html refers to %q, outside /rnn-playground/", m[1])
		}
	}
	if !strings.Contains(site["app.js"], `"/rnn-playground/web/app.wasm"`) || !strings.Contains(site["app.js"], `"/rnn-playground/app-worker.js"`) {
		t.Error("app.js does not load the wasm and the service worker from the sub-path")
	}
	if strings.Contains(index+site["app.js"]+site["app-worker.js"], unversioned) {
		t.Error("the stand-in version is left in the site")
	}
	if !strings.Contains(site["app.js"], `goappWasmContentLength = "20"`) { // len("\x00asm page and engine")
		t.Error("app.js does not carry the size of app.wasm for its progress")
	}
	if !strings.Contains(site["app.js"], `"GOAPP_VERSION":"`+v+`"`) {
		t.Errorf("app.js does not carry version %s", v)
	}

	sw := site["app-worker.js"]
	if strings.Contains(sw, "{{") {
		t.Error("app-worker.js has an unfilled placeholder")
	}
	if !strings.Contains(sw, `const cacheName = "app-" + "`+v+`"`) {
		t.Errorf("app-worker.js does not carry version %s", v)
	}
	for _, r := range []string{`"/rnn-playground"`, `"/rnn-playground/web/app.wasm"`, `"/rnn-playground/web/worker.js"`, `"/rnn-playground/web/icon-512.png"`} {
		if !strings.Contains(sw, r) {
			t.Errorf("app-worker.js does not cache %s", r)
		}
	}

	var m struct {
		Scope    string `json:"scope"`
		StartURL string `json:"start_url"`
		Icons    []struct{ Src, Sizes, Purpose string }
	}
	if err := json.Unmarshal([]byte(site["manifest.webmanifest"]), &m); err != nil {
		t.Fatal(err)
	}
	if m.Scope != "/rnn-playground/" || m.StartURL != "/rnn-playground/" {
		t.Errorf("manifest scope %q start_url %q, want /rnn-playground/", m.Scope, m.StartURL)
	}
	for _, ic := range m.Icons {
		if ic.Purpose == "maskable" && ic.Src != "/rnn-playground/web/icon-512.png" {
			t.Errorf("maskable icon %s claims %s", ic.Src, ic.Sizes)
		}
	}
}

func TestGenerateRoot(t *testing.T) {
	_, site := generate(t, Config{Web: fakeWeb(t), Repo: ""})
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(site["index.html"], -1) {
		if (!strings.HasPrefix(m[1], "/") && !strings.HasPrefix(m[1], "#")) || strings.HasPrefix(m[1], "/rnn-playground") || strings.HasPrefix(m[1], "//") {
			t.Errorf("index.html at the root refers to %q", m[1])
		}
	}
	if !strings.Contains(site["manifest.webmanifest"], `"scope":"/"`) {
		t.Errorf("manifest %s", site["manifest.webmanifest"])
	}
}

// The same inputs give the same bytes; the version follows the content and the sub-path.
func TestGenerateReproducible(t *testing.T) {
	web := fakeWeb(t)
	v1, a := generate(t, Config{Web: web, Repo: "r"})
	v2, b := generate(t, Config{Web: web, Repo: "r"})
	if v1 != v2 || len(a) != len(b) {
		t.Fatalf("versions %s, %s; %d and %d files", v1, v2, len(a), len(b))
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between two generations", name)
		}
	}
	// Regenerating into the same folder replaces the previous site.
	out := filepath.Join(t.TempDir(), "static")
	generate(t, Config{Out: out, Web: web, Repo: "r"})
	if _, c := generate(t, Config{Out: out, Web: web, Repo: "r"}); len(c) != len(a) {
		t.Errorf("regenerating in place: %d files, want %d", len(c), len(a))
	}

	if v, _ := generate(t, Config{Web: web, Repo: "other"}); v == v1 {
		t.Error("another sub-path keeps the version")
	}
	if v, _ := generate(t, Config{Web: web, Repo: "r", Domain: "octo.github.io"}); v == v1 {
		t.Error("another domain (another page) keeps the version")
	}
	if err := os.WriteFile(filepath.Join(web, "style.css"), []byte("body{color:red}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v, _ := generate(t, Config{Web: web, Repo: "r"}); v == v1 {
		t.Error("a changed asset keeps the version")
	}
	if v, _ := generate(t, Config{Web: web, Repo: "r", Version: "v1.2.3"}); v != "v1.2.3" {
		t.Errorf("explicit version: got %s", v)
	}
}

func TestGenerateWasmFolder(t *testing.T) {
	web := fakeWeb(t)
	wasm := t.TempDir()
	os.WriteFile(filepath.Join(wasm, "app.wasm"), []byte("stripped page"), 0o644)
	_, site := generate(t, Config{Web: web, Wasm: wasm, Repo: "r"})
	if site["web/app.wasm"] != "stripped page" {
		t.Errorf("wasm not taken from -wasm: %q", site["web/app.wasm"])
	}
}

// The repository keeps static/README.md: generating into a folder that holds only it works, regenerating
// keeps it, and the rest of an old site is replaced.
func TestGenerateKeepsReadme(t *testing.T) {
	web := fakeWeb(t)
	out := filepath.Join(t.TempDir(), "static")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "README.md"), []byte("# static/"), 0o644)
	for i := 0; i < 2; i++ {
		if i > 0 {
			os.WriteFile(filepath.Join(out, "stale.txt"), []byte("from an old site"), 0o644)
		}
		if _, err := Generate(Config{Out: out, Web: web, Repo: "r"}); err != nil {
			t.Fatalf("generation %d: %v", i+1, err)
		}
	}
	site := tree(t, out)
	if site["README.md"] != "# static/" || site["index.html"] == "" {
		t.Errorf("README.md %q, index.html %d bytes: want the note kept beside the site", site["README.md"], len(site["index.html"]))
	}
	if _, ok := site["stale.txt"]; ok {
		t.Error("a file of the previous site survived regeneration")
	}
}

func TestGenerateErrors(t *testing.T) {
	web := fakeWeb(t)
	noWasm := fakeWeb(t)
	os.Remove(filepath.Join(noWasm, "app.wasm"))
	notSite := t.TempDir()
	os.WriteFile(filepath.Join(notSite, "precious.txt"), []byte("keep me"), 0o644)
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"repo with a slash", Config{Web: web, Repo: "a/b", Out: filepath.Join(t.TempDir(), "s")}, "repo"},
		{"repo with a quote", Config{Web: web, Repo: `a"b`, Out: filepath.Join(t.TempDir(), "s")}, "repo"},
		{"no app.wasm", Config{Web: noWasm, Repo: "r", Out: filepath.Join(t.TempDir(), "s")}, "app.wasm"},
		{"no web folder", Config{Web: filepath.Join(t.TempDir(), "nope"), Out: filepath.Join(t.TempDir(), "s")}, "assets"},
		{"out holds something else", Config{Web: web, Repo: "r", Out: notSite}, "not overwriting"},
		{"out is the current folder", Config{Web: web, Repo: "r", Out: "."}, "out"},
	} {
		_, err := Generate(c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(notSite, "precious.txt")); !bytes.Equal(data, []byte("keep me")) {
		t.Error("a folder that holds no site was touched")
	}
}
