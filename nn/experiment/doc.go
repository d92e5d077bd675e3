// Package experiment holds the playground's guided experiments: presets that show, live, why plain
// recurrent networks forget and what each technique of the source article does about it — gated cells,
// clipping, initialisation, the forget-gate bias, attention, auxiliary losses and regularisation.
//
// An Experiment is data: an id, a title and a short explanation in English and Simplified Chinese with
// the equation that matters, the runs (train.Config presets that train side by side on the same data),
// an optional sweep over the lag T, and Marks that point at what to watch on the charts. The page opens
// them from a gallery (or ?experiment=ID), cmd/train runs them with -experiment ID, and every claim an
// explanation makes is asserted by a test in this package that trains the experiment natively.
//
//	e, _ := experiment.ByID("vanishing")
//	runs, _ := e.Compare(e.DefaultT())   // []*train.Run, one per preset
//	experiment.Train(runs, 10)           // step them in turn, 10 steps each, until all stop
package experiment
