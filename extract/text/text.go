// Package text reads plain-text plan documents into blocks.
//
// Plain text comes in two shapes, and Read tells them apart by the lengths of
// the lines:
//
//   - one paragraph per line, as copied from a web page (tables as
//     tab-separated rows, superscript note markers such as ¹²);
//   - hard-wrapped lines, as extracted from a PDF: every printed line is a
//     line of text, often with a blank line after each, page numbers on lines
//     of their own, and a leading space on the first line of a page.
//
// Hard-wrapped text is reflowed: a paragraph's first line is indented, so it
// is shorter than a full line, and its last line is short. Lines printed in a
// smaller font (box contents, page-foot notes) hold more characters than a
// body line, which is how they are told from the body.
package text

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/doc"
	"planx/extract/label"
)

// Reader reads plain-text files (block.Reader): it decodes them (the
// encoding is guessed from the bytes) and splits the text into blocks.
type Reader struct{}

// Read decodes data and reads its text.
func (Reader) Read(_ context.Context, data []byte) (*block.Layout, error) {
	dec, err := decode.Decode(data)
	if err != nil {
		return nil, err
	}
	l := &block.Layout{Format: decode.Text, Encoding: dec.Encoding}
	l.Warn(dec.Warnings)
	if strings.TrimSpace(dec.Text) == "" {
		return nil, block.ErrEmpty
	}
	var diags []doc.Diagnostic
	l.Blocks, diags = ReadReport(dec.Text)
	l.Diagnostics = append(l.Diagnostics, diags...)
	return l, nil
}

// Read splits decoded text into blocks.
func Read(s string) []block.Block {
	b, _ := ReadReport(s)
	return b
}

// MaxLine is the longest line, in bytes, that Read takes as one line: 16 KB,
// about 5,400 Chinese characters, longer than any paragraph of a plan. A
// longer line is a whole document saved without line ends, or not prose at
// all; it is cut into lines of at most MaxLine bytes, each after the last
// sentence end (。！？；) within the limit where there is one, so that
// everything after Read (reflow, the parser, the search index) works on
// lines of bounded length and a file of any size costs time in proportion
// to its size.
const MaxLine = 16 << 10

// ReadReport is Read, and also says what it had to repair: lines longer than
// MaxLine cut (kind long_line).
func ReadReport(s string) ([]block.Block, []doc.Diagnostic) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\f", "\n")
	raw := strings.Split(s, "\n")
	var diags []doc.Diagnostic
	if anyLonger(raw, MaxLine) {
		var cut, longest int
		raw, cut, longest = splitLong(raw, MaxLine)
		diags = append(diags, doc.Diagnostic{Kind: "long_line",
			Message: fmt.Sprintf("%d lines longer than %d KB (the longest %d KB) cut at sentence ends into shorter lines", cut, MaxLine>>10, longest>>10)})
	}
	if w, ok := wrapWidth(raw); ok {
		return reflow(raw, w), diags
	}
	return byLine(raw), diags
}

func anyLonger(raw []string, max int) bool {
	for _, l := range raw {
		if len(l) > max {
			return true
		}
	}
	return false
}

// splitLong cuts every line longer than max bytes into lines of at most max
// bytes, after the last sentence end in each piece where there is one, else
// at a character boundary. It returns the lines, how many were cut and the
// length of the longest.
func splitLong(raw []string, max int) (out []string, cut, longest int) {
	out = make([]string, 0, len(raw))
	for _, l := range raw {
		if len(l) <= max {
			out = append(out, l)
			continue
		}
		cut++
		longest = maxInt(longest, len(l))
		for len(l) > max {
			i := max
			for i > 0 && !utf8.RuneStart(l[i]) {
				i--
			}
			if j := lastSentenceEnd(l[:i]); j > max/2 {
				i = j
			}
			if i == 0 { // no character boundary: not text; cut anyway
				i = max
			}
			out = append(out, l[:i])
			l = l[i:]
		}
		out = append(out, l)
	}
	return out, cut, longest
}

