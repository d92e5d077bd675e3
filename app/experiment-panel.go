package app

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/nn/experiment"
	"github.com/rnn-playground/rnn-playground/worker"
)

// expState is the guided experiment the page shows (see package experiment): its id and lag, and the
// settings it put in place — once the user changes a control the page leaves the experiment and trains
// the controls' settings again.
type expState struct {
	id      string
	e       experiment.Experiment
	T       int
	set     settings // a copy of what the experiment set p.set to
	gallery bool     // the gallery is open
}

// experiment returns the active experiment, if any.
func (p *playground) experiment() (experiment.Experiment, bool) {
	if p.xp.id == "" || !reflect.DeepEqual(p.set, p.xp.set) {
		return experiment.Experiment{}, false
	}
	return p.xp.e, true
}

// runConfigs is what the worker trains: the active experiment's runs, or the controls' settings.
func (p *playground) runConfigs() []worker.Config {
	if e, ok := p.experiment(); ok {
		return e.Configs(p.xp.T)
	}
	p.xp.id = ""
	return p.set.configs()
}

// experimentFromURL opens the experiment ?experiment=ID (and &T=lag) names; a bad id or lag is reported
// with the URL's other problems.
func (p *playground) experimentFromURL(q url.Values) {
	id := q.Get("experiment")
	if id == "" {
		return
	}
	e, err := experiment.ByID(id)
	if err != nil {
		p.problems = append(p.problems, "experiment: "+err.Error())
		return
	}
	T := 0
	if s := q.Get("T"); s != "" && len(e.Ts) > 0 {
		if v, err := strconv.Atoi(s); err == nil && slices.Contains(e.Ts, v) {
			T = v
		} else {
			p.problems = append(p.problems, fmt.Sprintf("T: %s is not one of this experiment's lags %v", s, e.Ts))
		}
	}
	p.setExperiment(e, T)
}

// setExperiment makes e (at lag T, 0 for its default) the page's runs and settings.
func (p *playground) setExperiment(e experiment.Experiment, T int) {
	if T == 0 {
		T = e.DefaultT()
	}
	cfgs := e.Configs(T)
	s := settings{Cfg: cfgs[0]}
	for _, c := range cfgs {
		s.Models = append(s.Models, c.Model)
	}
	p.set = s
	p.xp = expState{id: e.ID, e: e, T: T, set: s.clone()}
}

// openExperiment loads e at lag T, writes its URL and, with run, starts training it at once.
func (p *playground) openExperiment(ctx app.Context, e experiment.Experiment, T int, run bool) {
	p.setExperiment(e, T)
	u := *ctx.Page().URL()
	q := url.Values{"experiment": {e.ID}}
	if len(e.Ts) > 0 && p.xp.T != e.DefaultT() {
		q.Set("T", strconv.Itoa(p.xp.T))
	}
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
	p.reset(ctx)
	if run && p.ready && p.crashed == "" {
		p.send(worker.Command{Op: worker.OpPlay})
		p.playing = true
		p.reveal(ctx)
	}
}

// markedCards are the ids of the chart cards the open experiment marks, in the marks' order.
func (p *playground) markedCards() []string {
	e, ok := p.experiment()
	if !ok {
		return nil
	}
	var ids []string
	for _, m := range e.Marks {
		if id := markCard(e, m); !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// runDiff is how the open experiment's runs differ (none without an experiment).
func (p *playground) runDiff() runDiff {
	e, ok := p.experiment()
	if !ok || len(e.Runs) < 2 {
		return runDiff{}
	}
	labels := e.Labels()
	for i, l := range labels {
		labels[i] = xpLabel(p.lang, l)
	}
	return diffRuns(p.lang, e.Configs(p.xp.T), labels)
}

// xpRunName is the active experiment's label for run i.
func (p *playground) xpRunName(i int) (string, bool) {
	e, ok := p.experiment()
	if !ok || i >= len(e.Runs) {
		return "", false
	}
	return xpLabel(p.lang, e.Runs[i].Label), true
}

// markCard is the id of the chart card a mark points at: the chart's, or for the attention of a run
// after the first, that run's own heatmap (see attnRuns).
func markCard(e experiment.Experiment, m experiment.Mark) string {
	if m.Chart == experiment.ChartAttn {
		for i, r := range e.Runs {
			if i > 0 && r.Label == m.Run {
				return chartElemID(string(m.Chart), i)
			}
		}
	}
	return chartElemID(string(m.Chart), -1)
}

// xpMark puts the captions of the active experiment's marks on the chart card they point at.
func (p *playground) xpMark(c *chartCard) *chartCard {
	e, ok := p.experiment()
	if !ok {
		return c
	}
	var notes []string
	for i, m := range e.Marks {
		if markCard(e, m) == c.ID {
			notes = append(notes, fmt.Sprintf("%s %s", markBadge(i), m.Caption.In(p.lang)))
			c.Badge += markBadge(i)
		}
	}
	if len(notes) > 0 {
		c.Note = strings.Join(notes, "  ")
	}
	return c
}

func markBadge(i int) string { return string(rune('①' + i)) }

// markStyle outlines the chart cards the marks point at (each card shows its marks' numbers by its
// title, and draws a mark's range in its plot).
func markStyle(e experiment.Experiment, active bool) string {
	var b strings.Builder
	if !active {
		return ""
	}
	seen := map[string]bool{}
	for _, m := range e.Marks {
		c := markCard(e, m)
		if seen[c] {
			continue
		}
		seen[c] = true
		fmt.Fprintf(&b, "#%s{outline:3px solid #f59e0b;outline-offset:2px}#%s .note{color:#92400e;font-weight:600}", c, c)
	}
	return b.String()
}
