package train_test

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

// A run trains in chunks; a user interface draws between them.
func Example() {
	c := train.Default("parity") // a one-layer LSTM on the parity of 10 bits
	c.Steps, c.EvalEvery = 40, 20
	r, err := train.New(c)
	if err != nil {
		panic(err)
	}
	for r.Step(10) > 0 {
		// draw r.Records() and r.Evals() here; r.SetLR, r.SetClip take effect from the next step
	}
	done, why := r.Done()
	fmt.Println(done, why.Reason, len(r.Records()), len(r.Evals()))
	// Output: true steps 40 3
}
