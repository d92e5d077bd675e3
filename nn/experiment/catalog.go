package experiment

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn"
	"github.com/rnn-playground/rnn-playground/nn/train"
)

// base is the shared preset: one layer, Adam with global-norm clipping at 1, seed 1, evaluations every
// 25 steps on a validation set of 128 examples.
func base(taskName string, T int) train.Config {
	c := train.Default(taskName)
	c.Task.T, c.Task.ValSize = T, 128
	c.Model.Layers, c.Model.Hidden = 1, 32
	c.Batch, c.Seed, c.EvalEvery = 32, 1, 25
	return c
}

// say is a sentence; para one that starts a paragraph.
func say(claim, en, zh string) Sentence { return Sentence{Text: Text{en, zh}, Claim: claim} }

func para(claim, en, zh string) Sentence {
	return Sentence{Text: Text{en, zh}, Claim: claim, Para: true}
}

func with(c train.Config, edit func(c *train.Config)) train.Config {
	edit(&c)
	return c
}

func cell(c train.Config, name string) train.Config {
	c.Model.Cell = name
	return c
}

func catalog() []Experiment {
	all := []Experiment{
		vanishing(), exploding(), spectral(), forgetBias(), attention(), brokenAttention(), auxLoss(), regularisation(), article(),
	}
	for i := range all {
		all[i].Explain = joinSentences(all[i].Sentences)
	}
	return all
}

