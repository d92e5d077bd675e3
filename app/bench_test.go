package app

import (
	"encoding/json"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/worker"
)

// trainedPage returns a page that has received n steps of a real run, in messages of 8 steps; set
// changes the page's default settings first.
func trainedPage(tb testing.TB, n int, set ...func(*settings)) (*playground, [][]byte) {
	var s worker.Session
	p := newPlayground()
	p.OnInit()
	for _, f := range set {
		f(&p.set)
	}
	cfg, _ := json.Marshal(worker.Command{Op: "init", Configs: p.set.configs()})
	var msgs [][]byte
	msgs = append(msgs, s.Handle(cfg))
	for i := 0; i < n/8; i++ {
		msgs = append(msgs, s.Handle([]byte(`{"op":"step","n":8}`)))
	}
	feed(tb, p, msgs)
	return p, msgs
}

// feed hands the page the worker's messages msgs, as the pool does.
func feed(tb testing.TB, p *playground, msgs [][]byte) {
	tb.Helper()
	for _, b := range msgs {
		var m worker.Message
		if err := json.Unmarshal(b, &m); err != nil {
			tb.Fatal(err)
		}
		p.receive(app.Context{}, m)
	}
}

func BenchmarkRenderViews(b *testing.B) {
	p, _ := trainedPage(b, 400)
	for b.Loop() {
		p.memo = nil // every card rebuilt: the cost of a render after a new evaluation
		for _, c := range p.cards() {
			c.build()
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	_, msgs := trainedPage(b, 400)
	for b.Loop() {
		var m worker.Message
		json.Unmarshal(msgs[len(msgs)-1], &m)
	}
	b.ReportMetric(float64(len(msgs[len(msgs)-1])), "bytes/msg")
}

func BenchmarkCards(b *testing.B) {
	p, _ := trainedPage(b, 400)
	for _, c := range p.cards() {
		b.Run(c.ID, func(b *testing.B) {
			for b.Loop() {
				c.build()
			}
		})
	}
	b.Run("specs", func(b *testing.B) {
		for b.Loop() {
			p.memo = nil
			p.cards()
		}
	})
}

// BenchmarkMessage is the page's work for one progress message in a long run: decode, apply, and
// rebuild the cards that changed (within buildBudget), as a render does.
func BenchmarkMessage(b *testing.B) {
	p, msgs := trainedPage(b, 2000)
	tail := msgs[len(msgs)-20:]
	i := 0
	for b.Loop() {
		var m worker.Message
		json.Unmarshal(tail[i%len(tail)], &m)
		for k := range m.Runs {
			m.Runs[k].Records = append([]worker.Record(nil), m.Runs[k].Records...)
			for j := range m.Runs[k].Records {
				m.Runs[k].Records[j].Step += 2000 + i*8 // fresh steps: every message is new data
			}
		}
		i++
		p.receive(app.Context{}, m)
		for _, c := range p.cards() {
			if c.svg == "" {
				c.build()
			}
		}
		_ = p.Render()
	}
}
