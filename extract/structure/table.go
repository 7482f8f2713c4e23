package structure

import (
	"strings"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// table reads a labelled table: the label block, its rows (cells of a
// tab-separated text, or printed lines), then the 注 lines under it.
func (p *parser) table(lb label.Label) {
	p.i++
	p.readTable(doc.Table{Section: p.cur, Label: lb.Tag, Title: strings.TrimSpace(lb.Rest)})
}

// readTable reads a table's rows and notes from the current block on.
func (p *parser) readTable(t doc.Table) {
	var lines []tableLine
	inNotes := false
	noteFrom := -1 // the first 注 block: its entries are the document's notes too
	// A table printed as plain lines (one cell per line, as a scraped page
	// prints it, or cells separated by spaces) starts with its header words.
	oneCell := p.headerRun(p.i) >= 3 || p.headerLines(p.i)
	for p.i < len(p.blocks) {
		b := p.blocks[p.i]
		text := strings.TrimSpace(b.Text)
		if isNoteStart(text) {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[strings.Index(text, "注")+len("注"):], "：: ")); !inNotes && r >= '①' && r <= '⑳' {
				noteFrom = p.i // footnotes to markers in the table
			}
			inNotes = true
			t.Notes = append(t.Notes, noteText(strings.TrimLeft(text[strings.Index(text, "注")+len("注"):], "：: ")))
			p.i++
			continue
		}
		if inNotes {
			if n, rest, ok := noteNumber(text); ok && n == len(t.Notes)+1 && b.Cells == nil {
				t.Notes = append(t.Notes, rest)
				p.i++
				continue
			}
			if b.Role == block.TableLine && len(t.Notes) > 0 {
				t.Notes[len(t.Notes)-1] += text
				p.i++
				continue
			}
			break
		}
		if b.Cells != nil {
			// a header repeated on a new page is not a row
			if !ruleRow(b.Cells) && !(len(t.Rows) > 0 && sameRow(t.Rows[0], b.Cells)) {
				t.Rows = append(t.Rows, b.Cells)
			}
			p.i++
			continue
		}
		if b.Role == block.TableLine || oneCell && b.Role == block.Body && p.cellLike(text) {
			lines = append(lines, tableLine{text: text, width: block.Width(squash(text))})
			p.i++
			continue
		}
		break
	}
	if len(t.Rows) == 0 && len(lines) > 0 {
		header, n := splitHeader(lines)
		if len(header) > 1 {
			t.Rows = append([][]string{header}, rebuildRows(header, lines[n:])...)
		}
	}
	t.Indicators = indicators(&t, p.d.Meta.PeriodStart, p.d.Meta.PeriodEnd)
	p.d.Tables = append(p.d.Tables, t)
	if noteFrom >= 0 {
		end := p.i
		p.i = noteFrom
		p.noteList()
		p.i = end
	}
}

func isNoteStart(s string) bool {
	return strings.HasPrefix(s, "注：") || strings.HasPrefix(s, "注:") || strings.HasPrefix(s, "注 ")
}

// noteText removes a note's own number (1. or 1、) from its text.
func noteText(s string) string {
	s = strings.TrimSpace(s)
	if _, rest, ok := noteNumber(s); ok {
		return rest
	}
	return s
}

// headerRun counts the blocks from i on that are table header words printed
// one per line (序号 / 指标 / 单位 / 2020年 / 2025年 / 属性). A run of three
// or more that names an indicator and a value column starts a table.
func (p *parser) headerRun(i int) int {
	var words []string
	for j := i; j < len(p.blocks) && j < i+20; j++ {
		b := p.blocks[j]
		t := squash(b.Text)
		if b.Cells != nil || b.Role != block.Body || !isHeaderWord(t) {
			break
		}
		words = append(words, t)
	}
	if _, ok := findColumns(words); !ok {
		return 0
	}
	return len(words)
}

// headerLines reports whether the blocks from i on start with a table
// header printed as text lines (序号 主要指标 单位 2020 年 …).
func (p *parser) headerLines(i int) bool {
	var lines []tableLine
	for j := i; j < len(p.blocks) && j < i+8; j++ {
		b := p.blocks[j]
		if b.Cells != nil || b.Role != block.Body {
			break
		}
		lines = append(lines, tableLine{text: b.Text, width: block.Width(b.Text)})
	}
	header, n := splitHeader(lines)
	if n == 0 || len(header) < 3 {
		return false
	}
	_, ok := findColumns(header)
	return ok || header[0] == "序号"
}

