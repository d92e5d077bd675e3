package worker

import (
	"encoding/json"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// The page and the worker exchange JSON strings: Commands one way, Messages the other. The ops and the
// message types are these constants; web/worker.js, which runs the play loop around the Go session,
// spells the few it handles itself (OpSpeed, MsgReady, MsgCrash) and a test checks that it matches.

// Ops: Command.Op, what the page asks of the worker.
const (
	OpInit   = "init"   // {configs, hidden}: start fresh runs from these configurations (1 to MaxRuns, same data), run hidden's evaluations carrying hidden states; the worker validates them in full and answers MsgError if one is wrong
	OpPlay   = "play"   // start the play loop (the loop itself is in worker.js)
	OpPause  = "pause"  // stop it
	OpStep   = "step"   // {n}: train every run n steps now
	OpSet    = "set"    // {lr, clip, wd}: change the learning rate, clipping and weight decay of every run, live
	OpSave   = "save"   // {id}: reply MsgModel with run id's model file
	OpLoad   = "load"   // {file}: replace the runs by one run from a saved run's configuration and weights
	OpSample = "sample" // {temp}: set the language model's sampling temperature and generate text now
	// OpExportTFJS {id}: reply MsgTFJS with run id's model as a TensorFlow.js LayersModel (tfjs.go).
	OpExportTFJS = "export-tfjs"
	// OpImportTFJS {file, weights, configs}: a LayersModel as a run of configs[0]'s task, replacing the
	// runs as OpLoad does.
	OpImportTFJS = "import-tfjs"
	// OpSpeed {n} sets the play loop's pace: 0 as fast as possible, 1 leaving the CPU some rest, 2 one step
	// at a time. worker.js handles it and never passes it to the Go session.
	OpSpeed = "speed"
)

// Besides the commands, the page sends a worker two kinds of objects (not JSON): first {module}, the
// compiled app.wasm to run; and, for a single run on several workers, {port, role} with one end of a
// MessageChannel between two workers. The worker training the run (RoleLead) hands shard jobs through
// the port to a worker that trains nothing (RoleHelper) and adds the gradients it sends back
// (nn.Shards.SetRemote; the bytes are those of one worker computing every shard).
const (
	RoleLead   = "lead"
	RoleHelper = "helper"
)

// Message types: Message.Type, what the worker tells the page.
const (
	MsgReady    = "ready"    // the worker has started and takes commands (sent by worker.js)
	MsgProgress = "progress" // new records and evaluations of every run, the play state and the speed
	MsgModel    = "model"    // a model file (reply to OpSave)
	MsgTFJS     = "tfjs"     // a LayersModel: model.json in File, the weight file in Weights (reply to OpExportTFJS)
	MsgError    = "error"    // a command failed: Error says why, and nothing changed; the page shows it
	MsgCrash    = "crash"    // the worker's code panicked or exited (Go, or worker.js); the page must reset
)

// Command is one message from the page to the worker: Op and the fields that op reads.
type Command struct {
	Op      string            `json:"op"`
	Configs []Config          `json:"configs,omitempty"`
	N       int               `json:"n,omitempty"`
	ID      int               `json:"id,omitempty"`
	LR      float64           `json:"lr,omitempty"`
	Clip    *ClipConfig       `json:"clip,omitempty"`
	WD      *float64          `json:"wd,omitempty"`
	Temp    float64           `json:"temp,omitempty"`
	Hidden  int               `json:"hidden,omitempty"` // init: the run (index in Configs) whose evaluations carry hidden states, the page drawing one run's; −1: none
	File    json.RawMessage   `json:"file,omitempty"`
	Weights map[string][]byte `json:"weights,omitempty"` // import-tfjs: weight files by name
}

// MaxRuns is the number of models compare mode trains side by side.
const MaxRuns = 4

// Message is one message from the worker to the page: Type and the fields that type carries.
type Message struct {
	Type    string          `json:"type"`
	Runs    []RunUpdate     `json:"runs,omitempty"`
	Playing bool            `json:"playing"`
	SPS     float64         `json:"sps,omitempty"`    // training steps per second (summed over runs)
	Helped  int             `json:"helped,omitempty"` // shards of the run other workers computed so far (RoleLead)
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