// lastSentenceEnd returns the index just after the last 。！？； in s, or -1.
func lastSentenceEnd(s string) int {
	best := -1
	for _, p := range []string{"。", "！", "？", "；"} {
		if i := strings.LastIndex(s, p); i >= 0 && i+len(p) > best {
			best = i + len(p)
		}
	}
	return best
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// How wrapWidth tells hard-wrapped text, in em (block.Width) and in lines.
const (
	// minCounted is the narrowest line, in em, that says anything about
	// the wrap: shorter ones are headings, page numbers, table cells and
	// the last lines of paragraphs.
	minCounted = 8
	// minWrap and maxWrap bound the width of a full body line, in em: a
	// printed page holds 12 to 80 characters a line (a narrow column, a
	// landscape page in small type); a paragraph per line runs longer.
	minWrap, maxWrap = 12, 80
	// minWrapLines is the fewest lines in which a common width is a wrap
	// and not chance.
	minWrapLines = 20
	// wrapPercent is the share of lines, in per cent, within an em of the
	// commonest width that makes text hard-wrapped: the full lines of the
	// body, where the rest are headings and the last lines of paragraphs.
	wrapPercent = 30
)

// wrapWidth decides whether the text is hard-wrapped and returns the width of
// a full body line. Hard-wrapped text has many lines of one width; text with
// a paragraph per line has lines of every length.
func wrapWidth(raw []string) (float64, bool) {
	count := map[int]int{}
	n := 0
	for _, l := range raw {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		w := block.Width(t)
		if w >= minCounted {
			count[int(w+0.5)]++
		}
	}
	best, bestN := 0, 0
	for w, c := range count {
		if c > bestN || c == bestN && w > best {
			best, bestN = w, c
		}
	}
	if n < minWrapLines || best < minWrap || best > maxWrap {
		return 0, false
	}
	near := count[best-1] + bestN + count[best+1]
	return float64(best), near*100 >= n*wrapPercent
}

// byLine reads text with one paragraph per line, a block a line. (A line
// that a page break cut in two is joined with the next by normalize.)
func byLine(raw []string) []block.Block {
	var out []block.Block
	for _, l := range raw {
		if strings.TrimSpace(l) == "" {
			continue
		}
		t := strings.TrimRight(l, " \u3000")
		if cells, ok := markdownRow(t); ok {
			if cells != nil {
				out = append(out, block.Block{Text: block.RowText(cells), Cells: cells})
			}
			continue
		}
		if !strings.Contains(t, "\t") {
			t = markdownPlain(t)
		}
		if strings.Contains(t, "\t") {
			cells := strings.Split(t, "\t")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			out = append(out, block.Block{Text: block.RowText(cells), Cells: cells})
			continue
		}
		out = append(out, block.Block{Text: strings.TrimSpace(t)})
	}
	return out
}

// markdownRow reads a Markdown table row (| a | b |). It returns ok for
// any table line, and nil cells for the |---|---| rule under a header.
func markdownRow(t string) ([]string, bool) {
	t = strings.TrimSpace(t)
	if len(t) < 3 || t[0] != '|' || t[len(t)-1] != '|' {
		return nil, false
	}
	cells := strings.Split(t[1:len(t)-1], "|")
	rule := true
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
		if strings.Trim(cells[i], "-: ") != "" {
			rule = false
		}
	}
	if rule {
		return nil, true
	}
	return cells, true
}

// markdownPlain removes the Markdown that a web page export puts around
// headings and whole-line emphasis (## 第一章, **一、总体要求**, > quote).
func markdownPlain(t string) string {
	s := strings.TrimSpace(t)
	if strings.HasPrefix(s, "#") {
		s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "> "))
	if strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") && strings.Count(s, "**") == 2 {
		s = strings.TrimSpace(s[2 : len(s)-2])
	}
	return s
}

// line is one printed line of hard-wrapped text.
type line struct {
	text    string
	width   float64
	page    int
	newPage bool // the first line of a page
	blank   bool // a blank line stood before it
}

