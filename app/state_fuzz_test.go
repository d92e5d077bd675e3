package app

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// hostileQueries are links a careless or hostile user might open: garbage, huge numbers, markup and
// script, repeated keys, bad escapes, and more settings than any link needs.
var hostileQueries = []string{
	"T=99999999999999999999999", "hidden=1e400", "lr=NaN", "lr=Inf", "lr=-0", "clipt=1e309", "gain=-1e308",
	"hidden=<script>alert(1)</script>", `task="><img src=x onerror=alert(1)>`, "cell=lstm,,,,,", "cell=%00%ff",
	"T=5&T=50&T=500", "hide=lr&hide=T", "seed=-1", "seed=18446744073709551616", "batch=0x10", "%zz&T=3",
	"layers=1,2,3,4,5,6,7,8,9", "hidden=" + strings.Repeat("9", 5000), "task=" + strings.Repeat("a", 3000),
	"act=relu&cell=rnn&init=identity&gain=1e300", "every=-5", "dropout=0.999999999", "compare=1&cell=gru,gru,gru,gru",
}

// TestHostileQueries: every hostile link gives settings that validate, a problem that names what was
// wrong in a bounded message, and never a panic; repeated keys and an oversized link are reported.
func TestHostileQueries(t *testing.T) {
	for _, raw := range hostileQueries {
		q, _ := url.ParseQuery(raw)
		s, problems := parseSettings(q)
		if err := s.validate(); err != nil {
			t.Errorf("%.60s: settings kept do not validate: %v", raw, err)
		}
		for _, p := range problems {
			if len(p) > maxProblem+len("…") {
				t.Errorf("%.60s: a problem of %d bytes", raw, len(p))
			}
		}
	}
	for _, c := range []struct{ raw, want string }{
		{"T=5&T=50&T=500", `T: given 3 times; the first, "5", is used`},
		{"hidden=" + strings.Repeat("9", 5000), "link: 5006 bytes of settings, the limit is 2048"},
		{"hidden=<script>alert(1)</script>", `hidden: "<script>alert(1)</script>" is invalid syntax`},
		{"T=99999999999999999999999", `T: "99999999999999999999999" is out of range`},
		{"lr=NaN", "optimizer.lr: NaN is outside"},
	} {
		q, _ := url.ParseQuery(c.raw)
		if _, problems := parseSettings(q); !strings.Contains(strings.Join(problems, "; "), c.want) {
			t.Errorf("%.60s: problems %q, want %q", c.raw, problems, c.want)
		}
	}
}

// FuzzParseSettings: whatever the link, parseSettings returns settings that validate and bounded
// problems, without panicking; settings read without a problem survive their own round trip.
func FuzzParseSettings(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	f.Add("task=copy&T=30&cell=lstm,gru&hidden=16,32&lr=0.01&clip=value&clipt=0.5&hide=lr,T")
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw)
		s, problems := parseSettings(q)
		if err := s.validate(); err != nil {
			t.Fatalf("settings kept do not validate: %v", err)
		}
		for _, p := range problems {
			if len(p) > maxProblem+len("…") {
				t.Fatalf("a problem of %d bytes", len(p))
			}
		}
		if len(problems) > 0 {
			return
		}
		u, err := url.ParseQuery(s.query().Encode())
		if err != nil {
			t.Fatal(err)
		}
		again, problems := parseSettings(u)
		if len(problems) > 0 || !reflect.DeepEqual(again.configs(), s.configs()) {
			t.Fatalf("round trip of %q: %v\n got %+v\nwant %+v", s.query().Encode(), problems, again.configs(), s.configs())
		}
	})
}
