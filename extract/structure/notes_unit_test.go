package structure

import (
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
)

// Unit tests of note.go: the anchor a note marker follows, page-foot notes,
// glossary (名词解释) entries, note lists under a figure or table, and the
// markers the body carries. Every expectation is what a reader of the line
// says; none is copied from the program's output.

// newNoteParser is a parser with an empty document and no section open.
func newNoteParser() *parser { return &parser{d: &doc.Document{}} }

// Cases TestAnchor (project_test.go) does not hold: a quoted term that stands
// after other words, brackets that close a phrase or that are too long to,
// the punctuation that ends a phrase, and the 20-character limit.
func TestAnchorPhrase(t *testing.T) {
	tests := []struct {
		name   string
		before string
		want   string
	}{
		{"words back to the comma", "推进基本公共服务均等化，建设城市社区15分钟生活圈", "建设城市社区15分钟生活圈"},
		{"back to 。", "基本公共服务体系更加完善。推进医联体", "推进医联体"},
		{"back to 、", "发展托育、养老、智慧健康养老", "智慧健康养老"},
		{"back to ；", "健全多层次社会保障体系；完善社会救助制度", "完善社会救助制度"},
		{"back to a colon", "重点任务：婴幼儿照护", "婴幼儿照护"},
		{"ASCII comma", "加快建设5G基站,千兆光网", "千兆光网"},
		{"whole text with no punctuation", "智慧健康养老", "智慧健康养老"},
		{"space at the end is not part of the phrase", "构建紧密型医联体 ", "构建紧密型医联体"},
		{"quoted term after a verb", "全面落实“放管服”", "“放管服”"},
		{"quoted term after a comma", "坚持以人民为中心，推进“一老一小”", "“一老一小”"},
		{"quoted term is the whole text", "“15分钟生活圈”", "“15分钟生活圈”"},
		{"quoted term with digits", "为“十四五”时期实现“3+2+N”", "“3+2+N”"},
		{"a short bracket belongs to the phrase", "加快建设，前海深港现代服务业合作区（前海）", "前海深港现代服务业合作区（前海）"},
		{"a bracket with no words before it", "（试行）", "（试行）"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Anchor(tt.before); got != tt.want {
				t.Errorf("Anchor(%q) = %q, want %q", tt.before, got, tt.want)
			}
		})
	}

	// A phrase with no punctuation for more than 20 characters: the anchor
	// is its end, never the clause. 坚持以人民为中心的发展思想推动基本公共服务
	// 均等化 is 24 characters.
	t.Run("a long phrase gives its last 20 characters", func(t *testing.T) {
		before := "工作要求。坚持以人民为中心的发展思想推动基本公共服务均等化"
		got := Anchor(before)
		if n := len([]rune(got)); n != 20 || !strings.HasSuffix(before, got) {
			t.Errorf("Anchor(%q) = %q (%d characters), want the last 20 characters", before, got, n)
		}
	})

	// A long quotation is a sentence, not a term: the marker after it does
	// not take the quotation whole.
	t.Run("a quoted sentence is not a term", func(t *testing.T) {
		before := "习近平总书记强调“要把人民健康放在优先发展的战略位置，加快推进健康中国建设，努力全方位全周期保障人民健康”"
		if got := Anchor(before); strings.Contains(got, "要把人民健康") {
			t.Errorf("Anchor(%q) = %q, took the quoted sentence", before, got)
		}
	})
}

