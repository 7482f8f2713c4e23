package structure

import "testing"

// A table of contents lists chapters, sections, boxes and tables with dot
// leaders and page numbers; it is never content: its 专栏 and 表 entries are
// no boxes or tables, and the body's first heading, printed without a page
// number, ends it even where the entry it repeats had leaders.
func TestTableOfContents(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
	}{
		{"dot leaders", []string{
			"目  录",
			"第一章 发展基础……………………………………1",
			"第一节 发展成就…………………………………1",
			"专栏1 “十三五”养老服务主要指标完成情况………2",
			"第二章 总体要求……………………………………4",
			"表1 “十四五”养老服务主要指标…………………6",
			"第三章 主要任务……………………………………7",
		}},
		{"page numbers after a gap", []string{
			"目录",
			"第一章 发展基础      1",
			"第一节 发展成就      1",
			"专栏1 “十三五”养老服务主要指标完成情况   2",
			"第二章 总体要求      4",
			"表1 “十四五”养老服务主要指标   6",
			"第三章 主要任务      7",
		}},
		{"no 目录 line: the headings linked above the text", []string{
			"第一章 发展基础",
			"第一节 发展成就",
			"专栏1 “十三五”养老服务主要指标完成情况",
			"第二章 总体要求",
			"第三章 主要任务",
		}},
		{"printed twice by a scrape, without page numbers", []string{
			"目录",
			"第一章 发展基础",
			"第一节 发展成就",
			"第二章 总体要求",
			"第三章 主要任务",
			"目录",
			"第一章 发展基础",
			"第一节 发展成就",
			"第二章 总体要求",
			"第三章 主要任务",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := append([]string{"某某省“十四五”养老服务体系规划"}, tc.lines...)
			lines = append(lines,
				"第一章 发展基础",
				"第一节 发展成就",
				"“十三五”时期，全省养老服务体系建设取得明显成效。",
				"专栏1 “十三五”养老服务主要指标完成情况",
				"养老机构床位数达到30万张。",
				"第二章 总体要求",
				"坚持以人民为中心。",
				"第三章 主要任务",
				"加快发展居家社区养老服务。",
			)
			d := Parse(blocks(lines...))
			want := []heading{{1, 1, "发展基础", ""}, {2, 1, "发展成就", "发展基础"}, {1, 2, "总体要求", ""}, {1, 3, "主要任务", ""}}
			sameOutline(t, d, want)
			if len(d.Boxes) != 1 || d.Boxes[0].Body != "养老机构床位数达到30万张。" || len(d.Tables) != 0 {
				t.Errorf("boxes %+v, tables %d: want the one box of the body", d.Boxes, len(d.Tables))
			}
			for _, g := range d.Diagnostics {
				if IsDoubt(g.Kind) {
					t.Errorf("%s: %s", g.Kind, g.Message)
				}
			}
		})
	}
}

// Headings with nothing between them are no table of contents where none
// is printed again: they are the outline.
func TestHeadingsWithoutTOC(t *testing.T) {
	d := Parse(blocks("某某省“十四五”养老服务体系规划",
		"第一章 发展基础",
		"第一节 发展成就",
		"一、服务体系",
		"“十三五”时期，全省养老服务体系建设取得明显成效。",
		"第二章 总体要求",
		"坚持以人民为中心。",
	))
	sameOutline(t, d, []heading{{1, 1, "发展基础", ""}, {2, 1, "发展成就", "发展基础"}, {3, 1, "服务体系", "发展成就"}, {1, 2, "总体要求", ""}})
}
