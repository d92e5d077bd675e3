package main

import (
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
)

// cellOptions is the help of a per-cell option: the choices of each registered cell that has some, as
// "rnn: tanh, relu, linear".
func cellOptions(choices func(*nn.CellKind) []string, what string) string {
	var s []string
	for _, k := range nn.Cells() {
		if c := choices(k); len(c) > 0 {
			s = append(s, k.Name+": "+strings.Join(c, ", "))
		}
	}
	return what + " (" + strings.Join(s, "; ") + ")"
}

// cellEquations lists every registered cell with its step's equations, one per line.
func cellEquations() string {
	var b strings.Builder
	for _, k := range nn.Cells() {
		b.WriteString("  " + k.Name + ": " + k.Equations + "\n")
	}
	return b.String()
}
