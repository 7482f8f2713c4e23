package structure

import (
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
)

func TestRegistryNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, bp := range registry {
		if bp.name == "" || seen[bp.name] {
			t.Errorf("block parser %q: names must be given and unique", bp.name)
		}
		seen[bp.name] = true
	}
	if last := registry[len(registry)-1].name; last != "paragraph" {
		t.Errorf("the last block parser is %q, want the paragraph parser, which takes any block", last)
	}
}

// Which block parser takes a line decides what it becomes. The lines are
// from corpus/ (the Guangzhou plans, the Anhui plan from a database, the
// State Council and digital-economy plans); the parser each goes to is how
// GOLD.md reads them. The roles are those a reader gives such lines.
func TestPrecedence(t *testing.T) {
	tests := []struct {
		name string
		in   []block.Block
		want string
	}{
		{"table label before the heading it is not", []block.Block{{Text: "表2 广州市“十四五”时期人口与公共服务发展主要指标"}}, "table label"},
		{"box label", []block.Block{{Text: "专栏1  工业互联网网络互联互通工程"}}, "box label"},
		{"box text the reader marked", []block.Block{{Text: "专栏1 “十四五”时期人口发展重大工程", Role: block.Box, Title: true}}, "box"},
		{"annex with its title", []block.Block{{Text: "附件	名词解释"}}, "annex"},
		{"attachment list", []block.Block{{Text: "附件：1.广州市家庭医生签约服务质量监测指标体系（2023年）"}, {Text: "2.关于推进广州市家庭医生签约服务高质量发展工作的任务分工表"}}, "attachment list"},
		{"note list under a table", []block.Block{{Text: "注：1. []为2016年至2020年累计数。"}}, "note list"},
		{"chapter heading", []block.Block{{Text: "第一章 基础环境"}}, "heading"},
		{"chapter label alone, title on the next line", []block.Block{{Text: "第一章"}, {Text: "基础环境"}}, "bare labels"},
		{"item heading", []block.Block{{Text: "（一）指导思想。"}}, "heading"},
		{"item heading running into its paragraph", []block.Block{{Text: "（一）加快建设信息网络基础设施。建设高速泛在、天地一体、云网融合、智能敏捷、绿色低碳、安全可控的智能化综合性数字信息基础设施。"}}, "heading"},
		{"a target sentence after a number is a paragraph", []block.Block{{Text: "1.到 2025 年，新建城区、新建住宅（小）区按照每百户不低于20 平方米的标准配套建设养老服务设施，旧城区和已建住宅（小）区按照每百户不低于 15 平方米的标准配置补齐。"}}, "paragraph"},
		{"header words one per line", []block.Block{{Text: "序号"}, {Text: "指标"}, {Text: "单位"}, {Text: "2020年"}, {Text: "2025年"}, {Text: "属性"}}, "header run"},
		{"a lone row of cells", []block.Block{{Text: "合计", Cells: []string{"合计"}}}, "row"},
		{"page-foot note", []block.Block{{Text: "1 基本公共服务：是指主要由政府负责、保障全体人民生存和发展基本需要的公共服务。", Role: block.Footnote}}, "footnote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{d: &doc.Document{}}
			got, n := p.parseBlock(newInput(tt.in, 0))
			if got != tt.want {
				t.Errorf("%q went to %q, want %q", tt.in[0].Text, got, tt.want)
			}
			if n < 1 || n > len(tt.in) {
				t.Errorf("%q: the parser took %d blocks of %d", tt.in[0].Text, n, len(tt.in))
			}
		})
	}
}
