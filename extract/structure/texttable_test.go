package structure

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/text"
)

// testdata/jiangmen-table-2-1.txt is 表2-1 as extracted from the published
// PDF of the Jiangmen plan (corpus/jiangmen-public-services-14th-fyp.txt):
// cells separated by spaces, names and values wrapped over lines, the header
// repeated on two new pages, one name (#33) cut by a page break. The
// expectations are read off the printed table.
func TestTextTableFromPDFText(t *testing.T) {
	raw, err := os.ReadFile("testdata/jiangmen-table-2-1.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := Parse(text.Read(string(raw)))
	if len(d.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(d.Tables))
	}
	tab := d.Tables[0]
	if tab.Label != "表2-1" || tab.Title != "“十四五”时期江门市公共服务主要指标" {
		t.Errorf("label %q, title %q", tab.Label, tab.Title)
	}
	wantHeader := "序号|主要指标|单位|2020年|2023年|2025年|指标性质"
	if got := strings.Join(tab.Rows[0], "|"); got != wantHeader {
		t.Errorf("header = %s, want %s", got, wantHeader)
	}
	// 46 indicators and 10 category rows; the repeated headers are no rows.
	if len(tab.Rows) != 1+46+10 || len(tab.Indicators) != 46 {
		t.Errorf("%d rows and %d indicators, want 57 and 46", len(tab.Rows), len(tab.Indicators))
	}
	byName := map[int]doc.Indicator{}
	for _, in := range tab.Indicators {
		byName[in.Seq] = in
	}
	check := func(seq int, name, unit, v2020, v2023, v2025, attr, category string) {
		t.Helper()
		in := byName[seq]
		got := []string{in.Name, in.Unit, "", "", "", in.Attribute, in.Category}
		for i, v := range in.Values {
			if i < 3 {
				got[2+i] = v.Raw
			}
		}
		want := []string{name, unit, v2020, v2023, v2025, attr, category}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("#%d = %q, want %q", seq, got, want)
		}
	}
	check(1, "常住人口数", "万人", "479.81", "510", "530", "预期性", "人口")
	check(4, "65岁以上常住人口比例", "%", "13.01", "14", "15", "预期性", "人口")
	check(5, "每千人口拥有3岁以下婴幼儿托位数", "个", "1.9", "3", "5.5", "预期性", "幼有所育")
	check(8, "普惠性幼儿园在园幼儿数比重", "%", "85.46", "稳定在88以上", "稳定在88以上", "约束性", "学有所教")
	check(13, "零就业家庭动态清零", "--", "动态清零", "动态清零", "动态清零", "约束性", "劳有所得")
	check(15, "城镇登记失业率", "%", "2.36", "控制在3.0以内", "控制在3.0以内", "预期性", "劳有所得")
	check(21, "孕产妇死亡率", "1/10万人", "5.89", "<10", "<8", "预期性", "病有所医")
	check(32, "65岁以上老人家庭医生签约服务覆盖率", "%", "73.25", "74", "75", "预期性", "老有所养")
	check(33, "公共租赁住房累计保障户数（含政府投资建设、企业投资建设公租房和租赁补贴）", "万户", "3.5", "3.65", "3.75", "预期性", "住有所居")
	check(36, "保障性租赁住房新增套数", "套", "--", "--", "[10000]", "预期性", "住有所居")
	if len(tab.Notes) != 2 || !strings.HasPrefix(tab.Notes[0], "[ ]内数据为") || !strings.HasSuffix(tab.Notes[1], "同时结合实际适当留有余地。") {
		t.Errorf("notes = %q", tab.Notes)
	}
}

