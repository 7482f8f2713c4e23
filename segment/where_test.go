package segment

import (
	"reflect"
	"testing"
)

func TestWhereAndInstances(t *testing.T) {
	tests := []struct {
		query, where string
		exact        bool
		text         string
		inst         []int
	}{
		{"数字 经济", "(p0 AND p1)", true, "数字经济与数字政府", []int{2, 1}},
		{"产业 OR 园区", "(p0 OR p1)", true, "产业园区", []int{1, 1}},
		{"绿色 NOT 低碳", "(p0 AND NOT p1)", true, "绿色发展", []int{1, 0}},
		{`"一一" AB`, "(p0 AND p1)", true, "一一一 ab", []int{2, 1}},
		{"NEAR(数字 经济, 1)", "(p0 AND p1)", false, "数字化的经济，数字经济", []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			where, exact := q.Where(func(i int) string { return "p" + string(rune('0'+i)) })
			if where != tt.where || exact != tt.exact {
				t.Errorf("Where = %q, %v; want %q, %v", where, exact, tt.where, tt.exact)
			}
			if got := q.Instances(tt.text); !reflect.DeepEqual(got, tt.inst) {
				t.Errorf("Instances(%q) = %v, want %v", tt.text, got, tt.inst)
			}
		})
	}
}