// 1. Why plain RNNs forget.
func vanishing() Experiment {
	c := base("adding", 50)
	c.Optimizer.LR, c.Steps = 0.01, 600
	const rnn, lstm, gru = 0, 1, 2
	return Experiment{
		ID:    "vanishing",
		Title: Text{"Why plain RNNs forget", "为什么普通 RNN 会遗忘"},
		Summary: Text{"tanh RNN vs LSTM vs GRU on the adding problem: all three forget at first; the gated cells learn to carry.",
			"在加法问题上比较 tanh RNN、LSTM 和 GRU：起初三者都会遗忘，门控单元学会了传递记忆。"},
		Topic:    Text{"§2.2 vanishing gradients, §3.1 LSTM, §3.2 GRU", "§2.2 梯度消失，§3.1 LSTM，§3.2 GRU"},
		Equation: "∂L/∂h_s = ∂L/∂h_T · ∏_{t=s+1..T} diag(1 − h_t²)·W_hhᵀ;   LSTM: ∂c_t/∂c_(t−1) = diag(f_t);   GRU: ∂h_t/∂h_(t−1) ∋ diag(z_t)",
		Sentences: []Sentence{
			say(Scene, "The adding problem hides two marked numbers in a sequence of T random ones; the answer is their sum, "+
				"and the first marked number lies in the first half, so the network must carry it across about T/2 steps.",
				"加法问题在 T 个随机数中标记两个数，目标是它们的和；第一个标记的数位于前半段，网络必须把它记住约 T/2 步。"),
			say(Scene, "Guessing 1 scores MSE 1/6 ≈ 0.17: that is the plateau.", "一直猜 1 的均方误差为 1/6 ≈ 0.17：这就是平台。"),
			say(Scene, "In a tanh RNN the gradient reaching step s is a product of T−s Jacobians diag(1−h²)·W_hhᵀ, which shrinks "+
				"geometrically when their norm is below 1.",
				"在 tanh RNN 中，传到第 s 步的梯度是 T−s 个雅可比矩阵 diag(1−h²)·W_hhᵀ 的乘积，范数小于 1 时按几何级数衰减。"),
			para("init-forget", "At initialisation all three cells forget: on the ‖∂L/∂h_t‖ chart the gradient reaching "+
				"step 1 is less than a tenth of the gradient at step 50 in every cell, and the GRU's less than a hundred-thousandth.",
				"初始化时三种单元都会遗忘：在 ‖∂L/∂h_t‖ 图上，每种单元传到第 1 步的梯度都不到第 50 步的十分之一，GRU 的甚至不到十万分之一。"),
			say("plateau-vanish", "While they sit on the plateau it shrinks further, below 10⁻⁴ in all three.",
				"在平台上停留时梯度进一步缩小，三者都低于 10⁻⁴。"),
			para("gated-flatten", "The gated cells can learn to open a path that carries their state unchanged, and once they "+
				"have learned, their gradient reaching step 1 stays above a twentieth of that at step 50.",
				"门控单元能学会打开一条原样传递状态的通路；学会之后，它们传到第 1 步的梯度保持在第 50 步的二十分之一以上。"),
			say("gru-first", "The GRU gets there first, within 250 steps and before the LSTM.",
				"GRU 最先做到，在 250 步之内，早于 LSTM。"),
			say("z-opens", "Its update gate z (z = 1 copies h_(t−1) unchanged) opens as it learns: on the gate chart "+
				"its mean rises from 0.5 by more than 0.2, to about 0.8.",
				"它的更新门 z（z = 1 时原样复制 h_(t−1)）随学习打开：在门控图上，其均值从 0.5 上升超过 0.2，到约 0.8。"),
			say(Scene, "The LSTM carries its memory in the cell state c_t, where the gradient is multiplied by the forget gate "+
				"f_t at each step (c_t = f⊙c_(t−1) + i⊙g), so watch ‖∂L/∂c_t‖ next to ‖∂L/∂h_t‖.",
				"LSTM 把记忆放在细胞状态 c_t 中，梯度每步乘以遗忘门 f_t（c_t = f⊙c_(t−1) + i⊙g），所以请在 ‖∂L/∂h_t‖ 旁观察 ‖∂L/∂c_t‖。"),
			say("lstm-c-flat", "The LSTM leaves the plateau after 350–550 steps, and then ‖∂L/∂c_t‖ is flat: at least half of "+
				"the gradient at step 50 reaches step 1.",
				"LSTM 在 350–550 步后离开平台，此后 ‖∂L/∂c_t‖ 变得平坦：第 50 步的梯度至少有一半传到第 1 步。"),
			say("f-mean-falls", "Its mean forget gate does not rise with it — on the gate chart it drifts down from 0.73 — so "+
				"the mean does not show the carry path; ‖∂L/∂c_t‖ does.",
				"它的遗忘门均值并不随之上升——在门控图上从 0.73 缓慢下降——所以均值看不出这条通路，‖∂L/∂c_t‖ 才看得出。"),
			para("rnn-stays", "The RNN cannot: at T = 50 it stays on the plateau for all 600 steps while both gated cells go "+
				"below 0.02, and from step 300 on its gradient reaching step 1 is typically below 10⁻³ of that at step 50.",
				"RNN 做不到：T = 50 时它在全部 600 步中停在平台上，而两种门控单元都降到 0.02 以下；从第 300 步起，它传到第 1 步的梯度通常不到第 50 步的 10⁻³。"),
			say("short-lag", "At a short lag (T = 5) the RNN learns too, within 300 steps.",
				"时滞较短（T = 5）时，RNN 也能在 300 步内学会。"),
		},
		Runs:  []Run{{"RNN", cell(c, "rnn")}, {"LSTM", cell(c, "lstm")}, {"GRU", cell(c, "gru")}},
		Ts:    []int{5, 20, 50, 100},
		Check: 600,
		Marks: []Mark{
			{Chart: ChartDH, Claim: "init-forget", From: 1, To: 10, Caption: Text{"At step 0 every cell's gradient falls off towards early steps (log scale).",
				"第 0 步时每种单元的梯度都向较早的时间步衰减（对数坐标）。"}},
			{Chart: ChartGatesTime, Run: "GRU", Claim: "z-opens", Caption: Text{"The GRU's update gate opens as it learns.", "GRU 的更新门随学习打开。"}},
			{Chart: ChartDH, Run: "LSTM", Claim: "lstm-c-flat", Caption: Text{"Once the LSTM has learned, ‖∂L/∂c_t‖ is flat.",
				"LSTM 学会之后，‖∂L/∂c_t‖ 是平的。"}},
			{Chart: ChartLoss, Claim: "rnn-stays", Caption: Text{"The RNN stays on the plateau near 1/6; the gated cells drop far below it.",
				"RNN 停在 1/6 附近的平台，门控单元降到远低于它。"}},
		},
		Claims: []Claim{
			{ID: "init-forget", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				a, b, g, cc := reach(first(r[rnn]), false), reach(first(r[lstm]), false), reach(first(r[gru]), false), reach(first(r[lstm]), true)
				return a < 0.1 && b < 0.1 && g < 1e-5, fmt.Sprintf("‖∂L/∂h_1‖/‖∂L/∂h_T‖ at step 0: RNN %.2g, LSTM %.2g (c: %.2g), GRU %.2g", a, b, cc, g)
			}},
			{ID: "plateau-vanish", Phase: OnPlateau, Holds: func(r []*train.Run) (bool, string) {
				ok, why := true, ""
				for i, run := range r {
					m := math.Inf(1)
					for _, e := range evals(run) {
						if e.Step > 0 && e.ValLoss > 0.15 {
							m = math.Min(m, reach(e, false))
						}
					}
					ok = ok && m < 1e-4
					why += fmt.Sprintf("%s %.2g ", []string{"RNN", "LSTM", "GRU"}[i], m)
				}
				return ok, "smallest reach on the plateau: " + why
			}},
			{ID: "gated-flatten", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				ok, why := true, ""
				for _, i := range []int{lstm, gru} {
					l := learnedAt(r[i], 0.05)
					if l == nil {
						return false, "not learned yet"
					}
					m := math.Inf(1)
					for _, e := range after(r[i], l.Step) {
						m = math.Min(m, reach(e, false))
					}
					ok = ok && m > 0.05
					why += fmt.Sprintf("%s learned at %d, smallest reach after %.2g; ", []string{"RNN", "LSTM", "GRU"}[i], l.Step, m)
				}
				return ok, why
			}},
			{ID: "gru-first", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				g, l := learnedAt(r[gru], 0.05), learnedAt(r[lstm], 0.05)
				if g == nil {
					return false, "GRU not learned yet"
				}
				return g.Step <= 250 && (l == nil || l.Step > g.Step), fmt.Sprintf("GRU below 0.05 at step %d", g.Step)
			}},
			{ID: "z-opens", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				z0, z := gate(first(r[gru]), "z"), gate(latest(r[gru]), "z")
				return z0 > 0.45 && z0 < 0.55 && z > z0+0.2 && z < 0.9, fmt.Sprintf("GRU mean z %.3f → %.3f", z0, z)
			}},
			{ID: "lstm-c-flat", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				l := learnedAt(r[lstm], 0.05)
				if l == nil {
					return false, "LSTM not learned yet"
				}
				m := math.Inf(1)
				for _, e := range after(r[lstm], l.Step) {
					m = math.Min(m, reach(e, true))
				}
				return l.Step >= 350 && l.Step <= 550 && m > 0.5, fmt.Sprintf("LSTM below 0.05 at step %d; smallest ‖∂L/∂c_1‖/‖∂L/∂c_T‖ after: %.3g", l.Step, m)
			}},
			{ID: "f-mean-falls", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				if learnedAt(r[lstm], 0.05) == nil {
					return false, "LSTM not learned yet"
				}
				f0, f := gate(first(r[lstm]), "f"), gate(latest(r[lstm]), "f")
				return math.Abs(f0-0.73) < 0.01 && f < f0, fmt.Sprintf("LSTM mean f %.3f → %.3f", f0, f)
			}},
			{ID: "rnn-stays", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				a, b, g := bestVal(r[rnn]), bestVal(r[lstm]), bestVal(r[gru])
				var late []float64
				for _, e := range after(r[rnn], 300) {
					late = append(late, reach(e, false))
				}
				med := median(late)
				return latest(r[rnn]).Step >= 600 && a > 0.15 && b < 0.02 && g < 0.02 && med < 1e-3,
					fmt.Sprintf("best validation MSE: RNN %.4f, LSTM %.4f, GRU %.4f; RNN's median reach from step 300: %.2g", a, b, g, med)
			}},
			{ID: "short-lag", Phase: Learned, T: 5, Steps: 300, Holds: func(r []*train.Run) (bool, string) {
				v := bestVal(r[rnn])
				return v < 0.03, fmt.Sprintf("T=5: RNN best validation MSE %.4f", v)
			}},
		},
	}
}