// Layout text (pdftotext -layout) prints headings, paragraphs and table rows
// flush left, so only the numbering tells the document's next 一、 heading
// after a table from a category row: the table's category rows count
// 一、二、 on their own. The text is read both as one paragraph per line and,
// with a body hard-wrapped at a fixed width, as wrapped PDF text; the
// outline and rows below are written by hand.
func TestTextTableEndsAtNextHeading(t *testing.T) {
	const tail = `二、主要目标

1.总体目标。到 2025 年，养老服务体系更加完善。

          表 1 “十四五”养老服务主要指标

序号   指标                          2025 年 属性

一、养老服务

1      养老机构护理型床位占比（%）    ≥55   约束性

二、健康支撑

2      老年人健康管理率（%）         ≥70   预期性

三、主要任务

2.完善养老服务网络。推进街道综合养老服务中心建设。
`
	wrapped := strings.Repeat("推进养老服务体系建设，完善基本养老服务制度，健全居家社区机构相\n协调、医养康养相结合的养老服务体系。推进养老服务体系建设，完善\n基本养老服务制度，健全居家社区机构相协调、医养康养相结合的养老\n服务体系。推进养老服务体系建设，完善基本养老服务制度，健全居家\n社区机构相协调、医养康养相结合的养老服务体系。\n\n", 3)
	for _, tc := range []struct {
		name, src  string
		tableLines bool
	}{
		{"by line", "一、发展基础\n\n全省养老服务体系建设取得明显成效。\n\n" + tail, false},
		{"hard-wrapped", "\f一、发展基础\n\n" + wrapped + tail, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := text.Read(tc.src)
			if got := hasTableLines(blocks); got != tc.tableLines {
				t.Fatalf("%s: table lines read as such = %v, want %v", tc.name, got, tc.tableLines)
			}
			d := Parse(blocks)
			var titles []string
			for _, s := range d.Sections {
				titles = append(titles, s.Label+s.Title)
			}
			want := "一、发展基础|二、主要目标|1.总体目标|三、主要任务|2.完善养老服务网络"
			if got := strings.Join(titles, "|"); got != want {
				t.Errorf("%s: outline = %s, want %s", tc.name, got, want)
			}
			if len(d.Tables) != 1 || len(d.Tables[0].Indicators) != 2 {
				t.Fatalf("%s: got %d tables, want 1 with 2 indicators", tc.name, len(d.Tables))
			}
			for i, cat := range []string{"养老服务", "健康支撑"} {
				if got := d.Tables[0].Indicators[i].Category; got != cat {
					t.Errorf("%s: indicator %d category = %q, want %q", tc.name, i+1, got, cat)
				}
			}
		})
	}
}

func hasTableLines(blocks []block.Block) bool {
	for _, b := range blocks {
		if b.Role == block.TableLine {
			return true
		}
	}
	return false
}

// A merged 类别 cell printed vertically centred (Word and browsers centre
// it) puts its label beside a middle row of its group, or on a line of its
// own between two rows, in layout text. Top-aligned labels (LibreOffice)
// stay where they are. Expectations are the groups as built.
func TestTextTableCentredCategories(t *testing.T) {
	header := "类别         指标                  2025  年   属性\n"
	row := func(name string, v int) string {
		return fmt.Sprintf("           %s（%%）          ≥%d       预期性\n", name, v)
	}
	centred := header + row("养老指标1", 50) + row("养老指标2", 51) + "养老服务供给\n" + row("养老指标3", 52) + row("养老指标4", 53) +
		row("健康指标1", 50) + "健康支撑       健康指标2（%）          ≥51       预期性\n" + row("健康指标3", 52) +
		row("人才指标1", 50) + row("人才指标2", 51) + "人才队伍       人才指标3（%）          ≥52       预期性\n" + row("人才指标4", 53) + row("人才指标5", 54)
	top := header + "养老服务供给   养老指标1（%）          ≥50       预期性\n" + row("养老指标2", 51) +
		"健康支撑       健康指标1（%）          ≥50       预期性\n" + row("健康指标2", 51)
	for _, tc := range []struct {
		name, src string
		want      []string // category of each indicator
	}{
		{"centred", centred, []string{"养老服务供给", "养老服务供给", "养老服务供给", "养老服务供给", "健康支撑", "健康支撑", "健康支撑", "人才队伍", "人才队伍", "人才队伍", "人才队伍", "人才队伍"}},
		{"top-aligned", top, []string{"养老服务供给", "养老服务供给", "健康支撑", "健康支撑"}},
		// layout text puts single spaces around a number inside a name
		{"names split at numbers", header + "养老服务供给   养老指标第 1 项（%）     ≥50       预期性\n" +
			"           养老指标第 2 项（%）     ≥51       预期性\n" + "           养老指标第 3 项（%）     ≥52       预期性\n",
			[]string{"养老服务供给", "养老服务供给", "养老服务供给"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse(text.Read("表1 主要指标\n" + tc.src))
			if len(d.Tables) != 1 {
				t.Fatalf("%s: %d tables", tc.name, len(d.Tables))
			}
			var got []string
			for _, in := range d.Tables[0].Indicators {
				got = append(got, in.Category)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s: categories = %q, want %q", tc.name, got, tc.want)
			}
			for _, r := range d.Tables[0].Rows[1:] {
				if strings.Contains(r[1], "供给") || strings.Contains(r[1], "支撑") || strings.Contains(r[1], "队伍") || strings.HasSuffix(r[0], "第") {
					t.Errorf("%s: a label ran into the name, or a name into the label: %q", tc.name, r)
				}
			}
		})
	}
}

