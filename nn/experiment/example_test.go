package experiment_test

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/nn/experiment"
)

// The gallery in order, and one experiment's runs trained side by side for a few steps.
func Example() {
	fmt.Println(experiment.IDs())
	e, _ := experiment.ByID("spectral")
	fmt.Println(e.Title.En, "/", e.Title.Zh, e.Labels())
	runs, _ := e.Compare(0)
	for _, r := range runs {
		r.Step(2)
		fmt.Printf("%.3f ", r.Evals()[0].Spectra[0].Singular[0])
	}
	fmt.Println()
	// Output:
	// [vanishing exploding spectral forget-bias attention broken-attention aux-loss regularisation article]
	// Initialisation and the spectral radius / 初始化与谱半径 [gain 0.5 gain 1 gain 1.5]
	// 0.500 1.000 1.500
}
