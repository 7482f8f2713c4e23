package structure

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
)

// tabLine is a line that the reader marked as a line of a table
// (block.TableLine), as PDF and layout text give a table drawn without
// rules.
type tabLine string

// tabBlocks builds a document: a string is a line of body text, a
// []string a row of cells, a tabLine a table line, a block.Block itself.
func tabBlocks(items ...any) []block.Block {
	var out []block.Block
	for _, it := range items {
		switch v := it.(type) {
		case string:
			out = append(out, block.Block{Text: v})
		case []string:
			out = append(out, block.Block{Cells: v, Text: block.RowText(v)})
		case tabLine:
			out = append(out, block.Block{Text: string(v), Role: block.TableLine})
		case block.Block:
			out = append(out, v)
		default:
			panic(fmt.Sprintf("tabBlocks: %T", it))
		}
	}
	return out
}

// tabCellsOn is a row of cells on a page.
func tabCellsOn(page int, cells ...string) block.Block {
	return block.Block{Cells: cells, Text: block.RowText(cells), Page: page}
}

// tabLineOn is a table line on a page.
func tabLineOn(page int, text string) block.Block {
	return block.Block{Text: text, Role: block.TableLine, Page: page}
}

// tabIndicator prints an indicator as seq|category|name|unit|attribute|
// values, each value column=raw(role); seq is - where the row has none.
func tabIndicator(in doc.Indicator) string {
	seq := "-"
	if in.HasSeq {
		seq = strconv.Itoa(in.Seq)
	}
	var vals []string
	for _, v := range in.Values {
		vals = append(vals, fmt.Sprintf("%s=%s(%s)", v.Column, v.Raw, v.Parsed.Role))
	}
	return strings.Join([]string{seq, in.Category, in.Name, in.Unit, in.Attribute, strings.Join(vals, " ")}, "|")
}

// tabWant is what a test expects of a table.
type tabWant struct {
	label, title string
	section      string   // the title of the section the table stands in
	rows         []string // each row's cells joined by |; rows[0] is the header
	notes        []string
	indicators   []string // as tabIndicator prints them; none where nil
}

// tabCase is a document and what a human reads in it.
type tabCase struct {
	name    string
	in      []block.Block
	tables  []tabWant
	outline string            // each section's label and title, | between
	paras   map[string]string // paragraph text → the title of its section
	noParas []string          // lines that must not be stored as paragraphs
	boxes   []string          // each box as number|title
}

func runTabCases(t *testing.T, cases []tabCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse(tc.in)
			checkTabs(t, d, tc.tables)
			var secs []string
			for _, s := range d.Sections {
				secs = append(secs, s.Label+s.Title)
			}
			if got := strings.Join(secs, "|"); got != tc.outline {
				t.Errorf("outline = %s, want %s", got, tc.outline)
			}
			for text, want := range tc.paras {
				found := false
				for _, p := range d.Paragraphs {
					if p.Text != text {
						continue
					}
					found = true
					got := ""
					if p.Section >= 0 {
						got = d.Sections[p.Section].Title
					}
					if got != want {
						t.Errorf("paragraph %q under %q, want under %q", text, got, want)
					}
				}
				if !found {
					t.Errorf("no paragraph %q", text)
				}
			}
			for _, text := range tc.noParas {
				for _, p := range d.Paragraphs {
					if strings.TrimSpace(p.Text) == text {
						t.Errorf("%q stored as a paragraph", text)
					}
				}
			}
			var boxes []string
			for _, b := range d.Boxes {
				boxes = append(boxes, fmt.Sprintf("%d|%s", b.Number, b.Title))
			}
			if strings.Join(boxes, "\n") != strings.Join(tc.boxes, "\n") {
				t.Errorf("boxes = %q, want %q", boxes, tc.boxes)
			}
		})
	}
}

