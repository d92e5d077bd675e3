package worker

import (
	"os"
	"regexp"
	"testing"
)

// web/worker.js spells the op it handles itself and the messages it sends itself; they must be the
// protocol's constants, and it must handle no other op.
func TestWorkerJSMatchesProtocol(t *testing.T) {
	src, err := os.ReadFile("../web/worker.js")
	if err != nil {
		t.Fatal(err)
	}
	js := string(src)
	ops := regexp.MustCompile(`\.op === "([^"]*)"`).FindAllStringSubmatch(js, -1)
	if len(ops) != 1 || ops[0][1] != OpSpeed {
		t.Errorf("worker.js handles ops %v, want only %q", ops, OpSpeed)
	}
	types := map[string]bool{}
	for _, m := range regexp.MustCompile(`type: "([^"]*)"`).FindAllStringSubmatch(js, -1) {
		types[m[1]] = true
	}
	if len(types) != 2 || !types[MsgReady] || !types[MsgCrash] {
		t.Errorf("worker.js sends message types %v, want %q and %q", types, MsgReady, MsgCrash)
	}
	roles := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.role === "([^"]*)"`).FindAllStringSubmatch(js, -1) {
		roles[m[1]] = true
	}
	if len(roles) != 2 || !roles[RoleLead] || !roles[RoleHelper] {
		t.Errorf("worker.js links roles %v, want %q and %q", roles, RoleLead, RoleHelper)
	}
}
