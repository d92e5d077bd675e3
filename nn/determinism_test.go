//go:build !js

package nn

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
)

// The same configurations and seeds give the same bits natively and in WebAssembly: build this
// package's tests for js/wasm, run them under node in digest mode, and compare with the native digest.
func TestNativeMatchesWasm(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("bit identity with wasm is promised on amd64 only (this is %s, which may fuse multiply-adds)", runtime.GOARCH)
	}
	native := engineDigest()
	bin := filepath.Join(t.TempDir(), "nn.wasm")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the wasm tests: %v\n%s", err, out)
	}
	run := exec.Command(filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec"), bin)
	run.Env = append(os.Environ(), "NN_PRINT_DIGEST=1")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("running the wasm tests under node: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`DIGEST ([0-9a-f]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no digest in the wasm output:\n%s", out)
	}
	if string(m[1]) != native {
		t.Errorf("wasm digest %s, native %s: a run differs between the builds", m[1], native)
	}
	t.Logf("native and wasm agree: %s", native)
}