// term and noteDefinition split a note's text at its first colon: the term a
// page-foot note defines is short, a glossary entry's term is whatever stands
// before the colon.
func TestTermAndDefinition(t *testing.T) {
	long := "本规划中2020年数据为统计快报数据，2025年目标值均为预期性指标值，按照可比价格计算" // 42 characters before the colon
	tests := []struct {
		name     string
		s        string
		glossary bool
		term     string
		def      string
	}{
		{"footnote defining a term", "基本公共服务：是指建立在一定社会共识基础上，由政府主导提供的公共服务。", false,
			"基本公共服务", "是指建立在一定社会共识基础上，由政府主导提供的公共服务。"},
		{"glossary entry", "医联体：即医疗联合体，是指由不同级别、类别医疗机构之间通过纵向或横向医疗资源整合所形成的医疗机构联合组织。", true,
			"医联体", "即医疗联合体，是指由不同级别、类别医疗机构之间通过纵向或横向医疗资源整合所形成的医疗机构联合组织。"},
		{"quoted term keeps its quotes", "“一老一小”：指老年人和婴幼儿两个群体。", false,
			"“一老一小”", "指老年人和婴幼儿两个群体。"},
		{"ASCII colon", "PPP:政府和社会资本合作模式。", false, "PPP", "政府和社会资本合作模式。"},
		{"a space before the colon", "PPP ：政府和社会资本合作模式。", false, "PPP", "政府和社会资本合作模式。"},
		{"the first of two colons", "15分钟生活圈：在15分钟步行范围内配置生活所需的基本服务功能，包括：社区卫生服务站、托育机构等。", false,
			"15分钟生活圈", "在15分钟步行范围内配置生活所需的基本服务功能，包括：社区卫生服务站、托育机构等。"},
		{"footnote: a sentence with a colon is a remark, not a term", long + "：即扣除价格变动因素。", false,
			"", long + "：即扣除价格变动因素。"},
		{"glossary: any text before the colon is the term", long + "：即扣除价格变动因素。", true,
			long, "即扣除价格变动因素。"},
		{"nothing after the colon", "数据来源：", false, "数据来源", ""},
		{"a remark with no colon", "本规划数据来源于市统计局。", false, "", "本规划数据来源于市统计局。"},
		{"colon first: no term", "：是指利用信息技术提供养老服务。", true, "", "：是指利用信息技术提供养老服务。"},
		{"empty", "", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := term(tt.s, tt.glossary); got != tt.term {
				t.Errorf("term(%q, %v) = %q, want %q", tt.s, tt.glossary, got, tt.term)
			}
			if got := noteDefinition(tt.s, tt.glossary); got != tt.def {
				t.Errorf("noteDefinition(%q, %v) = %q, want %q", tt.s, tt.glossary, got, tt.def)
			}
		})
	}

	// The term limit of a page-foot note: 30 characters before the colon
	// still name a term, 31 are a sentence.
	t.Run("term limit", func(t *testing.T) {
		thirty := "广州市基本公共服务标准化综合试点和国家基本公共服务标准化试点" // 30 characters
		if n := len([]rune(thirty)); n != 30 {
			t.Fatalf("test term has %d characters", n)
		}
		if got := term(thirty+"：指2019年起开展的标准化建设试点。", false); got != thirty {
			t.Errorf("a 30-character term = %q, want %q", got, thirty)
		}
		if got := term(thirty+"区：指2019年起开展的标准化建设试点。", false); got != "" {
			t.Errorf("31 characters before the colon gave the term %q", got)
		}
	})
}

