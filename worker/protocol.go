package worker

import (
	"encoding/json"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// Command is one message from the page to the worker.
//
//	init   {configs}      start fresh runs from these configurations (1 to MaxRuns, same data)
//	play / pause          start or stop the play loop (the loop itself is in worker.js)
//	step   {n}            train every run n steps now
//	set    {lr, clip, wd}  change the learning rate, clipping and weight decay of every run, live
//	save   {id}           reply with run id's model file
//	load   {file}         replace the runs by one run from a saved run's configuration and weights
//	sample {temp}         set the language model's sampling temperature and generate text now
//	export-tfjs {id}      reply "tfjs" with run id's model as a TensorFlow.js LayersModel (tfjs.go)
//	import-tfjs {file, weights, configs}  a LayersModel as a run of configs[0]'s task, replacing the runs as load does
type Command struct {
	Op      string            `json:"op"`
	Configs []Config          `json:"configs,omitempty"`
	N       int               `json:"n,omitempty"`
	ID      int               `json:"id,omitempty"`
	LR      float64           `json:"lr,omitempty"`
	Clip    *ClipConfig       `json:"clip,omitempty"`
	WD      *float64          `json:"wd,omitempty"`
	Temp    float64           `json:"temp,omitempty"`
	File    json.RawMessage   `json:"file,omitempty"`
	Weights map[string][]byte `json:"weights,omitempty"` // import-tfjs: weight files by name
}

// MaxRuns is the number of models compare mode trains side by side.
const MaxRuns = 4

// Message is one message from the worker to the page.
//
//	ready     the worker has started and takes commands
//	progress  new records and evaluations of every run, the play state and the speed
//	model     a model file (reply to save)
//	tfjs      a TensorFlow.js LayersModel: model.json in File, the weight file in Weights (reply to export-tfjs)
//	error     a command failed; Error says why and nothing changed
//	crash     the worker's Go code panicked; the page must reset
type Message struct {
	Type    string          `json:"type"`
	Runs    []RunUpdate     `json:"runs,omitempty"`
	Playing bool            `json:"playing"`
	SPS     float64         `json:"sps,omitempty"` // training steps per second (summed over runs)
	ID      int             `json:"id,omitempty"`
	File    json.RawMessage `json:"file,omitempty"`
	Config  *Config         `json:"config,omitempty"` // the configuration of a loaded model
	Error   string          `json:"error,omitempty"`
	Weights []byte          `json:"weights,omitempty"` // tfjs: model.weights.bin
}

// RunUpdate is what one run did since the last message.
type RunUpdate struct {
	ID      int        `json:"id"`
	Step    int        `json:"step"`
	Records []Record   `json:"records,omitempty"`
	Evals   []Eval     `json:"evals,omitempty"`
	Done    bool       `json:"done,omitempty"`
	Reason  string     `json:"reason,omitempty"`
	Reset   bool       `json:"reset,omitempty"` // the run started afresh: drop what was received before
	Spec    *task.Spec `json:"spec,omitempty"`  // the task, with a reset
	// Prime and Sample: the language model's generated text (Sample continues Prime), new at each
	// evaluation and on a sample command.
	Prime  string  `json:"prime,omitempty"`
	Sample string  `json:"sample,omitempty"`
	Temp   float64 `json:"temp,omitempty"` // the temperature Sample was drawn at
}
