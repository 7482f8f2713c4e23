// Package structure parses the blocks that a reader produced into a plan's
// document tree: metadata, the outline, paragraphs, measures, tables, 专栏
// boxes and notes.
//
// Its rules describe how Chinese plans are written (heading numbering, lead
// sentences, box and table labels), never one document.
package structure

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// Parse builds the document tree from blocks.
func Parse(blocks []block.Block) *doc.Document {
	d, _ := ParseContext(context.Background(), blocks)
	return d
}

// ParseContext builds the document tree from blocks, and stops with the
// context's error when it is cancelled (a per-document timeout).
func ParseContext(ctx context.Context, blocks []block.Block) (*doc.Document, error) {
	p := &parser{ctx: ctx, d: &doc.Document{}, blocks: blocks, cur: -1, openBox: -1,
		children: map[int]int{}, prose: map[int][]string{}, itemMeasure: map[int]int{}, dropped: map[int]bool{}}
	p.d.Meta = Meta(blocks)
	if err := p.run(); err != nil {
		return nil, err
	}
	doubts(p.d)
	return p.d, nil
}

// checkEvery is how many blocks the parser reads between looks at its
// context.
const checkEvery = 512

type parser struct {
	ctx    context.Context
	d      *doc.Document
	blocks []block.Block
	i      int

	cur   int          // index of the innermost open section, -1 before the first
	stack []label.Kind // kinds of the open headings, outermost first
	open  []int        // section indexes matching stack

	lastHeading int // index of the last heading added, -1 if none
	bodySince   bool

	toc [][2]int // the tables of contents, [from, to) each, skipped

	children map[int]int      // section → number of child headings
	prose    map[int][]string // section → its paragraphs
	// item headings waiting to become measures: section → index in Measures
	itemMeasure map[int]int
	measureAt   []int  // document position of each measure, for ordering
	lead        []bool // whether each measure is a lead sentence (not an item heading)
	dropped     map[int]bool

	openBox    int    // index of the open 专栏 in d.Boxes, -1 if none
	openBoxTag string // its label as a table takes it (专栏3), "" for a box with no number

	markers []marker // note markers in the body, in order
}

func (p *parser) run() error {
	p.lastHeading = -1
	p.i = wrapperEnd(p.blocks)
	p.skipFrontMatter()
	for n := 0; p.i < len(p.blocks); n++ {
		if n%checkEvery == 0 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
		}
		b := p.blocks[p.i]
		switch {
		case b.Role == block.Footnote:
			p.note(b)
			p.i++
		case b.Role == block.Box:
			p.box()
		case b.Role == block.TableLine:
			p.looseTable()
		default:
			p.bodyBlock(b)
		}
	}
	for len(p.open) > 0 {
		p.closeSection(p.open[len(p.open)-1])
		p.open = p.open[:len(p.open)-1]
	}
	p.finishMeasures()
	p.linkNotes()
	for i := range p.d.Boxes {
		p.d.Boxes[i].Projects = Projects(p.d.Boxes[i].Body)
	}
	return p.ctx.Err()
}

// tocSearch is how many blocks after the start, or after the last table of
// contents, may hold a table of contents (a cover, a notice and a preface
// stand before it; a scrape may print it twice).
const tocSearch = 80

// skipFrontMatter finds the tables of contents (目录) at the front, which
// the parser skips.
func (p *parser) skipFrontMatter() {
	limit := tocSearch
	for i := 0; i < len(p.blocks) && i <= limit; i++ {
		t := strings.Join(strings.Fields(p.blocks[i].Text), "")
		j := i + 1
		if t == "目" && j < len(p.blocks) && squash(p.blocks[j].Text) == "录" {
			t, j = "目录", j+1 // 目 and 录 printed apart
		}
		if t != "目录" && t != "目次" {
			continue
		}
		// The TOC runs on while its lines are heading-like and short; it
		// ends at the first prose, or where its first entry repeats.
		first := ""
		bare := false // the last entry was a label whose title is on the next line
		paged := 0    // entries that ended in a page number
		for j < len(p.blocks) {
			raw := strings.TrimSpace(p.blocks[j].Text)
			key := tocKey(raw)
			e := squash(key)
			if first == "" {
				first = e
			} else if e == first || e == "目录" || e == "目次" {
				break // the body, or the TOC printed again
			}
			// entries printed with their page numbers: the first line
			// without one, where the entries had them, is the body
			if paged >= 2 && key == raw && label.Parse(e).Kind != label.None {
				break
			}
			if key != raw {
				paged++
			}
			if !tocEntry(p.blocks[j]) && !(bare && block.Width(e) <= 30 && !strings.Contains(e, "。")) {
				break
			}
			lb := label.Parse(e)
			bare = lb.Kind != label.None && lb.Rest == ""
			j++
		}
		// keep what stood before the TOC (cover, notice) as preface blocks
		p.toc = append(p.toc, [2]int{i, j})
		i, limit = j-1, j+tocSearch
	}
}