// footnote reads a page-foot note: "N text", or a line that goes on with the
// note above it.
func TestFootnoteLine(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []doc.Note
	}{
		{"a note defining a term", []string{"1 基本公共服务：是指建立在一定社会共识基础上，由政府主导提供的，旨在保障全体人民生存和发展基本需要的公共服务。"},
			[]doc.Note{{Number: 1, Term: "基本公共服务", Definition: "是指建立在一定社会共识基础上，由政府主导提供的，旨在保障全体人民生存和发展基本需要的公共服务。", Section: -1}}},
		{"no space after the number", []string{"2医联体：即医疗联合体。"},
			[]doc.Note{{Number: 2, Term: "医联体", Definition: "即医疗联合体。", Section: -1}}},
		{"a two-digit number", []string{"12 “一老一小”：指老年人和婴幼儿。"},
			[]doc.Note{{Number: 12, Term: "“一老一小”", Definition: "指老年人和婴幼儿。", Section: -1}}},
		{"a term starting with digits", []string{"3 15分钟生活圈：指居民步行15分钟可达的社区生活服务圈。"},
			[]doc.Note{{Number: 3, Term: "15分钟生活圈", Definition: "指居民步行15分钟可达的社区生活服务圈。", Section: -1}}},
		{"a remark is a note with no term", []string{"4 数据来源于《广州统计年鉴》，2025年数值为根据“十四五”规划目标测算所得的预期值：下同。"},
			[]doc.Note{{Number: 4, Definition: "数据来源于《广州统计年鉴》，2025年数值为根据“十四五”规划目标测算所得的预期值：下同。", Section: -1}}},
		{"a note continued on the next page", []string{
			"5 智慧健康养老：是指利用物联网、云计算、大数据等新一代信息技术产品，",
			"实现个人、家庭、社区、机构与健康养老资源的有效对接和优化配置。",
		}, []doc.Note{{Number: 5, Term: "智慧健康养老", Definition: "是指利用物联网、云计算、大数据等新一代信息技术产品，实现个人、家庭、社区、机构与健康养老资源的有效对接和优化配置。", Section: -1}}},
		{"circled numbers", []string{"①基本公共服务：是指由政府主导提供的公共服务。", "②医联体：即医疗联合体。"},
			[]doc.Note{
				{Number: 1, Term: "基本公共服务", Definition: "是指由政府主导提供的公共服务。", Section: -1},
				{Number: 2, Term: "医联体", Definition: "即医疗联合体。", Section: -1},
			}},
		{"superscript numbers", []string{"¹ 基本公共服务：是指由政府主导提供的公共服务。", "²医联体：即医疗联合体。"},
			[]doc.Note{
				{Number: 1, Term: "基本公共服务", Definition: "是指由政府主导提供的公共服务。", Section: -1},
				{Number: 2, Term: "医联体", Definition: "即医疗联合体。", Section: -1},
			}},
		{"two notes", []string{"1 医联体：即医疗联合体。", "2 托育：指为3岁以下婴幼儿提供的照护服务。"},
			[]doc.Note{
				{Number: 1, Term: "医联体", Definition: "即医疗联合体。", Section: -1},
				{Number: 2, Term: "托育", Definition: "指为3岁以下婴幼儿提供的照护服务。", Section: -1},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newNoteParser()
			for _, l := range tt.lines {
				p.footnote(l)
			}
			sameNotes(t, p.d.Notes, tt.want)
		})
	}
}