// Widths of printed lines in hard-wrapped text, in em (block.Width),
// measured against w, the width of a full body line: a paragraph's
// indent, its short last line, and the smaller type of boxes and notes all
// show as how much shorter or wider a line is than a full one.
const (
	// indent is a paragraph's first-line indent: two characters.
	indent = 2
	// shortLine is how much shorter than its measure a line is that ends
	// a paragraph: a full line falls short by less, for justification
	// and for punctuation that may not begin the next line.
	shortLine = 1.6
	// indentMin and indentMax bound how much shorter than a full line a
	// paragraph's indented first line is: two characters, give or take
	// justification.
	indentMin, indentMax = 1.4, 3.6
	// clearlyShorter is how much shorter than its neighbour a line is
	// that ends a paragraph of box or note text, whose measure is not
	// known; and how much shorter than a full line a box's label line is.
	clearlyShorter = 3
	// tableShort is how much shorter than a full line a line is that
	// ends the notes under a table: a short line of prose.
	tableShort = 4
	// smallType is how much wider than a full line a page-foot note's
	// first line is (notes are set in smaller type, a few characters more
	// to the line), noteLine how much wider its further lines are.
	smallType, noteLine = 4, 2
	// boxLine is how much wider than a full line box text is, set in
	// smaller type; boxItem the least for a numbered box item after a
	// page break or a note.
	boxLine, boxItem = 1, 0.5
)

// reflow reads hard-wrapped text whose full body line is w em wide.
func reflow(raw []string, w float64) []block.Block {
	lines := scanLines(raw)
	r := &reflower{w: w}
	for i := range lines {
		var next *line
		if i+1 < len(lines) {
			next = &lines[i+1]
		}
		r.add(&lines[i], next)
	}
	r.flushAll()
	return r.out
}

// scanLines drops blank lines and page numbers and marks where pages begin.
func scanLines(raw []string) []line {
	var out []line
	page := 1
	blanks := 0
	newPage := false
	for i, l := range raw {
		t := strings.TrimSpace(l)
		if t == "" {
			blanks++
			continue
		}
		lead := l != "" && (l[0] == ' ' || strings.HasPrefix(l, "\u3000") || l[0] == '\t')
		if block.IsPageNumber(t) && (blanks >= 2 || nextLeads(raw, i)) {
			page++
			newPage = true
			blanks = 0
			continue
		}
		if lead && !newPage && len(out) > 0 {
			page++
			newPage = true
		}
		out = append(out, line{text: t, width: block.Width(t), page: page, newPage: newPage, blank: blanks > 0})
		newPage = false
		blanks = 0
	}
	return out
}

// nextLeads reports whether the next non-blank line after raw[i] begins
// with white space, the mark of a new page in extracted text.
func nextLeads(raw []string, i int) bool {
	for _, l := range raw[i+1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		return l[0] == ' ' || l[0] == '\t' || strings.HasPrefix(l, "\u3000")
	}
	return false
}

// isDigits reports whether t is a number of at most three digits: a page
// number or a note marker on a line of its own.
func isDigits(t string) bool {
	return len(t) <= 3 && block.IsDigits(t)
}

// para is a paragraph being assembled from printed lines.
type para struct {
	lines   []*line
	text    strings.Builder
	markers []block.Marker
	role    block.Role
	wide    bool
}

func (p *para) empty() bool { return len(p.lines) == 0 }

func (p *para) last() *line { return p.lines[len(p.lines)-1] }

func (p *para) add(l *line) {
	p.lines = append(p.lines, l)
	p.text.WriteString(block.Glue(p.text.String(), l.text))
}

// mode is what the reflower is inside.
type mode int

const (
	inBody mode = iota
	inBox
	inTable
	inNotes
)

type reflower struct {
	w    float64
	out  []block.Block
	body para // the open body paragraph
	box  para // the open paragraph of box text
	note para // the open page-foot note
	mode mode
	// tableNote is true after a 注： line inside a table region.
	tableNote bool
	boxNumber int
	// glue is set after a note marker: the marker split one printed line in
	// two, and the next line is the rest of it.
	glue bool
	// lastNote is the number of the last page-foot note read; notes count up.
	lastNote int
	// titleWrap is set when a box title wrapped onto the next line.
	titleWrap bool
	// lastHan is the number of the last 一、 line in the body; tableHan the
	// number of the last 一、 category row in the open table. They tell a
	// category row from the document's next heading printed right after a
	// table.
	lastHan, tableHan int
}