// 2. Exploding gradients and clipping.
func exploding() Experiment {
	c := base("adding", 30)
	c.Model.Cell = "rnn"
	c.Model.Init = nn.InitConfig{Recurrent: "orthogonal", Gain: 3}
	c.Optimizer = nn.OptimConfig{Name: "sgd", LR: 0.1}
	c.Steps, c.EvalEvery = 300, 10
	c.Diverge = 1e6
	off := with(c, func(c *train.Config) { c.Clip = nn.ClipConfig{Mode: "off"} })
	on := with(c, func(c *train.Config) { c.Clip = nn.ClipConfig{Mode: "norm", Threshold: 1} })
	const noClip, clip = 0, 1
	return Experiment{
		ID:    "exploding",
		Title: Text{"Exploding gradients and clipping", "梯度爆炸与梯度裁剪"},
		Summary: Text{"A tanh RNN with W_hh = 3·Q: gradient spikes without clipping, bounded steps with it.",
			"W_hh = 3·Q 的 tanh RNN：不裁剪时梯度尖峰，裁剪后步长有界。"},
		Topic:    Text{"§2.2 exploding gradients", "§2.2 梯度爆炸"},
		Equation: "g ← g · min(1, θ/‖g‖)   (global-norm clipping, θ = 1)",
		Sentences: []Sentence{
			say(Scene, "The recurrent kernel starts at three times a random orthogonal matrix, so products of Jacobians can grow like 3^(T−s).",
				"循环权重初始化为随机正交矩阵的 3 倍，雅可比矩阵的乘积可按 3^(T−s) 增长。"),
			say("spikes", "The gradient is huge — its norm before clipping is typically in the thousands — and some batches "+
				"give more than five times the typical norm.",
				"梯度很大——裁剪前的范数通常以千计——某些批次的范数是通常的五倍以上。"),
			say(Scene, "Both runs use plain SGD with the same learning rate and see the same batches.",
				"两个运行都用相同学习率的 SGD，看到相同的批次。"),
			para("diverges", "Without clipping a spike turns into a huge step: within 15 steps the loss jumps by orders of "+
				"magnitude and the trainer stops the run as diverged.",
				"不裁剪时，一个尖峰就变成一大步：15 步之内损失跳升几个数量级，训练器判定发散并停止。"),
			say("clip-bounded", "With global-norm clipping the update keeps the gradient's direction but its length never exceeds θ = 1.",
				"按全局范数裁剪后，更新保持梯度方向，但长度从不超过 θ = 1。"),
			say("clip-trains", "The gradient chart shows the norm before clipping, which stays huge (at least nine steps in "+
				"ten are clipped), and the norm applied; the loss stays bounded (never above 4× the first) for all 300 steps.",
				"梯度图显示裁剪前的范数（依然很大，至少九成的步被裁剪）和实际应用的范数；损失在全部 300 步中保持有界（从不超过第一步的 4 倍）。"),
		},
		Runs:  []Run{{"no clipping", off}, {"clip 1", on}},
		Check: 300,
		Marks: []Mark{
			{Chart: ChartGrad, Run: "clip 1", Claim: "spikes", Caption: Text{"The norm before clipping: spikes far above 1.", "裁剪前的范数：远高于 1 的尖峰。"}},
			{Chart: ChartLoss, Run: "no clipping", Claim: "diverges", From: 0, To: 15, Caption: Text{"The loss jumps and the run diverges within a few steps.", "损失跳升，几步之内发散。"}},
			{Chart: ChartGrad, Run: "clip 1", Claim: "clip-bounded", Caption: Text{"The applied norm never exceeds 1.", "实际应用的范数不超过 1。"}},
		},
		Claims: []Claim{
			{ID: "spikes", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				recs := r[clip].Records()
				if len(recs) < 20 {
					return false, "fewer than 20 steps"
				}
				g := make([]float64, len(recs))
				for i, rec := range recs {
					g[i] = rec.GradNorm
				}
				lo, hi := slices.Min(g), slices.Max(g)
				return median(g) > 1000 && hi > 5*median(g), fmt.Sprintf("pre-clip norm: smallest %.3g, median %.3g, largest %.3g", lo, median(g), hi)
			}},
			{ID: "diverges", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				done, why := r[noClip].Done()
				return done && strings.HasPrefix(why.Reason, "diverged") && why.Step <= 15, fmt.Sprintf("no clipping: %s at step %d", why.Reason, why.Step)
			}},
			{ID: "clip-bounded", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				m := 0.0
				for _, rec := range r[clip].Records() {
					m = math.Max(m, rec.PostNorm)
				}
				return m <= 1+1e-9 && len(r[clip].Records()) > 0, fmt.Sprintf("largest applied norm %.12g", m)
			}},
			{ID: "clip-trains", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				recs := r[clip].Records()
				clipped, worst := 0, 0.0
				for _, rec := range recs {
					worst = math.Max(worst, rec.Loss/recs[0].Loss)
					if rec.Clipped {
						clipped++
					}
				}
				return len(recs) == 300 && worst <= 4 && clipped*10 >= 9*len(recs),
					fmt.Sprintf("%d steps, %d clipped, largest loss %.2f× the first", len(recs), clipped, worst)
			}},
		},
	}
}

