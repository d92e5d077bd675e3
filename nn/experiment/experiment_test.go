package experiment

import (
	"slices"
	"strings"
	"testing"
)

// TestCatalog: every experiment is complete in both languages, its runs validate and train side by side,
// its sweep contains its default lag, and its marks name its runs and known charts.
func TestCatalog(t *testing.T) {
	charts := map[Chart]bool{ChartLoss: true, ChartMetric: true, ChartGrad: true, ChartDH: true, ChartSpectra: true, ChartAttn: true,
		ChartGatesTime: true}
	seen := map[string]bool{}
	all := All()
	if len(all) < 9 {
		t.Errorf("%d experiments, want at least the issues' 9", len(all))
	}
	for _, e := range all {
		if seen[e.ID] || e.ID == "" || strings.ContainsAny(e.ID, " ?&=/") {
			t.Errorf("id %q is empty, repeated or not URL-safe", e.ID)
		}
		seen[e.ID] = true
		for _, tx := range []Text{e.Title, e.Summary, e.Topic} {
			if tx.En == "" || tx.Zh == "" {
				t.Errorf("%s: a text lacks a language: %+v", e.ID, tx)
			}
		}
		if e.Equation == "" || len(e.Runs) == 0 || len(e.Runs) > 4 {
			t.Errorf("%s: equation %q, %d runs (want 1 to 4, the page's limit)", e.ID, e.Equation, len(e.Runs))
		}
		labels := map[string]bool{}
		for _, r := range e.Runs {
			labels[r.Label] = true
		}
		for _, m := range e.Marks {
			if !charts[m.Chart] || (m.Run != "" && !labels[m.Run]) || m.Caption.En == "" || m.Caption.Zh == "" || m.To < m.From {
				t.Errorf("%s: bad mark %+v", e.ID, m)
			}
		}
		if len(e.Ts) > 0 && (!slices.IsSorted(e.Ts) || !slices.Contains(e.Ts, e.DefaultT())) {
			t.Errorf("%s: lags %v not increasing or without the runs' own T %d", e.ID, e.Ts, e.DefaultT())
		}
		Ts := append([]int{0}, e.Ts...)
		for _, T := range Ts {
			runs, err := e.Compare(T)
			if err != nil {
				t.Errorf("%s at T=%d: %v", e.ID, T, err)
				continue
			}
			if T > 0 && runs[0].Spec().T != T {
				t.Errorf("%s: T=%d gives a task of T=%d", e.ID, T, runs[0].Spec().T)
			}
		}
		if _, err := e.Compare(7777); len(e.Ts) > 0 && err == nil {
			t.Errorf("%s: lag 7777 accepted", e.ID)
		}
		if got, _ := ByID(e.ID); got.ID != e.ID {
			t.Errorf("ByID(%q) = %q", e.ID, got.ID)
		}
	}
	if _, err := ByID("nope"); err == nil {
		t.Error("unknown id accepted")
	}
}

// TestSentences: every sentence of every explanation, in both languages, names a claim of its experiment
// or says it only sets the scene; every mark names a claim; every claim checks some sentence or mark,
// has a predicate and a phase, and is checked on a lag of the experiment's sweep. With -v it lists every
// observable sentence and mark with the claim that checks it, one line each.
func TestSentences(t *testing.T) {
	for _, e := range All() {
		used := map[string]bool{}
		if len(e.Sentences) == 0 || e.Check <= 0 {
			t.Errorf("%s: %d sentences, short form %d steps", e.ID, len(e.Sentences), e.Check)
		}
		for i, s := range e.Sentences {
			if s.En == "" || s.Zh == "" {
				t.Errorf("%s sentence %d lacks a language: %+v", e.ID, i, s.Text)
			}
			if s.Claim == Scene {
				continue
			}
			c, ok := e.ClaimByID(s.Claim)
			if !ok {
				t.Errorf("%s sentence %d (%q) names no claim of the experiment: %q", e.ID, i, s.En, s.Claim)
			}
			used[s.Claim] = true
			t.Logf("%s: %q → claim %s (%s), TestClaims/%s/seed=1…%d", e.ID, s.En, s.Claim, c.Phase, e.ID, Seeds)
		}
		for _, m := range e.Marks {
			c, ok := e.ClaimByID(m.Claim)
			if !ok {
				t.Errorf("%s: mark %q names no claim: %q", e.ID, m.Caption.En, m.Claim)
			}
			used[m.Claim] = true
			t.Logf("%s: mark on %s %q → claim %s (%s), TestClaims/%s/seed=1…%d", e.ID, m.Chart, m.Caption.En, m.Claim, c.Phase, e.ID, Seeds)
		}
		ids := map[string]bool{}
		for _, c := range e.Claims {
			if ids[c.ID] || c.ID == Scene || c.Holds == nil || c.Phase == "" {
				t.Errorf("%s: claim %q repeated, named %q, or without a predicate or phase", e.ID, c.ID, Scene)
			}
			ids[c.ID] = true
			if !used[c.ID] {
				t.Errorf("%s: claim %q checks no sentence or mark", e.ID, c.ID)
			}
			if T, _ := e.claimRun(c); T != e.DefaultT() && !slices.Contains(e.Ts, T) {
				t.Errorf("%s: claim %q at T=%d, not one of the lags %v", e.ID, c.ID, T, e.Ts)
			}
		}
		if e.Explain != joinSentences(e.Sentences) {
			t.Errorf("%s: Explain is not the sentences joined", e.ID)
		}
	}
}
