package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/task"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// infer runs a saved model: on the user's input (-input), as a sampler (-sample, language models), or
// on its task's validation set.
func infer(o *options, stdout io.Writer) error {
	data, err := readLimited("load", o.load, train.MaxRunBytes)
	if err != nil {
		return err
	}
	cfg, tk, m, err := train.Load(data)
	if err != nil {
		return usagef("-load %s: %v", o.load, err)
	}
	spec := tk.Spec()
	switch {
	case o.sample > 0:
		lm, ok := tk.(*task.CharLM)
		if !ok {
			return usagef("-sample: the model was trained on the %s task; sampling needs a model of a text task (%s)", spec.Name, tasks(func(e *task.Entry) bool { return e.Text }))
		}
		s, err := lm.Sample(m, o.prime, o.sample, o.temp, nn.NewRNG(o.cfgs[0].Seed))
		if err != nil {
			return usagef("-prime: %v", err)
		}
		fmt.Fprintln(stdout, s)
	case o.input != "":
		b, err := parseInput(tk, o.input)
		if err != nil {
			return usagef("-input: %v", err)
		}
		m.Forward(b, false)
		printOutput(stdout, tk, b, m.Output())
	default:
		val := tk.Val()
		if spec.Seq2Seq {
			u := &nn.Batch{}
			task.Unroll(u, val)
			val = u
		}
		loss := m.Forward(val, false)
		fmt.Fprintf(stdout, "%s model on %s (T=%d): val loss %.5g (baseline %.5g), %s %.4g (baseline %.4g)\n",
			cfg.Model.Cell, spec.Name, task.WithDefaults(cfg.Task).T, loss, spec.Baseline, spec.Metric, tk.Metric(m.Output(), val), spec.BaselineMetric)
	}
	return nil
}

// parseInput turns the user's text into a one-example batch for the task (see the usage text).
func parseInput(tk task.Task, s string) (*nn.Batch, error) {
	spec := tk.Spec()
	b := &nn.Batch{}
	shape := func(T, D int) error {
		if T < 1 || T > task.MaxT {
			return fmt.Errorf("%d steps, want 1 to %d", T, task.MaxT)
		}
		Ty := 1
		if spec.EveryStep {
			Ty = T
		}
		b.Resize(T, 1, D, Ty, spec.Output, spec.Loss == nn.XEnt, false)
		return nil
	}
	e := task.Lookup(spec.Name)
	switch {
	case e.Text:
		ids, err := tk.(*task.CharLM).Encode(s)
		if err != nil {
			return nil, err
		}
		if err := shape(len(ids), 0); err != nil {
			return nil, err
		}
		copy(b.X.Ids, ids)
	case spec.Tokens || e.Alphabet != 0: // token ids, or symbols given one-hot
		fields := strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(s))
		D := 0
		if !spec.Tokens {
			D = spec.Input // one-hot
		}
		if err := shape(len(fields), D); err != nil {
			return nil, err
		}
		for t, f := range fields {
			id, err := strconv.Atoi(f)
			if err != nil || id < 0 || id >= spec.Input {
				return nil, fmt.Errorf("step %d: %q is not a symbol id in [0, %d)", t+1, f, spec.Input)
			}
			if spec.Tokens {
				b.X.Ids[t] = int32(id)
			} else {
				b.X.V[t*D+id] = 1
			}
		}
		if spec.Seq2Seq {
			b.Ty, b.Class = len(fields), make([]int32, len(fields))
			u := &nn.Batch{}
			task.Unroll(u, b)
			return u, nil
		}
	default:
		steps := strings.Fields(strings.ReplaceAll(s, ";", " "))
		if err := shape(len(steps), spec.Input); err != nil {
			return nil, err
		}
		for t, st := range steps {
			fs := strings.Split(st, ",")
			if len(fs) != spec.Input {
				return nil, fmt.Errorf("step %d: %d values, the task has %d per step", t+1, len(fs), spec.Input)
			}
			for k, f := range fs {
				v, err := strconv.ParseFloat(f, 64)
				if err != nil || v != v || v > 1e6 || v < -1e6 {
					return nil, fmt.Errorf("step %d: %q is not a number in [-1e6, 1e6]", t+1, f)
				}
				b.X.V[t*spec.Input+k] = v
			}
		}
	}
	return b, nil
}

// printOutput prints the model's outputs for a one-example batch.
func printOutput(w io.Writer, tk task.Task, b *nn.Batch, out *nn.Seq) {
	spec := tk.Spec()
	K := out.F
	from := 0
	if spec.Seq2Seq {
		from = out.T / 2 // the unrolled model writes its answer in the second half
	}
	switch spec.Loss {
	case nn.MSE:
		var vs []string
		for _, v := range out.V[from*K:] {
			vs = append(vs, strconv.FormatFloat(v, 'g', 5, 64))
		}
		fmt.Fprintln(w, strings.Join(vs, " "))
	case nn.BCE:
		fmt.Fprintf(w, "P(1) = %.4f\n", out.V[len(out.V)-1])
	case nn.XEnt:
		var sb strings.Builder
		lm, isLM := tk.(*task.CharLM)
		for t := from; t < out.T; t++ {
			p := out.V[t*K : (t+1)*K]
			k := 0
			for j := range p {
				if p[j] > p[k] {
					k = j
				}
			}
			switch {
			case isLM:
				sb.WriteRune(lm.Chars[k])
			case out.T == 1:
				fmt.Fprintf(&sb, "class %d (p = %.3f); probabilities %.3f", k, p[k], p)
			default:
				if t > from {
					sb.WriteByte(' ')
				}
				sb.WriteString(strconv.Itoa(k))
			}
		}
		if isLM {
			fmt.Fprintf(w, "next-character guesses: %q\n", sb.String())
		} else {
			fmt.Fprintln(w, sb.String())
		}
	}
}
