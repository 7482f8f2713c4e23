package vocab

import (
	"strings"
	"testing"
)

// Lead sentences of measures in the answer keys (../shared/eval/gold,
// corpus/gold) open with one of the plan verbs.
func TestPlanVerbsOpenMeasures(t *testing.T) {
	verbs := PlanVerbs()
	for _, lead := range []string{"推进标准化建设", "加快建设信息网络基础设施", "强化高质量数据要素供给", "进一步完善分级诊疗制度"} {
		t.Run(lead, func(t *testing.T) {
			for _, v := range verbs {
				if strings.HasPrefix(lead, v) {
					return
				}
			}
			t.Errorf("%s opens with no plan verb", lead)
		})
	}
}

func TestPlanVerbsAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range PlanVerbs() {
		if seen[v] {
			t.Errorf("%s listed twice", v)
		}
		seen[v] = true
	}
}
