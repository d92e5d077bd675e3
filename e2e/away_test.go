//go:build !js

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newPhonePage is a new page in a 390×844 phone's viewport.
func newPhonePage(tb testing.TB) *page {
	p := newPage(tb)
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	return p
}

// On a phone, which shows a card or two at a time, a chart far out of view redraws every two seconds
// or so while training; once scrolled into view it redraws with each progress message again.
func TestAwayChartsDrawLessOften(t *testing.T) {
	p := newPhonePage(t)
	p.open("?steps=100000&every=10")
	const id = "chart-dh" // ‖∂L/∂h_t‖ of the last evaluation: every 10 steps, so in every progress message
	// distinct counts the different drawings of the card over 5 s of training.
	distinct := func() int {
		seen := map[string]bool{}
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			seen[eval[string](p, fmt.Sprintf(`document.querySelector("#%s .plot svg")?.outerHTML ?? ""`, id))] = true
		}
		return len(seen)
	}
	p.click("#btn-play")
	p.waitStep("some training", 60)
	eval[bool](p, `scrollTo(0, 0), true`)
	// The observer counts half a screen below the view as in view.
	if top := eval[float64](p, fmt.Sprintf(`document.getElementById("%s").getBoundingClientRect().top / innerHeight`, id)); top < 1.6 {
		t.Fatalf("%s is %.1f screens down at the top of the page: the test needs it far out of view", id, top)
	}
	away := distinct()
	eval[bool](p, fmt.Sprintf(`document.getElementById("%s").scrollIntoView({block: "center"}), true`, id))
	near := distinct()
	t.Logf("%s: %d drawings in 5 s out of view, %d in view", id, away, near)
	if away > 4 || near < away+4 {
		t.Errorf("%s drew %d different charts in 5 s out of view and %d in view: want at most 4 (every 2 s) and at least 4 more in view", id, away, near)
	}
	p.click("#btn-play")
	p.noErrors()
}