func checkTabs(t *testing.T, d *doc.Document, want []tabWant) {
	t.Helper()
	if len(d.Tables) != len(want) {
		var got []string
		for _, tb := range d.Tables {
			got = append(got, tb.Label+" "+tb.Title)
		}
		t.Fatalf("%d tables %q, want %d", len(d.Tables), got, len(want))
	}
	for i, w := range want {
		tb := d.Tables[i]
		if tb.Label != w.label || tb.Title != w.title {
			t.Errorf("table %d: label %q, title %q; want %q, %q", i+1, tb.Label, tb.Title, w.label, w.title)
		}
		sec := ""
		if tb.Section >= 0 {
			sec = d.Sections[tb.Section].Title
		}
		if sec != w.section {
			t.Errorf("table %d stands in %q, want %q", i+1, sec, w.section)
		}
		var rows []string
		for _, r := range tb.Rows {
			rows = append(rows, strings.Join(r, "|"))
		}
		if strings.Join(rows, "\n") != strings.Join(w.rows, "\n") {
			t.Errorf("table %d rows:\n%s\nwant:\n%s", i+1, strings.Join(rows, "\n"), strings.Join(w.rows, "\n"))
		}
		if strings.Join(tb.Notes, "\n") != strings.Join(w.notes, "\n") {
			t.Errorf("table %d notes = %q, want %q", i+1, tb.Notes, w.notes)
		}
		var ins []string
		for _, in := range tb.Indicators {
			ins = append(ins, tabIndicator(in))
		}
		if strings.Join(ins, "\n") != strings.Join(w.indicators, "\n") {
			t.Errorf("table %d indicators:\n%s\nwant:\n%s", i+1, strings.Join(ins, "\n"), strings.Join(w.indicators, "\n"))
		}
	}
}

// The titles that give the documents below their period (2021–2025), so
// that 2020年 is a baseline and 2025年 a target.
const (
	tabProvincePlan = "某某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
	tabElderlyPlan  = "某某市养老服务体系建设“十四五”规划"
)

// The rows of a small indicator table of an elderly-care plan, and its
// indicators, as the tests below print it in several forms.
var (
	tabElderlyRows = []string{
		"序号|指标|单位|2020年|2025年|属性",
		"1|养老机构护理型床位占比|%|48|55|约束性",
		"2|老年人健康管理率|%|65|70|预期性",
	}
	tabElderlyIndicators = []string{
		"1||养老机构护理型床位占比|%|约束性|2020年=48(baseline) 2025年=55(target)",
		"2||老年人健康管理率|%|预期性|2020年=65(baseline) 2025年=70(target)",
	}
)

