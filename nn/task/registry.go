package task

import (
	"fmt"
	"strings"
)

// Kind is what a task asks of a model.
type Kind string

// Task kinds.
const (
	Seq2Seq        Kind = "seq2seq"        // read a sequence, then write another (encoder–decoder or task.Unroll)
	Classification Kind = "classification" // classes, at the end or at every step
	Regression     Kind = "regression"     // real values, at the end or at every step
)

// Settings are a task's default model and training settings; zero fields keep the trainer's own defaults
// (see train.Default).
type Settings struct {
	Hidden    int     // units per recurrent layer
	LR        float64 // learning rate
	Steps     int     // training steps
	EvalEvery int     // steps between validations
}

// Entry is one task of the registry: everything the trainer, the command line and the page need to know
// about it without building it. Build-time facts that depend on the configuration (shapes, the baseline's
// value) are in the task's Spec.
type Entry struct {
	Name string
	Kind Kind
	// T is the default lag or sequence length, in [MinT, MaxT]; QuickT the page's starting value, short
	// enough to train in about a minute.
	T, MinT, MaxT, QuickT int
	// Alphabet is the default number of symbols, at least MinAlphabet (0: the task has no alphabet).
	Alphabet, MinAlphabet int
	Noise                 bool // takes task.noise
	Text                  bool // reads a text (task.text)
	Settings              Settings
	// DescribeZh is Spec.Describe in Chinese: {0}, {1}, … stand for the English text's numbers in order,
	// so that the numbers are computed in one place.
	DescribeZh string
	// Baseline names the memoryless predictor whose loss is Spec.Baseline, in English and Chinese.
	Baseline, BaselineZh string

	width func(c Config) int // input values per step, for the memory bound
	steps func(c Config) int // input steps per example
	build func(c Config) (Task, error)
}

// MaxAlphabet bounds task.alphabet.
const MaxAlphabet = 64

func one(Config) int       { return 1 }
func plainT(c Config) int  { return c.T }
func twiceT(c Config) int  { return 2 * c.T }
func symbols(c Config) int { return c.Alphabet + 2 }

const (
	constGuess, constGuessZh = "the constant guess", "恒定猜测"
	classPrior, classPriorZh = "the class prior", "类别先验"
)

