package app

// The page layout's words (transport, run statuses, settings drawer, chart grid), merged into words
// (i18n.go) at start.
var pageWords = map[string]map[string]string{
	"en": {
		"skip":           "Skip to the charts",
		"logo.alt":       "RNN Playground logo",
		"transport":      "Training controls",
		"settings":       "Settings",
		"close":          "Close",
		"charts":         "Charts",
		"runs":           "Runs",
		"more.views":     "More views",
		"fewer.views":    "Fewer views",
		"live.note":      "changes live: the runs keep training with the new value; any other setting restarts them.",
		"differ":         "How the runs differ",
		"setting":        "Setting",
		"per.run":        "differs per run, see above",
		"st.ready":       "Ready: press Play",
		"st.paused":      "Paused at step %d",
		"st.finished":    "Finished: %d steps",
		"st.target":      "Reached the target loss at step %d",
		"st.stopped":     "Stopped at step %d: ",
		"st.exploded":    "the loss exploded",
		"st.exploded.by": "the loss exploded to %s, %s× where it started",
		"st.inf.loss":    "the loss grew too large to compute",
		"st.inf.grad":    "the gradient grew too large to compute",
		"st.inf.weights": "the weights grew too large to compute",
		"st.all.done":    "All runs finished",
		"st.all.stopped": "All runs stopped; one of them diverged",
		"xp.show":        "Show the explanation",
		"xp.hide":        "Fold",
		"xp.play":        "Press Play to run the experiment.",
	},
	"zh": {
		"skip":           "跳到图表",
		"logo.alt":       "循环神经网络演练场标志",
		"transport":      "训练控制",
		"settings":       "设置",
		"close":          "关闭",
		"charts":         "图表",
		"runs":           "各次运行",
		"more.views":     "更多视图",
		"fewer.views":    "收起视图",
		"live.note":      "即时生效：运行会带着新值继续训练；改动其他设置会重新开始运行。",
		"differ":         "各次运行的区别",
		"setting":        "设置",
		"per.run":        "各运行不同，见上表",
		"st.ready":       "就绪：按“开始”",
		"st.paused":      "已暂停于第 %d 步",
		"st.finished":    "完成：%d 步",
		"st.target":      "在第 %d 步达到目标损失",
		"st.stopped":     "在第 %d 步停止：",
		"st.exploded":    "损失爆炸了",
		"st.exploded.by": "损失爆炸到 %s，是起始值的 %s 倍",
		"st.inf.loss":    "损失大到无法计算",
		"st.inf.grad":    "梯度大到无法计算",
		"st.inf.weights": "权重大到无法计算",
		"st.all.done":    "所有运行都已完成",
		"st.all.stopped": "所有运行都已停止，其中有运行发散",
		"xp.show":        "展开说明",
		"xp.hide":        "收起",
		"xp.play":        "按“开始”运行这个实验。",
	},
}

func init() { mergeWords(pageWords) }

// mergeWords adds a part's words to the page's dictionary (i18n.go).
func mergeWords(ws map[string]map[string]string) {
	for lang, w := range ws {
		for k, v := range w {
			words[lang][k] = v
		}
	}
}
