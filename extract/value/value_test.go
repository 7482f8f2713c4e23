package value

import "testing"

func f(v float64) *float64 { return &v }

// Every value form in the seed plans' indicator tables, read by hand.
func TestParse(t *testing.T) {
	tests := []struct {
		raw  string
		op   string
		v, m *float64
		cum  bool
		qual string
	}{
		{"1867.66", "=", f(1867.66), nil, false, ""},
		{"2100左右", "~", f(2100), nil, false, "左右"},
		{"力争5.8", "=", f(5.8), nil, false, "力争"},
		{"力争 4.81", "=", f(4.81), nil, false, "力争"},
		{"≥95", ">=", f(95), nil, false, ""},
		{"＞80", ">", f(80), nil, false, ""},
		{">98.35", ">", f(98.35), nil, false, ""},
		{"<7.5", "<", f(7.5), nil, false, ""},
		{"≤10", "<=", f(10), nil, false, ""},
		{"[23.76]", "=", f(23.76), nil, true, ""},
		{"[≥30]", ">=", f(30), nil, true, ""},
		{"≥[100]", ">=", f(100), nil, true, ""},
		{"〔30〕", "=", f(30), nil, true, ""},
		{"稳定在85以上", ">=", f(85), nil, false, "稳定在…以上"},
		{"控制在3.0以内", "<=", f(3.0), nil, false, "控制在…以内"},
		{"98以上", ">=", f(98), nil, false, ""},
		{"不低于90", ">=", f(90), nil, false, ""},
		{"不超过5", "<=", f(5), nil, false, ""},
		{"下降15%", "=", f(15), nil, false, "下降"},
		{"3-5", "range", f(3), f(5), false, ""},
		{"3—5", "range", f(3), f(5), false, ""},
		{"约60", "~", f(60), nil, false, "约"},
		{"--", "", nil, nil, false, ""},
		{"—", "", nil, nil, false, ""},
		{"-", "", nil, nil, false, ""},
		{"应保尽保", "", nil, nil, false, ""},
		{"动态清零", "", nil, nil, false, ""},
		{"与经济增长基本同步", "", nil, nil, false, ""},
		{"≥100（毛）", ">=", f(100), nil, false, "毛"},
		{"好于全国平均", "", nil, nil, false, ""},
	}
	eq := func(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			p := Parse(tt.raw)
			if p.Op != tt.op || !eq(p.Value, tt.v) || !eq(p.ValueMax, tt.m) || p.Cumulative != tt.cum || p.Qualifier != tt.qual {
				t.Errorf("Parse(%q) = {%q %v %v %v %q}, want {%q %v %v %v %q}", tt.raw, p.Op, deref(p.Value), deref(p.ValueMax), p.Cumulative, p.Qualifier,
					tt.op, deref(tt.v), deref(tt.m), tt.cum, tt.qual)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// Every word plans use to say which way a target goes, in the forms plan
// tables print (checked by hand against the wording).
func TestDirection(t *testing.T) {
	tests := []struct {
		name, raw string
		dir       string
		op        string
		v         float64
	}{
		{"万元地区生产总值能耗", "下降15%", "down", "=", 15},
		{"单位GDP二氧化碳排放", "降低18%", "down", "=", 18},
		{"主要污染物排放总量", "减少10%", "down", "=", 10},
		{"单位地区生产总值能耗", "累计下降13.5%", "down", "=", 13.5},
		{"城镇调查失业率", "控制在5.5以内", "down", "<=", 5.5},
		{"城镇登记失业率", "控制在3.5%以下", "down", "<=", 3.5},
		{"森林覆盖率", "提高2个百分点", "up", "", 0},
		{"研发经费投入", "增长7%", "up", "=", 7},
		{"居民人均可支配收入", "年均增长6%", "up", "=", 6},
		{"数字经济核心产业增加值占比", "提升到10%", "up", "=", 10},
		{"户籍孕产妇死亡率", "下降到7.5", "down", "=", 7.5},
		// the name says it where the cell holds only the number
		{"单位地区生产总值能源消耗降低（%）", "[13.5]", "down", "=", 13.5},
		{"地区生产总值增长（%）", "6左右", "up", "~", 6},
		{"研发经费投入增长", "7以上", "up", ">=", 7},
		// a level or a floor says no direction
		{"人均预期寿命", "82.9", "", "=", 82.9},
		{"常住人口", "2100左右", "", "~", 2100},
		{"养老机构护理型床位占比", "≥55", "", ">=", 55},
		{"城镇调查失业率", "≤5.5", "", "<=", 5.5},
		{"婴儿死亡率", "应保尽保", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.raw, func(t *testing.T) {
			if got := Direction(tt.name, tt.raw); got != tt.dir {
				t.Errorf("Direction(%q, %q) = %q, want %q", tt.name, tt.raw, got, tt.dir)
			}
			p := Parse(tt.raw)
			if p.Op != tt.op || tt.op != "" && *p.Value != tt.v {
				t.Errorf("Parse(%q) = %q %v, want %q %v", tt.raw, p.Op, deref(p.Value), tt.op, tt.v)
			}
		})
	}
}