// 3. Initialisation and the spectral radius.
func spectral() Experiment {
	c := base("adding", 40)
	c.Model.Cell = "rnn"
	c.Optimizer.LR, c.Steps, c.EvalEvery = 0.001, 200, 10
	gain := func(g float64) train.Config {
		return with(c, func(c *train.Config) { c.Model.Init = nn.InitConfig{Recurrent: "orthogonal", Gain: g} })
	}
	gains := []float64{0.5, 1, 1.5}
	return Experiment{
		ID:    "spectral",
		Title: Text{"Initialisation and the spectral radius", "初始化与谱半径"},
		Summary: Text{"Recurrent gain 0.5, 1 and 1.5: the singular values bound how fast gradients decay per step.",
			"循环增益 0.5、1 和 1.5：奇异值限定梯度每步衰减多快。"},
		Topic:    Text{"§2.2 vanishing/exploding gradients", "§2.2 梯度消失/爆炸"},
		Equation: "‖∂h_t/∂h_(t−1)‖ ≤ ‖diag(1 − h_t²)‖·σ_max(W_hh) ≤ σ_max(W_hh);   σ_max < 1 ⇒ vanishing (Pascanu et al. 2013)",
		Sentences: []Sentence{
			say("sv-gain", "W_hh = gain·Q with Q orthogonal has every singular value equal to the gain: the spectra chart starts there.",
				"W_hh = 增益·Q（Q 为正交矩阵）的所有奇异值都等于增益：谱图从这里开始。"),
			say(Scene, "Since |tanh′| ≤ 1, each step back in time multiplies the gradient by at most σ_max(W_hh): with gain 0.5 "+
				"the gradient must shrink at least by half per step — Pascanu et al.'s sufficient condition for vanishing.",
				"由于 |tanh′| ≤ 1，每向前回传一步，梯度最多乘以 σ_max(W_hh)：增益为 0.5 时梯度每步至少减半——这正是 Pascanu 等人给出的梯度消失的充分条件。"),
			say("rates-init", "At the start the gradient shrinks by a factor below 0.55 per step with gain 0.5 and between 0.85 "+
				"and 0.97 with gain 1 (only tanh′ < 1 takes its toll); with gain 1.5 it grows backwards in time.",
				"开始时，增益 0.5 的梯度每步乘以小于 0.55 的因子，增益 1 时在 0.85 与 0.97 之间（只有 tanh′ < 1 在起作用）；增益 1.5 时梯度沿时间向回增长。"),
			para("bound", "Compare the per-step decay of ‖∂L/∂h_t‖ with the largest singular value on the spectra chart: "+
				"at every evaluation the decay factor stays at or below it.",
				"比较 ‖∂L/∂h_t‖ 的每步衰减与谱图中的最大奇异值：每次评估时衰减因子都不超过它。"),
		},
		Runs:  []Run{{"gain 0.5", gain(0.5)}, {"gain 1", gain(1)}, {"gain 1.5", gain(1.5)}},
		Check: 200,
		Marks: []Mark{
			{Chart: ChartDH, Claim: "rates-init", Caption: Text{"Slope of log ‖∂L/∂h_t‖ per step: steeper for smaller gain.", "log ‖∂L/∂h_t‖ 每步的斜率：增益越小越陡。"}},
			{Chart: ChartSpectra, Claim: "sv-gain", Caption: Text{"Singular values start at the gain.", "奇异值从增益开始。"}},
		},
		Claims: []Claim{
			{ID: "sv-gain", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				for i, run := range r {
					for _, v := range first(run).Spectra[0].Singular {
						if math.Abs(v-gains[i]) > 1e-9 {
							return false, fmt.Sprintf("gain %g: singular value %v", gains[i], v)
						}
					}
				}
				return true, "every singular value equals the gain at step 0"
			}},
			{ID: "rates-init", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				r0, r1, r2 := rate(first(r[0])), rate(first(r[1])), rate(first(r[2]))
				return r0 < 0.55 && r1 > 0.85 && r1 < 0.97 && r2 > 1.02, fmt.Sprintf("decay factor per step at step 0: %.3f, %.3f, %.3f", r0, r1, r2)
			}},
			{ID: "bound", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				worst := 0.0
				for _, run := range r {
					for _, e := range evals(run) {
						worst = math.Max(worst, rate(e)/e.Spectra[0].Singular[0])
					}
				}
				return worst <= 1+1e-9, fmt.Sprintf("largest decay factor / σ_max over the evaluations: %.4f", worst)
			}},
		},
	}
}