// inTOC reports whether block i is part of a table of contents.
func (p *parser) inTOC(i int) bool {
	for _, r := range p.toc {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}

// tocLeaderRe matches what a TOC entry ends in: dot leaders and a page
// number, or a page number after a gap.
var tocLeaderRe = regexp.MustCompile(`(?:[.．…·⋯_-]{2,}\s*|\s{2,}|[.．…·⋯]+)\s*\d{1,3}$|[.．…·⋯]{2,}$`)

// tocKey is a TOC entry without its leaders and page number, as the heading
// it lists prints in the body.
func tocKey(e string) string {
	return strings.TrimSpace(tocLeaderRe.ReplaceAllString(e, ""))
}

func tocEntry(b block.Block) bool {
	t := strings.TrimSpace(b.Text)
	if block.Width(t) > 45 || strings.Contains(t, "。") {
		return false
	}
	if label.Parse(t).Kind != label.None {
		return true
	}
	// entries without a label: 前言, 结束语, …, often with dots and a page
	return strings.Contains(t, "…") || strings.Contains(t, "..") || block.Width(t) < 12
}

func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func (p *parser) bodyBlock(b block.Block) {
	if p.inTOC(p.i) {
		p.i++
		return
	}
	t := strings.TrimSpace(b.Text)
	lb := label.Parse(t)
	switch lb.Kind {
	case label.Table:
		if b.Cells == nil && block.Width(t) < 60 && !strings.Contains(lb.Rest, "。") {
			p.table(lb)
			return
		}
	case label.Box:
		if block.Width(t) < 60 {
			p.boxText(lb)
			return
		}
	case label.Annex:
		if first := label.Parse(lb.Rest); b.Cells == nil && (first.Kind == label.Arabic || first.Kind == label.ParenArabic) && first.Number == 1 {
			p.attachmentList(b, first.Kind)
			return
		}
		if block.Width(t) < 30 && b.Cells == nil {
			p.annex(lb)
			return
		}
	}
	if b.Cells == nil && isNoteStart(t) {
		p.noteList()
		return
	}
	if b.Cells == nil && p.headerRun(p.i) >= 3 {
		// an unlabelled indicator table printed one cell per line
		p.readTable(doc.Table{Section: p.cur})
		return
	}
	if b.Cells != nil {
		if _, ok := findColumns(b.Cells); ok {
			// an indicator table with no 表 label: one that fills a box
			// takes the box's label
			t := doc.Table{Section: p.cur}
			if p.i > 0 && p.blocks[p.i-1].Role == block.Box && p.openBox >= 0 {
				t.Label, t.Title = p.openBoxTag, p.d.Boxes[p.openBox].Title
			}
			p.readTable(t)
			return
		}
		if p.gridRun(p.i) >= 2 {
			// a grid printed without a label: a table (GOLD.md), titled
			// by the caption printed with it
			p.readTable(doc.Table{Section: p.cur, Title: p.caption()})
			return
		}
		// a table row outside a table: keep its text as a paragraph
		p.paragraph(b, block.RowText(b.Cells))
		p.i++
		return
	}
	if (lb.Kind == label.Part || lb.Kind == label.Chapter || lb.Kind == label.Section) && strings.TrimSpace(lb.Rest) == "" && b.Cells == nil {
		// the label on a line of its own and the title on the next
		// (第一章 / 基础环境), as text extraction and some pages print it;
		// text extraction that reads a page's label column before its
		// title column prints a run of labels, then their titles in the
		// same order (第二章 / 第一节 / 总体要求 / 指导思想)
		n := p.bareLabels(p.i)
		if titles := p.titlesAfter(p.i+n, n); titles != nil {
			for k := 0; k < n; k++ {
				p.heading(label.Parse(strings.TrimSpace(p.blocks[p.i+k].Text)), titles[k])
			}
			p.i += 2 * n
			return
		}
	}
	if lb.Kind.IsHeading() {
		title, rest, ok := headingTitle(lb, b)
		if !ok && lb.Kind.IsItem() && p.nextSibling(lb) {
			// the item after an item heading, numbered on from it, is
			// its sibling even where its title is a long sentence
			title, rest, ok = siblingTitle(lb)
		}
		if ok {
			p.heading(lb, title)
			if rest != "" {
				p.paragraph(b, rest)
			}
			p.i++
			return
		}
	}
	p.paragraph(b, t)
	p.i++
}

// nextSibling reports whether an item label goes on with the numbering of
// the innermost open heading of its kind, with nothing deeper open below it.
func (p *parser) nextSibling(lb label.Label) bool {
	n := len(p.stack)
	if n == 0 || p.stack[n-1] != lb.Kind {
		return false
	}
	s := p.d.Sections[p.open[n-1]]
	return s.Number+1 == lb.Number
}

// siblingTitle splits an item that stands in a run of item headings: its
// first sentence is the title (without 。), the rest its paragraph.
func siblingTitle(lb label.Label) (title, rest string, ok bool) {
	r := strings.TrimSpace(strings.Trim(strings.TrimSpace(lb.Rest), "*"))
	i := strings.Index(r, "。")
	if i < 0 {
		i = len(r)
	}
	title = strings.TrimSpace(r[:i])
	if title == "" || block.Width(title) > 60 {
		return "", "", false
	}
	if i < len(r) {
		rest = strings.TrimSpace(r[i+len("。"):])
	}
	return title, rest, true
}

// bareLabels counts the blocks from i on that are a 篇/章/节 label alone.
func (p *parser) bareLabels(i int) int {
	n := 0
	for j := i; j < len(p.blocks) && n < 3; j++ {
		b := p.blocks[j]
		lb := label.Parse(strings.TrimSpace(b.Text))
		if b.Cells != nil || !(lb.Kind == label.Part || lb.Kind == label.Chapter || lb.Kind == label.Section) || strings.TrimSpace(lb.Rest) != "" {
			break
		}
		n++
	}
	return n
}

// titlesAfter returns the n blocks from i on when every one can be a
// heading's title (short, no sentence, no label), else nil.
func (p *parser) titlesAfter(i, n int) []string {
	if n == 0 || i+n > len(p.blocks) {
		return nil
	}
	var titles []string
	for j := i; j < i+n; j++ {
		b := p.blocks[j]
		t := strings.TrimSpace(b.Text)
		if b.Cells != nil || t == "" || block.Width(t) > 30 || strings.ContainsAny(t, "。，；：") || label.Parse(t).Kind != label.None {
			return nil
		}
		titles = append(titles, t)
	}
	return titles
}

// headingTitle decides whether a block that starts with a heading label is a
// heading, and splits it into the title and the paragraph text that runs on
// after it (（一）指导思想。以习近平…).
func headingTitle(lb label.Label, b block.Block) (title, rest string, ok bool) {
	r := strings.TrimSpace(lb.Rest)
	r = strings.TrimSpace(strings.Trim(r, "*"))
	if r == "" {
		return "", "", false
	}
	switch lb.Kind {
	case label.Part, label.Chapter, label.Section:
		if block.Width(r) <= 40 && !strings.ContainsAny(r, "。，") {
			return strings.TrimRight(r, "。"), "", true
		}
		if i := strings.Index(r, "。"); i > 0 && block.Width(r[:i]) <= 30 && !strings.Contains(r[:i], "，") {
			return r[:i], strings.TrimSpace(r[i+len("。"):]), true
		}
		return "", "", false
	}
	// Item headings: a short title on its own, or a short title that runs
	// into its paragraph.
	if i := strings.Index(r, "。"); i >= 0 && i+len("。") < len(r) {
		lead := strings.Trim(r[:i], "*")
		if block.Width(lead) <= 30 && titleLike(lead) {
			return lead, strings.TrimSpace(strings.TrimLeft(r[i+len("。"):], "*")), true
		}
		return "", "", false
	}
	r = strings.TrimRight(r, "。")
	if block.Width(r) <= 40 && titleLike(r) && !strings.ContainsAny(r, "；：") {
		return r, "", true
	}
	return "", "", false
}

// titleLike reports whether s reads like a title rather than a sentence: no
// digits that would make it a target statement, no more than one comma.
func titleLike(s string) bool {
	if strings.Count(s, "，") > 1 || strings.ContainsAny(s, "：；") {
		return false
	}
	if strings.HasPrefix(s, "到20") || strings.HasPrefix(s, "至20") {
		return false
	}
	return true
}

func (p *parser) heading(lb label.Label, title string) {
	// A heading repeated at the top of a page is one heading.
	if p.lastHeading >= 0 && !p.bodySince {
		last := p.d.Sections[p.lastHeading]
		if last.Kind == lb.Kind.String() && last.Number == lb.Number && squash(last.Title) == squash(title) {
			return
		}
	}
	for len(p.stack) > 0 && p.stack[len(p.stack)-1] >= lb.Kind {
		p.stack = p.stack[:len(p.stack)-1]
		p.closeSection(p.open[len(p.open)-1])
		p.open = p.open[:len(p.open)-1]
	}
	parent := -1
	if len(p.open) > 0 {
		parent = p.open[len(p.open)-1]
	}
	p.d.Sections = append(p.d.Sections, doc.Section{
		Parent: parent,
		Level:  len(p.stack) + 1,
		Number: lb.Number,
		Label:  lb.Text,
		Title:  title,
		Kind:   lb.Kind.String(),
	})
	idx := len(p.d.Sections) - 1
	p.stack = append(p.stack, lb.Kind)
	p.open = append(p.open, idx)
	p.cur = idx
	p.lastHeading = idx
	p.bodySince = false
	if parent >= 0 {
		if p.children[parent] == 0 {
			p.dropIntroLeads(parent)
		}
		p.children[parent]++
	}
	if lb.Kind.IsItem() && p.d.Sections[idx].Level > 1 {
		p.addMeasure(doc.Measure{Section: parent, Title: title})
		p.itemMeasure[idx] = len(p.d.Measures) - 1
	}
}

// attachmentList reads the list of attachments that closes a notice or a
// plan (附件：1.… / 2.…): its entries name the annexes that follow; they
// are text, not headings of the outline.
func (p *parser) attachmentList(b block.Block, kind label.Kind) {
	p.paragraph(b, b.Text)
	p.i++
	for n := 2; p.i < len(p.blocks); n++ {
		nb := p.blocks[p.i]
		lb := label.Parse(nb.Text)
		if nb.Cells != nil || lb.Kind != kind || lb.Number != n || block.Width(strings.TrimSpace(nb.Text)) > captionWidth {
			return
		}
		p.paragraph(nb, nb.Text)
		p.i++
	}
}

func (p *parser) annex(lb label.Label) {
	title := strings.TrimSpace(lb.Rest)
	p.i++
	if len(p.d.Sections) == 0 && p.openBox < 0 && lb.Number <= 1 {
		// 附件 before the document's first heading marks the plan as the
		// attachment of a notice that issued it (the notice printed
		// above, or left out of the file): what follows is the plan
		// itself, its title lines and preface belonging to no heading.
		return
	}
	if title == "" && p.i < len(p.blocks) {
		next := strings.TrimSpace(p.blocks[p.i].Text)
		if block.Width(next) <= captionWidth && label.Parse(next).Kind == label.None && !strings.ContainsAny(next, "。：") {
			title = next
			p.i++
		}
	}
	// 附件：名词解释 followed by 附件 / 名词解释 is one annex.
	if p.lastHeading >= 0 && !p.bodySince {
		last := p.d.Sections[p.lastHeading]
		if last.Kind == label.Annex.String() && (title == "" || squash(last.Title) == squash(title)) {
			return
		}
	}
	for len(p.stack) > 0 {
		p.stack = p.stack[:len(p.stack)-1]
		p.closeSection(p.open[len(p.open)-1])
		p.open = p.open[:len(p.open)-1]
	}
	// an annex stands outside the outline's numbering: number 0, its
	// label (附件2) keeps the annex's own number (GOLD.md)
	p.d.Sections = append(p.d.Sections, doc.Section{Parent: -1, Level: 1, Number: 0, Label: lb.Text, Title: title, Kind: label.Annex.String()})
	idx := len(p.d.Sections) - 1
	p.stack = append(p.stack, label.Part-1) // an annex closes everything
	p.open = append(p.open, idx)
	p.cur = idx
	p.lastHeading = idx
	p.bodySince = false
}

func (p *parser) paragraph(b block.Block, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if p.inGlossary() && p.glossaryEntry(text) {
		return
	}
	p.blockMarkers(b)
	text = p.takeMarkers(text)
	p.bodySince = true
	p.d.Paragraphs = append(p.d.Paragraphs, doc.Paragraph{Section: p.cur, Text: text, Page: b.Page})
	if p.cur >= 0 {
		p.prose[p.cur] = append(p.prose[p.cur], text)
	}
	if title, ok := LeadSentence(text); ok && p.cur >= 0 {
		p.addMeasure(doc.Measure{Section: p.cur, Title: title, Text: text})
		p.lead[len(p.lead)-1] = true
	}
}

// inGlossary reports whether the current section is a glossary annex
// (名词解释, 术语解释, 名词注释 …).
func (p *parser) inGlossary() bool {
	for s := p.cur; s >= 0; s = p.d.Sections[s].Parent {
		t := p.d.Sections[s].Title
		if strings.Contains(t, "名词") || strings.Contains(t, "术语") || strings.Contains(t, "释义") {
			return true
		}
	}
	return false
}

// LeadSentence returns the lead sentence that opens a paragraph of plan
// text, without its 。: a short sentence that names what the paragraph does
// (推进标准化建设。全面落实…). A label ending in ：, a sentence with numbers
// or several clauses, or a paragraph with nothing after the sentence has no
// lead.
func LeadSentence(text string) (string, bool) {
	t := strings.TrimSpace(text)
	bullet := strings.TrimLeft(t, "—－- ") != t
	t = strings.TrimLeft(t, "—－- ")
	t = strings.TrimPrefix(t, "**")
	i := strings.Index(t, "。")
	if i <= 0 {
		return "", false
	}
	lead := strings.TrimSpace(strings.Trim(t[:i], "*"))
	rest := strings.TrimSpace(strings.TrimLeft(t[i+len("。"):], "*"))
	if utf8.RuneCountInString(rest) < 4 {
		return "", false
	}
	n := utf8.RuneCountInString(lead)
	if n < 4 || n > 30 {
		return "", false
	}
	if strings.ContainsAny(lead, "：:；;0123456789《》（）()[]【】") {
		return "", false
	}
	if strings.Count(lead, "、") > 0 && n > 20 {
		return "", false
	}
	if c := strings.Count(lead, "，"); c > 1 {
		return "", false
	} else if c == 1 {
		// Two short clauses can make a lead (保障基本，动态发展); a ——
		// bullet's headline is often longer (促进消费投资，内需规模实现新突破)
		// since bullets are written as a list of headlines.
		maxClause := 8
		if bullet {
			maxClause = 12
		}
		parts := strings.Split(lead, "，")
		for _, part := range parts {
			if utf8.RuneCountInString(part) > maxClause {
				return "", false
			}
		}
	}
	for _, w := range []string{"我市", "我省", "全市", "全省", "全国", "其中", "同时", "此外", "目前", "近年来", "截至", "本规划", "规划", "期间", "时期"} {
		if strings.HasPrefix(lead, w) {
			return "", false
		}
	}
	return lead, true
}
