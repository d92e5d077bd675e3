package nn

// Net is what the trainer trains: a Model, or any other network built on the engine (the encoder–decoder).
type Net interface {
	// Forward runs the network on b and returns its loss; train enables dropout.
	Forward(b *Batch, train bool) float64
	// Backward accumulates the gradient of the last Forward's loss into the parameters' G.
	Backward()
	// Output returns the predictions of the last Forward.
	Output() *Seq
	// Probes returns the instrumentation of the recurrent layers.
	Probes() []*Probe
	// Parameters returns the slab of weights and gradients.
	Parameters() *Params
}

// AuxNet is a network trained with an auxiliary loss: its Forward returns MainLoss() + λ·AuxLoss().
type AuxNet interface {
	MainLoss() float64
	AuxLoss() float64
}

// Parameters returns m.Params.
func (m *Model) Parameters() *Params { return m.Params }

// StepStats is what one training step records. Its slices are reused from step to step.
type StepStats struct {
	Loss        float64   // the loss of the batch, before the update (the main loss, without the auxiliary one)
	AuxLoss     float64   // the auxiliary loss (unweighted; 0 without one): the objective is Loss + λ·AuxLoss
	GradNorm    float64   // global gradient norm before clipping
	PostNorm    float64   // global gradient norm after clipping (the one applied)
	Clipped     bool      // clipping changed the gradient
	Skipped     string    // why the optimiser skipped the update ("": it did not; see Optimizer.Step)
	GradNorms   []float64 // per parameter (Params.List order), before clipping
	WeightNorms []float64 // per parameter, after the update
}

// TrainStep runs one step: zero the gradients, forward, backward, measure, clip, update. It allocates
// nothing once the network's buffers are warm.
func TrainStep(net Net, b *Batch, opt *Optimizer, clip ClipConfig, st *StepStats) {
	ps := net.Parameters()
	ps.ZeroGrad()
	st.Loss = net.Forward(b, true)
	st.AuxLoss = 0
	if a, ok := net.(AuxNet); ok {
		st.Loss, st.AuxLoss = a.MainLoss(), a.AuxLoss()
	}
	net.Backward()
	update(ps, opt, clip, st)
}

// update measures the gradient ps.G, clips it and applies the optimiser: the end of every training step.
func update(ps *Params, opt *Optimizer, clip ClipConfig, st *StepStats) {
	st.GradNorms = growF(st.GradNorms, len(ps.List))
	st.WeightNorms = growF(st.WeightNorms, len(ps.List))
	for i, p := range ps.List {
		st.GradNorms[i] = Norm2(p.G)
	}
	st.GradNorm, st.PostNorm, st.Clipped = Clip(ps.G, clip)
	st.Skipped = opt.Step(ps)
	for i, p := range ps.List {
		st.WeightNorms[i] = Norm2(p.W)
	}
}
