package task_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
)

// The cell and task registries are the single places their names are spelled: no string literal in the
// program's code outside nn/ (tests and translations aside), nor in nn/train (the run configuration, which
// reads the task table), is a cell's or a task's name, and neither is a quoted string in web/'s scripts.
// Code that needs a name looks it up (nn.Cells, task.Entries).
func TestNamesSpelledOnlyInRegistries(t *testing.T) {
	names := map[string]bool{}
	for _, k := range nn.Cells() {
		names[k.Name] = true
	}
	for _, e := range task.Entries() {
		names[e.Name] = true
	}
	root := filepath.Join("..", "..")
	train := filepath.Join("nn", "train")
	quoted := regexp.MustCompile(`["'` + "`" + `]([a-z0-9-]+)["'` + "`" + `]`)
	checked, trainChecked := 0, false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			// Of nn/, only nn/train is read: the engine and the registries spell the names.
			engine := filepath.Dir(rel) == "nn" && rel != train
			if engine || rel == "e2e" || (rel != "." && strings.HasPrefix(d.Name(), ".")) || d.Name() == "testdata" ||
				d.Name() == "node_modules" || d.Name() == "build" {
				return filepath.SkipDir
			}
			return nil
		}
		base := d.Name()
		if filepath.Dir(rel) == "nn" {
			return nil // the engine: the cell registry and the cells
		}
		translation := base == "i18n.go" || strings.HasSuffix(base, "-words.go")
		switch {
		case strings.HasSuffix(base, ".go") && !strings.HasSuffix(base, "_test.go") && !translation:
			checked++
			trainChecked = trainChecked || filepath.Dir(rel) == train
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if _, ok := n.(*ast.ImportSpec); ok {
					return false
				}
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && names[s] {
						t.Errorf("%s: %s spells a registered name; look it up in the registry", rel, lit.Value)
					}
				}
				return true
			})
		case strings.HasPrefix(rel, "web"+string(filepath.Separator)) && strings.HasSuffix(base, ".js"):
			checked++
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range quoted.FindAllStringSubmatch(string(src), -1) {
				if names[m[1]] {
					t.Errorf("%s: %s spells a registered name", rel, m[0])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !trainChecked {
		t.Fatalf("the walk missed %s", train)
	}
	if checked < 20 {
		t.Fatalf("only %d files checked: the walk missed the program", checked)
	}
}