// A table that a 表 label introduces: the label and title, the rows under
// it however the reader gave them (cells, table lines, one cell per line),
// the 注 under it, up to the next heading; and lines that only look like a
// table's label.
func TestTableLabelParser(t *testing.T) {
	runTabCases(t, []tabCase{
		{
			name: "表1 over rows of cells, a note, the next chapter",
			in: tabBlocks(
				tabProvincePlan,
				"第二章 主要目标",
				"到2025年，全省经济社会发展取得新成效。",
				"表1 “十四五”时期经济社会发展主要指标",
				[]string{"序号", "指标", "单位", "2020年", "2025年", "属性"},
				[]string{"1", "地区生产总值增长", "%", "6.1", "6左右", "预期性"},
				[]string{"2", "城镇调查失业率", "%", "5.2", "<5.5", "预期性"},
				[]string{"3", "单位地区生产总值能源消耗降低", "%", "—", "〔13.5〕", "约束性"},
				"注：〔 〕内为五年累计数。",
				"第三章 创新驱动",
				"坚持创新在现代化建设全局中的核心地位。",
			),
			tables: []tabWant{{
				label: "表1", title: "“十四五”时期经济社会发展主要指标", section: "主要目标",
				rows: []string{
					"序号|指标|单位|2020年|2025年|属性",
					"1|地区生产总值增长|%|6.1|6左右|预期性",
					"2|城镇调查失业率|%|5.2|<5.5|预期性",
					"3|单位地区生产总值能源消耗降低|%|—|〔13.5〕|约束性",
				},
				notes: []string{"〔 〕内为五年累计数。"},
				indicators: []string{
					"1||地区生产总值增长|%|预期性|2020年=6.1(baseline) 2025年=6左右(target)",
					"2||城镇调查失业率|%|预期性|2020年=5.2(baseline) 2025年=<5.5(target)",
					"3||单位地区生产总值能源消耗降低|%|约束性|2020年=—(baseline) 2025年=〔13.5〕(target)",
				},
			}},
			outline: "第二章主要目标|第三章创新驱动",
			paras: map[string]string{
				"到2025年，全省经济社会发展取得新成效。": "主要目标",
				"坚持创新在现代化建设全局中的核心地位。":   "创新驱动",
			},
			noParas: []string{"注：〔 〕内为五年累计数。"},
		},
		{
			name: "表 2-1 with category rows of one merged cell",
			in: tabBlocks(
				"江门市公共服务“十四五”规划",
				"第二章 发展目标",
				"表 2-1 “十四五”时期江门市公共服务主要指标",
				[]string{"序号", "主要指标", "单位", "2020年", "2025年", "指标性质"},
				[]string{"幼有所育"},
				[]string{"1", "每千人口拥有3岁以下婴幼儿托位数", "个", "1.9", "5.5", "预期性"},
				[]string{"学有所教"},
				[]string{"2", "普惠性幼儿园在园幼儿数比重", "%", "85.46", "稳定在88以上", "约束性"},
				"第三章 重点任务",
			),
			tables: []tabWant{{
				label: "表2-1", title: "“十四五”时期江门市公共服务主要指标", section: "发展目标",
				rows: []string{
					"序号|主要指标|单位|2020年|2025年|指标性质",
					"幼有所育",
					"1|每千人口拥有3岁以下婴幼儿托位数|个|1.9|5.5|预期性",
					"学有所教",
					"2|普惠性幼儿园在园幼儿数比重|%|85.46|稳定在88以上|约束性",
				},
				indicators: []string{
					"1|幼有所育|每千人口拥有3岁以下婴幼儿托位数|个|预期性|2020年=1.9(baseline) 2025年=5.5(target)",
					"2|学有所教|普惠性幼儿园在园幼儿数比重|%|约束性|2020年=85.46(baseline) 2025年=稳定在88以上(target)",
				},
			}},
			outline: "第二章发展目标|第三章重点任务",
		},
		{
			name: "no unit column: the unit after the name, a 类别 merged down",
			in: tabBlocks(
				tabProvincePlan,
				"第一章 发展环境",
				"表1 “十四五”时期经济社会发展主要指标",
				[]string{"类别", "指标", "2020年", "2025年", "属性"},
				[]string{"经济发展", "地区生产总值增长（%）", "6.1", "6左右", "预期性"},
				[]string{"", "全员劳动生产率增长（%）", "6.2", "高于地区生产总值增长", "预期性"},
				[]string{"民生福祉", "城镇调查失业率（%）", "5.2", "<5.5", "预期性"},
			),
			tables: []tabWant{{
				label: "表1", title: "“十四五”时期经济社会发展主要指标", section: "发展环境",
				rows: []string{
					"类别|指标|2020年|2025年|属性",
					"经济发展|地区生产总值增长（%）|6.1|6左右|预期性",
					"|全员劳动生产率增长（%）|6.2|高于地区生产总值增长|预期性",
					"民生福祉|城镇调查失业率（%）|5.2|<5.5|预期性",
				},
				indicators: []string{
					"-|经济发展|地区生产总值增长|%|预期性|2020年=6.1(baseline) 2025年=6左右(target)",
					"-|经济发展|全员劳动生产率增长|%|预期性|2020年=6.2(baseline) 2025年=高于地区生产总值增长(target)",
					"-|民生福祉|城镇调查失业率|%|预期性|2020年=5.2(baseline) 2025年=<5.5(target)",
				},
			}},
			outline: "第一章发展环境",
		},
		{
			name: "table lines under the label, up to the next heading",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				"表2 “十四五”时期养老服务主要指标",
				tabLine("序号 指标 单位 2020年 2025年 属性"),
				tabLine("1 养老机构护理型床位占比 % 48 55 约束性"),
				tabLine("2 老年人健康管理率 % 65 70 预期性"),
				"三、主要任务",
				"完善养老服务网络。",
			),
			tables: []tabWant{{
				label: "表2", title: "“十四五”时期养老服务主要指标", section: "主要目标",
				rows: tabElderlyRows, indicators: tabElderlyIndicators,
			}},
			outline: "二、主要目标|三、主要任务",
			paras:   map[string]string{"完善养老服务网络。": "主要任务"},
		},
		{
			name: "one cell per line under the label, up to the next heading",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				"表1 “十四五”时期养老服务主要指标",
				"序号", "指标", "单位", "2020年", "2025年", "属性",
				"1", "养老机构护理型床位占比", "%", "48", "55", "约束性",
				"2", "老年人健康管理率", "%", "65", "70", "预期性",
				"三、主要任务",
				"完善养老服务网络。",
			),
			tables: []tabWant{{
				label: "表1", title: "“十四五”时期养老服务主要指标", section: "主要目标",
				rows: tabElderlyRows, indicators: tabElderlyIndicators,
			}},
			outline: "二、主要目标|三、主要任务",
			paras:   map[string]string{"完善养老服务网络。": "主要任务"},
			noParas: []string{"养老机构护理型床位占比", "约束性"},
		},
		{
			name: "专栏3 opens a box, no table",
			in: tabBlocks(
				"二、主要任务",
				"专栏3 “十四五”时期养老服务重大工程",
				"1.居家社区养老服务提升工程。建设街道综合养老服务中心。",
				"2.养老机构护理能力提升工程。新增护理型床位1万张。",
				"三、保障措施",
			),
			outline: "二、主要任务|三、保障措施",
			boxes:   []string{"3|“十四五”时期养老服务重大工程"},
		},
		{
			name: "a sentence that starts with 表1 is no label",
			in: tabBlocks(
				"二、主要目标",
				"表1所列指标中，约束性指标要确保完成，预期性指标要努力实现。",
			),
			outline: "二、主要目标",
			paras:   map[string]string{"表1所列指标中，约束性指标要确保完成，预期性指标要努力实现。": "主要目标"},
		},
		{
			name: "表明 is no label",
			in: tabBlocks(
				"一、发展基础",
				"表明我省养老服务体系建设取得明显成效",
			),
			outline: "一、发展基础",
			paras:   map[string]string{"表明我省养老服务体系建设取得明显成效": "发展基础"},
		},
	})
}

