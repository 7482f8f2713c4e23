package block

import (
	"testing"

	"planx/extract/decode"
)

// Paragraphs from corpus/guangzhou-population-public-services-14th-fyp.txt
// (one paragraph per line) and the page breaks that cut them.
func TestContinues(t *testing.T) {
	const cut = "完善基本养老服务制度。建立健全以市域为单元，以经济困难和亟需照护的老年人为重点、以失能照护为主要内容、以机构为支点、以居家社区为主体的基本养老服务制度。完善全市统"
	for _, c := range []struct {
		name string
		prev Block
		next string
		want bool
	}{
		{"cut in a sentence", Block{Text: cut}, "一、结果通认的老年人照护需求综合评估制度。", true},
		{"finished sentence", Block{Text: "完善基本养老服务制度。建立健全以市域为单元，以经济困难和亟需照护的老年人为重点的基本养老服务制度。"}, "加快建设居家社区机构相协调的养老服务体系。", false},
		{"a heading is short", Block{Text: "第一节 健全养老服务体系"}, "完善基本养老服务制度。", false},
		{"a chapter follows", Block{Text: cut}, "第三章 推进基本公共服务均等化", false},
		{"a box follows", Block{Text: cut}, "专栏1 重点工程", false},
		{"a table row", Block{Text: cut, Cells: []string{cut}}, "一、结果通认的老年人照护需求综合评估制度。", false},
		{"no prose punctuation", Block{Text: "广州市人口发展及社会领域公共服务体系建设十四五规划广州市人民政府办公厅印发实施"}, "二〇二二年五月十八日", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Continues(c.prev, c.next); got != c.want {
				t.Errorf("Continues(%q, %q) = %v, want %v", c.prev.Text, c.next, got, c.want)
			}
		})
	}
}

func TestEndsSentence(t *testing.T) {
	for s, want := range map[string]bool{
		"推进标准化建设。":     true,
		"推进标准化建设。¹²":   true,
		"（2021-2025年）": true,
		"完善全市统":        false,
		"推进标准化建设，":     false,
		"":             false,
	} {
		t.Run(s, func(t *testing.T) {
			if got := EndsSentence(s); got != want {
				t.Errorf("EndsSentence(%q) = %v, want %v", s, got, want)
			}
		})
	}
}

func TestImageLoad(t *testing.T) {
	t.Run("fetched once", func(t *testing.T) {
		n := 0
		im := Image{Page: 3, Fetch: func(im *Image) { n++; im.Data = []byte{1} }}
		im.Load()
		im.Load()
		if n != 1 || len(im.Data) != 1 {
			t.Errorf("fetched %d times, data %v", n, im.Data)
		}
	})
	t.Run("a panic is an error", func(t *testing.T) {
		im := Image{Page: 3, Fetch: func(*Image) { panic("bad stream") }}
		im.Load()
		if im.Data != nil || im.Err != "image on page 3 could not be read: bad stream" {
			t.Errorf("data %v, err %q", im.Data, im.Err)
		}
	})
	t.Run("dpi", func(t *testing.T) {
		// 650 pixels across 3 inches of the page
		if got := (Image{X0: 72, X1: 288, Width: 650}).DPI(); got < 216.6 || got > 216.7 {
			t.Errorf("DPI = %v, want 216.67", got)
		}
	})
}

func TestWarn(t *testing.T) {
	var l Layout
	l.Warn([]decode.Warning{{Kind: "bad_bytes", Message: "3 bytes replaced"}})
	if len(l.Diagnostics) != 1 || l.Diagnostics[0].Kind != "bad_bytes" || l.Diagnostics[0].Message != "3 bytes replaced" {
		t.Errorf("diagnostics = %+v", l.Diagnostics)
	}
}

// Entries of a list open with a short key and a colon; a clause with a
// colon, a key too long for one, or a line without a key is no entry.
func TestListEntries(t *testing.T) {
	for _, c := range []struct {
		prev, next string
		want       bool
	}{
		{"长沙市:芙蓉区、天心区、岳麓区", "株洲市：荷塘区、芦淞区", true},
		{"长沙市:芙蓉区、天心区、岳麓区", "常宁市", false},
		{"推进基本公共服务均等化的主要任务是：", "株洲市：荷塘区、芦淞区", false},
		{"长沙市:芙蓉区", "2025年：基本建成", false},
		{"：芙蓉区", "株洲市：荷塘区", false},
		{"市:芙蓉区", "株洲市：荷塘区", false},
	} {
		if got := ListEntries(c.prev, c.next); got != c.want {
			t.Errorf("ListEntries(%q, %q) = %v, want %v", c.prev, c.next, got, c.want)
		}
	}
}