// A number printed apart from the classifier after it (layout text puts a
// space between digits and Chinese) is part of a name where a bound follows
// the classifier (65 岁以上…), and a value with its unit where none does.
// The rows are from two plans as pdftotext -layout prints them: 表2-1 of
// corpus/jiangmen-public-services-14th-fyp.txt and 表2 of
// corpus/guangzhou-population-public-services-14th-fyp-print.pdf; the cells
// are read off the printed tables.
func TestRowAtomsNumberInName(t *testing.T) {
	for _, tc := range []struct {
		line string
		want string // the atoms, | between
	}{
		{"4 65 岁以上常住人口比例 % 13.01 14 15 预期性", "4|65岁以上常住人口比例|%|13.01|14|15|预期性"},
		{"22 5 岁以下儿童死亡率 ‰ 1.86 <5 <4 预期性", "22|5岁以下儿童死亡率|‰|1.86|<5|<4|预期性"},
		{"5    65 岁以上常住人口比例          %     7.82      9.8        预期性", "5|65岁以上常住人口比例|%|7.82|9.8|预期性"},
		{"24   5 岁以下儿童死亡率            ‰      3.02       <4        预期性", "24|5岁以下儿童死亡率|‰|3.02|<4|预期性"},
		{"6    每千人口拥有 3 岁以下婴幼儿托位数    个     2.5       力争 5.8     预期性", "6|每千人口拥有|3岁以下婴幼儿托位数|个|2.5|力争5.8|预期性"},
		// a unit cell after a name, and a name after a 序号, stay cells
		{"3    人均预期寿命                岁     82.9      83.6       预期性", "3|人均预期寿命|岁|82.9|83.6|预期性"},
		{"13   累计新增基础教育公办学位数         万个    [32.3]    [≥30]      约束性", "13|累计新增基础教育公办学位数|万个|[32.3]|[≥30]|约束性"},
	} {
		t.Run(tc.line, func(t *testing.T) {
			var got []string
			for _, a := range rowAtoms([]tableLine{{text: tc.line}}) {
				got = append(got, a.text)
			}
			if strings.Join(got, "|") != tc.want {
				t.Errorf("atoms = %s, want %s", strings.Join(got, "|"), tc.want)
			}
		})
	}
}

// The header cells of real plans' tables are header words, their data cells
// are not. The headers are those of 表2-1 and 表1-2 of the Jiangmen plan,
// 表1 of the Guangzhou public-services plan, the two tables of the
// Guangzhou family-doctor plan, the Changchun conservation plan's table
// (all in corpus/), and the box grid of a ministry's industry plan
// (TestBoxGrid).
func TestHeaderWords(t *testing.T) {
	for _, tc := range []struct {
		cells  []string
		header bool
	}{
		{[]string{"序号", "主要指标", "单位", "2020年", "2023年", "2025年", "指标性质"}, true},
		{[]string{"服务领域", "短板内容"}, true},
		{[]string{"指标", "2020年目标值", "2020年完成值", "指标属性"}, true},
		{[]string{"一级指标", "二级指标", "评价标准", "主要内容", "牵头单位", "配合单位"}, true},
		{[]string{"保护对象分类", "具体对象"}, true},
		{[]string{"类别", "细分", "重点任务"}, true},
		{[]string{"常住人口数", "万人", "预期性", "孕产妇死亡率", "幼有所育", "传统街巷", "工业炸药", "各区政府", "1867.66"}, false},
	} {
		for _, c := range tc.cells {
			t.Run(c, func(t *testing.T) {
				if got := isHeaderWord(c); got != tc.header {
					t.Errorf("isHeaderWord(%q) = %v, want %v", c, got, tc.header)
				}
			})
		}
	}
}