// Table lines that no 表 label introduced (a table drawn without rules in a
// PDF): an indicator table where they open with a header, read up to the
// next heading, else paragraphs.
func TestLooseTableParser(t *testing.T) {
	runTabCases(t, []tabCase{
		{
			name: "an indicator table with category rows and a note",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				"到2025年，养老服务体系更加完善。",
				tabLine("序号 指标 单位 2020年 2025年 属性"),
				tabLine("一、养老服务供给"),
				tabLine("1 养老机构护理型床位占比 % 48 55 约束性"),
				tabLine("二、健康支撑"),
				tabLine("2 老年人健康管理率 % 65 70 预期性"),
				tabLine("注：护理型床位占比按年末数计算。"),
				"三、主要任务",
				"完善养老服务网络。",
			),
			tables: []tabWant{{
				section: "主要目标",
				rows: []string{
					"序号|指标|单位|2020年|2025年|属性",
					"一、养老服务供给|||||",
					"1|养老机构护理型床位占比|%|48|55|约束性",
					"二、健康支撑|||||",
					"2|老年人健康管理率|%|65|70|预期性",
				},
				notes: []string{"护理型床位占比按年末数计算。"},
				indicators: []string{
					"1|养老服务供给|养老机构护理型床位占比|%|约束性|2020年=48(baseline) 2025年=55(target)",
					"2|健康支撑|老年人健康管理率|%|预期性|2020年=65(baseline) 2025年=70(target)",
				},
			}},
			outline: "二、主要目标|三、主要任务",
			paras: map[string]string{
				"到2025年，养老服务体系更加完善。": "主要目标",
				"完善养老服务网络。":          "主要任务",
			},
			noParas: []string{"1 养老机构护理型床位占比 % 48 55 约束性", "一、养老服务供给"},
		},
		{
			name: "a header over two lines, the years' 年 below them",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				tabLine("序号 指标 单位 2020 2025 属性"),
				tabLine("年 年"),
				tabLine("1 养老机构护理型床位占比 % 48 55 约束性"),
				tabLine("2 老年人健康管理率 % 65 70 预期性"),
				"三、主要任务",
			),
			tables:  []tabWant{{section: "主要目标", rows: tabElderlyRows, indicators: tabElderlyIndicators}},
			outline: "二、主要目标|三、主要任务",
		},
		{
			name: "a table cut by a page break, its header printed again",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				tabLineOn(5, "序号 指标 单位 2020年 2025年 属性"),
				tabLineOn(5, "1 养老机构护理型床位占比 % 48 55 约束性"),
				tabLineOn(5, "2 老年人健康管理率 % 65 70 预期性"),
				tabLineOn(6, "序号 指标 单位 2020年 2025年 属性"),
				tabLineOn(6, "3 每千名老年人拥有社会工作者数 人 0.5 1 预期性"),
				block.Block{Text: "三、主要任务", Page: 6},
			),
			tables: []tabWant{{
				section: "主要目标",
				rows:    append(append([]string{}, tabElderlyRows...), "3|每千名老年人拥有社会工作者数|人|0.5|1|预期性"),
				indicators: append(append([]string{}, tabElderlyIndicators...),
					"3||每千名老年人拥有社会工作者数|人|预期性|2020年=0.5(baseline) 2025年=1(target)"),
			}},
			outline: "二、主要目标|三、主要任务",
		},
		{
			name: "lines that open with no header are paragraphs",
			in: tabBlocks(
				"三、组织实施",
				tabLine("广州市卫生健康委员会 广州市财政局 广州市医疗保障局"),
				"2023年10月19日",
			),
			outline: "三、组织实施",
			paras: map[string]string{
				"广州市卫生健康委员会 广州市财政局 广州市医疗保障局": "组织实施",
				"2023年10月19日": "组织实施",
			},
		},
	})
}

