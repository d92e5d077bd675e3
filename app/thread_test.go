package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// The page never trains and never builds a task on its UI thread (issue 13): no non-test file of the
// page calls what builds one — task.New, a task's Next or Val, train.New, train.Load, a Config's
// Validate — or steps a run. The worker validates in full and answers with the error the page shows.
func TestPageBuildsNoTask(t *testing.T) {
	banned := map[string]bool{"task.New": true, "train.New": true, "train.Load": true, "nn.NewNet": true, "nn.NewModel": true}
	methods := map[string]bool{"Validate": true, "Next": true, "Val": true, "Step": true}
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		n++
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(x ast.Node) bool {
			call, ok := x.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && banned[id.Name+"."+sel.Sel.Name] {
				t.Errorf("%s: the page calls %s.%s", fset.Position(call.Pos()), id.Name, sel.Sel.Name)
			} else if methods[sel.Sel.Name] {
				t.Errorf("%s: the page calls .%s()", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if n < 20 {
		t.Fatalf("checked only %d files of the page", n)
	}
}
