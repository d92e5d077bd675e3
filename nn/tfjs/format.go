package tfjs

import "encoding/json"

// modelJSON is model.json of a TensorFlow.js LayersModel.
type modelJSON struct {
	ModelTopology   json.RawMessage `json:"modelTopology"`
	Format          string          `json:"format,omitempty"`
	GeneratedBy     string          `json:"generatedBy,omitempty"`
	ConvertedBy     *string         `json:"convertedBy"`
	WeightsManifest []weightGroup   `json:"weightsManifest"`
}

// weightGroup is one entry of the weights manifest: its weights, in order, are the concatenation of the
// files in Paths.
type weightGroup struct {
	Paths   []string     `json:"paths"`
	Weights []weightSpec `json:"weights"`
}

type weightSpec struct {
	Name         string          `json:"name"`
	Shape        []int           `json:"shape"`
	Dtype        string          `json:"dtype"`
	Quantization json.RawMessage `json:"quantization,omitempty"`
}

// topology is the Keras model configuration. A converted Keras file nests it in model_config.
type topology struct {
	ClassName    string          `json:"class_name"`
	Config       json.RawMessage `json:"config"`
	KerasVersion string          `json:"keras_version,omitempty"`
	Backend      string          `json:"backend,omitempty"`
	ModelConfig  *topology       `json:"model_config,omitempty"`
}

// sequential is a Sequential model's config. Keras 1 wrote the layer list alone (see readLayers).
type sequential struct {
	Name   string  `json:"name"`
	Layers []layer `json:"layers"`
}

// layer is one layer: its class name and its options, keyed by their Keras (snake_case) names.
type layer struct {
	ClassName string         `json:"class_name"`
	Config    map[string]any `json:"config"`
}