// An unlabelled indicator table printed one cell per line, as a scraped page
// prints it: a run of header words starts it; a line or two that only look
// like header words do not.
func TestHeaderRunParser(t *testing.T) {
	runTabCases(t, []tabCase{
		{
			name: "序号 to 属性, one cell per line, up to the next heading",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				"到2025年，养老服务体系更加完善。",
				"序号", "指标", "单位", "2020年", "2025年", "属性",
				"1", "养老机构护理型床位占比", "%", "48", "55", "约束性",
				"2", "老年人健康管理率", "%", "65", "70", "预期性",
				"三、主要任务",
				"完善养老服务网络。",
			),
			tables:  []tabWant{{section: "主要目标", rows: tabElderlyRows, indicators: tabElderlyIndicators}},
			outline: "二、主要目标|三、主要任务",
			paras: map[string]string{
				"到2025年，养老服务体系更加完善。": "主要目标",
				"完善养老服务网络。":          "主要任务",
			},
			noParas: []string{"序号", "养老机构护理型床位占比", "预期性"},
		},
		{
			name: "a 类别 column and no 序号: each row closed by its attribute",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				"类别", "指标", "单位", "2020年", "2025年", "属性",
				"养老服务", "养老机构护理型床位占比", "%", "48", "55", "约束性",
				"每千名老年人拥有养老床位数", "张", "38", "40", "预期性",
				"健康支撑", "老年人健康管理率", "%", "65", "70", "预期性",
				"三、主要任务",
				"完善养老服务网络。",
			),
			tables: []tabWant{{
				section: "主要目标",
				rows: []string{
					"类别|指标|单位|2020年|2025年|属性",
					"养老服务|养老机构护理型床位占比|%|48|55|约束性",
					"|每千名老年人拥有养老床位数|张|38|40|预期性",
					"健康支撑|老年人健康管理率|%|65|70|预期性",
				},
				indicators: []string{
					"-|养老服务|养老机构护理型床位占比|%|约束性|2020年=48(baseline) 2025年=55(target)",
					"-|养老服务|每千名老年人拥有养老床位数|张|预期性|2020年=38(baseline) 2025年=40(target)",
					"-|健康支撑|老年人健康管理率|%|预期性|2020年=65(baseline) 2025年=70(target)",
				},
			}},
			outline: "二、主要目标|三、主要任务",
			paras:   map[string]string{"完善养老服务网络。": "主要任务"},
		},
		{
			name: "a line that names the indicators, then prose",
			in: tabBlocks(
				"二、发展目标",
				"主要指标",
				"到2025年，养老机构护理型床位占比达到55%。",
			),
			outline: "二、发展目标",
			paras: map[string]string{
				"主要指标": "发展目标",
				"到2025年，养老机构护理型床位占比达到55%。": "发展目标",
			},
		},
		{
			name: "two header words, then prose",
			in: tabBlocks(
				"四、保障措施",
				"指标",
				"单位",
				"各项指标由市统计局负责解释。",
			),
			outline: "四、保障措施",
			paras: map[string]string{
				"指标": "保障措施",
				"单位": "保障措施",
				"各项指标由市统计局负责解释。": "保障措施",
			},
		},
	})
}

