package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// runStatus says in plain words what run r is doing or why it stopped, with its tone ("ok", "bad" or
// ""): "Finished: 600 steps", "Stopped at step 7: the loss exploded to 1.3e7, 6,400× where it
// started". The trainer's stop reasons (train.StopReason) are "steps", "target" and "diverged: …".
func runStatus(lang string, r *runData, playing bool) (kind, text string) {
	switch {
	case r.done && r.reason == "steps":
		return "ok", fmt.Sprintf(tr(lang, "st.finished"), r.step)
	case r.done && r.reason == "target":
		return "ok", fmt.Sprintf(tr(lang, "st.target"), r.step)
	case r.done && strings.HasPrefix(r.reason, "crashed"):
		return "bad", fmt.Sprintf(tr(lang, "st.stopped"), r.step) + tr(lang, "st.crashed")
	case r.done && strings.HasPrefix(r.reason, "diverged"):
		return "bad", fmt.Sprintf(tr(lang, "st.stopped"), r.step) + divergedWhy(lang, r)
	case r.done:
		return "", fmt.Sprintf(tr(lang, "st.stopped"), r.step) + r.reason
	case playing:
		return "ok", tr(lang, "training")
	case r.step > 0:
		return "", fmt.Sprintf(tr(lang, "st.paused"), r.step)
	}
	return "", tr(lang, "st.ready")
}

// divergedWhy is what went wrong in a diverged run: a quantity that overflowed, or the loss that grew
// past the trainer's limit, as a value and a multiple of the first step's loss (from the records).
func divergedWhy(lang string, r *runData) string {
	for _, c := range []struct{ in, key string }{
		{"loss is not finite", "st.inf.loss"}, {"gradient is not finite", "st.inf.grad"}, {"weights are not finite", "st.inf.weights"},
	} {
		if strings.Contains(r.reason, c.in) {
			return tr(lang, c.key)
		}
	}
	if r.nrec == 0 || r.first.Step != 1 || r.latest.Step != r.step || !(r.first.Loss > 0) {
		return tr(lang, "st.exploded")
	}
	last, first := r.latest.Loss, r.first.Loss
	return fmt.Sprintf(tr(lang, "st.exploded.by"), sci(last), times(last/first))
}

// sci writes v with two significant digits, in scientific notation from 10⁴ on: 1.3e7, 1,200, 0.52.
func sci(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e4 || (v != 0 && a < 1e-3) || math.IsNaN(v):
		s := strconv.FormatFloat(v, 'e', 1, 64) // 1.3e+07
		m, e, _ := strings.Cut(s, "e")
		m = strings.TrimSuffix(m, ".0")
		exp, _ := strconv.Atoi(e)
		return m + "e" + strconv.Itoa(exp)
	case a >= 100:
		return grouped(round2(v))
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// times writes a ratio as sci does, with thousands separators up to a million: 6,400, 12, 1.5, 2.5e6.
func times(v float64) string {
	if v >= 1e4 && v < 1e6 {
		return grouped(round2(v))
	}
	return sci(v)
}

// round2 rounds v to two significant digits.
func round2(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	return math.Round(v/p) * p
}

// grouped writes a whole number with thousands separators: 6,400.
func grouped(v float64) string {
	s := strconv.FormatInt(int64(math.Abs(v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if v < 0 {
		s = "-" + s
	}
	return s
}
