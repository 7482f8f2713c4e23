package segment

import "testing"

func TestSameIndicator(t *testing.T) {
	tests := []struct {
		a, ua, b, ub string
		same         bool
	}{
		{"每万人口拥有全科医师数", "人", "每万人口全科医师数", "人", true},
		{"困难残疾人生活补贴覆盖率", "%", "困难残疾人生活补贴目标人群覆盖率", "%", true},
		{"孤儿和事实无人抚养儿童保障覆盖率", "%", "孤儿、事实无人抚养儿童等符合条件的困境儿童基本生活保障覆盖率", "%", true},
		{"公共租赁住房累计保障户数（含政府投资建设、企业投资建设公租房和租赁补贴）", "万户", "公共租赁住房累计保障户数", "万户", true},
		{"65岁以上老人家庭医生签约服务覆盖率", "%", "65 岁以上老人家庭医生签约服务覆盖率", "%", true},
		{"零就业家庭动态清零", "--", "零就业家庭动态清零", "—", true},
		{"高等教育毛入学率", "%", "高中阶段教育毛入学率", "%", false},
		{"户籍人口数", "万人", "常住人口数", "万人", false},
		{"共有产权住房新增套数", "万套", "保障性租赁住房新增套数", "套", false},
		{"人均预期寿命", "岁", "人均预期寿命", "%", false},
	}
	for _, tt := range tests {
		if got := SameIndicator(tt.a, tt.ua, tt.b, tt.ub); got != tt.same {
			t.Errorf("SameIndicator(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