// Rows of cells (a web page, a Word file, tab-separated text): an indicator
// table, a grid titled by the caption above it, or a lone row that is text.
func TestRowParser(t *testing.T) {
	header := []string{"序号", "指标", "单位", "2020年", "2025年", "属性"}
	runTabCases(t, []tabCase{
		{
			name: "an indicator grid with no label, a ruling line, the next chapter",
			in: tabBlocks(
				tabProvincePlan,
				"第二章 主要目标",
				"到2025年，全省经济社会发展取得新成效。",
				header,
				[]string{"---", "---", "---", "---", "---", "---"},
				[]string{"1", "地区生产总值增长", "%", "6.1", "6左右", "预期性"},
				[]string{"2", "城镇调查失业率", "%", "5.2", "<5.5", "预期性"},
				"第三章 创新驱动",
				"坚持创新在现代化建设全局中的核心地位。",
			),
			tables: []tabWant{{
				section: "主要目标",
				rows: []string{
					"序号|指标|单位|2020年|2025年|属性",
					"1|地区生产总值增长|%|6.1|6左右|预期性",
					"2|城镇调查失业率|%|5.2|<5.5|预期性",
				},
				indicators: []string{
					"1||地区生产总值增长|%|预期性|2020年=6.1(baseline) 2025年=6左右(target)",
					"2||城镇调查失业率|%|预期性|2020年=5.2(baseline) 2025年=<5.5(target)",
				},
			}},
			outline: "第二章主要目标|第三章创新驱动",
			paras:   map[string]string{"坚持创新在现代化建设全局中的核心地位。": "创新驱动"},
		},
		{
			name: "merged cells: a category row of one cell, a sub-row printed without its 序号, 2025 value and attribute",
			in: tabBlocks(
				tabProvincePlan,
				"第二章 主要目标",
				"表1 “十四五”时期经济社会发展主要指标",
				header,
				[]string{"民生福祉"},
				[]string{"7", "城镇居民人均可支配收入增长", "%", "5.6", "与经济增长同步", "预期性"},
				[]string{"", "农村居民人均可支配收入增长", "%", "8.2"},
				[]string{"8", "城镇调查失业率", "%", "5.2", "<5.5", "预期性"},
				"第三章 创新驱动",
			),
			tables: []tabWant{{
				label: "表1", title: "“十四五”时期经济社会发展主要指标", section: "主要目标",
				rows: []string{
					"序号|指标|单位|2020年|2025年|属性",
					"民生福祉",
					"7|城镇居民人均可支配收入增长|%|5.6|与经济增长同步|预期性",
					"|农村居民人均可支配收入增长|%|8.2",
					"8|城镇调查失业率|%|5.2|<5.5|预期性",
				},
				indicators: []string{
					"7|民生福祉|城镇居民人均可支配收入增长|%|预期性|2020年=5.6(baseline) 2025年=与经济增长同步(target)",
					"7|民生福祉|农村居民人均可支配收入增长|%|预期性|2020年=8.2(baseline) 2025年=与经济增长同步(target)",
					"8|民生福祉|城镇调查失业率|%|预期性|2020年=5.2(baseline) 2025年=<5.5(target)",
				},
			}},
			outline: "第二章主要目标|第三章创新驱动",
		},
		{
			name: "a table cut by a page break, its header printed again with spaces",
			in: tabBlocks(
				tabProvincePlan,
				"第二章 主要目标",
				tabCellsOn(3, header...),
				tabCellsOn(3, "1", "地区生产总值增长", "%", "6.1", "6左右", "预期性"),
				tabCellsOn(3, "2", "城镇调查失业率", "%", "5.2", "<5.5", "预期性"),
				tabCellsOn(4, "序  号", "指  标", "单  位", "2020 年", "2025 年", "属  性"),
				tabCellsOn(4, "3", "居民人均可支配收入增长", "%", "5.8", "与经济增长基本同步", "预期性"),
				block.Block{Text: "第三章 创新驱动", Page: 4},
			),
			tables: []tabWant{{
				section: "主要目标",
				rows: []string{
					"序号|指标|单位|2020年|2025年|属性",
					"1|地区生产总值增长|%|6.1|6左右|预期性",
					"2|城镇调查失业率|%|5.2|<5.5|预期性",
					"3|居民人均可支配收入增长|%|5.8|与经济增长基本同步|预期性",
				},
				indicators: []string{
					"1||地区生产总值增长|%|预期性|2020年=6.1(baseline) 2025年=6左右(target)",
					"2||城镇调查失业率|%|预期性|2020年=5.2(baseline) 2025年=<5.5(target)",
					"3||居民人均可支配收入增长|%|预期性|2020年=5.8(baseline) 2025年=与经济增长基本同步(target)",
				},
			}},
			outline: "第二章主要目标|第三章创新驱动",
		},
		{
			name: "an indicator grid in a marked box takes the box's label",
			in: tabBlocks(
				tabElderlyPlan,
				"二、主要目标",
				block.Block{Text: "专栏2 “十四五”时期养老服务主要指标", Role: block.Box, Title: true},
				[]string{"序号", "指标", "单位", "2020年", "2025年", "属性"},
				[]string{"1", "养老机构护理型床位占比", "%", "48", "55", "约束性"},
				[]string{"2", "老年人健康管理率", "%", "65", "70", "预期性"},
				"三、主要任务",
			),
			tables: []tabWant{{
				label: "专栏2", title: "“十四五”时期养老服务主要指标", section: "主要目标",
				rows: tabElderlyRows, indicators: tabElderlyIndicators,
			}},
			outline: "二、主要目标|三、主要任务",
			boxes:   []string{"2|“十四五”时期养老服务主要指标"},
		},
		{
			name: "a grid that is no indicator table takes the short caption above it",
			in: tabBlocks(
				"三、重点任务",
				"“十四五”时期养老服务重点项目",
				[]string{"序号", "项目名称", "建设内容", "责任单位"},
				[]string{"1", "市老年病医院", "新建床位500张", "市卫生健康委"},
				[]string{"2", "区级综合养老服务中心", "每区新建1个", "各区人民政府"},
				"四、保障措施",
			),
			tables: []tabWant{{
				title: "“十四五”时期养老服务重点项目", section: "重点任务",
				rows: []string{
					"序号|项目名称|建设内容|责任单位",
					"1|市老年病医院|新建床位500张|市卫生健康委",
					"2|区级综合养老服务中心|每区新建1个|各区人民政府",
				},
			}},
			outline: "三、重点任务|四、保障措施",
			noParas: []string{"“十四五”时期养老服务重点项目"},
		},
		{
			name: "a sentence above a grid is no caption",
			in: tabBlocks(
				"三、重点任务",
				"重点项目安排如下：",
				[]string{"序号", "项目名称", "建设内容", "责任单位"},
				[]string{"1", "市老年病医院", "新建床位500张", "市卫生健康委"},
				[]string{"2", "区级综合养老服务中心", "每区新建1个", "各区人民政府"},
			),
			tables: []tabWant{{
				section: "重点任务",
				rows: []string{
					"序号|项目名称|建设内容|责任单位",
					"1|市老年病医院|新建床位500张|市卫生健康委",
					"2|区级综合养老服务中心|每区新建1个|各区人民政府",
				},
			}},
			outline: "三、重点任务",
			paras:   map[string]string{"重点项目安排如下：": "重点任务"},
		},
		{
			name: "a lone row is text",
			in: tabBlocks(
				"三、组织实施",
				[]string{"广州市卫生健康委员会", "广州市财政局"},
				"2023年10月19日",
			),
			outline: "三、组织实施",
			paras: map[string]string{
				"广州市卫生健康委员会 广州市财政局": "组织实施",
				"2023年10月19日": "组织实施",
			},
		},
	})
}

