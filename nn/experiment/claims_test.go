//go:build !js

// The claims train natively only: under js/wasm they would take several times as long, and the engine's
// records are bit-identical there (nn/train's TestRecordsMatchWasm), so they would show nothing new.
// make bench-insight runs the same predicates in wasm under node (insight_test.go).

package experiment

import (
	"fmt"
	"sync"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// shortForms trains each short form once, whichever test asks first: the claims of a group share their
// runs, and TestLessons reads seed 1's.
var shortForms sync.Map // key → *shortForm

type shortForm struct {
	once sync.Once
	runs []*train.Run
	err  error
}

func trained(e *Experiment, g ClaimGroup, seed uint64) ([]*train.Run, error) {
	key := fmt.Sprintf("%s T=%d steps=%d seed=%d", e.ID, g.T, g.Steps, seed)
	v, _ := shortForms.LoadOrStore(key, &shortForm{})
	sf := v.(*shortForm)
	sf.once.Do(func() {
		sf.runs, sf.err = train.Compare(e.ShortForm(g.T, g.Steps, seed)...)
		if sf.err == nil {
			Train(sf.runs, 10)
		}
	})
	return sf.runs, sf.err
}

// TestClaims: every claim of every experiment holds at the end of its short form, for seeds 1–5. The log
// prints the figures each predicate looked at (go test -v -run TestClaims/ID).
func TestClaims(t *testing.T) {
	t.Parallel()
	for _, e := range All() {
		for seed := uint64(1); seed <= Seeds; seed++ {
			t.Run(fmt.Sprintf("%s/seed=%d", e.ID, seed), func(t *testing.T) {
				t.Parallel()
				for _, g := range e.ClaimGroups() {
					runs, err := trained(&e, g, seed)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range g.Claims {
						ok, why := c.Holds(runs)
						if !ok {
							t.Errorf("%s (%s) does not hold: %s", c.ID, c.Phase, why)
							continue
						}
						t.Logf("%s (%s): %s", c.ID, c.Phase, why)
					}
				}
			})
		}
	}
}