// glossaryEntry reads an entry of a 名词解释 annex, numbered by a
// superscript, a label or plain digits, and refuses lines that are not one.
func TestGlossaryEntry(t *testing.T) {
	tests := []struct {
		name string
		text string
		ok   bool
		want doc.Note
	}{
		{"superscript number", "¹基本公共服务：是指建立在一定社会共识基础上，由政府主导提供的公共服务。", true,
			doc.Note{Number: 1, Term: "基本公共服务", Definition: "是指建立在一定社会共识基础上，由政府主导提供的公共服务。", Section: -1}},
		{"two-digit superscript", "¹²婴幼儿照护：指为0—3岁婴幼儿提供的保育和看护服务。", true,
			doc.Note{Number: 12, Term: "婴幼儿照护", Definition: "指为0—3岁婴幼儿提供的保育和看护服务。", Section: -1}},
		{"1. label", "1. 医联体：即医疗联合体，是指区域内医疗资源整合形成的医疗机构联合组织。", true,
			doc.Note{Number: 1, Term: "医联体", Definition: "即医疗联合体，是指区域内医疗资源整合形成的医疗机构联合组织。", Section: -1}},
		{"2、 label", "2、“放管服”：简政放权、放管结合、优化服务的简称。", true,
			doc.Note{Number: 2, Term: "“放管服”", Definition: "简政放权、放管结合、优化服务的简称。", Section: -1}},
		{"（3） label", "（3）智慧健康养老：利用新一代信息技术实现健康养老资源有效对接。", true,
			doc.Note{Number: 3, Term: "智慧健康养老", Definition: "利用新一代信息技术实现健康养老资源有效对接。", Section: -1}},
		{"plain digits and a space", "1 普惠性幼儿园：指面向大众、收费合理、质量有保障的幼儿园。", true,
			doc.Note{Number: 1, Term: "普惠性幼儿园", Definition: "指面向大众、收费合理、质量有保障的幼儿园。", Section: -1}},
		{"space around the text", "  5. 医养结合：指医疗卫生与养老服务相结合。  ", true,
			doc.Note{Number: 5, Term: "医养结合", Definition: "指医疗卫生与养老服务相结合。", Section: -1}},
		// not entries
		{"an introduction with no number", "为便于理解，现将本规划中部分名词解释如下：", false, doc.Note{}},
		{"a numbered line with no colon", "1. 基本公共服务标准体系", false, doc.Note{}},
		{"digits and a space, no colon", "6 普惠性幼儿园", false, doc.Note{}},
		{"a term that starts with a number", "15 分钟生活圈：指在15分钟步行可达范围内配备生活所需基本服务功能的社区生活圈。", false, doc.Note{}},
		{"a year is not a number of an entry", "2025 年目标：基本公共服务标准化体系全面建立。", false, doc.Note{}},
		{"a closing remark with no number", "注：以上名词按在规划中首次出现的顺序排列。", false, doc.Note{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newNoteParser()
			ok := p.glossaryEntry(tt.text)
			if ok != tt.ok {
				t.Fatalf("glossaryEntry(%q) = %v, want %v", tt.text, ok, tt.ok)
			}
			if !ok {
				if len(p.d.Notes) != 0 {
					t.Errorf("glossaryEntry(%q) refused the line but added %+v", tt.text, p.d.Notes)
				}
				return
			}
			sameNotes(t, p.d.Notes, []doc.Note{tt.want})
		})
	}
	// plain digits number an entry where they count on from the last one
	p := newNoteParser()
	for _, e := range []string{"1 医联体：即医疗联合体。", "2 医养结合：指医疗卫生与养老服务相结合。", "3 15 分钟生活圈：指步行15分钟可达的社区生活圈。"} {
		if !p.glossaryEntry(e) {
			t.Fatalf("glossaryEntry(%q) = false, want true", e)
		}
	}
	if n := p.d.Notes[2]; n.Number != 3 || n.Term != "15 分钟生活圈" {
		t.Errorf("third entry %+v, want number 3, term 15 分钟生活圈", n)
	}
}

// noteNumber reads the number that opens a note of a 注 list.
func TestNoteNumber(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		rest string
		ok   bool
	}{
		{"①数据来源于市统计局。", 1, "数据来源于市统计局。", true},
		{"② 2025年为预期值。", 2, "2025年为预期值。", true},
		{"⑩按常住人口计算。", 10, "按常住人口计算。", true},
		{"⑳按户籍人口计算。", 20, "按户籍人口计算。", true},
		{"1. 数据来源于市统计局。", 1, "数据来源于市统计局。", true},
		{"2.按可比价格计算。", 2, "按可比价格计算。", true},
		{"3、按常住人口计算。", 3, "按常住人口计算。", true},
		{"(4)含民办养老机构床位。", 4, "含民办养老机构床位。", true},
		{"（5）含普惠性民办幼儿园。", 5, "含普惠性民办幼儿园。", true},
		{"11. 指标为约束性指标。", 11, "指标为约束性指标。", true},
		// not note numbers
		{"2025年全市常住人口达到1900万人。", 0, "", false},
		{"2.5万人次", 0, "", false},
		{"一、总体要求", 0, "", false},
		{"（一）发展目标", 0, "", false},
		{"数据来源：市统计局。", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			n, rest, ok := noteNumber(tt.s)
			if n != tt.n || rest != tt.rest || ok != tt.ok {
				t.Errorf("noteNumber(%q) = %d, %q, %v; want %d, %q, %v", tt.s, n, rest, ok, tt.n, tt.rest, tt.ok)
			}
		})
	}
}

