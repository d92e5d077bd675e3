package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/rnn-playground/rnn-playground/nn/tfjs"
)

// TensorFlow.js export and import (package nn/tfjs):
//
//	train -load run.json -export-tfjs DIR                       writes DIR/model.json, DIR/model.weights.bin
//	train -import-tfjs DIR/model.json -task NAME -save run.json  a TF.js LayersModel as a run of the task

func tfjsFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.exportTFJS, "export-tfjs", "", "with -load: write the model as a TensorFlow.js LayersModel (model.json, model.weights.bin) into DIR")
	fs.StringVar(&o.importTFJS, "import-tfjs", "", "read a TensorFlow.js LayersModel (FILE is its model.json; its weight files beside it) as a model for -task, and -save it")
}

// modelFlags choose a model, which an imported file brings with it.
var modelFlags = []string{"model", "layers", "hidden", "activation", "dropout", "init", "gain", "forget-bias", "compare", "experiment", "print-config"}

// tfjsOptions checks the flags that go with -export-tfjs and -import-tfjs.
func tfjsOptions(o *options, v *flagValues) error {
	if o.exportTFJS != "" {
		if o.load == "" {
			return usagef("-export-tfjs needs -load (it exports a saved model)")
		}
		if o.input != "" || o.sample != 0 {
			return usagef("-export-tfjs cannot be used with -input or -sample")
		}
	}
	if o.importTFJS == "" {
		return nil
	}
	if o.load != "" {
		return usagef("-import-tfjs cannot be used with -load")
	}
	if o.save == "" {
		return usagef("-import-tfjs needs -save FILE (where the imported run goes)")
	}
	for _, name := range modelFlags {
		if v.set[name] {
			return usagef("-%s cannot be used with -import-tfjs (the model comes from the file)", name)
		}
	}
	return nil
}

// exportTFJS writes the loaded run's model into the -export-tfjs folder.
func exportTFJS(o *options, stdout io.Writer) error {
	data, err := os.ReadFile(o.load)
	if err != nil {
		return usagef("-load: %v", err)
	}
	f, err := tfjs.ExportRun(data)
	if err != nil {
		return fmt.Errorf("-export-tfjs: %v", err)
	}
	if err := os.MkdirAll(o.exportTFJS, 0o755); err != nil {
		return err
	}
	for name, b := range map[string][]byte{tfjs.ModelFile: f.Model, tfjs.WeightsFile: f.Weights} {
		if err := os.WriteFile(filepath.Join(o.exportTFJS, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "wrote %s and %s (%d weights) into %s: tf.loadLayersModel reads them (docs/interop.md)\n",
		tfjs.ModelFile, tfjs.WeightsFile, len(f.Weights)/4, o.exportTFJS)
	return nil
}

// importTFJS reads the -import-tfjs model with the weight files its manifest names (beside it), fits it to
// the configured task and saves the run.
func importTFJS(o *options, stdout io.Writer) error {
	modelFile, err := os.ReadFile(o.importTFJS)
	if err != nil {
		return usagef("-import-tfjs: %v", err)
	}
	files := map[string][]byte{}
	for _, p := range tfjs.WeightPaths(modelFile) {
		name := path.Base(p)
		b, err := os.ReadFile(filepath.Join(filepath.Dir(o.importTFJS), name))
		if err != nil {
			return fmt.Errorf("-import-tfjs: the weight file %s (named in %s): %v", name, o.importTFJS, err)
		}
		files[name] = b
	}
	c := o.cfgs[0]
	saved, err := tfjs.ImportRun(modelFile, files, c)
	if err != nil {
		return fmt.Errorf("-import-tfjs %s: %v", o.importTFJS, err)
	}
	if err := os.WriteFile(o.save, saved, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %s into %s\n", o.importTFJS, o.save)
	o.load = o.save
	return infer(o, stdout) // the imported model on its task's validation set
}
