package app

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/nn/task"
)

var number = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?`)

// describeTask is the task's description in lang and the language it is in: English where no
// template exists or the English text's numbers do not fit the template (a test checks every task).
func describeTask(lang string, s task.Spec) (string, string) {
	if lang != "zh" || s.Describe == "" {
		return s.Describe, "en"
	}
	// The registry's template says the same with {0}, {1}, … standing for the English text's numbers in
	// order, so the numbers are computed in one place.
	tpl := taskEntry(s.Name).DescribeZh
	nums := number.FindAllString(s.Describe, -1)
	if tpl == "" || strings.Count(tpl, "{") != len(nums) {
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
