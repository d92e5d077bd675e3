package app

import (
	"fmt"
	"slices"

	"github.com/rnn-playground/rnn-playground/app/chart"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
)

// chartDef declares one chart of the page, once. Everything else derives from its ID: the element id
// "chart-"+ID ("chart-"+ID+"-"+i for run i's own card), the title's word "ch."+ID, and the name an
// experiment's marks use for it (experiment.Chart(ID)).
type chartDef struct {
	ID string
	// Steps says that the chart draws every training step's records (rebuilt on every record);
	// otherwise it draws the evaluations.
	Steps bool
	// Runs, when set, gives the runs that have a card of their own (-1: the card without a suffix);
	// otherwise the chart is one card.
	Runs  func(p *playground) []int
	Build func(p *playground, run int) *chartCard
}

// charts is every chart of the page, in the order the page shows them when no experiment marks any.
var charts = []chartDef{
	{ID: "loss", Steps: true, Build: one((*playground).lossCard)},
	{ID: "metric", Build: one((*playground).metricCard)},
	{ID: "grad", Steps: true, Build: one((*playground).gradCard)},
	{ID: "dh", Build: one((*playground).dhCard)},
	{ID: "dhheat", Runs: allRuns, Build: (*playground).dhHeatCard},
	{ID: "dcheat", Runs: lstmRuns, Build: (*playground).dcHeatCard},
	{ID: "gates-time", Build: one((*playground).gatesTimeCard)},
	{ID: "spectra", Build: one((*playground).spectraCard)},
	{ID: "sv", Build: one((*playground).singularCard)},
	{ID: "gates", Build: one((*playground).gatesCard)},
	{ID: "hidden", Build: one((*playground).hiddenCard)},
	{ID: "task", Build: one((*playground).taskCard)},
	{ID: "attn", Runs: attnRuns, Build: (*playground).attentionCard},
}

func one(f func(*playground) *chartCard) func(*playground, int) *chartCard {
	return func(p *playground, _ int) *chartCard { return f(p) }
}

// chartElemID is the element id of chart id's card for run (-1: the chart's only or main card).
func chartElemID(id string, run int) string {
	if run < 0 {
		return "chart-" + id
	}
	return fmt.Sprintf("chart-%s-%d", id, run)
}

// chartTitleKey is the word of chart id's title.
func chartTitleKey(id string) string { return "ch." + id }

// chartDefByID returns the declaration of chart id.
func chartDefByID(id experiment.Chart) (chartDef, bool) {
	i := slices.IndexFunc(charts, func(d chartDef) bool { return d.ID == string(id) })
	if i < 0 {
		return chartDef{}, false
	}
	return charts[i], true
}

// runColor is the colour of run i in every chart and in the settings' model rows.
func runColor(i int) string { return chart.Color(i) }

func allRuns(p *playground) []int {
	out := make([]int, len(p.runs))
	for i := range out {
		out[i] = i
	}
	return out
}

// lstmRuns are the runs whose evaluations carry ‖∂L/∂c_t‖ (LSTM cells).
func lstmRuns(p *playground) []int {
	var out []int
	for i, r := range p.runs {
		if r.hasLast && len(r.last.DC) > 0 && len(r.last.DC[0]) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// attnRuns: the first run with attention weights has the card "chart-attn"; the runs after the first
// that attend have their own, so that an experiment can compare attention side by side.
func attnRuns(p *playground) []int {
	var out []int
	if p.attnRun() >= 0 {
		out = append(out, -1)
	}
	for i := 1; i < len(p.runs); i++ {
		if len(p.runs[i].last.Attention) > 0 && len(p.runs[i].last.Attention[0]) > 0 {
			out = append(out, i)
		}
	}
	return out
}