// A table captioned 附表 (an attached table) takes 附表1 as its label and
// the rest as its title; the caption is no paragraph, and a reference to
// 附表1 in the text finds it.
func TestAppendixTableCaption(t *testing.T) {
	d := Parse(tabBlocks(
		"三、重点任务",
		"重点项目详见附表1。",
		"附表1 “十四五”时期养老服务重点项目表",
		[]string{"序号", "项目名称", "建设内容", "建设年限"},
		[]string{"1", "市老年病医院", "新建床位500张", "2021-2023年"},
		[]string{"2", "区级综合养老服务中心", "每区新建1个", "2021-2025年"},
	))
	if len(d.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(d.Tables))
	}
	tb := d.Tables[0]
	if tb.Label != "附表1" || tb.Title != "“十四五”时期养老服务重点项目表" || len(tb.Rows) != 3 || tb.Section != 0 {
		t.Errorf("table: section %d, label %q, title %q, %d rows; want section 0, 附表1, the caption's title, 3 rows", tb.Section, tb.Label, tb.Title, len(tb.Rows))
	}
	for _, p := range d.Paragraphs {
		if strings.Contains(p.Text, "重点项目表") {
			t.Errorf("the caption stored as a paragraph: %q", p.Text)
		}
	}
	for _, g := range d.Diagnostics {
		if g.Kind == DoubtTables {
			t.Errorf("%s: %s", g.Kind, g.Message)
		}
	}
}

