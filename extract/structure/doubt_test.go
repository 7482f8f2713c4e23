package structure

import (
	"strings"
	"testing"

	"planx/extract/doc"
)

func doubtKinds(lines ...string) map[string]string {
	d := Parse(blocks(lines...))
	out := map[string]string{}
	for _, g := range d.Diagnostics {
		if IsDoubt(g.Kind) {
			out[g.Kind] = g.Message
		}
	}
	return out
}

// Each check holds on a case where the structure is wrong, and stays quiet
// where the same kind of plan is whole.
func TestDoubts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  string // the doubt kind expected, "" for none
	}{
		{"whole", []string{"某某市养老服务体系建设“十四五”规划", "第一章 发展基础", "一、发展成就", "二、面临形势", "第二章 总体要求", "一、指导思想"}, ""},
		{"a chapter missing", []string{"某某市养老服务体系建设“十四五”规划", "第一章 发展基础", "第三章 主要任务"}, DoubtNumbering},
		{"a repeat", []string{"某某市养老服务体系建设“十四五”规划", "一、总体要求", "（一）指导思想", "（一）基本原则"}, DoubtNumbering},
		{"numbering runs on across sections", []string{"扩大内需战略规划纲要（2022－2035年）", "一、规划背景", "（一）成效", "（二）意义", "二、总体要求", "（三）指导思想", "（四）原则"}, ""},
		{"two documents issued together start again", []string{"某某省关于印发若干政策和行动计划的通知", "一、支持平台建设", "二、支持企业转型", "一、总体要求", "二、行动步骤"}, ""},
		{"a box between not found", []string{"某某市公共服务“十四五”规划", "第一章 发展基础", "专栏1 基本公共服务项目", "1.幼儿园建设工程。", "专栏3 养老服务设施建设", "1.养老院建设工程。"}, DoubtBoxes},
		{"a box the text names", []string{"某某市公共服务“十四五”规划", "第一章 发展基础", "推进重大工程建设（见专栏2）。"}, DoubtBoxes},
		{"a table the text names", []string{"某某市公共服务“十四五”规划", "第一章 发展基础", "主要指标见表1。"}, DoubtTables},
		{"targets with no indicator table", []string{"某某市公共服务“十四五”规划", "第一章 发展基础", "其中约束性指标5项，预期性指标12项。"}, DoubtIndicators},
		{"an empty box", []string{"某某市公共服务“十四五”规划", "第一章 发展基础", "专栏1 基本公共服务项目", "第二章 总体要求"}, DoubtBoxes},
		{"no title", []string{"第一章 发展基础", "一、发展成就"}, DoubtTitle},
		{"a table of contents read as headings", []string{"某某市公共服务“十四五”规划", "第一章 发展基础……………1", "第二章 总体要求……………5", "第一章 发展基础"}, DoubtTOC},
		{"an item that runs on", []string{"某某市公共服务“十四五”规划", "一、总体要求", "（一）指导思想", strings.Repeat("坚持以人民为中心的发展思想，推进基本公共服务均等化。", 800)}, DoubtOutline},
		{"a long item", []string{"某某市公共服务“十四五”规划", "一、总体要求", "（一）指导思想", strings.Repeat("坚持以人民为中心的发展思想，推进基本公共服务均等化。", 100)}, ""},
		{"a database's wrapper", []string{"【法宝引证码】 CLI.12.4638041", "原文链接：http://www.pkulaw.com/lar/1.html", "某某省工业互联网创新发展行动计划", "一、总体要求"}, DoubtWrapper},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := doubtKinds(tc.lines...)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("doubts on a whole plan: %v", got)
				}
				return
			}
			if _, ok := got[tc.want]; !ok {
				t.Errorf("no %s; got %v", tc.want, got)
			}
		})
	}
}

func TestDoubtMessageNamesWhat(t *testing.T) {
	got := doubtKinds("某某市公共服务“十四五”规划", "第一章 发展基础", "推进重大工程建设（见专栏2、专栏4）。")
	if m := got[DoubtBoxes]; !strings.Contains(m, "专栏2") || !strings.Contains(m, "专栏4") {
		t.Errorf("message %q does not name the boxes", m)
	}
}

// An item whose text runs on past what an item holds is not made one
// measure of all of it; one of ordinary length is.
func TestLongItemIsNotAMeasure(t *testing.T) {
	long := strings.Repeat("坚持以人民为中心的发展思想，推进基本公共服务均等化。", 800)
	d := Parse(blocks("某某市公共服务“十四五”规划", "一、总体要求", "（一）指导思想", long, "（二）工作原则", "坚持普惠共享，推进基本公共服务均等化。"))
	var titles []string
	for _, m := range d.Measures {
		titles = append(titles, m.Title)
	}
	if len(titles) != 1 || titles[0] != "工作原则" {
		t.Errorf("measures %q, want only 工作原则", titles)
	}
	kept := false
	for _, p := range d.Paragraphs {
		kept = kept || p.Text == long
	}
	if !kept {
		t.Errorf("the long item's text is not kept as a paragraph")
	}
}

// A table whose rows were not read apart leaves the rows' text in one cell;
// that is said, and a table read row by row, with a note row that names
// both attributes, is not doubted.
func TestRowsRunTogether(t *testing.T) {
	merged := "常住人口万人15501867.66预期性户籍人口万人920985.11预期性标准化义务教育学校达标率%100100约束性"
	for _, tc := range []struct {
		name string
		rows [][]string
		want bool
	}{
		{"run together", [][]string{{"指标", "单位", "2020年目标值", "2020年完成值", "指标属性"}, {"人口发展", "", "", "", ""}, {merged, "", "万户", "", ""}}, true},
		{"read apart", [][]string{
			{"指标", "单位", "2020年目标值", "2020年完成值", "指标属性"},
			{"常住人口", "万人", "1550", "1867.66", "预期性"},
			{"户籍人口", "万人", "920", "985.11", "预期性"},
			{"标准化义务教育学校达标率", "%", "100", "100", "约束性"},
			{"注：带*的为约束性指标，其余为预期性指标。", "", "", "", ""},
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Meta: doc.Meta{Title: "某某市公共服务“十四五”规划"}}
			d.Tables = []doc.Table{{Label: "表1", Title: "主要指标完成情况", Rows: tc.rows}}
			doubts(d)
			got := false
			for _, g := range d.Diagnostics {
				got = got || g.Kind == DoubtTables && strings.Contains(g.Message, "not read apart")
			}
			if got != tc.want {
				t.Errorf("doubt %v, want %v: %v", got, tc.want, d.Diagnostics)
			}
		})
	}
}
