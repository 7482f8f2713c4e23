package structure

import (
	"strings"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// tableLabelWidth is the longest a line that opens a table can be, in em:
// 表 and its number and title, which can fill two lines of a page; longer,
// it is a sentence that names a table.
const tableLabelWidth = 60

// tableLabelParser reads a labelled table: the label block, its rows (cells
// of a tab-separated text, or printed lines), then the 注 lines under it.
var tableLabelParser = blockParser{
	name: "table label",
	trigger: func(in input) bool {
		return in.label.Kind == label.Table && in.block().Cells == nil && block.Width(in.text) < tableLabelWidth && !strings.Contains(in.label.Rest, "。")
	},
	parse: func(p *parser, in input) int {
		t := doc.Table{Section: p.section(), Label: in.label.Tag, Title: strings.TrimSpace(in.label.Rest)}
		rest := in.rest()[1:]
		if wrappedTitle(rest) {
			// a long caption set in large type wraps: its end stands on
			// the next line, right above the table
			t.Title += strings.TrimSpace(rest[0].Text)
			return 2 + p.readTable(rest[1:], t)
		}
		return 1 + p.readTable(rest, t)
	},
}

// wrappedTitle reports whether bs[0] is the end of a table's caption that
// wrapped onto a second line: a short piece of text, no sentence and no
// label, with the table's rows right under it.
func wrappedTitle(bs []block.Block) bool {
	if len(bs) < 2 || bs[0].Cells != nil || bs[0].Role == block.TableLine {
		return false
	}
	t := strings.TrimSpace(bs[0].Text)
	if t == "" || block.Width(t) > wrapTailWidth || strings.ContainsAny(t, "。；：:，") || label.Parse(t).Kind != label.None || isHeaderWord(squash(t)) ||
		headerRun(bs) >= minHeaderRun || headerLines(bs) {
		return false // the header's first word (序 / 号 …) opens the table
	}
	next := bs[1]
	return next.Cells != nil || next.Role == block.TableLine || headerRun(bs[1:]) >= minHeaderRun || headerLines(bs[1:])
}

// wrapTailWidth is the widest the wrapped end of a caption is, in em: the
// rest of a title that overran one line by a few words.
const wrapTailWidth = 15

// minHeaderRun is how many header words printed one per line start a
// table: a name column, a value column and one more (序号, 单位, 属性).
const minHeaderRun = 3

// headerRunParser reads an unlabelled indicator table printed one cell
// per line.
var headerRunParser = blockParser{
	name:    "header run",
	trigger: func(in input) bool { return in.block().Cells == nil },
	parse: func(p *parser, in input) int {
		if headerRun(in.rest()) < minHeaderRun {
			return 0
		}
		return p.captioned(in, in.rest())
	},
}

// rowParser reads a block of table cells: an indicator table with no 表
// label, a grid printed without a label, or else a row outside a table,
// whose text is a paragraph.
var rowParser = blockParser{
	name:    "row",
	trigger: func(in input) bool { return in.block().Cells != nil },
	parse: func(p *parser, in input) int {
		b := in.block()
		if _, ok := findColumns(b.Cells); ok {
			// an indicator table that fills a box takes the box's label
			if prev, ok := in.prev(); ok && prev.Role == block.Box && len(p.d.Boxes) > 0 {
				return p.readTable(in.rest(), doc.Table{Section: p.section(), Label: p.boxTag, Title: p.d.Boxes[len(p.d.Boxes)-1].Title})
			}
			return p.captioned(in, in.rest())
		}
		if gridRun(in.rest()) >= 2 {
			// a grid printed without a label: a table (GOLD.md), titled
			// by the caption printed with it
			return p.captioned(in, in.rest())
		}
		p.paragraph(b, block.RowText(b.Cells))
		return 1
	},
}

// captioned reads an unlabelled table from bs[0] on, bs starting at in,
// and titles it with the caption printed above it. It returns how many
// blocks it read.
func (p *parser) captioned(in input, bs []block.Block) int {
	n := p.readTable(bs, doc.Table{Section: p.section()})
	if n > 0 {
		p.d.Tables[len(p.d.Tables)-1].Title = p.caption(in)
	}
	return n
}

// readTable reads a table's rows and notes from bs[0] on and returns how
// many blocks it read. A table that reads no block is kept only where a
// label (表1) says a table stood there: its doubt says that its rows were
// not read.
func (p *parser) readTable(bs []block.Block, t doc.Table) int {
	var lines []tableLine
	inNotes := false
	noteFrom := -1 // the first 注 block: its entries are the document's notes too
	// A table printed as plain lines (one cell per line, as a scraped page
	// prints it, or cells separated by spaces) starts with its header words.
	oneCell := headerRun(bs) >= minHeaderRun || headerLines(bs)
	i := 0
	for ; i < len(bs); i++ {
		b := bs[i]
		text := strings.TrimSpace(b.Text)
		if isNoteStart(text) {
			if n, _ := circled(afterNote(text)); !inNotes && n > 0 {
				noteFrom = i // footnotes to markers in the table
			}
			inNotes = true
			t.Notes = append(t.Notes, noteText(afterNote(text)))
			continue
		}
		if inNotes {
			if n, rest, ok := noteNumber(text); ok && n == len(t.Notes)+1 && b.Cells == nil {
				t.Notes = append(t.Notes, rest)
				continue
			}
			if b.Role == block.TableLine && len(t.Notes) > 0 {
				t.Notes[len(t.Notes)-1] += text
				continue
			}
			break
		}
		if b.Cells != nil {
			// a header repeated on a new page is not a row
			if !ruleRow(b.Cells) && !(len(t.Rows) > 0 && sameRow(t.Rows[0], b.Cells)) {
				t.Rows = append(t.Rows, b.Cells)
			}
			continue
		}
		if b.Role == block.TableLine || oneCell && b.Role == block.Body && cellLike(bs[i:], text) {
			lines = append(lines, tableLine{text: text, width: block.Width(squash(text))})
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
	if i == 0 && t.Label == "" {
		return 0 // nothing here is a table, and no label says one was meant
	}
	p.d.Tables = append(p.d.Tables, t)
	if noteFrom >= 0 {
		p.noteList(bs[noteFrom:]) // the blocks after i are read again, as body
	}
	return i
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

// headerRun counts the blocks from bs[0] on that are table header words printed
// one per line (序号 / 指标 / 单位 / 2020年 / 2025年 / 属性). A run of three
// or more that names an indicator and a value column starts a table.
func headerRun(bs []block.Block) int {
	var words []string
	for j := 0; j < len(bs) && j < maxHeaderRun; j++ {
		b := bs[j]
		// a paragraph is no header cell: it is told by its length before
		// its spaces are squashed (the parser asks this of every block)
		if b.Cells != nil || b.Role != block.Body || len(b.Text) > maxHeaderCellBytes {
			break
		}
		t := squash(b.Text)
		if utf8.RuneCountInString(t) > maxHeaderCellChars || !isHeaderWord(t) {
			break
		}
		words = append(words, t)
	}
	if _, ok := findColumns(words); !ok {
		return 0
	}
	return len(words)
}

// maxHeaderRun is the most header words a table printed one cell per
// line has: a header names each column once (序号, 类别, 指标, 单位, a value
// column for each year, 属性), twenty being far more than plans print.
const maxHeaderRun = 20

// maxHeaderCellChars is the most characters a header cell printed on a
// line of its own holds: a cell names a column in a few words (指标属性,
// 2025年目标值（累计）); a longer line is prose. maxHeaderCellBytes bounds
// the line before its spaces are squashed (CJK characters take three
// bytes, and a cell may be spaced out: 序  号).
const (
	maxHeaderCellChars = 24
	maxHeaderCellBytes = 8 * maxHeaderCellChars
)

// maxHeaderLines is the most lines a table header printed as text lines
// spans: a header wraps a long column name over two or three lines, and a
// page may split 序 / 号 and 2020 / 年.
const maxHeaderLines = 8

// headerLines reports whether the blocks from bs[0] on start with a table
// header printed as text lines (序号 主要指标 单位 2020 年 …).
func headerLines(bs []block.Block) bool {
	var lines []tableLine
	for j := 0; j < len(bs) && j < maxHeaderLines; j++ {
		b := bs[j]
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

// cellLike reports whether the block bs[0], with text s, can be one cell
// of a table printed one cell per line: short, not several sentences, not a
// heading of the outline. A line such as 三、主要任务 is a category row when
// table rows follow it (an attribute or a 序号 soon after), and the next
// heading when prose follows.
func cellLike(bs []block.Block, s string) bool {
	// a whole row printed on one line, as layout text prints it: cells
	// set apart by a column gap, the attribute last (a numbered name such
	// as 1.国内生产总值增长 opens it, and it is no list item)
	if f := fields(s); len(f) > 2 && isAttribute(f[len(f)-1]) && strings.Contains(s, "  ") {
		return true
	}
	if block.Width(s) > cellWidth {
		return false
	}
	if i := strings.Index(s, "。"); i >= 0 && i+len("。") < len(s) {
		return false
	}
	lb := label.Parse(s)
	if block.AloneKind(lb.Kind) {
		return false
	}
	switch lb.Kind {
	case label.ParenArabic:
		return false
	case label.Arabic:
		return !strings.Contains(lb.Text, ".") && !strings.Contains(lb.Text, "．")
	case label.Han, label.ParenHan:
		for j := 1; j < len(bs) && j <= categoryRowReach; j++ {
			t := squash(bs[j].Text)
			f := fields(bs[j].Text)
			if isAttribute(t) || isSeq(t) || len(f) > 1 && (isSeq(f[0]) || isAttribute(f[len(f)-1])) {
				return true
			}
			if block.Width(t) > cellWidth || strings.Contains(t, "。") {
				return false
			}
		}
		return false
	}
	return true
}

// cellWidth is the longest a cell printed on a line of its own can be, in
// em: an indicator's name, wrapped in its column, is shorter than a line of
// a page.
const cellWidth = 40

// categoryRowReach is how many blocks after a numbered line (三、主要任务)
// the next row of a table printed one cell per line shows itself, by an
// attribute or a 序号: a row has at most a 序号, a name, a unit, a few
// values and an attribute.
const categoryRowReach = 6

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

// looseTableParser reads table lines that no 表 label introduced (a table
// drawn without rules in a PDF): an indicator table when they open with a
// header, else plain paragraphs.
var looseTableParser = blockParser{
	name:    "loose table",
	trigger: func(in input) bool { return in.block().Role == block.TableLine },
	parse: func(p *parser, in input) int {
		rest := in.rest()
		var lines []tableLine
		for _, b := range rest {
			if b.Role != block.TableLine {
				break
			}
			lines = append(lines, tableLine{text: b.Text, width: block.Width(b.Text)})
		}
		if header, n := splitHeader(lines); n > 0 && len(header) >= minHeaderRun {
			if _, ok := findColumns(header); ok {
				return p.captioned(in, rest)
			}
		}
		for _, b := range rest[:len(lines)] {
			p.paragraph(b, b.Text)
		}
		return len(lines)
	},
}

// gridRun counts the rows of cells from bs[0] on that make a grid: two
// columns or more. (A grid whose cells the reader could not fill is still
// a table: the doubt checks say that its cells are empty.)
func gridRun(bs []block.Block) int {
	n := 0
	for n < len(bs) && len(bs[n].Cells) >= 2 {
		n++
	}
	return n
}

// captionWidth is the longest a caption line printed above a table can be,
// in em: a title, not a sentence.
const captionWidth = 40

// caption is the title printed with an unlabelled table that starts at in
// (an indicator table, a grid):
// the annex title where the table opens an annex, else a short line just
// above it that is no sentence and no heading. That line was stored as a
// paragraph when it was read; caption takes it back.
func (p *parser) caption(in input) string {
	if s := p.section(); s >= 0 && !p.bodySince && p.d.Sections[s].Kind == label.Annex.String() {
		return p.d.Sections[s].Title
	}
	prev, ok := in.prev()
	if !ok {
		return ""
	}
	t := strings.TrimSpace(prev.Text)
	if prev.Cells != nil || t == "" || block.Width(t) > captionWidth || strings.ContainsAny(t, "。；：:") || label.Parse(t).Kind != label.None {
		return ""
	}
	if n := len(p.d.Paragraphs); n > 0 && p.d.Paragraphs[n-1].Text == t {
		p.d.Paragraphs = p.d.Paragraphs[:n-1]
	}
	return t
}