func (r *reflower) emit(p *para) {
	if p.empty() {
		return
	}
	first := p.lines[0]
	r.out = append(r.out, block.Block{
		Text: p.text.String(),
		Page: first.page,
		Role: p.role,
		// a box's paragraph of one short line that is a 专栏 label line
		Title:   p.role == block.Box && len(p.lines) == 1 && first.width < r.w-clearlyShorter && label.Parse(first.text).Kind == label.Box,
		Markers: p.markers,
	})
	*p = para{}
}

func (r *reflower) flushAll() {
	r.emit(&r.box)
	r.emit(&r.note)
	r.emit(&r.body)
}

// ended reports whether the printed line l ends its paragraph p, given
// the line after it.
func (r *reflower) ended(p *para, l *line, next *line) bool {
	full := r.w
	if len(p.lines) == 1 {
		full -= indent // the first line is indented
	}
	if p.wide {
		// Box and note lines are printed smaller; a line ends its paragraph
		// when it is clearly shorter than the longest line around it.
		return block.EndsSentence(l.text) && (next == nil || l.width < next.width-clearlyShorter || labelStarts(next.text))
	}
	if l.width < full-shortLine {
		return true
	}
	if block.EndsSentence(l.text) && next != nil && r.indented(next) {
		return true
	}
	// a numbered heading or item ((五)…, 十、…, 3.…) after a finished
	// sentence starts anew, indented or not; so does a glossary entry
	// (1 基本公共服务：…, ¹基本公共服务：…)
	if block.EndsSentence(l.text) && next != nil {
		if label.Parse(next.text).Kind.IsItem() && next.width < r.w-shortLine || glossaryStart(next.text) {
			return true
		}
	}
	return false
}

// A glossary entry's number and term.
const (
	// maxEntryNumber is the most bytes an entry's number takes: two
	// superscript digits (three bytes each) or a few ASCII digits and a
	// space.
	maxEntryNumber = 6
	// maxTerm is the longest term a glossary defines, in characters: a
	// name of a few words, where a sentence with a colon runs longer.
	maxTerm = 30
)

// glossaryStart reports whether s opens a numbered glossary entry: a number
// (or superscript digits), a short term, a colon.
func glossaryStart(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		for _, r := range s {
			if !block.IsSuperscript(r) {
				break
			}
			i += utf8.RuneLen(r)
		}
	} else if i < len(s) && s[i] == ' ' {
		i++
	} else {
		return false
	}
	if i == 0 || i > maxEntryNumber {
		return false
	}
	rest := s[i:]
	c := strings.IndexAny(rest, "：:")
	return c > 0 && utf8.RuneCountInString(rest[:c]) <= maxTerm
}

// indented reports whether l looks like the first line of a body paragraph:
// two characters shorter than a full line.
func (r *reflower) indented(l *line) bool {
	return l.width >= r.w-indentMax && l.width <= r.w-indentMin && !startsWithPunct(l.text)
}

func startsWithPunct(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("，。、；：）》”！？,.;:)", c)
}

func labelStarts(s string) bool {
	k := label.Parse(s).Kind
	return k != label.None
}

// Hard-wrapped text gives no measure of a line but its width, so a heading
// or label line that stands alone (block.StandsAlone) is told by how wide it
// is at most.
const (
	// maxHeadingWidth is the widest a 篇, 章 or 节 heading prints, in em:
	// a label and a title of a dozen words, well under a full line.
	maxHeadingWidth = 40
	// maxLabelWidth is the widest the label line of a box, a table or an
	// annex prints, in em: its title may be a little longer than a
	// heading's.
	maxLabelWidth = 45
)

// standalone reports whether a printed line stands on its own: a heading of
// 篇, 章 or 节, a box or table label, an annex label.
func standalone(l *line) bool {
	return block.StandsAlone(label.Parse(l.text), func(k label.Kind) bool {
		if k == label.Box || k == label.Table || k == label.Annex {
			return l.width < maxLabelWidth
		}
		return l.width < maxHeadingWidth
	})
}