// cellLike reports whether the block at p.i, with text s, can be one cell
// of a table printed one cell per line: short, not several sentences, not a
// heading of the outline. A line such as 三、主要任务 is a category row when
// table rows follow it (an attribute or a 序号 soon after), and the next
// heading when prose follows.
func (p *parser) cellLike(s string) bool {
	if block.Width(s) > 40 {
		return false
	}
	if i := strings.Index(s, "。"); i >= 0 && i+len("。") < len(s) {
		return false
	}
	lb := label.Parse(s)
	switch lb.Kind {
	case label.Part, label.Chapter, label.Section, label.Box, label.Table, label.Annex, label.ParenArabic:
		return false
	case label.Arabic:
		return !strings.Contains(lb.Text, ".") && !strings.Contains(lb.Text, "．")
	case label.Han, label.ParenHan:
		for j := p.i + 1; j < len(p.blocks) && j <= p.i+6; j++ {
			t := squash(p.blocks[j].Text)
			f := fields(p.blocks[j].Text)
			if isAttribute(t) || isSeq(t) || len(f) > 1 && (isSeq(f[0]) || isAttribute(f[len(f)-1])) {
				return true
			}
			if block.Width(t) > 40 || strings.Contains(t, "。") {
				return false
			}
		}
		return false
	}
	return true
}

// ruleRow reports whether a row is a ruling line (---- | ----), not data.
func ruleRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-—=| ") != "" {
			return false
		}
	}
	return true
}

func sameRow(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if squash(a[i]) != squash(b[i]) {
			return false
		}
	}
	return true
}

// looseTable reads table lines that no 表 label introduced (a table drawn
// without rules in a PDF): an indicator table when they open with a header,
// else plain paragraphs.
func (p *parser) looseTable() {
	var lines []tableLine
	for j := p.i; j < len(p.blocks) && p.blocks[j].Role == block.TableLine; j++ {
		lines = append(lines, tableLine{text: p.blocks[j].Text, width: block.Width(p.blocks[j].Text)})
	}
	if header, n := splitHeader(lines); n > 0 && len(header) >= 3 {
		if _, ok := findColumns(header); ok {
			p.readTable(doc.Table{Section: p.cur})
			return
		}
	}
	for range lines {
		b := p.blocks[p.i]
		p.paragraph(b, b.Text)
		p.i++
	}
}

// gridRun counts the rows of cells from block i on that make a grid: two
// columns or more. (A grid whose cells the reader could not fill is still
// a table: the doubt checks say that its cells are empty.)
func (p *parser) gridRun(i int) int {
	n := 0
	for j := i; j < len(p.blocks) && p.blocks[j].Cells != nil && len(p.blocks[j].Cells) >= 2; j++ {
		n++
	}
	return n
}

// captionWidth is the longest a caption line printed above a table can be,
// in em: a title, not a sentence.
const captionWidth = 40

// caption is the title printed with an unlabelled table that starts at the
// current block: the annex title where the table opens an annex, else a
// short line just above it that is no sentence and no heading.
func (p *parser) caption() string {
	if p.cur >= 0 && p.lastHeading == p.cur && !p.bodySince && p.d.Sections[p.cur].Kind == label.Annex.String() {
		return p.d.Sections[p.cur].Title
	}
	if p.i == 0 {
		return ""
	}
	prev := p.blocks[p.i-1]
	t := strings.TrimSpace(prev.Text)
	if prev.Cells != nil || t == "" || block.Width(t) > captionWidth || strings.ContainsAny(t, "。；：:") || label.Parse(t).Kind != label.None {
		return ""
	}
	// the line was stored as a paragraph when it was read: it is the
	// table's caption, not text of its own
	if n := len(p.d.Paragraphs); n > 0 && p.d.Paragraphs[n-1].Text == t {
		p.d.Paragraphs = p.d.Paragraphs[:n-1]
		if p.cur >= 0 {
			if k := len(p.prose[p.cur]); k > 0 {
				p.prose[p.cur] = p.prose[p.cur][:k-1]
			}
		}
	}
	return t
}