// An indicator table with no 表 label takes the caption line printed above
// it as its title, however it arrives: as rows of cells, as table lines,
// or one cell per line. The caption is no paragraph.
func TestUnlabelledIndicatorCaption(t *testing.T) {
	const caption = "“十四五”时期养老服务主要指标"
	for _, tc := range []struct {
		name  string
		items []any
	}{
		{"rows of cells", []any{
			[]string{"指标", "单位", "2020年", "2025年", "属性"},
			[]string{"养老机构护理型床位占比", "%", "45", "55", "约束性"},
			[]string{"每千名老年人拥有养老床位数", "张", "38", "40", "预期性"},
		}},
		{"table lines", []any{
			tabLine("指标  单位  2020年  2025年  属性"),
			tabLine("养老机构护理型床位占比  %  45  55  约束性"),
			tabLine("每千名老年人拥有养老床位数  张  38  40  预期性"),
		}},
		{"one cell per line", []any{
			"指标", "单位", "2020年", "2025年", "属性",
			"养老机构护理型床位占比", "%", "45", "55", "约束性",
			"每千名老年人拥有养老床位数", "张", "38", "40", "预期性",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := append([]any{"某某市养老服务体系建设“十四五”规划", "一、发展目标", "到2025年，养老服务体系更加健全。", caption}, tc.items...)
			items = append(items, "二、主要任务")
			d := Parse(tabBlocks(items...))
			if len(d.Tables) != 1 || d.Tables[0].Title != caption || len(d.Tables[0].Indicators) != 2 {
				t.Fatalf("tables %+v, want one titled %q with 2 indicators", d.Tables, caption)
			}
			for _, p := range d.Paragraphs {
				if p.Text == caption {
					t.Errorf("the caption stored as a paragraph")
				}
			}
		})
	}
}

// A caption too long for one line in large type wraps: its end, right
// above the table, is the title's end, not a table or a paragraph of its
// own. A header printed one word per line (序 / 号) is no such end.
func TestWrappedCaption(t *testing.T) {
	d := Parse(tabBlocks(
		"第一章 基础环境",
		"表1人口发展和基本公共服务体系建设“十三五”规划主要指",
		"标完成情况",
		[]string{"指标", "单位", "2020年目标值", "2020年完成值", "指标属性"},
		[]string{"常住人口", "万人", "1550", "1867.66", "预期性"},
		[]string{"户籍人口", "万人", "920", "985.11", "预期性"},
		"第二章 总体要求",
	))
	if len(d.Tables) != 1 || d.Tables[0].Label != "表1" || d.Tables[0].Title != "人口发展和基本公共服务体系建设“十三五”规划主要指标完成情况" || len(d.Tables[0].Indicators) != 2 {
		t.Errorf("tables %+v", d.Tables)
	}
	for _, p := range d.Paragraphs {
		if p.Text == "标完成情况" {
			t.Errorf("the caption's end stored as a paragraph")
		}
	}
}