// 4. The forget-gate bias.
func forgetBias() Experiment {
	c := base("adding", 100)
	c.Model.Cell = "lstm"
	c.Optimizer.LR, c.Steps = 0.01, 1000
	fb := func(b string) train.Config {
		return with(c, func(c *train.Config) { c.Model.Init = nn.InitConfig{ForgetBias: b, ChronoT: c.Task.T} })
	}
	const b0, b1, chrono = 0, 1, 2
	return Experiment{
		ID:    "forget-bias",
		Title: Text{"The forget-gate bias", "遗忘门偏置"},
		Summary: Text{"LSTM with forget-gate bias 0, 1 and chrono initialisation on the adding problem.",
			"在加法问题上比较遗忘门偏置为 0、1 和 chrono 初始化的 LSTM。"},
		Topic:    Text{"§3.1 LSTM", "§3.1 LSTM"},
		Equation: "c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t,   ∂c_t/∂c_(t−1) ≈ f_t = σ(b_f + …);   chrono: b_f ~ log U[1, T−1], b_i = −b_f",
		Sentences: []Sentence{
			say(Scene, "Through the cell state the gradient is multiplied by the forget gate f_t at each step.",
				"沿细胞状态，梯度每步乘以遗忘门 f_t。"),
			say(Scene, "With bias 0, f ≈ σ(0) = 0.5 at the start and the gradient halves every step, much like a plain RNN; "+
				"bias 1 gives f ≈ 0.73; chrono initialisation (Tallec & Ollivier 2018) draws biases so that the units' memory "+
				"times spread up to the lag T.",
				"偏置为 0 时开始 f ≈ σ(0) = 0.5，梯度每步减半，与普通 RNN 相近；偏置为 1 时 f ≈ 0.73；chrono 初始化（Tallec & Ollivier 2018）使各单元的记忆时长分布到时滞 T。"),
			para("init-dh", "Watch ‖∂L/∂h_t‖ at the first evaluation: over T = 100 steps it falls by more than 12 orders of "+
				"magnitude with bias 0 and by 2 to 4 with bias 1 or chrono.",
				"观察第一次评估时的 ‖∂L/∂h_t‖：在 T = 100 步中，偏置 0 时下降超过 12 个数量级，偏置 1 或 chrono 时下降 2 到 4 个。"),
			say("init-dc", "Through the cell state itself (‖∂L/∂c_t‖, on the same chart) chrono keeps a tenth to two fifths of "+
				"the gradient, bias 1 less than a twentieth.",
				"沿细胞状态本身（‖∂L/∂c_t‖，在同一张图上），chrono 保留十分之一到五分之二的梯度，偏置 1 不到二十分之一。"),
			say("chrono-first", "Then watch the loss: chrono leaves the plateau first, below 0.05 within 400 steps, while bias 0 "+
				"and bias 1 are still above 0.1; they need hundreds of steps more, or more than the run's 1000.",
				"再观察损失：chrono 最先离开平台，在 400 步内降到 0.05 以下，而偏置 0 和偏置 1 仍高于 0.1；它们还需要数百步，甚至超过本次运行的 1000 步。"),
		},
		Runs:  []Run{{"b_f = 0", fb("0")}, {"b_f = 1", fb("1")}, {"chrono", fb("chrono")}},
		Check: 400,
		Marks: []Mark{
			{Chart: ChartDH, Run: "b_f = 0", Claim: "init-dh", Caption: Text{"Bias 0: at step 0 the gradient dies out within a few dozen steps.", "偏置 0：第 0 步时梯度在几十步内消失。"}},
			{Chart: ChartLoss, Run: "chrono", Claim: "chrono-first", From: 200, To: 400, Caption: Text{"Chrono leaves the plateau near 1/6 first.", "chrono 最先离开 1/6 附近的平台。"}},
		},
		Claims: []Claim{
			{ID: "init-dh", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				h0, h1, hc := reach(first(r[b0]), false), reach(first(r[b1]), false), reach(first(r[chrono]), false)
				in := func(v float64) bool { return v > 1e-4 && v < 1e-2 }
				return h0 < 1e-12 && in(h1) && in(hc), fmt.Sprintf("‖∂L/∂h_1‖/‖∂L/∂h_T‖ at step 0: %.2g, %.2g, %.2g", h0, h1, hc)
			}},
			{ID: "init-dc", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				g1, gc := reach(first(r[b1]), true), reach(first(r[chrono]), true)
				return g1 < 0.05 && gc > 0.1 && gc < 0.4, fmt.Sprintf("‖∂L/∂c_1‖/‖∂L/∂c_T‖ at step 0: b_f=1 %.3g, chrono %.3g", g1, gc)
			}},
			{ID: "chrono-first", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				a, b, ch := bestVal(r[b0]), bestVal(r[b1]), bestVal(r[chrono])
				return ch < 0.05 && a > 0.1 && b > 0.1 && latest(r[chrono]).Step <= 400,
					fmt.Sprintf("best validation MSE by step %d: b_f=0 %.4f, b_f=1 %.4f, chrono %.4f", latest(r[chrono]).Step, a, b, ch)
			}},
		},
	}
}

// 5. Attention as a shortcut.
func attention() Experiment {
	c := base("reverse", 8)
	c.Task.Alphabet = 8
	c.Model.Cell, c.Model.Hidden = "gru", 32
	c.Optimizer.LR, c.Steps = 0.005, 600
	att := func(s string) train.Config { return with(c, func(c *train.Config) { c.Model.Attention = s }) }
	const add, none = 0, 1
	return Experiment{
		ID:    "attention",
		Title: Text{"Attention as a shortcut", "注意力：一条捷径"},
		Summary: Text{"Encoder–decoder with and without attention on reversing a sequence as T grows.",
			"在序列反转任务上比较有无注意力的编码器–解码器，逐步增大 T。"},
		Topic:    Text{"§3.3 attention", "§3.3 注意力机制"},
		Equation: "a_ts = softmax_s(vᵀ·tanh(W_q·h_t + W_k·h^e_s + b)),   c_t = Σ_s a_ts·h^e_s,   p_t = softmax(W·[h_t; c_t] + b)",
		Sentences: []Sentence{
			say(Scene, "To reverse a sequence the decoder must write the last symbol first and the first symbol last.",
				"反转序列时，解码器必须先写出最后一个符号、最后写出第一个符号。"),
			say(Scene, "Without attention every symbol has to squeeze through the encoder's final state, and the first "+
				"symbols, read longest ago, are the hardest to keep.",
				"没有注意力时，所有符号都要挤过编码器的最终状态，最早读入的符号最难保留。"),
			say(Scene, "With attention each output step looks straight at the encoder state it needs: the path from input s "+
				"to output t is one step long, whatever T is.",
				"有了注意力，每个输出步直接查看所需的编码器状态：无论 T 多大，从输入 s 到输出 t 只有一步。"),
			para("accuracy", "At T = 8 attention reverses almost perfectly within 225 steps (token accuracy at least 0.95) "+
				"while the model without it is still below 0.8.",
				"T = 8 时，有注意力的模型在 225 步内几乎完美地反转（符号准确率至少 0.95），没有注意力的仍低于 0.8。"),
			say("anti-diagonal", "Watch the attention heatmap: as the model learns, the weight of output step t moves to input "+
				"step T+1−t — the anti-diagonal, which holds more than half of the weight by step 225.",
				"观察注意力热图：随着学习，输出步 t 的权重移到输入步 T+1−t——反对角线，到第 225 步时它占一半以上的权重。"),
			say("longer", "As T grows the gap widens: at T = 16 attention still reaches 0.85 within 400 steps, the model without "+
				"it no more than 0.65.",
				"T 增大时差距拉大：T = 16 时，有注意力的模型在 400 步内仍达到 0.85，没有注意力的不超过 0.65。"),
		},
		// Additive first: the page's heatmap shows the first run's attention.
		Runs:  []Run{{"additive attention", att(nn.ScoreAdditive)}, {"no attention", att("none")}},
		Ts:    []int{4, 8, 12, 16},
		Check: 225,
		Marks: []Mark{
			{Chart: ChartAttn, Run: "additive attention", Claim: "anti-diagonal", Caption: Text{"The weights settle on the anti-diagonal.", "权重集中到反对角线上。"}},
			{Chart: ChartMetric, Claim: "accuracy", Caption: Text{"Token accuracy: attention reaches nearly 1; without it, accuracy lags behind.",
				"符号准确率：有注意力接近 1；没有注意力时落后。"}},
		},
		Claims: []Claim{
			{ID: "accuracy", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				a, n := latest(r[add]).ValMetric, bestMetric(r[none])
				return a >= 0.95 && n < 0.8, fmt.Sprintf("token accuracy at step %d: additive %.3f, none (best) %.3f", latest(r[add]).Step, a, n)
			}},
			{ID: "anti-diagonal", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				d := antiDiagonal(latest(r[add]).Attention)
				return d > 0.5 && latest(r[none]).Attention == nil, fmt.Sprintf("mean weight on the anti-diagonal at step %d: %.3f", latest(r[add]).Step, d)
			}},
			{ID: "longer", Phase: Learned, T: 16, Steps: 400, Holds: func(r []*train.Run) (bool, string) {
				a, n := bestMetric(r[add]), bestMetric(r[none])
				return a >= 0.85 && n <= 0.65, fmt.Sprintf("T=16, best token accuracy: additive %.3f, none %.3f", a, n)
			}},
		},
	}
}

