package normalize

import (
	"testing"

	"planx/extract/block"
)

// From corpus/guangzhou-population-public-services-14th-fyp.txt: a page
// break of the source cut 完善全市统一、结果通认… after 统.
const (
	cutHead = "完善基本养老服务制度。建立健全以市域为单元，以经济困难和亟需照护的老年人为重点、以失能照护为主要内容、以机构为支点、以居家社区为主体的基本养老服务制度。完善全市统"
	cutTail = "一、结果通认的老年人照护需求综合评估制度，建立基本养老服务对象精准识别和动态管理机制。"
	next    = "加快建设居家社区机构相协调、医养康养相结合的养老服务体系。"
)

func texts(bs []block.Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

func TestJoinCut(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []block.Block
		want []string
	}{
		{"cut paragraph", []block.Block{{Text: "第一节 健全养老服务体系"}, {Text: cutHead}, {Text: cutTail}, {Text: next}},
			[]string{"第一节 健全养老服务体系", cutHead + cutTail, next}},
		{"box text joins box text", []block.Block{{Text: cutHead, Role: block.Box}, {Text: cutTail, Role: block.Box}},
			[]string{cutHead + cutTail}},
		{"roles differ", []block.Block{{Text: cutHead}, {Text: cutTail, Role: block.Box}},
			[]string{cutHead, cutTail}},
		{"a page-foot note is not joined", []block.Block{{Text: cutHead, Role: block.Footnote}, {Text: cutTail, Role: block.Footnote}},
			[]string{cutHead, cutTail}},
		{"a heading is not joined", []block.Block{{Text: cutHead}, {Text: cutTail, Heading: true}},
			[]string{cutHead, cutTail}},
		{"a table row is not joined", []block.Block{{Text: cutHead}, {Text: "1 常住人口数", Cells: []string{"1", "常住人口数"}}},
			[]string{cutHead, "1 常住人口数"}},
		{"a chapter heading is not joined", []block.Block{{Text: cutHead}, {Text: "第二章 发展目标"}},
			[]string{cutHead, "第二章 发展目标"}},
		{"three pieces", []block.Block{{Text: cutHead}, {Text: "一、结果通认的老年人照护需求综合评估制度，建立基本养老服务对象"}, {Text: "精准识别和动态管理机制。"}},
			[]string{cutHead + "一、结果通认的老年人照护需求综合评估制度，建立基本养老服务对象精准识别和动态管理机制。"}},
		{"a box's title is not joined", []block.Block{
			{Text: "专栏2：“十四五”时期江门市实施妇幼健康保护、孕育照护、托育服务增量提质和儿童健康促进主要行动", Role: block.Box, Title: true},
			{Text: "1.妇幼健康保护工程。实施消除艾滋病、梅毒和乙肝母婴传播项目。", Role: block.Box},
		}, []string{"专栏2：“十四五”时期江门市实施妇幼健康保护、孕育照护、托育服务增量提质和儿童健康促进主要行动", "1.妇幼健康保护工程。实施消除艾滋病、梅毒和乙肝母婴传播项目。"}},
		{"the notes at a page's foot between a paragraph and its rest", []block.Block{
			{Text: cutHead}, {Text: "¹包括最低生活保障家庭和低收入家庭儿童。", Role: block.Footnote}, {Text: cutTail},
		}, []string{cutHead + cutTail, "¹包括最低生活保障家庭和低收入家庭儿童。"}},
		// lines of a scraped page listing the counties of each city
		{"entries of a list, one wrapped", []block.Block{
			{Text: "长沙市:芙蓉区、天心区、岳麓区、开福区、雨花区、望城区、长沙县、宁乡县、浏阳市"},
			{Text: "衡阳市:珠晖区、雁峰区、石鼓区、蒸湘区、南岳区、衡阳县、衡南县、衡山县、衡东县、祁东县、耒阳市"},
			{Text: "常宁市"},
			{Text: "郴州市:北湖区、苏仙区、桂阳县、宜章县、永兴县、嘉禾县、临武县、汝城县、桂东县、安仁县、资兴市"},
		}, []string{
			"长沙市:芙蓉区、天心区、岳麓区、开福区、雨花区、望城区、长沙县、宁乡县、浏阳市",
			"衡阳市:珠晖区、雁峰区、石鼓区、蒸湘区、南岳区、衡阳县、衡南县、衡山县、衡东县、祁东县、耒阳市常宁市",
			"郴州市:北湖区、苏仙区、桂阳县、宜章县、永兴县、嘉禾县、临武县、汝城县、桂东县、安仁县、资兴市",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := &block.Layout{Blocks: c.in}
			Layout(l)
			got := texts(l.Blocks)
			if len(got) != len(c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("block %d = %q, want %q", i, got[i], c.want[i])
				}
			}
		})
	}
}

// An image placed between two blocks keeps its place when blocks before it
// are joined: it stands before the block that followed it.
func TestJoinCutKeepsImages(t *testing.T) {
	l := &block.Layout{
		Blocks: []block.Block{{Text: cutHead}, {Text: cutTail}, {Text: next}},
		Images: []block.Image{{At: 0}, {At: 2}, {At: 3}},
	}
	Layout(l)
	if len(l.Blocks) != 2 {
		t.Fatalf("blocks = %q", texts(l.Blocks))
	}
	for i, want := range []int{0, 1, 2} {
		if got := l.Images[i].At; got != want {
			t.Errorf("image %d at %d, want %d", i, got, want)
		}
	}
}