// registry lists the tasks in the order the page and the help show them. DefaultName is the first.
var registry = []Entry{
	{Name: "adding", Kind: Regression, T: 100, MinT: 2, MaxT: MaxT, QuickT: 20,
		Settings: Settings{LR: 0.01, Steps: 2000}, Baseline: constGuess, BaselineZh: constGuessZh,
		DescribeZh: "{0} 步的（数值，标记）序列；输出两个被标记数值之和，前后两半各标记一个。恒猜 {1} 的均方误差为 {2}/{3}。",
		width:      func(Config) int { return 2 }, steps: plainT, build: newAdding},
	{Name: "copy", Kind: Classification, T: 100, MinT: 1, MaxT: MaxT, QuickT: 10, Alphabet: 8, MinAlphabet: 2,
		Settings: Settings{Hidden: 64, LR: 0.002, Steps: 2000},
		Baseline: "blanks, then a uniform guess over the alphabet", BaselineZh: "先预测空白，再在字母表上均匀猜测",
		DescribeZh: "记住 {1} 种符号中的 {0} 个，经过 {2} 个空白步后，在标记之后把它们写出来。先预测空白再随机猜测的得分为 {3}·ln {4}/{5}。",
		width:      symbols, steps: func(c Config) int { return c.T + 2*copyN }, build: newCopy},
	{Name: "recall", Kind: Classification, T: 50, MinT: 10, MaxT: MaxT, QuickT: 20, Alphabet: 4, MinAlphabet: 1,
		Baseline: classPrior, BaselineZh: classPriorZh,
		DescribeZh: "在 {0} 个干扰步中，前面出现两个符号（X 或 Y）；在结尾判断它们的顺序（XX、XY、YX、YY）。随机水平：ln {1}，准确率 {2}/{3}。",
		width:      symbols, steps: plainT, build: newRecall},
	{Name: "parity", Kind: Classification, T: 10, MinT: 1, MaxT: MaxT, QuickT: 10, Baseline: classPrior, BaselineZh: classPriorZh,
		DescribeZh: "{0} 个随机比特中 1 的个数是否为奇数？每一位都有影响。随机水平：ln {1}，准确率 {2}/{3}。",
		width:      one, steps: plainT, build: newParity},
	{Name: "sines", Kind: Regression, T: 50, MinT: 2, MaxT: MaxT, QuickT: 50, Noise: true, Baseline: constGuess, BaselineZh: constGuessZh,
		DescribeZh: "预测三个正弦之和（噪声 σ = {0}）在 {1} 个步上每一步的下一个值。预测均值的均方误差为 {2}。",
		width:      one, steps: plainT, build: newSines},
	{Name: "reverse", Kind: Seq2Seq, T: 8, MinT: 1, MaxT: 200, QuickT: 8, Alphabet: 8, MinAlphabet: 2,
		Settings: Settings{Hidden: 64, Steps: 2000}, Baseline: "a uniform guess", BaselineZh: "均匀猜测",
		DescribeZh: "读入 {1} 种符号中的 {0} 个，并按相反的顺序写出。随机水平：每个符号 ln {2}。",
		width:      one, steps: twiceT, build: newReverse},
	{Name: "sort", Kind: Seq2Seq, T: 8, MinT: 1, MaxT: 200, QuickT: 8, Alphabet: 8, MinAlphabet: 2,
		Settings: Settings{Hidden: 64, Steps: 2000},
		Baseline: "the distribution of each position's symbol", BaselineZh: "每个位置上符号的分布",
		DescribeZh: "读入 {1} 种符号中的 {0} 个，并按从小到大的顺序写出。只根据位置猜测的得分为每个符号 {2}。",
		width:      one, steps: twiceT, build: newSort},
	{Name: "charlm", Kind: Classification, T: 64, MinT: 1, MaxT: MaxT, QuickT: 32, Text: true,
		Settings: Settings{Hidden: 128, LR: 0.003, Steps: 3000, EvalEvery: 100},
		Baseline: "the unigram character frequencies", BaselineZh: "字符的一元频率",
		DescribeZh: "根据前 {2} 个字符预测下一个字符；文本共 {0} 个字符（{1} 种不同字符）。只用字母频率的得分为每字符 {3} 奈特（{4} 比特）。",
		width:      one, steps: plainT, build: newCharLM},
	{Name: "article-vec", Kind: Classification, T: 10, MinT: 1, MaxT: MaxT, QuickT: 10, Baseline: classPrior, BaselineZh: classPriorZh,
		DescribeZh: "对 {0} 步的 {1} 维向量序列做二分类（原文的形状）；标签表示序列整体是否沿一个隐藏方向偏移。随机水平：ln {2}。",
		width:      func(Config) int { return articleD }, steps: plainT, build: newArticleVec},
	{Name: "article-tokens", Kind: Classification, T: 50, MinT: 5, MaxT: MaxT, QuickT: 20, Baseline: classPrior, BaselineZh: classPriorZh,
		DescribeZh: "对来自 {1} 个词的词表的 {0} 个词元做二分类（原文的形状）：正面词（编号 {2}–{3}）是否占情感词（{4}–{5}）的多数？随机水平：ln {6}。",
		width:      one, steps: plainT, build: newArticleTokens},
}

// DefaultName is the task a run trains unless told otherwise.
var DefaultName = registry[0].Name

// Entries returns the registry, in order.
func Entries() []Entry { return registry }

// Lookup returns the registry entry of the named task, or nil.
func Lookup(name string) *Entry {
	for i := range registry {
		if registry[i].Name == name {
			return &registry[i]
		}
	}
	return nil
}

// Names lists the tasks, or those for which keep is true.
func Names(keep ...func(*Entry) bool) []string {
	var s []string
	for i := range registry {
		if len(keep) == 0 || keep[0](&registry[i]) {
			s = append(s, registry[i].Name)
		}
	}
	return s
}

// Steps is the number of input steps per example of c (after WithDefaults), 0 for an unknown task: T,
// or more for tasks that read then write.
func Steps(c Config) int {
	if e := Lookup(c.Name); e != nil {
		return e.steps(WithDefaults(c))
	}
	return 0
}

// Width is the number of input features per step of c (after WithDefaults; 1 for token ids), 0 for an
// unknown task.
func Width(c Config) int {
	if e := Lookup(c.Name); e != nil {
		return e.width(WithDefaults(c))
	}
	return 0
}

func find(name string) (*Entry, error) {
	if e := Lookup(name); e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("task.name: unknown %q (want one of %s)", name, strings.Join(Names(), ", "))
}