// 6. The broken attention formula.
func brokenAttention() Experiment {
	c := base("reverse", 8)
	c.Task.Alphabet = 8
	c.Model.Cell, c.Model.Hidden = "gru", 32
	c.Optimizer.LR, c.Steps = 0.005, 600
	att := func(s string) train.Config { return with(c, func(c *train.Config) { c.Model.Attention = s }) }
	const cl, add = 0, 1
	return Experiment{
		ID:    "broken-attention",
		Title: Text{"The article's attention formula is broken", "原文的注意力公式有缺陷"},
		Summary: Text{"The source article's concat-linear score against additive attention: one ignores the query.",
			"原文的拼接-线性打分与加性注意力对比：前者忽略了查询。"},
		Topic:    Text{"§3.3 attention", "§3.3 注意力机制"},
		Equation: "W_a·[q_t, k_s] + b_a = w_q·q_t + w_k·k_s + b_a  ⇒  softmax_s(…) = softmax_s(w_k·k_s): the same for every t",
		Sentences: []Sentence{
			say(Scene, "The article scores a_ts = softmax(W_a·[q_t, k_s] + b_a).", "原文的打分是 a_ts = softmax(W_a·[q_t, k_s] + b_a)。"),
			say(Scene, "That score is linear in the concatenation, so it splits into w_q·q_t + b_a, which is the same for every s "+
				"and cancels in the softmax over s, plus w_k·k_s.",
				"它对拼接向量是线性的，可拆成 w_q·q_t + b_a（对所有 s 都相同，在对 s 的 softmax 中抵消）加上 w_k·k_s。"),
			say("rows-equal", "The weights therefore depend only on the keys, never on the query: every output step attends the "+
				"same way — every row of the heatmap is the same, at every evaluation.",
				"因此权重只取决于键，与查询无关：每个输出步的注意力都一样——热图的每一行在每次评估时都相同。"),
			para(Scene, "Additive (Bahdanau) attention puts a tanh and a vector v between the two terms, so they interact.",
				"加性（Bahdanau）注意力在两项之间加入 tanh 和向量 v，使它们相互作用。"),
			say("additive-better", "Watch the heatmaps: additive attention's rows differ, it finds the anti-diagonal, and "+
				"within 225 steps it reverses almost perfectly (token accuracy at least 0.95) while concat-linear stays below 0.8.",
				"观察热图：加性注意力的各行不同，它找到反对角线，并在 225 步内几乎完美地反转（符号准确率至少 0.95），而拼接-线性低于 0.8。"),
		},
		Runs:  []Run{{"concat-linear (article)", att(nn.ScoreConcatLinear)}, {"additive", att(nn.ScoreAdditive)}},
		Check: 225,
		Marks: []Mark{
			{Chart: ChartAttn, Run: "concat-linear (article)", Claim: "rows-equal", Caption: Text{"Every row (output step) has the same weights.", "每一行（输出步）的权重都相同。"}},
			{Chart: ChartAttn, Run: "additive", Claim: "additive-better", Caption: Text{"Additive attention finds the anti-diagonal.", "加性注意力找到反对角线。"}},
		},
		Claims: []Claim{
			{ID: "rows-equal", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				d := 0.0
				for _, e := range evals(r[cl]) {
					d = math.Max(d, rowSpread(e.Attention))
				}
				return d <= 1e-12, fmt.Sprintf("concat-linear rows differ by at most %.2g over the evaluations", d)
			}},
			{ID: "additive-better", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				e := latest(r[add])
				d, a, c := rowSpread(e.Attention), antiDiagonal(e.Attention), bestMetric(r[cl])
				return d > 0.5 && a > 0.5 && e.ValMetric >= 0.95 && c < 0.8,
					fmt.Sprintf("additive at step %d: rows differ by %.2f, anti-diagonal %.3f, accuracy %.3f; concat-linear best %.3f", e.Step, d, a, e.ValMetric, c)
			}},
		},
	}
}