// testdata/national-14th-fyp-table-1-layout.txt is the indicator table of
// the national 14th Five-Year Plan outline (“十四五”时期经济社会发展主要指标,
// retyped into an HTML table with its merged 类别 cells), printed by
// Chromium and turned into text by pdftotext -layout: each 类别 label is
// printed beside a middle row of its group with a single space before the
// numbered name, the 2020年 and 2025年 headers are cut into 2020 / 年 on
// two lines, a page break cuts the 绿色生态 group (its label is centred on
// the part before the break), and the last two rows come out of order. The
// expectations are read off the printed table.
func TestTextTableNationalLayout(t *testing.T) {
	raw, err := os.ReadFile("testdata/national-14th-fyp-table-1-layout.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := Parse(text.Read(string(raw)))
	if len(d.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(d.Tables))
	}
	tb := d.Tables[0]
	if got := strings.Join(tb.Rows[0], "|"); got != "类别|指标|2020年|2025年|年均/累计|属性" {
		t.Errorf("header = %s", got)
	}
	groups := []struct {
		category string
		last     int // the seq of the group's last indicator
	}{{"经济发展", 3}, {"创新驱动", 6}, {"民生福祉", 13}, {"绿色生态", 18}}
	binding := map[int]bool{9: true, 14: true, 15: true, 16: true, 17: true, 18: true}
	byseq := map[int]doc.Indicator{}
	for _, in := range tb.Indicators {
		byseq[in.Seq] = in
	}
	g := 0
	for seq := 1; seq <= 18; seq++ {
		if seq > groups[g].last {
			g++
		}
		in, ok := byseq[seq]
		if !ok {
			t.Errorf("indicator %d missing", seq)
			continue
		}
		want := "预期性"
		if binding[seq] {
			want = "约束性"
		}
		if in.Category != groups[g].category || in.Attribute != want || !in.HasSeq {
			t.Errorf("indicator %d %s: category %q attribute %q, want %q %q", seq, in.Name, in.Category, in.Attribute, groups[g].category, want)
		}
	}
	for _, tc := range []struct {
		seq        int
		name, unit string
		values     []string // 2020年, 2025年, 年均/累计 as printed
	}{
		{1, "国内生产总值（GDP）增长", "%", []string{"2.3", "—", "保持在合理区间、各年度视情提出"}},
		{5, "每万人口高价值发明专利拥有量", "件", []string{"6.3", "12", "—"}},
		{10, "每千人口拥有执业（助理）医师数", "人", []string{"2.9", "3.2", "—"}},
		{14, "单位GDP能源消耗降低", "%", []string{"—", "—", "〔13.5〕"}},
		{18, "森林覆盖率", "%", []string{"23.2", "24.1", "—"}},
	} {
		in := byseq[tc.seq]
		var vals []string
		for _, v := range in.Values {
			vals = append(vals, v.Raw)
		}
		if in.Name != tc.name || in.Unit != tc.unit || strings.Join(vals, "|") != strings.Join(tc.values, "|") {
			t.Errorf("indicator %d = %q %q %q, want %q %q %q", tc.seq, in.Name, in.Unit, vals, tc.name, tc.unit, tc.values)
		}
		// a rate over the plan's years is a target, not an unnamed column
		if len(in.Values) == 3 && in.Values[2].Parsed.Role != "target" {
			t.Errorf("indicator %d: 年均/累计 has role %q, want target", tc.seq, in.Values[2].Parsed.Role)
		}
	}
	for _, p := range d.Paragraphs {
		if strings.Contains(p.Text, "预期性") {
			t.Errorf("a table row read as a paragraph: %q", p.Text)
		}
	}
}
