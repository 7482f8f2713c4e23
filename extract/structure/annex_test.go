package structure

import (
	"fmt"
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
)

// annexOutline prints each section as level|number|label|title|kind|parent
// title, the way the annex tests compare outlines.
func annexOutline(d *doc.Document) []string {
	var out []string
	for _, s := range d.Sections {
		parent := ""
		if s.Parent >= 0 {
			parent = d.Sections[s.Parent].Title
		}
		out = append(out, fmt.Sprintf("%d|%d|%s|%s|%s|%s", s.Level, s.Number, s.Label, s.Title, s.Kind, parent))
	}
	return out
}

// annexSectionOf is the title of the section a paragraph with the given
// text stands in ("" for none), and whether there is such a paragraph.
func annexSectionOf(d *doc.Document, text string) (string, bool) {
	for _, p := range d.Paragraphs {
		if p.Text == text {
			if p.Section < 0 {
				return "", true
			}
			return d.Sections[p.Section].Title, true
		}
	}
	return "", false
}

// Which parser takes the first line of a run, and how many lines it
// takes: the list of attachments that closes a notice is read whole, its
// numbered entries and nothing after them; a line that only mentions an
// attachment is no list.
func TestAttachmentListParser(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string // the parser that takes the first line
		n     int    // how many lines it takes
	}{
		{"two attachments before the signature", []string{
			"附件：1.广州市家庭医生签约服务质量监测指标体系（2023年）",
			"2.关于推进广州市家庭医生签约服务高质量发展工作的任务分工表",
			"广州市卫生健康委员会",
			"2023年10月19日",
		}, "attachment list", 2},
		{"three attachments with full-width stops", []string{
			"附件：1．某某市“十四五”养老服务设施布局规划",
			"2．某某市养老服务重点项目清单",
			"3．某某市养老服务主要指标分解表",
			"某某市人民政府办公厅",
		}, "attachment list", 3},
		{"entries numbered with 、", []string{
			"附件：1、省推进工业互联网创新发展专项工作组名单",
			"2、安徽省工业互联网重点项目推进计划",
		}, "attachment list", 2},
		{"entries numbered in brackets", []string{
			"附件：（1）市级养老服务重点项目表",
			"（2）区级养老服务重点项目表",
			"某某市民政局",
		}, "attachment list", 2},
		{"one numbered attachment", []string{
			"附件：1.重点任务分工表",
			"某某市人民政府",
			"2022年5月18日",
		}, "attachment list", 1},
		{"a long numbered sentence after the first entry is no entry", []string{
			"附件：1.重点任务分工表",
			"2.各区卫生健康部门要会同财政、人社、医保等部门建立家庭医生签约服务工作协调机制，统筹推进辖区内签约服务工作。",
		}, "attachment list", 1},
		{"an entry numbered out of turn ends the list", []string{
			"附件：1.重点任务分工表",
			"3.重点项目清单",
		}, "attachment list", 1},
		// not lists
		{"a sentence that names an attachment", []string{
			"请各区于每年1月底前按附件格式报送上年度工作进展情况。",
		}, "paragraph", 1},
		{"an item heading whose text names an attachment", []string{
			"（三）加强监测评估。按照附件1所列指标开展年度监测评估。",
		}, "heading", 1},
		{"an attachment named without a number is an annex label", []string{
			"附件：名词解释",
		}, "annex", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{d: &doc.Document{}}
			got, n := p.parseBlock(newInput(blocks(tt.lines...), 0))
			if got != tt.want || n != tt.n {
				t.Errorf("%q went to %q taking %d lines, want %q taking %d", tt.lines[0], got, n, tt.want, tt.n)
			}
		})
	}
}

