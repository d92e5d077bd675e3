package app

// The charts' words: titles ("ch."+id, see charts), axis titles with their units, series and
// reference labels, and the text alternatives' sentences. Merged into words (i18n.go) at start.
var chartWords = map[string]map[string]string{
	"en": {
		"ch.spectra":    "Recurrent matrix: spectral radius",
		"ch.dcheat":     "‖∂L/∂cₜ‖ over training (time step × training step)",
		"ch.gates-time": "Forget and update gates over training",
		"table":         "Table",
		"input":         "input",

		"y.loss":                   "loss",
		"y.loss.mse":               "loss: mean squared error (MSE)",
		"y.loss.bce":               "loss: binary cross-entropy (nats)",
		"y.loss.xent":              "loss: cross-entropy (nats per prediction)",
		"y.metric.acc@0.04":        "fraction of examples with |prediction − target| < 0.04",
		"y.metric.accuracy":        "accuracy: fraction of examples classified right",
		"y.metric.recall accuracy": "fraction of recalled symbols right",
		"y.metric.token accuracy":  "fraction of output tokens right",
		"y.metric.bits/char":       "bits per character (lower is better)",
		"y.metric.R²":              "R² = 1 − MSE / variance of the target",
		"y.grad":                   "‖g‖: L2 norm of the gradient over all parameters",
		"y.dh":                     "gradient norm at step t, mean over validation examples",
		"z.dh":                     "‖∂L/∂hₜ‖, mean over validation examples (log colour)",
		"z.dc":                     "‖∂L/∂cₜ‖ of the LSTM cell state (log colour)",
		"y.gate":                   "mean gate activation (0 = closed, 1 = open)",
		"y.carry":                  "mean gate activation over units, steps and examples (1 = keep the memory)",
		"y.spectra":                "spectral radius ρ (largest |eigenvalue|)",
		"y.sv":                     "singular value σₖ",
		"z.hidden":                 "hidden state hₜ (−1 blue, 0 white, +1 red)",
		"z.attn":                   "attention weight (0–1; each row sums to 1)",
		"x.k":                      "index k (largest first)",
		"x.in":                     "input step t",
		"y.out":                    "output step",

		"s.train":    "training",
		"s.val":      "validation",
		"s.aux":      "auxiliary loss",
		"s.gnorm":    "‖g‖",
		"s.preclip":  "‖g‖ before clipping",
		"s.postclip": "‖g‖ applied (after clipping)",
		"ref.chance": "chance %s",
		"ref.clip":   "clip threshold %s",
		"gate.i":     "input gate i",
		"gate.f":     "forget gate f",
		"gate.o":     "output gate o",
		"gate.z":     "update gate z",
		"gate.r":     "reset gate r",

		"desc.series":  "%[1]s: %[2]s at %[3]s %[4]s, %[5]s at %[3]s %[6]s.",
		"desc.rule":    "Reference line: %s.",
		"desc.heat":    "%[1]s. %[2]s %[3]s to %[4]s across, %[5]s %[6]s to %[7]s up; values from %[8]s to %[9]s. Latest column: %[10]s at %[5]s %[6]s, %[11]s at %[5]s %[7]s.",
		"desc.example": "Example %d: target %s, predicted %s.",
	},
	"zh": {
		"ch.spectra":    "循环矩阵的谱半径",
		"ch.dcheat":     "训练过程中的 ‖∂L/∂cₜ‖（时间步 × 训练步）",
		"ch.gates-time": "训练过程中的遗忘门与更新门",
		"table":         "表格",
		"input":         "输入",

		"y.loss":                   "损失",
		"y.loss.mse":               "损失：均方误差 (MSE)",
		"y.loss.bce":               "损失：二元交叉熵（奈特）",
		"y.loss.xent":              "损失：交叉熵（每次预测的奈特数）",
		"y.metric.acc@0.04":        "|预测 − 目标| < 0.04 的样本比例",
		"y.metric.accuracy":        "准确率：分类正确的样本比例",
		"y.metric.recall accuracy": "回忆正确的符号比例",
		"y.metric.token accuracy":  "输出词元正确的比例",
		"y.metric.bits/char":       "每字符比特数（越低越好）",
		"y.metric.R²":              "R² = 1 − MSE / 目标的方差",
		"y.grad":                   "‖g‖：全部参数梯度的 L2 范数",
		"y.dh":                     "时间步 t 处的梯度范数，验证样本平均",
		"z.dh":                     "‖∂L/∂hₜ‖，验证样本平均（对数色标）",
		"z.dc":                     "LSTM 细胞状态的 ‖∂L/∂cₜ‖（对数色标）",
		"y.gate":                   "门的平均激活（0 = 关闭，1 = 打开）",
		"y.carry":                  "门在单元、时间步和样本上的平均激活（1 = 保留记忆）",
		"y.spectra":                "谱半径 ρ（最大的 |特征值|）",
		"y.sv":                     "奇异值 σₖ",
		"z.hidden":                 "隐藏状态 hₜ（−1 蓝，0 白，+1 红）",
		"z.attn":                   "注意力权重（0–1，每行之和为 1）",
		"x.k":                      "序号 k（从大到小）",
		"x.in":                     "输入时间步 t",
		"y.out":                    "输出步",

		"s.train":    "训练",
		"s.val":      "验证",
		"s.aux":      "辅助损失",
		"s.gnorm":    "‖g‖",
		"s.preclip":  "裁剪前的 ‖g‖",
		"s.postclip": "实际应用的 ‖g‖（裁剪后）",
		"ref.chance": "随机基线 %s",
		"ref.clip":   "裁剪阈值 %s",
		"gate.i":     "输入门 i",
		"gate.f":     "遗忘门 f",
		"gate.o":     "输出门 o",
		"gate.z":     "更新门 z",
		"gate.r":     "重置门 r",

		"desc.series":  "%[1]s：%[3]s %[4]s 时为 %[2]s，%[3]s %[6]s 时为 %[5]s。",
		"desc.rule":    "参考线：%s。",
		"desc.heat":    "%[1]s。横轴 %[2]s 从 %[3]s 到 %[4]s，纵轴 %[5]s 从 %[6]s 到 %[7]s；数值范围 %[8]s 到 %[9]s。最新一列：%[5]s %[6]s 处为 %[10]s，%[5]s %[7]s 处为 %[11]s。",
		"desc.example": "样本 %d：目标 %s，预测 %s。",
	},
}

func init() {
	for lang, ws := range chartWords {
		for k, v := range ws {
			words[lang][k] = v
		}
	}
}
