// Package chart draws the playground's charts as self-contained SVG documents: line charts with linear
// or log axes, reference lines and bands, and heatmaps (embedded PNG images). It is pure Go — the page
// mounts the SVG text, exports it as a file, and the tests read it natively.
//
// Long histories are downsampled (Downsample keeps each bucket's extremes, so spikes survive) and a
// chart's geometry (Frame) is exposed so that the page can map the pointer back to data for hovering.
package chart