func (r *reflower) add(l *line, next *line) {
	if r.titleWrap {
		r.titleWrap = false
		r.out[len(r.out)-1].Text += l.text
		return
	}
	// A note marker printed at the start of the next line, glued to the
	// punctuation that follows it (4。建立…).
	if n, rest, ok := leadingMarker(l.text); ok && r.mode != inTable {
		if p := r.current(); !p.empty() && !block.EndsSentence(p.last().text) {
			p.markers = append(p.markers, block.Marker{Number: n, At: p.text.Len()})
			l.text, l.width = rest, block.Width(rest)
			r.glue = true
		}
	}
	// A lone number right after a line of text is a note marker (the
	// superscript printed as its own line).
	if isDigits(l.text) && !l.blank && r.mode != inTable {
		if p := r.current(); !p.empty() {
			n := atoi(l.text)
			p.markers = append(p.markers, block.Marker{Number: n, At: p.text.Len()})
			r.glue = true
			return
		}
	}
	// The text of a page-foot note: "1 text…" or "1" on a line of its own,
	// printed wider than the body.
	if r.mode != inTable && r.noteStart(l, next) {
		r.emit(&r.note)
		r.note.role = block.Footnote
		r.note.wide = true
		if isDigits(l.text) {
			l.text += " " // keep the number apart from the note text
		}
		r.note.add(l)
		r.mode = inNotes
		r.lastNote++
		return
	}
	if r.mode == inNotes {
		if !l.newPage && (l.width > r.w+noteLine || !r.note.empty() && !block.EndsSentence(r.note.last().text)) {
			r.note.add(l)
			return
		}
		r.emit(&r.note)
		r.mode = r.resumeMode()
	}

	if r.glue {
		r.glue = false
		if p := r.current(); !p.empty() && !l.newPage && !l.blank {
			last := p.last()
			joined := *last
			joined.text += l.text
			joined.width += l.width
			p.lines[len(p.lines)-1] = &joined
			p.text.WriteString(l.text)
			if r.ended(p, &joined, next) {
				r.emit(p)
			}
			return
		}
	}
	// A numbered item printed smaller than the body, where a box was
	// open before: the box goes on after a page break or a note.
	if r.mode == inBody && r.boxNumber > 0 && startsItem(l.text) && l.width >= r.w+boxItem {
		r.mode = inBox
	}

	lb := label.Parse(l.text)
	if standalone(l) {
		switch lb.Kind {
		case label.Box:
			if r.boxNumber == lb.Number && r.mode == inBox || r.boxNumber == lb.Number && l.newPage {
				// the box's title repeated at the top of a new page: the
				// box text goes on
				r.mode = inBox
				return
			}
			r.emit(&r.box)
			r.boxNumber = lb.Number
			r.mode = inBox
			r.out = append(r.out, block.Block{Text: l.text, Page: l.page, Role: block.Box, Title: true})
			// a long title wraps: its last piece is a short line of its own
			r.titleWrap = l.width >= r.w && next != nil && next.width < r.w/2 && !labelStarts(next.text) && !block.EndsSentence(l.text)
			return
		case label.Table:
			r.emit(&r.box)
			r.emit(&r.body)
			r.mode = inTable
			r.tableNote = false
			r.tableHan = 0
			r.out = append(r.out, block.Block{Text: l.text, Page: l.page})
			return
		default:
			r.emit(&r.box)
			r.emit(&r.body)
			r.mode = inBody
			r.out = append(r.out, block.Block{Text: l.text, Page: l.page})
			return
		}
	}

	switch r.mode {
	case inTable:
		if r.tableEnds(l) || r.nextHeading(lb, l, next) {
			r.mode = inBody
			break
		}
		if lb.Kind == label.Han {
			r.tableHan = lb.Number
		}
		if strings.HasPrefix(l.text, "注") && (strings.HasPrefix(l.text, "注：") || strings.HasPrefix(l.text, "注:")) {
			r.tableNote = true
		}
		r.out = append(r.out, block.Block{Text: l.text, Page: l.page, Role: block.TableLine})
		return
	case inBox:
		if r.boxEnds(l) {
			r.emit(&r.box)
			r.mode = inBody
			break
		}
		r.addTo(&r.box, l, next, block.Box)
		return
	}
	if lb.Kind == label.Han {
		r.lastHan = lb.Number
	}
	r.addTo(&r.body, l, next, block.Body)
}

