package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	playground "github.com/rnn-playground/rnn-playground/app"
)

// serveOn starts the page's server with timeouts t on a free port and returns its address.
func serveOn(t *testing.T, web string, tm timeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(web, "test", tm)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// TestServeHeadersNoListing: every response carries the page's CSP and nosniff, and a folder under /web/
// is not listed (it was: http.FileServer's directory listing).
func TestServeHeadersNoListing(t *testing.T) {
	web := t.TempDir()
	os.MkdirAll(filepath.Join(web, "icons"), 0o755)
	os.WriteFile(filepath.Join(web, "page.css"), []byte("body{}"), 0o644)
	addr := serveOn(t, web, serveTimeouts)
	for _, c := range []struct {
		path string
		code int
	}{{"/", 200}, {"/web/page.css", 200}, {"/web/", 404}, {"/web/icons/", 404}, {"/web/icons", 404}, {"/web/missing", 404}} {
		r, err := http.Get("http://" + addr + c.path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
		if r.StatusCode != c.code || r.Header.Get("Content-Security-Policy") != playground.CSP || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d, CSP %q, nosniff %q", c.path, r.StatusCode, r.Header.Get("Content-Security-Policy"), r.Header.Get("X-Content-Type-Options"))
		}
	}
}

// TestServeDropsSlowClients: a connection that trickles its request headers is closed once the header
// timeout passes (it stayed open indefinitely under http.ListenAndServe).
func TestServeDropsSlowClients(t *testing.T) {
	tm := timeouts{header: 200 * time.Millisecond, read: 300 * time.Millisecond, write: time.Second, idle: time.Second}
	addr := serveOn(t, t.TempDir(), tm)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second)) // the test's own bound, far beyond the server's
	closed := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, conn) // returns when the server closes the connection
		closed <- err
	}()
	for i := 0; ; i++ {
		if _, err := conn.Write([]byte("G")); err != nil {
			return // the server has closed the connection
		}
		select {
		case err := <-closed: // EOF (nil) or a reset: the server closed it; a timeout is the test's own deadline
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatalf("the connection was not closed by the server: %v", err)
			}
			return
		case <-time.After(50 * time.Millisecond):
		}
		if i > 150 {
			t.Fatal("a trickling client is still connected after 7 s")
		}
	}
}