// 7. Auxiliary losses for long lags.
func auxLoss() Experiment {
	c := base("recall", 60)
	c.Model.Cell = "lstm"
	c.Optimizer.LR, c.Steps = 0.005, 800
	aux := with(c, func(c *train.Config) {
		c.Model.AuxKind, c.Model.AuxWeight, c.Model.AuxSegment = nn.AuxReconstruct, 1, 8
	})
	const plain, withAux = 0, 1
	return Experiment{
		ID:    "aux-loss",
		Title: Text{"Auxiliary losses for long lags", "长时滞下的辅助损失"},
		Summary: Text{"An LSTM on temporal order with and without an auxiliary reconstruction loss.",
			"在时序判别任务上比较有无辅助重构损失的 LSTM。"},
		Topic:    Text{"§3.4 auxiliary tasks", "§3.4 辅助任务"},
		Equation: "L = L_main + λ·L_aux,   L_aux = Σ_k CE(x_(a−L+k), decoder_k(h_a))   (reconstruct L inputs before a random anchor a)",
		Sentences: []Sentence{
			say(Scene, "The source article mentions auxiliary tasks but never shows the loss.", "原文提到辅助任务，却没有给出辅助损失。"),
			say(Scene, "Here it is after Trinh et al. (2018): at a random anchor step a, a small decoder must reconstruct the "+
				"L = 8 inputs just before a from the state h_a.",
				"这里按 Trinh 等人（2018）的做法：在随机锚点 a，一个小解码器要从状态 h_a 重构 a 之前的 L = 8 个输入。"),
			say(Scene, "That gives the recurrent layer a training signal all along the sequence, not only through the long path "+
				"from the answer at the end.",
				"这样循环层在整个序列上都能得到训练信号，而不只依赖从末尾答案传回的长路径。"),
			para(Scene, "The main task is temporal order at T = 60: two symbols early in a long run of distractors decide the class.",
				"主任务是 T = 60 的时序判别：长串干扰符号前部的两个符号决定类别。"),
			say("sooner", "With the auxiliary loss the LSTM reaches 95% accuracy within 150 steps, and no later "+
				"than without it.",
				"加上辅助损失后，LSTM 在 150 步内达到 95% 的准确率，且不晚于不加时。"),
			say("aux-falls", "The auxiliary loss itself falls as it trains.", "辅助损失本身也随训练下降。"),
			say(Scene, "It is no free lunch: docs/experiments.md reports a longer lag where it slowed learning.",
				"它并非没有代价：docs/experiments.md 记录了一个更长时滞下它反而让学习变慢的设置。"),
			say(Scene, "Compare the accuracy chart — the validation loss of the second run includes λ·L_aux.",
				"请比较准确率图——第二个运行的验证损失包含 λ·L_aux。"),
		},
		Runs:  []Run{{"main loss only", c}, {"with aux loss", aux}},
		Check: 150,
		Marks: []Mark{
			{Chart: ChartMetric, Claim: "sooner", From: 50, To: 150, Caption: Text{"With the auxiliary loss, accuracy reaches 95% no later than without it.", "加上辅助损失后，准确率达到 95% 不晚于不加时。"}},
			{Chart: ChartLoss, Run: "with aux loss", Claim: "aux-falls", Caption: Text{"This run's loss includes λ·L_aux: compare accuracy, not loss.", "该运行的损失包含 λ·L_aux：请比较准确率而非损失。"}},
		},
		Claims: []Claim{
			{ID: "sooner", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				p, a := metricAt(r[plain], 0.95), metricAt(r[withAux], 0.95)
				return a >= 0 && a <= 150 && (p < 0 || p >= a), fmt.Sprintf("95%% accuracy at step %d with the auxiliary loss, %d without (-1: not yet)", a, p)
			}},
			{ID: "aux-falls", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				recs := r[withAux].Records()
				if len(recs) < 50 {
					return false, "fewer than 50 steps"
				}
				var early, late float64
				for i := range 25 {
					early += recs[i].AuxLoss / 25
					late += recs[len(recs)-1-i].AuxLoss / 25
				}
				return early > 0 && late < early, fmt.Sprintf("auxiliary loss, mean of the first and the last 25 steps: %.4f → %.4f", early, late)
			}},
		},
	}
}

// 8. Regularisation.
func regularisation() Experiment {
	// Short windows (T = 8) in small batches (16) at a high rate: the model memorises the text within a
	// few hundred updates, at an eighth of the cost per step of T = 32 in batches of 32. 64 windows of 8
	// characters from the 360 that validate (the last tenth): each evaluation costs about four steps.
	c := base("charlm", 8)
	c.Task.ValSize = 64
	c.Model.Cell, c.Model.Hidden = "lstm", 64
	c.Optimizer = nn.OptimConfig{Name: "adamw", LR: 0.01}
	c.Batch, c.Steps, c.EvalEvery = 16, 400, 25
	drop := with(c, func(c *train.Config) { c.Model.Dropout = 0.3 })
	wd := with(c, func(c *train.Config) { c.Optimizer.WeightDecay = 0.1 })
	const none, dropout, decay = 0, 1, 2
	return Experiment{
		ID:    "regularisation",
		Title: Text{"Regularisation: dropout and weight decay", "正则化：dropout 与权重衰减"},
		Summary: Text{"A character model with no regularisation, dropout 0.3 and weight decay 0.1: train vs validation loss.",
			"字符级语言模型：无正则化、dropout 0.3 与权重衰减，对比训练和验证损失。"},
		Topic:    Text{"§5 regularisation", "§5 正则化"},
		Equation: "dropout: h̃ = h ⊙ m / (1−p), m ~ Bernoulli(1−p);   weight decay: θ ← θ − η·(ĝ + λ·θ)",
		Sentences: []Sentence{
			say("overfits", "An LSTM of 64 units trained on a short text (3.6 KB; the last tenth validates) starts to memorise "+
				"it: after 250 steps its validation loss, on text it never trains on, is more than 0.25 nats per character above "+
				"its training loss — the gap is overfitting.",
				"在短文本（3.6 KB，最后十分之一用于验证）上训练的 64 单元 LSTM 会开始背诵文本：250 步后，它在从未训练过的文本上的验证损失比训练损失高出每字符 0.25 奈特以上——这个差距就是过拟合。"),
			say(Scene, "Dropout zeroes a random fraction p of the recurrent layer's outputs in training (and rescales the rest), "+
				"so no unit can rely on another; decoupled weight decay pulls every weight towards zero each step.",
				"Dropout 在训练时随机把循环层输出的一部分 p 置零（其余按比例放大），使单元无法互相依赖；解耦权重衰减每步把所有权重拉向零。"),
			para("dropout-narrows", "Watch the gap between the dashed validation curve and the solid training curve: with "+
				"dropout 0.3 it is at least 0.03 nats smaller after 250 steps.",
				"观察虚线（验证）与实线（训练）之间的差距：dropout 0.3 时，250 步后它至少小 0.03 奈特。"),
			say("decay-barely", "Weight decay at 0.1 changes it by less than 0.1 nats here — try larger values.",
				"权重衰减 0.1 在这里使差距变化不到 0.1 奈特——试试更大的值。"),
		},
		Runs:  []Run{{"none", c}, {"dropout 0.3", drop}, {"weight decay 0.1", wd}},
		Check: 250,
		Marks: []Mark{
			{Chart: ChartLoss, Run: "none", Claim: "overfits", Caption: Text{"Without regularisation the training loss falls far below the validation loss.",
				"无正则化时训练损失远低于验证损失。"}},
			{Chart: ChartLoss, Run: "dropout 0.3", Claim: "dropout-narrows", Caption: Text{"Dropout narrows the gap.", "Dropout 缩小了差距。"}},
		},
		Claims: []Claim{
			{ID: "overfits", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				g := gap(r[none])
				return latest(r[none]).Step >= 250 && g > 0.25, fmt.Sprintf("gap at step %d without regularisation: %.3f", latest(r[none]).Step, g)
			}},
			{ID: "dropout-narrows", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				g, d := gap(r[none]), gap(r[dropout])
				return latest(r[none]).Step >= 250 && d < g-0.03, fmt.Sprintf("gap at step %d: none %.3f, dropout %.3f", latest(r[none]).Step, g, d)
			}},
			{ID: "decay-barely", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				g, w := gap(r[none]), gap(r[decay])
				return latest(r[none]).Step >= 250 && math.Abs(w-g) < 0.1, fmt.Sprintf("gap at step %d: none %.3f, weight decay %.3f", latest(r[none]).Step, g, w)
			}},
		},
	}
}

