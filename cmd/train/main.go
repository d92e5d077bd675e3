// Command train is the playground's lab on the command line: it trains the same tasks and models with the
// same trainer as the browser, and for a configuration and seed gives the same records bit for bit.
//
//	go run ./cmd/train -task adding -T 100 -model lstm -hidden 64 -steps 3000 -seed 1
//	go run ./cmd/train -task copy -T 100 -compare rnn,lstm,gru -steps 2000 -out runs.jsonl -plot figs
//	go run ./cmd/train -config run.json -save model.json
//	go run ./cmd/train -load model.json -input "0.3,0 0.9,1 0.1,0 0.5,1"
//	go run ./cmd/train -load lm.json -sample 300 -temp 0.8 -prime "It was"
//	go run ./cmd/train -load model.json -export-tfjs out/         # a TensorFlow.js LayersModel (package nn/tfjs)
//	go run ./cmd/train -import-tfjs out/model.json -task adding -save run.json
//	go run ./cmd/train -experiment vanishing -T 50 -plot figs   # a guided experiment (package nn/experiment)
//
// Flags that are not given keep the task's defaults (or the -config file's values). Bad flags or a bad
// configuration print a message naming the problem and exit with status 2.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a problem with the flags or the configuration: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// run is the whole command: it returns the exit status (0 ok, 1 failure while running, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil {
		if o.printConfig {
			err = printConfigs(o, stdout)
		} else if o.exportTFJS != "" {
			err = exportTFJS(o, stdout)
		} else if o.importTFJS != "" {
			err = importTFJS(o, stdout)
		} else if o.load != "" {
			err = infer(o, stdout)
		} else {
			err = trainRuns(o, stdout, stderr)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "train:", err)
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	return 0
}
