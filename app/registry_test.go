package app

import (
	"testing"

	"github.com/rnn-playground/rnn-playground/nn"
)

// Every registered cell is a choice of the cell control, with a display name in both languages.
func TestCellChoicesFromRegistry(t *testing.T) {
	opts := cells()
	if len(opts) != len(nn.Cells()) {
		t.Fatalf("%d cell choices, %d registered cells", len(opts), len(nn.Cells()))
	}
	for i, k := range nn.Cells() {
		if opts[i].value != k.Name {
			t.Errorf("choice %d is %q, want %q", i, opts[i].value, k.Name)
		}
		for _, lang := range []string{"en", "zh"} {
			if words[lang][k.Key] == "" {
				t.Errorf("%s: no %s name for the %s cell (key %q)", lang, lang, k.Name, k.Key)
			}
		}
	}
}
