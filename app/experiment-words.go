package app

// The guided experiments' words, merged into words (i18n.go) at start.
var xpWords = map[string]map[string]string{
	"en": {
		"xp.gallery":          "Guided experiments",
		"xp.browse":           "Gallery",
		"xp.topic":            "Source article",
		"xp.lag":              "Lag:",
		"xp.run":              "Run the experiment",
		"xp.watch":            "What to watch",
		"xp.chart.loss":       "Loss",
		"xp.chart.metric":     "Metric",
		"xp.chart.grad":       "Gradient norm",
		"xp.chart.dh":         "‖∂L/∂h_t‖ over t",
		"xp.chart.spectra":    "Spectra",
		"xp.chart.attn":       "Attention weights",
		"xp.chart.gates-time": "Gate means over training",
	},
	"zh": {
		"xp.gallery":          "引导实验",
		"xp.browse":           "实验列表",
		"xp.topic":            "原文",
		"xp.lag":              "时滞：",
		"xp.run":              "运行实验",
		"xp.watch":            "观察要点",
		"xp.chart.loss":       "损失",
		"xp.chart.metric":     "指标",
		"xp.chart.grad":       "梯度范数",
		"xp.chart.dh":         "‖∂L/∂h_t‖ 随 t 变化",
		"xp.chart.spectra":    "谱",
		"xp.chart.attn":       "注意力权重",
		"xp.chart.gates-time": "门控均值随训练变化",
	},
}

func init() { mergeWords(xpWords) }
