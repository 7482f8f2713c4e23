package structure

import (
	"strings"
	"testing"
	"time"

	"planx/extract/block"
	"planx/extract/doc"
)

func TestLeadSentence(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no lead
	}{
		// measures in corpus/gold
		{"推进标准化建设。全面落实国家基本公共服务标准。", "推进标准化建设"},
		{"保障基本，动态发展。坚持以人民为中心的发展思想。", "保障基本，动态发展"},
		{"——**人口发展更加稳定均衡**。人口持续集聚发展，人口总量稳步增长。", "人口发展更加稳定均衡"},
		{"——成为“一老一小”服务标杆。到2025年，形成居家社区机构相协调的养老服务体系。", "成为“一老一小”服务标杆"},
		// not leads (GOLD.md and the gold remarks)
		{"国家有关政策文件：《国家基本公共服务标准（2021年版）》。", ""},
		{"“十三五”时期，面对国内外风险挑战明显上升的复杂局面，我市坚持以习近平新时代中国特色社会主义思想为指导。", ""},
		{"到2025年，全市乡镇（街道）范围具备综合功能的养老服务机构覆盖率达60%。其余略。", ""},
		{"推进标准化建设。", ""}, // nothing after the sentence
		{"加强领导", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := LeadSentence(tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("LeadSentence(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func blocks(lines ...string) []block.Block {
	var out []block.Block
	for _, l := range lines {
		out = append(out, block.Block{Text: l})
	}
	return out
}

type heading struct {
	level  int
	number int
	title  string
	parent string
}

func outline(d *doc.Document) []heading {
	var out []heading
	for _, s := range d.Sections {
		p := ""
		if s.Parent >= 0 {
			p = d.Sections[s.Parent].Title
		}
		out = append(out, heading{s.Level, s.Number, s.Title, p})
	}
	return out
}

func sameOutline(t *testing.T, d *doc.Document, want []heading) {
	t.Helper()
	got := outline(d)
	if len(got) != len(want) {
		t.Fatalf("outline has %d headings, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A State Council plan scraped from gov.cn: 一、 at the top, （一）
// headings running into their paragraphs, 1. items below.
func TestOutlineRunIn(t *testing.T) {
	d := Parse(blocks(
		"国务院办公厅关于印发“十四五”文物保护和科技创新规划的通知",
		"国办发〔2021〕43号",
		"“十四五”文物保护和科技创新规划",
		"文物是中华文明的重要载体。",
		"一、规划背景",
		"（一）发展基础。“十三五”时期，文物事业取得新进展。",
		"（二）面临形势。当今世界正经历百年未有之大变局。",
		"二、总体要求",
		"（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。",
		"（二）基本原则。",
		"1.坚持保护第一。始终把保护放在第一位。",
		"2.坚持创新驱动。推进文物科技创新。",
		"二〇二一年十月二十八日",
	))
	sameOutline(t, d, []heading{
		{1, 1, "规划背景", ""},
		{2, 1, "发展基础", "规划背景"},
		{2, 2, "面临形势", "规划背景"},
		{1, 2, "总体要求", ""},
		{2, 1, "指导思想", "总体要求"},
		{2, 2, "基本原则", "总体要求"},
		{3, 1, "坚持保护第一", "基本原则"},
		{3, 2, "坚持创新驱动", "基本原则"},
	})
	// item headings with prose and no headings under them are measures;
	// 基本原则 has headings under it, 规划背景 is the top level.
	var titles []string
	for _, m := range d.Measures {
		titles = append(titles, m.Title)
	}
	want := "发展基础 面临形势 指导思想 坚持保护第一 坚持创新驱动"
	if got := strings.Join(titles, " "); got != want {
		t.Errorf("measures = %s, want %s", got, want)
	}
	m := d.Meta
	if m.Title != "“十四五”文物保护和科技创新规划" || m.Issuer != "国务院办公厅" || m.DocNumber != "国办发〔2021〕43号" ||
		m.Region != "全国" || m.PeriodStart != 2021 || m.PeriodEnd != 2025 {
		t.Errorf("meta = %+v", m)
	}
	for _, p := range d.Paragraphs {
		if p.Text == "文物是中华文明的重要载体。" && p.Section != -1 {
			t.Errorf("preface paragraph = %+v, want it under no heading", p)
		}
	}
}

// A plan with parts (篇), chapters and sections, a TOC and a page-top
// repeat of a heading.
func TestOutlineParts(t *testing.T) {
	d := Parse(blocks(
		"某某省国民经济和社会发展第十五个五年规划纲要",
		"目 录",
		"第一篇 开启新征程",
		"第一章 发展环境",
		"第二篇 坚持创新驱动",
		"第一篇 开启新征程",
		"第一章 发展环境",
		"第一节 发展基础",
		"第一节 发展基础",
		"“十四五”时期，全省经济实力跃上新台阶。",
		"第二节 面临形势",
		"第二篇 坚持创新驱动",
		"第二章 强化战略科技力量",
		"一、建设重大创新平台",
		"加快建设实验室体系。推进重大科技基础设施建设。",
	))
	sameOutline(t, d, []heading{
		{1, 1, "开启新征程", ""},
		{2, 1, "发展环境", "开启新征程"},
		{3, 1, "发展基础", "发展环境"},
		{3, 2, "面临形势", "发展环境"},
		{1, 2, "坚持创新驱动", ""},
		{2, 2, "强化战略科技力量", "坚持创新驱动"},
		{3, 1, "建设重大创新平台", "强化战略科技力量"},
	})
	if d.Meta.PeriodStart != 2026 || d.Meta.PeriodEnd != 2030 {
		t.Errorf("period = %d–%d, want 2026–2030 from the title's 第十五个五年规划… or “十五五”", d.Meta.PeriodStart, d.Meta.PeriodEnd)
	}
}

func TestMetaPeriodStated(t *testing.T) {
	m := Meta(blocks("江门市公共服务“十四五”规划", "规划期限为 2021-2025 年，远期展望至 2035 年。"))
	if m.PeriodStart != 2021 || m.PeriodEnd != 2025 || m.Region != "江门市" {
		t.Errorf("meta = %+v", m)
	}
	for in, want := range map[string]string{"2022年5月18日": "2022-05-18", "二〇二一年十月二十八日": "2021-10-28", "2022年13月1日": ""} {
		got, _ := isoDate(in)
		if got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// A title set in large type wraps onto a second line, mid-word; a cover
// line (an office, a document number) before a title is not part of it.
func TestMetaWrappedTitle(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"某某市国民经济和社会发展第十四个五年规", "划和二〇三五年远景目标纲要", "目 录"}, "某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"},
		{[]string{"某某市国民经济和社会发展第十四个五年规划和二〇", "三五年远景目标纲要"}, "某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"},
		{[]string{"某某市人民政府办公厅", "某某市养老服务体系建设“十四五”规划"}, "某某市养老服务体系建设“十四五”规划"},
		{[]string{"某府办〔2022〕11号", "“十四五”某某发展规划"}, "“十四五”某某发展规划"},
		{[]string{"某某省“十四五”养老服务体系规划"}, "某某省“十四五”养老服务体系规划"},
	} {
		t.Run(strings.Join(tc.lines, "/"), func(t *testing.T) {
			if got := Meta(blocks(tc.lines...)).Title; got != tc.want {
				t.Errorf("title of %q = %q, want %q", tc.lines, got, tc.want)
			}
		})
	}
}

// Rows of 表2 in corpus/guangzhou-population-public-services-14th-fyp.txt:
// a category row, a numbered row, and a sub-row with no 序号 whose 2025 value
// and attribute are merged with the row above (the gold's remarks).
func TestIndicatorsSubRow(t *testing.T) {
	tab := doc.Table{Rows: [][]string{
		{"序号", "主要指标", "单位", "2020年完成值", "2025年目标值", "指标性质"},
		{"四、劳有厚得", "", "", "", "", ""},
		{"15", "城市常住居民人均可支配收入年均增速", "%", "7.9", "与经济增长基本同步", "预期性"},
		{"", "农村常住居民人均可支配收入年均增速", "%", "10.1", "", ""},
		{"16", "城镇新增就业人数", "万人", "[161.53]", "[≥110]", "预期性"},
	}}
	got := indicators(&tab, 2021, 2025)
	if len(got) != 3 {
		t.Fatalf("got %d indicators, want 3: %+v", len(got), got)
	}
	sub := got[1]
	if sub.Seq != 15 || !sub.HasSeq || sub.Category != "劳有厚得" || sub.Attribute != "预期性" ||
		sub.Values[0].Raw != "10.1" || sub.Values[1].Raw != "与经济增长基本同步" {
		t.Errorf("sub-row = %+v", sub)
	}
	v := got[2].Values
	if v[0].Year != 2020 || v[0].Parsed.Role != "baseline" || !v[0].Parsed.Cumulative ||
		v[1].Year != 2025 || v[1].Parsed.Role != "target" || v[1].Parsed.Op != ">=" || *v[1].Parsed.Value != 110 {
		t.Errorf("values = %+v", v)
	}
	if tab.Rows[3][4] != "" {
		t.Error("the table row must keep the merged cell empty, as printed")
	}
}

// A provincial plan's indicator table has only 类别 / 指标 / 2025年 / 属性,
// the 类别 printed once for its rows (a merged cell), and no 序号: rows are
// closed by their attribute. Printed one cell per line, as scraped.
func TestProvincialTableMergedCategory(t *testing.T) {
	d := Parse(blocks("第一章 总体要求", "表1 “十四五”时期经济社会发展主要指标", "类别", "指标", "2025年", "属性",
		"经济发展", "地区生产总值增长（%）", "6左右", "预期性", "全员劳动生产率增长（%）", "6.5", "预期性",
		"创新驱动", "研发经费投入增长（%）", "7以上", "预期性",
		"民生福祉", "城镇调查失业率（%）", "<5.5", "预期性", "第二章 发展环境"))
	if len(d.Tables) != 1 || len(d.Tables[0].Indicators) != 4 {
		t.Fatalf("tables = %+v", d.Tables)
	}
	var got []string
	for _, in := range d.Tables[0].Indicators {
		got = append(got, in.Category+"|"+in.Name+"|"+in.Unit+"|"+in.Values[0].Raw+"|"+in.Attribute)
	}
	// no unit column: the unit printed after the name is the unit (GOLD.md)
	want := []string{
		"经济发展|地区生产总值增长|%|6左右|预期性",
		"经济发展|全员劳动生产率增长|%|6.5|预期性",
		"创新驱动|研发经费投入增长|%|7以上|预期性",
		"民生福祉|城镇调查失业率|%|<5.5|预期性",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("indicators:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if row := d.Tables[0].Rows[2]; row[0] != "" {
		t.Errorf("row 2 = %q: the merged category cell stays empty in the rows", row)
	}
	if len(d.Sections) != 2 || d.Sections[1].Title != "发展环境" {
		t.Errorf("the table swallowed the next heading: %+v", d.Sections)
	}
}

// A provincial plan: 一、 at the top and 1. 2. … numbered on through the
// whole plan below it, no 章 or 节, and an indicator table printed one cell
// per line that ends where the next top-level heading begins.
func TestProvincialPlan(t *testing.T) {
	d := Parse(blocks(
		"某省“十四五”社会保障规划",
		"一、发展基础",
		"“十三五”时期，全省社会保障事业取得显著成效。",
		"二、总体要求",
		"1.指导思想。坚持以人民为中心的发展思想。",
		"2.主要目标。到2025年，社会保障体系更加完善。",
		"表1 “十四五”时期社会保障主要指标",
		"类别", "指标", "2025年", "属性",
		"社会保险", "基本养老保险参保率（%）", "95", "预期性",
		"失业保险参保人数（万人）", "1000", "预期性",
		"三、主要任务",
		"3.完善社会保险制度",
		"健全基本养老保险制度。推进养老保险全国统筹。",
		"完善失业保险制度。扩大失业保险覆盖面。",
		"4.健全社会救助体系",
		"加强低保工作，提高救助水平。",
	))
	sameOutline(t, d, []heading{
		{1, 1, "发展基础", ""},
		{1, 2, "总体要求", ""},
		{2, 1, "指导思想", "总体要求"},
		{2, 2, "主要目标", "总体要求"},
		{1, 3, "主要任务", ""},
		{2, 3, "完善社会保险制度", "主要任务"},
		{2, 4, "健全社会救助体系", "主要任务"},
	})
	var got []string
	for _, m := range d.Measures {
		got = append(got, m.Title)
	}
	want := "指导思想 主要目标 完善社会保险制度 健全基本养老保险制度 完善失业保险制度 健全社会救助体系"
	if strings.Join(got, " ") != want {
		t.Errorf("measures = %s, want %s", strings.Join(got, " "), want)
	}
	if len(d.Tables) != 1 || len(d.Tables[0].Indicators) != 2 {
		t.Errorf("tables = %+v", d.Tables)
	}
}

// A State Council plan scraped from gov.cn: its indicator table fills 专栏1
// and is printed one cell per line; the table takes the box's label.
func TestBoxTableOneCellPerLine(t *testing.T) {
	d := Parse(blocks(
		"二、总体要求",
		"（三）主要目标。到2025年，文物安全形势明显好转。",
		"专栏1 “十四五”时期文物事业发展主要指标",
		"类型", "指标", "2020年", "2025年", "属性",
		"文物安全", "国家级文物保护单位“四有”工作完成率（%）", "95", "100", "约束性",
		"考古", "考古发掘项目数量（项）", "[4000]", "[5000]", "预期性",
		"三、强化文物资源管理",
		"（一）健全文物资源管理体制。完善文物登录制度。",
	))
	if len(d.Boxes) != 1 || d.Boxes[0].Number != 1 {
		t.Fatalf("columns = %+v", d.Boxes)
	}
	if len(d.Tables) != 1 || d.Tables[0].Label != "专栏1" || len(d.Tables[0].Indicators) != 2 {
		t.Fatalf("tables = %+v", d.Tables)
	}
	in := d.Tables[0].Indicators[1]
	if in.Category != "考古" || in.Name != "考古发掘项目数量" || in.Unit != "项" || in.Values[1].Raw != "[5000]" || in.Attribute != "预期性" {
		t.Errorf("indicator = %+v", in)
	}
	if len(d.Sections) != 4 || d.Sections[2].Title != "强化文物资源管理" {
		t.Errorf("the box swallowed the next heading: %+v", d.Sections)
	}
}

// A box whose content is an indicator table given as rows of cells (a web
// page or a Word file): the table takes the box's label and title.
func TestBoxTableCells(t *testing.T) {
	bs := []block.Block{
		{Text: "第一章 总体要求"},
		{Text: "专栏1 “十四五”时期文物事业发展主要指标", Role: block.Box, Title: true},
		{Cells: []string{"类型", "指标", "2020年", "2025年", "属性"}},
		{Cells: []string{"文物安全", "国家级文物保护单位“四有”工作完成率（%）", "95", "100", "约束性"}},
		{Cells: []string{"", "省级文物保护单位“四有”工作完成率（%）", "85", "100", "约束性"}},
		{Text: "第二章 主要任务"},
	}
	for i := range bs {
		if bs[i].Cells != nil {
			bs[i].Text = block.RowText(bs[i].Cells)
		}
	}
	d := Parse(bs)
	if len(d.Tables) != 1 || d.Tables[0].Label != "专栏1" || d.Tables[0].Title != "“十四五”时期文物事业发展主要指标" {
		t.Fatalf("tables = %+v", d.Tables)
	}
	ins := d.Tables[0].Indicators
	if len(ins) != 2 || ins[1].Category != "文物安全" || ins[1].Values[1].Raw != "100" {
		t.Errorf("indicators = %+v", ins)
	}
}

// Indicator tables headed the ways plans head them, without a year (预期值,
// 目标值, 规划目标) or reviewing the previous plan (完成情况): a yearless
// target column takes the plan's end year (stored as inferred), and a
// review table's columns are actual values or the previous plan's target.
func TestIndicatorRolesAndYears(t *testing.T) {
	tests := []struct {
		title  string
		header []string
		years  []int
		roles  []string
	}{
		{"“十四五”主要指标", []string{"序号", "指标", "单位", "基期值", "预期值", "属性"}, []int{0, 2025}, []string{"baseline", "target"}},
		{"主要指标", []string{"指标", "单位", "2020年", "目标值", "属性"}, []int{2020, 2025}, []string{"baseline", "target"}},
		{"主要指标", []string{"指标", "单位", "现状值", "规划目标", "属性"}, []int{0, 2025}, []string{"baseline", "target"}},
		{"“十三五”规划主要指标完成情况", []string{"指标", "单位", "2020年目标值", "2020年完成值", "指标属性"}, []int{2020, 2020}, []string{"previous_target", "actual"}},
		{"“十三五”规划主要指标实现情况", []string{"指标", "单位", "规划目标", "实现值", "属性"}, []int{2020, 0}, []string{"previous_target", "actual"}},
		// no title, but every column before the plan's period: a review
		{"", []string{"序号", "主要指标", "单位", "2020年", "指标性质"}, []int{2020}, []string{"actual"}},
	}
	for _, tt := range tests {
		t.Run(tt.title+"/"+strings.Join(tt.header, ","), func(t *testing.T) {
			row := make([]string, len(tt.header))
			for i, h := range tt.header {
				switch {
				case h == "序号":
					row[i] = "1"
				case strings.Contains(h, "指标") && !strings.Contains(h, "性") && !strings.Contains(h, "属"):
					row[i] = "人均预期寿命"
				case h == "单位":
					row[i] = "岁"
				case strings.Contains(h, "性") || strings.Contains(h, "属"):
					row[i] = "预期性"
				default:
					row[i] = "80"
				}
			}
			tab := doc.Table{Title: tt.title, Rows: [][]string{tt.header, row}}
			got := indicators(&tab, 2021, 2025)
			if len(got) != 1 || len(got[0].Values) != len(tt.years) {
				t.Fatalf("got %+v", got)
			}
			for k, v := range got[0].Values {
				if v.Year != tt.years[k] || v.Parsed.Role != tt.roles[k] {
					t.Errorf("%s: year %d role %q, want %d %q", v.Column, v.Year, v.Parsed.Role, tt.years[k], tt.roles[k])
				}
			}
		})
	}
}

// The same where nothing marks the box (plain text or Markdown, whose
// reader sees no frame): the rows of cells under a 专栏 label are the box's
// indicator table, not entries of the box, and the box is not doubted as
// empty.
func TestBoxTableCellsUnmarked(t *testing.T) {
	bs := []block.Block{
		{Text: "某某省“十四五”文物事业发展规划"},
		{Text: "第一章 总体要求"},
		{Text: "专栏1 “十四五”时期文物事业发展主要指标"},
		{Cells: []string{"类型", "指标", "2020年", "2025年", "属性"}},
		{Cells: []string{"文物安全", "国家级文物保护单位“四有”工作完成率（%）", "95", "100", "约束性"}},
		{Cells: []string{"", "省级文物保护单位“四有”工作完成率（%）", "85", "100", "约束性"}},
		{Text: "第二章 主要任务"},
		{Text: "加强文物保护。"},
	}
	for i := range bs {
		if bs[i].Cells != nil {
			bs[i].Text = block.RowText(bs[i].Cells)
		}
	}
	d := Parse(bs)
	if len(d.Tables) != 1 || d.Tables[0].Label != "专栏1" || len(d.Tables[0].Indicators) != 2 {
		t.Fatalf("tables = %+v", d.Tables)
	}
	if len(d.Boxes) != 1 || len(d.Boxes[0].Projects) != 0 {
		t.Errorf("boxes = %+v, want one box with no entries", d.Boxes)
	}
	for _, g := range d.Diagnostics {
		if IsDoubt(g.Kind) {
			t.Errorf("%s: %s", g.Kind, g.Message)
		}
	}
}

// A 专栏 whose next lines a header test takes for a table header, but from
// which no table row can be read, is box text: the box goes on rather than
// asking for the same table again for ever (a browser's page of a plan,
// whose box was a <div>, hung here and lost its document).
func TestBoxWithProseThatLooksLikeAHeader(t *testing.T) {
	done := make(chan *doc.Document, 1)
	go func() {
		done <- Parse(blocks("专栏2", "指标。继", "员职业技能培训完善职业规划到 2025 年，"))
	}()
	select {
	case d := <-done:
		if len(d.Boxes) != 1 || len(d.Tables) != 0 {
			t.Errorf("boxes %+v, tables %+v: want the box and no table", d.Boxes, d.Tables)
		}
	case <-time.After(time.Minute):
		t.Fatal("Parse did not return")
	}
}