// noteList reads the numbered notes under a figure or a table from the 注
// line on, and stops where the notes end.
func TestNoteList(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		took  int
		want  []doc.Note // Section -1: no section is open
	}{
		{"circled numbers, one a line", []string{
			"注：①数据来源于广州市统计局。",
			"②2025年目标值为预期值。",
			"二、主要任务",
		}, 2, []doc.Note{
			{Number: 1, Definition: "数据来源于广州市统计局。", Section: -1},
			{Number: 2, Definition: "2025年目标值为预期值。", Section: -1},
		}},
		{"1. numbers after 注:", []string{
			"注: 1.人均预期寿命为常住人口口径。",
			"2.婴儿死亡率为户籍人口口径。",
			"3.〔〕内为累计数。",
		}, 3, []doc.Note{
			{Number: 1, Definition: "人均预期寿命为常住人口口径。", Section: -1},
			{Number: 2, Definition: "婴儿死亡率为户籍人口口径。", Section: -1},
			{Number: 3, Definition: "〔〕内为累计数。", Section: -1},
		}},
		{"a note going on after a line break", []string{
			"注：①户籍人口城镇化率指城镇户籍人口占总人口的比重，",
			"按公安部门户籍统计口径计算。",
			"②常住人口城镇化率按统计部门口径计算。",
		}, 3, []doc.Note{
			{Number: 1, Definition: "户籍人口城镇化率指城镇户籍人口占总人口的比重，按公安部门户籍统计口径计算。", Section: -1},
			{Number: 2, Definition: "常住人口城镇化率按统计部门口径计算。", Section: -1},
		}},
		{"a sentence after a finished note is body text", []string{
			"注：①数据来源于广州市统计局。",
			"全市基本公共服务水平持续提升。",
		}, 1, []doc.Note{
			{Number: 1, Definition: "数据来源于广州市统计局。", Section: -1},
		}},
		{"a heading after an unfinished note is not its text", []string{
			"注：①2025年目标值为预期值",
			"（二）主要目标",
		}, 1, []doc.Note{
			{Number: 1, Definition: "2025年目标值为预期值", Section: -1},
		}},
		{"numbering that starts over is the body's", []string{
			"注：①数据来源于广州市统计局。",
			"②〔〕内为五年累计数。",
			"1.完善基本公共服务制度体系",
		}, 2, []doc.Note{
			{Number: 1, Definition: "数据来源于广州市统计局。", Section: -1},
			{Number: 2, Definition: "〔〕内为五年累计数。", Section: -1},
		}},
		{"a 注 with no numbered entry is one note without a number", []string{
			"注：本表数据均为预期值。",
			"二、主要任务",
		}, 1, []doc.Note{{Definition: "本表数据均为预期值。", Section: -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newNoteParser()
			if took := p.noteList(blocks(tt.lines...)); took != tt.took {
				t.Errorf("noteList read %d blocks, want %d", took, tt.took)
			}
			sameNotes(t, p.d.Notes, tt.want)
		})
	}

	// a table row after the notes ends them
	t.Run("a row of cells ends the notes", func(t *testing.T) {
		p := newNoteParser()
		bs := blocks("注：①数据来源于广州市统计局，")
		bs = append(bs, block.Block{Text: "2 人均体育场地面积 平方米", Cells: []string{"2", "人均体育场地面积", "平方米"}})
		if took := p.noteList(bs); took != 1 {
			t.Errorf("noteList read %d blocks, want 1", took)
		}
		sameNotes(t, p.d.Notes, []doc.Note{{Number: 1, Definition: "数据来源于广州市统计局，", Section: -1}})
	})
}

