package app

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

// The tasks' descriptions in Chinese. The task package words them in English with their numbers
// (task.Spec.Describe); each template here says the same with {0}, {1}, … standing for the English
// text's numbers in order, so the numbers are computed in one place.
var taskDescribeZh = map[string]string{
	"adding":         "{0} 步的（数值，标记）序列；输出两个被标记数值之和，前后两半各标记一个。恒猜 {1} 的均方误差为 {2}/{3}。",
	"article-vec":    "对 {0} 步的 {1} 维向量序列做二分类（原文的形状）；标签表示序列整体是否沿一个隐藏方向偏移。随机水平：ln {2}。",
	"article-tokens": "对来自 {1} 个词的词表的 {0} 个词元做二分类（原文的形状）：正面词（编号 {2}–{3}）是否占情感词（{4}–{5}）的多数？随机水平：ln {6}。",
	"charlm":         "根据前 {2} 个字符预测下一个字符；文本共 {0} 个字符（{1} 种不同字符）。只用字母频率的得分为每字符 {3} 奈特（{4} 比特）。",
	"copy":           "记住 {1} 种符号中的 {0} 个，经过 {2} 个空白步后，在标记之后把它们写出来。先预测空白再随机猜测的得分为 {3}·ln {4}/{5}。",
	"parity":         "{0} 个随机比特中 1 的个数是否为奇数？每一位都有影响。随机水平：ln {1}，准确率 {2}/{3}。",
	"recall":         "在 {0} 个干扰步中，前面出现两个符号（X 或 Y）；在结尾判断它们的顺序（XX、XY、YX、YY）。随机水平：ln {1}，准确率 {2}/{3}。",
	"reverse":        "读入 {1} 种符号中的 {0} 个，并按相反的顺序写出。随机水平：每个符号 ln {2}。",
	"sort":           "读入 {1} 种符号中的 {0} 个，并按从小到大的顺序写出。只根据位置猜测的得分为每个符号 {2}。",
	"sines":          "预测三个正弦之和（噪声 σ = {0}）在 {1} 个步上每一步的下一个值。预测均值的均方误差为 {2}。",
}

var number = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?`)

// describeTask is the task's description in lang and the language it is in: English where no
// template exists or the English text's numbers do not fit the template (a test checks every task).
func describeTask(lang string, s task.Spec) (string, string) {
	if lang != "zh" || s.Describe == "" {
		return s.Describe, "en"
	}
	tpl, ok := taskDescribeZh[s.Name]
	nums := number.FindAllString(s.Describe, -1)
	if !ok || strings.Count(tpl, "{") != len(nums) {
		return s.Describe, "en"
	}
	for i, n := range nums {
		tpl = strings.Replace(tpl, "{"+strconv.Itoa(i)+"}", n, 1)
	}
	if strings.Contains(tpl, "{") {
		return s.Describe, "en"
	}
	return tpl, "zh"
}
