package block

import (
	"testing"

	"planx/extract/label"
)

func TestWidth(t *testing.T) {
	for s, want := range map[string]float64{"公共服务": 4, "2.41 平方米": 5.5, "“十四五”": 5} {
		t.Run(s, func(t *testing.T) {
			if got := Width(s); got != want {
				t.Errorf("Width(%q) = %v, want %v", s, got, want)
			}
		})
	}
}

func TestIsPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"7": true, "- 12 -": true, "—3—": true, "第 3 页": true, "第 3 页 共 40 页": true, "3/40": true,
		"2020": false, "1.5": false, "注": false, "": false, "第页": false,
	} {
		t.Run(s, func(t *testing.T) {
			if got := IsPageNumber(s); got != want {
				t.Errorf("IsPageNumber(%q) = %v, want %v", s, got, want)
			}
		})
	}
}

func TestStandsAlone(t *testing.T) {
	fits := func(label.Kind) bool { return true }
	full := func(label.Kind) bool { return false }
	for _, c := range []struct {
		line string
		fits func(label.Kind) bool
		want bool
	}{
		{"第三章 推进基本公共服务均等化", fits, true},
		{"第二节 提升服务水平", fits, true},
		{"专栏1 重点工程", fits, true},
		{"表2 主要指标", fits, true},
		{"第三章 推进基本公共服务均等化", full, false},
		{"第一节 总体要求。坚持以人民为中心", fits, false},
		{"（一）提升服务水平", fits, false},
		{"加强基层服务能力建设。", fits, false},
	} {
		t.Run(c.line, func(t *testing.T) {
			if got := StandsAlone(label.Parse(c.line), c.fits); got != c.want {
				t.Errorf("StandsAlone(%q) = %v, want %v", c.line, got, c.want)
			}
		})
	}
}

func TestGlue(t *testing.T) {
	for _, c := range []struct{ prev, next, want string }{
		{"推进", "建设", "建设"},
		{"digital", "economy", " economy"},
		{"2020", "年", "年"},
		{"12", "34", "34"},
		{"", "建设", "建设"},
	} {
		t.Run(c.prev+"|"+c.next, func(t *testing.T) {
			if got := Glue(c.prev, c.next); got != c.want {
				t.Errorf("Glue(%q, %q) = %q, want %q", c.prev, c.next, got, c.want)
			}
		})
	}
}

func TestJoinLines(t *testing.T) {
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"家庭医生", "签约服务"}, "家庭医生签约服务"},
		{[]string{"2020", "2025"}, "2020 2025"},
		{[]string{"≥95", "%"}, "≥95 %"},
	} {
		t.Run(c.want, func(t *testing.T) {
			if got := JoinLines(c.lines); got != c.want {
				t.Errorf("JoinLines(%q) = %q, want %q", c.lines, got, c.want)
			}
		})
	}
}

func TestSuperscript(t *testing.T) {
	for s, want := range map[string]string{"1": "¹", "12": "¹²", "a": "a", "": "", "1a": "1a"} {
		t.Run(s, func(t *testing.T) {
			if got := Superscript(s); got != want {
				t.Errorf("Superscript(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

func TestLeadingSuperscript(t *testing.T) {
	for _, c := range []struct {
		s       string
		n, size int
	}{
		{"¹²基本公共服务", 12, len("¹²")},
		{"³⁰：", 30, len("³⁰")},
		{"基本¹", 0, 0},
		{"ⁱ", 0, 0}, // a superscript letter, not a digit
		{"", 0, 0},
	} {
		t.Run(c.s, func(t *testing.T) {
			if n, size := LeadingSuperscript(c.s); n != c.n || size != c.size {
				t.Errorf("LeadingSuperscript(%q) = %d, %d, want %d, %d", c.s, n, size, c.n, c.size)
			}
		})
	}
}