// takeMarkers takes superscript markers out of body text and records each
// with the phrase it follows; blockMarkers records the markers a reader found
// between printed lines.
func TestTakeMarkers(t *testing.T) {
	type m struct {
		number int
		anchor string
	}
	tests := []struct {
		name string
		in   string
		out  string
		want []m
	}{
		{"no marker", "推进基本公共服务均等化。", "推进基本公共服务均等化。", nil},
		{"after a quoted term and after a phrase",
			"加快建设“15分钟生活圈”¹，推进基本公共服务均等化²。",
			"加快建设“15分钟生活圈”，推进基本公共服务均等化。",
			[]m{{1, "“15分钟生活圈”"}, {2, "推进基本公共服务均等化"}}},
		{"a two-digit marker", "构建紧密型医联体¹²，推动优质医疗资源下沉。", "构建紧密型医联体，推动优质医疗资源下沉。",
			[]m{{12, "构建紧密型医联体"}}},
		{"a marker at the end of the text", "发展智慧健康养老³", "发展智慧健康养老", []m{{3, "发展智慧健康养老"}}},
		{"a marker after a bracket", "支持广州（片区）⁴建设，", "支持广州（片区）建设，", []m{{4, "支持广州（片区）"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newNoteParser()
			if got := p.takeMarkers(tt.in); got != tt.out {
				t.Errorf("takeMarkers(%q) = %q, want %q", tt.in, got, tt.out)
			}
			var got []m
			for _, k := range p.markers {
				if k.section != -1 || k.used {
					t.Errorf("marker %+v: want section -1 and unused", k)
				}
				got = append(got, m{k.number, k.anchor})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("markers = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("marker %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}

	t.Run("markers between printed lines", func(t *testing.T) {
		p := newNoteParser()
		text := "构建紧密型医联体，发展智慧健康养老"
		p.blockMarkers(block.Block{Text: text, Markers: []block.Marker{
			{Number: 3, At: len("构建紧密型医联体")},
			{Number: 4, At: len(text) + 10}, // past the end: the text's end
		}})
		want := []marker{{number: 3, anchor: "构建紧密型医联体", section: -1}, {number: 4, anchor: "发展智慧健康养老", section: -1}}
		if len(p.markers) != len(want) {
			t.Fatalf("markers = %+v, want %+v", p.markers, want)
		}
		for i := range want {
			if p.markers[i] != want[i] {
				t.Errorf("marker %d = %+v, want %+v", i, p.markers[i], want[i])
			}
		}
	})
}

// Whole documents: body text with note markers, and the notes that define
// them at the page foot or in a 名词解释 annex, linked to the phrase and the
// section where each marker stands.
func TestNotesEndToEnd(t *testing.T) {
	foot := func(s string) block.Block { return block.Block{Text: s, Role: block.Footnote} }

	t.Run("page-foot notes", func(t *testing.T) {
		bs := []block.Block{
			{Text: "广州市基本公共服务“十四五”规划"},
			{Text: "一、发展基础"},
			{Text: "“十三五”时期，全市基本公共服务¹体系不断健全，城市社区“15分钟生活圈”²初步形成。"},
			foot("1 基本公共服务：是指建立在一定社会共识基础上，由政府主导提供的，与经济社会发展水平和阶段相适应，旨在保障全体人民生存和发展基本需要的公共服务。"),
			foot("2 15分钟生活圈：是指在15分钟步行可达范围内，配备生活所需的基本服务功能与公共活动空间，"),
			{Text: "二、主要任务"},
			{Text: "推进优质医疗资源扩容下沉，建设紧密型医联体³。"},
			foot("形成安全、友好、舒适的社会基本生活平台。"), // note 2 going on at the next page's foot
			foot("3 医联体：即医疗联合体，是指区域内不同级别、类别医疗机构通过医疗资源整合形成的联合组织。"),
		}
		d := Parse(bs)
		sameOutline(t, d, []heading{{1, 1, "发展基础", ""}, {1, 2, "主要任务", ""}})
		wantText := []string{
			"“十三五”时期，全市基本公共服务体系不断健全，城市社区“15分钟生活圈”初步形成。",
			"推进优质医疗资源扩容下沉，建设紧密型医联体。",
		}
		for _, w := range wantText {
			if !hasParagraph(d, w) {
				t.Errorf("no paragraph %q without its markers; paragraphs: %+v", w, d.Paragraphs)
			}
		}
		sameNotes(t, d.Notes, []doc.Note{
			{Number: 1, Term: "基本公共服务", Anchor: "全市基本公共服务",
				Definition: "是指建立在一定社会共识基础上，由政府主导提供的，与经济社会发展水平和阶段相适应，旨在保障全体人民生存和发展基本需要的公共服务。", Section: 0},
			{Number: 2, Term: "15分钟生活圈", Anchor: "“15分钟生活圈”",
				Definition: "是指在15分钟步行可达范围内，配备生活所需的基本服务功能与公共活动空间，形成安全、友好、舒适的社会基本生活平台。", Section: 0},
			{Number: 3, Term: "医联体", Anchor: "建设紧密型医联体",
				Definition: "即医疗联合体，是指区域内不同级别、类别医疗机构通过医疗资源整合形成的联合组织。", Section: 1},
		})
	})

	t.Run("名词解释 annex", func(t *testing.T) {
		d := Parse(blocks(
			"某市养老服务体系建设“十四五”规划",
			"一、总体要求",
			"到2025年，“一老一小”¹服务体系更加健全。",
			"二、主要任务",
			"深化“放管服”²改革，推进医养结合³，发展智慧健康养老⁴。",
			"附件",
			"名词解释",
			"¹“一老一小”：指老年人和婴幼儿两个群体。",
			"²“放管服”：简政放权、放管结合、优化服务的简称。",
			"³医养结合：指医疗卫生资源与养老服务相结合，为老年人提供医疗、康复、照护等服务。",
			"⁴智慧健康养老：是指利用物联网、云计算、大数据、智能硬件等新一代信息技术产品，实现个人、家庭、社区、机构与健康养老资源的有效对接和优化配置。",
		))
		sameOutline(t, d, []heading{{1, 1, "总体要求", ""}, {1, 2, "主要任务", ""}, {1, 0, "名词解释", ""}})
		if !hasParagraph(d, "深化“放管服”改革，推进医养结合，发展智慧健康养老。") {
			t.Errorf("body paragraph with its markers removed not found: %+v", d.Paragraphs)
		}
		for _, p := range d.Paragraphs {
			if strings.Contains(p.Text, "简政放权") {
				t.Errorf("glossary entry stored as a paragraph: %q", p.Text)
			}
		}
		sameNotes(t, d.Notes, []doc.Note{
			{Number: 1, Term: "“一老一小”", Anchor: "“一老一小”", Definition: "指老年人和婴幼儿两个群体。", Section: 0},
			{Number: 2, Term: "“放管服”", Anchor: "“放管服”", Definition: "简政放权、放管结合、优化服务的简称。", Section: 1},
			{Number: 3, Term: "医养结合", Anchor: "推进医养结合", Definition: "指医疗卫生资源与养老服务相结合，为老年人提供医疗、康复、照护等服务。", Section: 1},
			{Number: 4, Term: "智慧健康养老", Anchor: "发展智慧健康养老",
				Definition: "是指利用物联网、云计算、大数据、智能硬件等新一代信息技术产品，实现个人、家庭、社区、机构与健康养老资源的有效对接和优化配置。", Section: 1},
		})
	})

	// a 名词解释 chapter of the outline, its entries numbered 1. (not
	// headings of the chapter: each defines a term)
	t.Run("名词解释 chapter with numbered entries", func(t *testing.T) {
		d := Parse(blocks(
			"一、主要任务",
			"全面推进紧密型城市医疗集团和县域医共体¹建设，完善家庭医生签约服务²。",
			"二、名词解释",
			"1. 县域医共体：即县域医疗卫生共同体，是以县级医院为龙头、乡镇卫生院为枢纽、村卫生室为基础的县乡一体化管理组织。",
			"2. 家庭医生签约服务：指以家庭医生团队为核心，与居民签订服务协议，提供基本医疗、公共卫生和约定的健康管理服务。",
		))
		sameOutline(t, d, []heading{{1, 1, "主要任务", ""}, {1, 2, "名词解释", ""}})
		sameNotes(t, d.Notes, []doc.Note{
			{Number: 1, Term: "县域医共体", Anchor: "全面推进紧密型城市医疗集团和县域医共体",
				Definition: "即县域医疗卫生共同体，是以县级医院为龙头、乡镇卫生院为枢纽、村卫生室为基础的县乡一体化管理组织。", Section: 0},
			{Number: 2, Term: "家庭医生签约服务", Anchor: "完善家庭医生签约服务",
				Definition: "指以家庭医生团队为核心，与居民签订服务协议，提供基本医疗、公共卫生和约定的健康管理服务。", Section: 0},
		})
	})

	t.Run("注 list under a table", func(t *testing.T) {
		d := Parse(blocks(
			"一、发展目标",
			"到2025年，基本公共服务均等化水平明显提高。",
			"注：①人均预期寿命按常住人口计算。",
			"②〔〕内为五年累计数。",
			"二、主要任务",
			"完善基本公共服务制度体系。",
		))
		sameOutline(t, d, []heading{{1, 1, "发展目标", ""}, {1, 2, "主要任务", ""}})
		sameNotes(t, d.Notes, []doc.Note{
			{Number: 1, Definition: "人均预期寿命按常住人口计算。", Section: 0},
			{Number: 2, Definition: "〔〕内为五年累计数。", Section: 0},
		})
		for _, p := range d.Paragraphs {
			if strings.Contains(p.Text, "常住人口计算") || strings.Contains(p.Text, "累计数") {
				t.Errorf("a note stored as a paragraph: %q", p.Text)
			}
		}
	})
}

func hasParagraph(d *doc.Document, text string) bool {
	for _, p := range d.Paragraphs {
		if p.Text == text {
			return true
		}
	}
	return false
}

func sameNotes(t *testing.T, got, want []doc.Note) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d notes, want %d:\n got %+v\nwant %+v", len(got), len(want), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("note %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// Notes printed after the text (a web page's or a Word file's footnotes)
// are notes where the body carried their markers, linked to them; a line
// that opens with a superscript the body never carried stays text.
func TestEndnotes(t *testing.T) {
	d := Parse(blocks(
		"江门市公共服务“十四五”规划",
		"第一章 基础环境",
		"进一步完善特殊群体儿童¹参加基本医疗保险的政策。",
		"第二章 保障措施",
		"推进高职本科联合举办“3+3”专业²。",
		"¹ 包括最低生活保障家庭儿童、特困供养儿童和孤儿。",
		"² 高职本科联合举办“3+3”专业是指学制为三年高职，三年本科的专业。",
		"³ 此行不是注释。",
	))
	if len(d.Notes) != 2 || d.Notes[0].Number != 1 || d.Notes[0].Section != 0 || d.Notes[0].Definition != "包括最低生活保障家庭儿童、特困供养儿童和孤儿。" ||
		d.Notes[1].Number != 2 || d.Notes[1].Section != 1 || d.Notes[1].Definition != "高职本科联合举办“3+3”专业是指学制为三年高职，三年本科的专业。" {
		t.Errorf("notes %+v", d.Notes)
	}
	kept := false
	for _, p := range d.Paragraphs {
		kept = kept || strings.HasSuffix(p.Text, "此行不是注释。")
	}
	if !kept {
		t.Errorf("a line with a superscript the body never carried is not kept as text")
	}
}
