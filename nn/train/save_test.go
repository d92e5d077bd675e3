package train

import "testing"

// FuzzLoad: whatever the input, Load returns a run's parts or an error, never panics, and what it
// accepts runs.
func FuzzLoad(f *testing.F) {
	c := Default("reverse")
	c.Task.T, c.Task.ValSize, c.Model.Hidden, c.Batch, c.Steps = 3, 2, 3, 2, 1
	r, err := New(c)
	if err != nil {
		f.Fatal(err)
	}
	r.Step(1)
	data, err := r.Save()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"format":"rnn-playground/run","version":1,"config":{"task":{"name":"adding"}},"model":{}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, tk, net, err := Load(data)
		if err != nil {
			return
		}
		net.Forward(tk.Val(), false)
	})
}
