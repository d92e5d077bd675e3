//go:build !js

package train

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRecordsMatchWasm: the same configurations and seeds give the same records, bit for bit, natively
// and in WebAssembly. It builds this package's tests for js/wasm, runs them under node in print mode
// (see TestMain) and compares every line with the native run.
func TestRecordsMatchWasm(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("bit identity with wasm is promised on amd64 only (this is %s, which may fuse multiply-adds)", runtime.GOARCH)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	execWasm := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: the wasm build cannot run (make test needs Node.js; .ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "train.wasm")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the wasm tests: %v\n%s", err, out)
	}
	run := exec.Command(execWasm, bin)
	run.Env = append(os.Environ(), "TRAIN_PRINT_RECORDS=1")
	out, err := run.Output()
	if err != nil {
		t.Fatalf("running the wasm tests under node: %v\n%s", err, out)
	}
	native := identityText()
	wasm := string(out)
	if !strings.Contains(native, "diverged") {
		t.Error("the identity runs do not include a divergence")
	}
	nl, wl := strings.Split(native, "\n"), strings.Split(wasm, "\n")
	if len(nl) != len(wl) {
		t.Fatalf("native printed %d lines, wasm %d", len(nl), len(wl))
	}
	bad := 0
	for i := range nl {
		if nl[i] != wl[i] {
			if bad < 5 {
				t.Errorf("line %d differs:\nnative %s\n  wasm %s", i+1, nl[i], wl[i])
			}
			bad++
		}
	}
	if bad == 0 {
		t.Logf("native and wasm agree on %d lines (%d records)", len(nl), strings.Count(native, "\nR "))
	}
}