// 9. The source article's own model.
func article() Experiment {
	c := train.Default("article-vec")
	c.Task.T, c.Task.ValSize = 10, 128
	c.Model = train.ModelSpec{Cell: "lstm", Layers: 2, Hidden: 128}
	c.Optimizer = nn.OptimConfig{Name: "adam", LR: 1e-3}
	c.Clip = nn.ClipConfig{Mode: "off"} // Keras fits without clipping unless asked
	// An evaluation of this model (loss and gradient probes over the validation set) costs as much as
	// about four training steps: every 20 steps keeps the loss within seconds of Play.
	c.Batch, c.Seed, c.Steps, c.EvalEvery = 32, 1, 300, 20
	const ln2 = math.Ln2
	return Experiment{
		ID:    "article",
		Title: Text{"The article's own model", "原文自己的模型"},
		Summary: Text{"The source article's Keras model as it stands: two LSTM layers of 128 units on sequences of ten 50-d vectors.",
			"原文的 Keras 模型原样复现：两层 128 单元的 LSTM，输入为十个 50 维向量的序列。"},
		Topic: Text{"§3.1 LSTM (the article's code: LSTM(128, return_sequences=True) → LSTM(128) → Dense(1, sigmoid))",
			"§3.1 LSTM（原文代码：LSTM(128, return_sequences=True) → LSTM(128) → Dense(1, sigmoid)）"},
		Equation: "ŷ = σ(w·h²_T + b),   h²_t = LSTM₂(h¹_t),   h¹_t = LSTM₁(x_t);   L = −y·log ŷ − (1−y)·log(1−ŷ)",
		Sentences: []Sentence{
			say(Scene, "The article builds its model in Keras: LSTM(128) returning sequences, a second LSTM(128), Dense(1) with a "+
				"sigmoid, trained with Adam at 10⁻³ on binary cross-entropy in batches of 32, on inputs of shape (10, 50).",
				"原文用 Keras 搭建模型：返回序列的 LSTM(128)、第二个 LSTM(128)、带 sigmoid 的 Dense(1)，用 Adam（10⁻³）和二元交叉熵训练，批大小 32，输入形状为 (10, 50)。"),
			say(Scene, "Here it learns the article-vec task: is the sum of w·x_t over the ten vectors positive, for a fixed hidden w?",
				"这里它学习 article-vec 任务：对固定的隐藏向量 w，十个向量上 w·x_t 之和是否为正？"),
			para("starts-ln2", "A coin flip scores ln 2 ≈ 0.693 nats, and that is where the loss starts.",
				"抛硬币的得分是 ln 2 ≈ 0.693 奈特，损失正是从这里开始。"),
			say("learns", "Within 60 steps the validation loss falls below half of ln 2.",
				"60 步内验证损失降到 ln 2 的一半以下。"),
			say("layer-grads", "The gradient chart shows each layer's gradient norm: the first LSTM layer, furthest from the "+
				"loss, gets the larger gradient — from step 20 on typically more than 1.5 times the second's — so at this depth "+
				"the gradient does not vanish on its way down the stack.",
				"梯度图显示每一层的梯度范数：离损失最远的第一层 LSTM 得到的梯度反而更大——从第 20 步起通常是第二层的 1.5 倍以上——所以在这个深度上，梯度沿堆叠向下传递时并不消失。"),
		},
		Runs:  []Run{{"2×LSTM(128)", c}},
		Check: 60,
		Marks: []Mark{
			{Chart: ChartLoss, Claim: "learns", Caption: Text{"The loss starts at ln 2 (a coin flip) and falls well below it.", "损失从 ln 2（抛硬币）开始，远远降到它以下。"}},
			{Chart: ChartGrad, Claim: "layer-grads", Caption: Text{"Per-layer gradient norms: lstm0, furthest from the loss, above lstm1.", "每层的梯度范数：离损失最远的 lstm0 高于 lstm1。"}},
		},
		Claims: []Claim{
			{ID: "starts-ln2", Phase: AtInit, Holds: func(r []*train.Run) (bool, string) {
				v := first(r[0]).ValLoss
				return math.Abs(v-ln2) < 0.05, fmt.Sprintf("validation loss at step 0: %.4f (ln 2 = %.4f)", v, ln2)
			}},
			{ID: "learns", Phase: Learned, Holds: func(r []*train.Run) (bool, string) {
				v := bestVal(r[0])
				return v < ln2/2 && latest(r[0]).Step <= 60, fmt.Sprintf("best validation loss by step %d: %.4f", latest(r[0]).Step, v)
			}},
			{ID: "layer-grads", Phase: Throughout, Holds: func(r []*train.Run) (bool, string) {
				var q []float64
				for _, e := range after(r[0], 20) {
					q = append(q, e.GroupNorms["lstm0"]/e.GroupNorms["lstm1"])
				}
				m := median(q)
				return len(q) >= 3 && m > 1.5, fmt.Sprintf("‖g_lstm0‖/‖g_lstm1‖ from step 20 on: median %.2f over %d evaluations", m, len(q))
			}},
		},
	}
}
