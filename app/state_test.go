package app

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/nn/train"
)

func TestSettingsRoundTrip(t *testing.T) {
	s := defaultSettings()
	if q := s.query(); len(q) != 0 {
		t.Errorf("defaults make a URL: %v", q.Encode())
	}
	s.Cfg.Task.T = 50
	s.Cfg.Optimizer.LR = 0.003
	s.Cfg.Clip.Mode = "off"
	s.Cfg.Model.Init.Gain = 1.2
	s.Models = []train.ModelSpec{{Cell: "lstm", Layers: 1, Hidden: 32}, {Cell: "rnn", Layers: 2, Hidden: 16}}
	s.Cfg.Model.Cell, s.Cfg.Model.Layers, s.Cfg.Model.Hidden = "lstm", 1, 32
	s.Hide = []string{"lr", "cell"}
	u, err := url.ParseQuery(s.query().Encode())
	if err != nil {
		t.Fatal(err)
	}
	got, problems := parseSettings(u)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if !reflect.DeepEqual(got.configs(), s.configs()) || !reflect.DeepEqual(got.Hide, s.Hide) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, s)
	}
	if !got.hidden("lr") || got.hidden("seed") {
		t.Error("classroom hiding lost")
	}
	if cs := got.configs(); len(cs) != 2 || cs[1].Model.Cell != "rnn" || cs[1].Model.Hidden != 16 || cs[1].Model.Init.Gain != 1.2 {
		t.Errorf("configs: %+v", cs)
	}
}

func TestParseSettingsReportsAndKeepsDefaults(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{"hidden=abc", "hidden"},
		{"T=99999", "task.T"},
		{"cell=lstm,gru,rnn,lstm,gru", "at most 4"},
		{"lr=fast", "lr"},
		{"task=nope", "task.name"},
	} {
		q, _ := url.ParseQuery(tc.query)
		s, problems := parseSettings(q)
		if len(problems) == 0 || !strings.Contains(strings.Join(problems, ";"), tc.want) {
			t.Errorf("%s: problems %q, want one naming %q", tc.query, problems, tc.want)
		}
		if err := s.validate(); err != nil {
			t.Errorf("%s: the settings kept do not validate: %v", tc.query, err)
		}
	}
	q, _ := url.ParseQuery("hide=lr,bogus,lr")
	if s, _ := parseSettings(q); !reflect.DeepEqual(s.Hide, []string{"lr"}) {
		t.Errorf("hide: %v", s.Hide)
	}
}

func TestWordsComplete(t *testing.T) {
	for k := range words["en"] {
		if words["zh"][k] == "" {
			t.Errorf("zh lacks %q", k)
		}
	}
	for k := range words["zh"] {
		if words["en"][k] == "" {
			t.Errorf("en lacks %q", k)
		}
	}
	for _, k := range controlKeys {
		if words["en"][k] == "" {
			t.Errorf("control %q has no label", k)
		}
	}
	for _, o := range taskOptions() {
		if words["en"][o.label] == "" || words["zh"][o.label] == "" {
			t.Errorf("task %q has no title", o.value)
		}
	}
	if tr("zh", "play") != "开始" || tr("xx", "play") != "Play" || tr("en", "no-such-key") != "no-such-key" {
		t.Error("tr fallbacks")
	}
}

func TestSettingsAttentionRoundTrip(t *testing.T) {
	q, _ := url.ParseQuery("task=sort&T=8&cell=gru,gru&attn=off,additive&aux=0.3")
	s, problems := parseSettings(q)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	cs := s.configs()
	if len(cs) != 2 || cs[0].Model.Attention != "" || cs[1].Model.Attention != "additive" || cs[1].Model.AuxWeight != 0.3 {
		t.Fatalf("configs %+v", cs)
	}
	back, _ := url.ParseQuery(s.query().Encode())
	if back.Get("attn") != "off,additive" || back.Get("aux") != "0.3" {
		t.Errorf("query %v", back.Encode())
	}
}
