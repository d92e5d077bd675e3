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

// xpLabelsZh are the runs' labels (experiment.Run.Label) in Chinese where they are words, as the
// experiments' Chinese texts name them; "RNN", "b_f = 1" and the like read the same in both languages
// (TestRunLabelsInBothLanguages).
var xpLabelsZh = map[string]string{
	"no clipping":             "不裁剪",
	"clip 1":                  "裁剪 1",
	"gain 0.5":                "增益 0.5",
	"gain 1":                  "增益 1",
	"gain 1.5":                "增益 1.5",
	"chrono":                  "chrono", // as the Chinese texts call it
	"additive attention":      "加性注意力",
	"no attention":            "无注意力",
	"concat-linear (article)": "拼接线性（原文）",
	"additive":                "加性",
	"main loss only":          "仅主损失",
	"with aux loss":           "加辅助损失",
	"none":                    "无正则化",
	"dropout 0.3":             "dropout 0.3", // as the Chinese texts call it
	"weight decay 0.1":        "权重衰减 0.1",
}

// xpLabel is a run's label in lang.
func xpLabel(lang, label string) string {
	if w, ok := xpLabelsZh[label]; ok && lang == "zh" {
		return w
	}
	return label
}