// A notice that issues a plan with two attachments, signed by several
// bodies: the list of attachments under the plan's last heading is text,
// its entries no headings; each attachment then opens an annex at the top
// level, titled by the line under its label, and the table that fills it
// takes that title.
func TestAttachmentListThenAnnexes(t *testing.T) {
	cells := func(cs ...string) block.Block { return block.Block{Cells: cs, Text: block.RowText(cs)} }
	bs := append(blocks(
		"关于推进广州市家庭医生签约服务高质量发展实施方案",
		"一、工作目标",
		"到2025年，全市家庭医生签约服务覆盖面持续扩大。",
		"二、组织实施",
		"（一）加强组织领导。各区、各部门要从推动健康广州建设的高度出发，加强统筹协调。",
		"附件：1.广州市家庭医生签约服务质量监测指标体系（2023年）",
		"2.关于推进广州市家庭医生签约服务高质量发展工作的任务分工表",
		"广州市卫生健康委员会 广州市财政局",
		"广州市人力资源和社会保障局 广州市医疗保障局",
		"2023年10月19日",
		"附件1",
		"广州市家庭医生签约服务质量监测指标体系（2023年）",
	),
		cells("一级指标", "二级指标", "评价标准"),
		cells("服务质量", "签约居民续约率", "≥80%"),
		cells("服务效果", "签约居民满意度", "≥85%"),
	)
	bs = append(bs, blocks("附件2", "关于推进广州市家庭医生签约服务高质量发展工作的任务分工表")...)
	bs = append(bs,
		cells("序号", "重点任务", "牵头单位"),
		cells("1", "扩大签约服务覆盖面", "市卫生健康委"),
		cells("2", "完善签约服务激励机制", "市财政局、市人力资源社会保障局"),
	)
	d := Parse(bs)
	const (
		annex1 = "广州市家庭医生签约服务质量监测指标体系（2023年）"
		annex2 = "关于推进广州市家庭医生签约服务高质量发展工作的任务分工表"
	)
	want := []string{
		"1|1|一、|工作目标|han|",
		"1|2|二、|组织实施|han|",
		"2|1|（一）|加强组织领导|paren-han|组织实施",
		"1|0|附件1|" + annex1 + "|annex|",
		"1|0|附件2|" + annex2 + "|annex|",
	}
	if got := annexOutline(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, entry := range []string{"附件：1.广州市家庭医生签约服务质量监测指标体系（2023年）", "2.关于推进广州市家庭医生签约服务高质量发展工作的任务分工表"} {
		if sec, ok := annexSectionOf(d, entry); !ok || sec != "加强组织领导" {
			t.Errorf("entry %q: under %q (found %v), want a paragraph under 加强组织领导", entry, sec, ok)
		}
	}
	if len(d.Tables) != 2 {
		t.Fatalf("%d tables, want 2", len(d.Tables))
	}
	for i, want := range []struct {
		section int
		title   string
		rows    int
	}{{3, annex1, 3}, {4, annex2, 3}} {
		tb := d.Tables[i]
		if tb.Section != want.section || tb.Title != want.title || tb.Label != "" || len(tb.Rows) != want.rows {
			t.Errorf("table %d: section %d, label %q, title %q, %d rows; want section %d, no label, title %q, %d rows",
				i+1, tb.Section, tb.Label, tb.Title, len(tb.Rows), want.section, want.title, want.rows)
		}
	}
	for _, p := range d.Paragraphs {
		if p.Text == annex1 || p.Text == annex2 {
			t.Errorf("an annex's title stored as a paragraph too: %+v", p)
		}
	}
}

// The label that opens an annex at the end of a plan (附件, 附件2, 附件：),
// with its title on the same line or the next, and what is no annex.
func TestAnnexParser(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string          // the outline, as annexOutline prints it
		under map[string]string // paragraph text → the title of its section
	}{
		{"title on the next line, the annex's headings under it", []string{
			"某某市养老服务体系建设“十四五”规划",
			"一、总体要求",
			"坚持统筹推进，完善养老服务体系。",
			"附件1",
			"“十四五”时期养老服务重点工程",
			"一、居家社区养老服务提升工程",
			"建设街道综合养老服务中心50个。",
		}, []string{
			"1|1|一、|总体要求|han|",
			"1|0|附件1|“十四五”时期养老服务重点工程|annex|",
			"2|1|一、|居家社区养老服务提升工程|han|“十四五”时期养老服务重点工程",
		}, map[string]string{"建设街道综合养老服务中心50个。": "居家社区养老服务提升工程"}},
		{"title on the same line", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件2 重点任务分工表",
			"各区要按照分工抓好落实。",
		}, []string{
			"1|1|一、|总体要求|han|",
			"1|0|附件2|重点任务分工表|annex|",
		}, map[string]string{"各区要按照分工抓好落实。": "重点任务分工表"}},
		{"a label with a colon", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件：省推进工业互联网创新发展专项工作组名单",
			"组长：王清宪 省长",
		}, []string{
			"1|1|一、|总体要求|han|",
			"1|0|附件|省推进工业互联网创新发展专项工作组名单|annex|",
		}, map[string]string{"组长：王清宪 省长": "省推进工业互联网创新发展专项工作组名单"}},
		{"the label and title printed again on the next lines are one annex", []string{
			"三、加强监督问责",
			"建立健全实施过程监督奖罚制度。",
			"附件：名词解释",
			"附件",
			"名词解释",
		}, []string{
			"1|3|三、|加强监督问责|han|",
			"1|0|附件|名词解释|annex|",
		}, nil},
		{"two annexes stand side by side", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件1",
			"重点项目清单",
			"全市共安排养老服务重点项目120个。",
			"附件2",
			"重点任务分工表",
			"一、完善养老服务网络",
			"推进街道综合养老服务中心建设。",
		}, []string{
			"1|1|一、|总体要求|han|",
			"1|0|附件1|重点项目清单|annex|",
			"1|0|附件2|重点任务分工表|annex|",
			"2|1|一、|完善养老服务网络|han|重点任务分工表",
		}, map[string]string{"全市共安排养老服务重点项目120个。": "重点项目清单"}},
		{"an annex label with no title, a sentence under it", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件",
			"各区养老服务设施建设任务由区人民政府负责分解落实。",
		}, []string{
			"1|1|一、|总体要求|han|",
			"1|0|附件||annex|",
		}, map[string]string{"各区养老服务设施建设任务由区人民政府负责分解落实。": ""}},
		{"附件 before the first heading: the plan is the notice's attachment", []string{
			"附件",
			"某某市智慧健康养老三年行动计划（2021-2023年）",
			"为加快推进智慧健康养老产业发展，特制定本行动计划。",
			"一、总体要求",
			"（一）指导思想",
			"以习近平新时代中国特色社会主义思想为指导。",
		}, []string{
			"1|1|一、|总体要求|han|",
			"2|1|（一）|指导思想|paren-han|总体要求",
		}, nil},
		// no annex
		{"a long sentence that starts with 附件", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件中所列指标均为预期性指标，由各责任单位结合实际分解落实，并于每年年底前报送完成情况。",
		}, []string{
			"1|1|一、|总体要求|han|",
		}, map[string]string{"附件中所列指标均为预期性指标，由各责任单位结合实际分解落实，并于每年年底前报送完成情况。": "总体要求"}},
		{"a short sentence that starts with 附件", []string{
			"一、总体要求",
			"坚持统筹推进。",
			"附件所列指标由市统计局负责解释。",
		}, []string{
			"1|1|一、|总体要求|han|",
		}, map[string]string{"附件所列指标由市统计局负责解释。": "总体要求"}},
		{"a sentence that mentions an attachment", []string{
			"一、总体要求",
			"各区要按照附件要求，于每年1月底前报送上年度工作进展情况。",
		}, []string{
			"1|1|一、|总体要求|han|",
		}, map[string]string{"各区要按照附件要求，于每年1月底前报送上年度工作进展情况。": "总体要求"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse(blocks(tt.lines...))
			if got := annexOutline(d); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for text, want := range tt.under {
				if got, ok := annexSectionOf(d, text); !ok || got != want {
					t.Errorf("paragraph %q: under %q (found %v), want under %q", text, got, ok, want)
				}
			}
		})
	}
}

