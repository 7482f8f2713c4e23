package text

import (
	"os"
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/normalize"
)

func readFile(t *testing.T, name string) []block.Block {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return Read(string(b))
}

// find returns the block whose text starts with prefix.
func find(t *testing.T, blocks []block.Block, prefix string) block.Block {
	t.Helper()
	for _, b := range blocks {
		if strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	var heads []string
	for _, b := range blocks {
		heads = append(heads, firstRunes(b.Text, 12))
	}
	t.Fatalf("no block starts with %q; blocks start with %q", prefix, heads)
	return block.Block{}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// The excerpts in testdata are cut from corpus/jiangmen-public-services-14th-fyp.txt,
// text extracted from the published PDF. The expectations were read off the
// printed plan by hand.

func TestReflowPageBreak(t *testing.T) {
	blocks := readFile(t, "jiangmen-pagebreak.txt")
	for _, b := range blocks {
		if b.Text == "7" {
			t.Errorf("the page number 7 was kept as a block")
		}
	}
	// A page number between two lines of one paragraph.
	b := find(t, blocks, "全民健康保障能力大幅提高。")
	if !strings.Contains(b.Text, "2019 年世界排球联赛江门站赛事等成功举办。") {
		t.Errorf("paragraph not joined over the page number: %q", b.Text)
	}
	// A lead-like sentence in mid-paragraph stays in its paragraph.
	b = find(t, blocks, "社会保障体系更加健全。")
	if !strings.HasSuffix(b.Text, "农村危房全部完成改造。") || !strings.Contains(b.Text, "住房保障能力不断增强。") {
		t.Errorf("paragraph split at a mid-paragraph sentence: %q", b.Text)
	}
	// A new page marked by a leading space, inside a paragraph.
	b = find(t, blocks, "社会救助水平明显提升。")
	if !strings.Contains(b.Text, "无法单独立户的成年无业") || !strings.HasSuffix(b.Text, "利床位。") {
		t.Errorf("paragraph not joined over the new page: %q", b.Text)
	}
	// The table label stands on its own.
	find(t, blocks, "表 1-1 十三五期间公共服务主要指标完成情况")
}

func TestReflowMarkerNoteAndBox(t *testing.T) {
	blocks := readFile(t, "jiangmen-marker-box.txt")
	b := find(t, blocks, "提升儿童健康服务水平。")
	if !strings.HasSuffix(b.Text, "落实特殊群体儿童参加城乡居民基本医疗保险的个人缴费部分由财政资金全额资助政策。") {
		t.Errorf("line split by the note marker not glued: %q", b.Text)
	}
	if len(b.Markers) != 1 || b.Markers[0].Number != 1 || !strings.HasSuffix(b.Text[:b.Markers[0].At], "特殊群体儿童") {
		t.Errorf("markers = %+v, want note 1 after 特殊群体儿童", b.Markers)
	}
	n := find(t, blocks, "1 包括最低生活保障家庭")
	if n.Role != block.Footnote || !strings.HasSuffix(n.Text, "重病儿童。") {
		t.Errorf("note block = %+v", n)
	}
	box := find(t, blocks, "2.托育服务增量提质工程。")
	if box.Role != block.Box || !strings.HasSuffix(box.Text, "不少于 5.5 个。") {
		t.Errorf("box item after the page break = %+v", box)
	}
	// The body paragraph interrupted by the note and the box is one paragraph.
	b = find(t, blocks, "加强儿童照护关爱服务。")
	if !strings.Contains(b.Text, "发展适度普惠型儿童福利制度。") || !strings.HasSuffix(b.Text, "推动区域性儿童福利机构建设。") || b.Role != block.Body {
		t.Errorf("interrupted paragraph not joined: %q", b.Text)
	}
	find(t, blocks, "第三节 构建高水平养老服务体系")
}

func TestByLine(t *testing.T) {
	// From corpus/guangzhou-population-public-services-14th-fyp.txt: one
	// paragraph per line; a page break cut 完善全市统一、结果通认… after 统.
	in := "第一节 健全养老服务体系\n\n" +
		"完善基本养老服务制度。建立健全以市域为单元，以经济困难和亟需照护的老年人为重点、以失能照护为主要内容、以机构为支点、以居家社区为主体的基本养老服务制度。完善全市统\n\n" +
		"一、结果通认的老年人照护需求综合评估制度，建立基本养老服务对象精准识别和动态管理机制。\n\n" +
		"一、人口发展\t\t\t\t\t\n" +
		"1\t常住人口数\t万人\t1867.66\t2100左右\t预期性\n"
	l := &block.Layout{Blocks: Read(in)}
	normalize.Layout(l) // which joins the cut line
	blocks := l.Blocks
	if len(blocks) != 4 {
		t.Fatalf("got %d blocks, want 4: %+v", len(blocks), blocks)
	}
	if !strings.Contains(blocks[1].Text, "完善全市统一、结果通认") {
		t.Errorf("line cut by a page break not joined: %q", blocks[1].Text)
	}
	if got := blocks[2].Cells; len(got) != 6 || got[0] != "一、人口发展" || got[5] != "" {
		t.Errorf("category row cells = %q, want 6 cells with the category first", got)
	}
	if got := blocks[3].Cells; len(got) != 6 || got[4] != "2100左右" {
		t.Errorf("row cells = %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	in := "# 某市养老服务体系建设“十四五”规划\n\n## 第一章 发展基础\n\n**一、主要成就**\n\n" +
		"| 序号 | 指标 | 单位 |\n|---|---|:---:|\n| 1 | 养老机构床位数 | 万张 |\n"
	blocks := Read(in)
	var texts []string
	for _, b := range blocks {
		texts = append(texts, b.Text)
	}
	want := []string{"某市养老服务体系建设“十四五”规划", "第一章 发展基础", "一、主要成就", "序号 指标 单位", "1 养老机构床位数 万张"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("blocks = %q, want %q", texts, want)
	}
	if c := blocks[4].Cells; len(c) != 3 || c[2] != "万张" {
		t.Errorf("row cells = %q", c)
	}
}

// A whole plan saved on one line is cut into lines at sentence ends, no
// block is longer than MaxLine, no character is lost, and a diagnostic says
// so.
func TestLongLineIsCut(t *testing.T) {
	orig, err := os.ReadFile("../../corpus/jiangmen-public-services-14th-fyp.txt")
	if err != nil {
		t.Fatal(err)
	}
	one := strings.Join(strings.Fields(string(orig)), "") // 140 KB, no line end
	blocks, diags := ReadReport(one)
	var all strings.Builder
	for _, b := range blocks {
		if len(b.Text) > MaxLine {
			t.Errorf("a block of %d bytes", len(b.Text))
		}
		all.WriteString(b.Text)
	}
	if got := strings.Join(strings.Fields(all.String()), ""); got != one {
		t.Errorf("text changed: %d bytes, want %d", len(got), len(one))
	}
	if len(blocks) < len(one)/MaxLine {
		t.Errorf("%d blocks from %d bytes", len(blocks), len(one))
	}
	for _, b := range blocks[:len(blocks)-1] {
		if !strings.HasSuffix(b.Text, "。") && !strings.HasSuffix(b.Text, "；") && !strings.HasSuffix(b.Text, "！") && !strings.HasSuffix(b.Text, "？") {
			t.Errorf("a block cut mid-sentence: …%s", b.Text[len(b.Text)-30:])
		}
	}
	if len(diags) != 1 || diags[0].Kind != "long_line" || !strings.HasPrefix(diags[0].Message, "1 lines longer than 16 KB") {
		t.Errorf("diagnostics %+v", diags)
	}
	if _, d := ReadReport(string(orig)); len(d) != 0 {
		t.Errorf("the plan as written: diagnostics %+v", d)
	}
}