// nextHeading reports whether a line inside a table is the document's next
// 一、 heading, where layout text prints headings and table rows alike
// flush left. A table's category rows count 一、二、… on their own: a line
// that continues the body's numbering and not the table's ends the table;
// one that continues both does when prose follows it, not a row.
func (r *reflower) nextHeading(lb label.Label, l, next *line) bool {
	if lb.Kind != label.Han || r.lastHan == 0 || lb.Number != r.lastHan+1 || strings.Contains(l.text, " ") {
		return false
	}
	if lb.Number != r.tableHan+1 {
		return true
	}
	return next != nil && strings.Contains(next.text, "。") && !strings.Contains(next.text, "  ")
}

// current is the paragraph that the last line went to.
func (r *reflower) current() *para {
	switch r.mode {
	case inBox:
		return &r.box
	case inNotes:
		return &r.note
	}
	return &r.body
}

func (r *reflower) resumeMode() mode {
	if !r.box.empty() {
		return inBox
	}
	return inBody
}

func (r *reflower) addTo(p *para, l *line, next *line, role block.Role) {
	if !p.empty() {
		if r.ended(p, p.last(), l) || startsItem(l.text) && p != &r.body {
			r.emit(p)
		}
	}
	if p.empty() {
		p.role = role
		p.wide = role == block.Box
	}
	p.add(l)
	if next != nil && (next.newPage && !block.EndsSentence(l.text) || isDigits(next.text) && !next.blank) {
		// a page break inside a sentence, or a note marker: the paragraph
		// goes on.
		return
	}
	if r.ended(p, l, next) {
		r.emit(p)
	}
}

// startsItem reports whether s begins with an item number (1. 一、 （一）).
func startsItem(s string) bool {
	k := label.Parse(s).Kind
	return k.IsItem()
}

// noteStart reports whether l begins a page-foot note: a number, then note
// text printed in a smaller font than the body (so wider in characters).
//
// Notes are numbered through the document, so the number must be the next
// one; that keeps a wide box line that starts with a number (20 平方米…) out.
func (r *reflower) noteStart(l *line, next *line) bool {
	if isDigits(l.text) {
		return atoi(l.text) == r.lastNote+1 && l.blank && next != nil && next.width > r.w+smallType && !next.newPage
	}
	i := strings.IndexAny(l.text, " \u3000")
	if i <= 0 || i > 3 || !isDigits(l.text[:i]) || atoi(l.text[:i]) != r.lastNote+1 {
		return false
	}
	return l.width > r.w+smallType
}

// leadingMarker reads a note marker glued to the start of a line before
// punctuation: "4。建立…" gives 4 and "。建立…".
func leadingMarker(s string) (int, string, bool) {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, "", false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r != '。' && r != '，' && r != '；' && r != '、' {
		return 0, "", false
	}
	return atoi(s[:i]), s[i:], true
}

// boxEnds reports whether body text resumes at l after box text.
func (r *reflower) boxEnds(l *line) bool {
	if startsItem(l.text) || l.width > r.w+boxLine {
		return false
	}
	if !r.box.empty() && !block.EndsSentence(r.box.last().text) {
		return false
	}
	if r.box.empty() && len(r.out) > 0 && r.out[len(r.out)-1].Title {
		// the line right under the box title belongs to the box
		return false
	}
	return r.indented(l) || l.newPage && l.width >= r.w-shortLine
}

// tableEnds reports whether body text resumes at l after table lines.
func (r *reflower) tableEnds(l *line) bool {
	if r.tableNote {
		// notes under a table go on until a line that starts a paragraph.
		if n := len(r.out); n > 0 && r.out[n-1].Role == block.TableLine && !block.EndsSentence(r.out[n-1].Text) {
			return false
		}
		return r.indented(l) || l.width < r.w-tableShort && !strings.ContainsAny(l.text, " ")
	}
	return r.indented(l) && !strings.Contains(l.text, " ")
}

// atoi is the value of a number that isDigits accepted.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