// A notice's one, unnumbered attachment (附件：title above the signature)
// names the annex that opens after the date: one annex, the signature not
// in it. Right above the annex's label, the same line is the label printed
// twice, also one annex.
func TestSingleAttachment(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
	}{
		{"named in the notice", []string{
			"某某市人民政府办公室关于印发某某市养老服务体系建设实施方案的通知",
			"一、总体要求",
			"请结合实际认真贯彻执行。",
			"附件：某某市养老服务重点任务分工表",
			"某某市人民政府办公室",
			"2023年5月6日",
			"附件",
			"某某市养老服务重点任务分工表",
			"由市民政局牵头，各区政府负责落实。",
		}},
		{"the label printed twice", []string{
			"某某市养老服务体系建设实施方案",
			"一、总体要求",
			"请结合实际认真贯彻执行。",
			"附件：某某市养老服务重点任务分工表",
			"附件",
			"某某市养老服务重点任务分工表",
			"由市民政局牵头，各区政府负责落实。",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse(blocks(tc.lines...))
			want := []string{"1|1|一、|总体要求|han|", "1|0|附件|某某市养老服务重点任务分工表|annex|"}
			if got := annexOutline(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if s, ok := annexSectionOf(d, "由市民政局牵头，各区政府负责落实。"); !ok || s != "某某市养老服务重点任务分工表" {
				t.Errorf("the annex's text is in %q (%v)", s, ok)
			}
		})
	}
}
