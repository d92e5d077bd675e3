package chart

// Palette is the charts' colours: run i is Palette[i], and the series of one run's chart (parameter
// groups, gates) take them in order. Okabe–Ito's colour-blind-safe hues, then darker ones, each at
// least 3:1 against white (WCAG's contrast for graphics).
var Palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#111827", "#B45309", "#6D28D9", "#0E7490"}

// Color is Palette[i], wrapping round.
func Color(i int) string { return Palette[i%len(Palette)] }

// MarkColor outlines what a task's view marks (the inputs that carry the answer); 5:1 on white, so
// text in it passes WCAG AA.
const MarkColor = "#B45309"

// RuleColor is the colour of a reference line (a baseline, a threshold, ρ = 1) and ThresholdColor that
// of a limit the training applies (the clip threshold).
const (
	RuleColor      = "#6b7280"
	ThresholdColor = "#dc2626"
)
