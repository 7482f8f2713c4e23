package pdf

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"planx/extract/block"
	"planx/extract/label"
)

// The geometry of body text, in em of the body font (metrics.size) or in
// line pitches, by which lines become paragraphs.
const (
	// maxPitch is the widest line spacing, in em, taken as the pitch of
	// the body: more is a gap between blocks.
	maxPitch = 3
	// defaultPitch is the line pitch, in em, where a document has none to
	// measure: the usual leading of Chinese body text.
	defaultPitch = 1.4
	// fullLine is the least width, in em, of a line counted as full when
	// the right margin is measured: wider than a heading or a paragraph's
	// short last line mostly are.
	fullLine = 20
	// defaultMeasure is the width of a body line, in em, where no full
	// line was found.
	defaultMeasure = 30
	// noteSize is the largest size of a page-foot note's type relative to
	// the body's: notes are set a size or two smaller.
	noteSize = 0.88
	// shortOfMargin is how far from the right margin, in em, a line stops
	// that is shorter than the measure: a heading, a label line.
	shortOfMargin = 2
	// centreInset is the least indent, in em, of a centred line, and
	// centreSlack how far its middle may be from the measure's.
	centreInset, centreSlack = 2.5, 2
	// firstIndent is the least indent, in em, of a paragraph's first line
	// (two characters less justification), farIndent the indent beyond
	// which a line is set apart: a centred title, a signature or a date
	// set to the right.
	firstIndent, farIndent = 1.2, 6
	// shortLast is how far from the right margin, in em, a paragraph's
	// last line stops at least.
	shortLast = 1.8
	// sizeStep is the least change of font size, in em, that sets lines
	// apart.
	sizeStep = 0.1
	// paraSpacing is the least gap between lines, in pitches and in em of
	// the line's size, that separates paragraphs; titleGap the most
	// between two wrapped lines of a centred title.
	paraSpacing, paraSpacingEm = 1.25, 1.2
	titleGap                   = 2
	// marginBand is the top and bottom part of the page, as a share of its
	// height, where running heads, footers and page numbers stand.
	marginBand = 0.08
)

// metrics are the document's body text measurements: left and right
// margins, font size and line pitch, taken as the most common values.
type metrics struct {
	left, right, size, pitch float64
}

func mode(vals []float64, step float64) float64 {
	count := map[int]int{}
	for _, v := range vals {
		count[int(math.Round(v/step))]++
	}
	best, bestN := 0, 0
	for k, n := range count {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return float64(best) * step
}

func measure(pages []*page) metrics {
	var x0s, sizes, pitches []float64
	for _, pg := range pages {
		for i, l := range pg.lines {
			if l.inRegion {
				continue
			}
			x0s = append(x0s, l.x0)
			sizes = append(sizes, l.size)
			if i > 0 && !pg.lines[i-1].inRegion {
				if d := pg.lines[i-1].y - l.y; d > 0 && d < maxPitch*l.size {
					pitches = append(pitches, d)
				}
			}
		}
	}
	m := metrics{left: mode(x0s, 1), size: mode(sizes, 0.5), pitch: mode(pitches, 0.5)}
	if m.size == 0 {
		m.size = 12
	}
	if m.pitch == 0 {
		m.pitch = m.size * defaultPitch
	}
	var x1s []float64
	for _, pg := range pages {
		for _, l := range pg.lines {
			if !l.inRegion && l.x1-l.x0 > fullLine*m.size {
				x1s = append(x1s, l.x1)
			}
		}
	}
	if len(x1s) > 0 {
		sort.Float64s(x1s)
		m.right = x1s[len(x1s)*9/10] // most full lines reach this far
	} else {
		m.right = m.left + defaultMeasure*m.size
	}
	return m
}

// layoutDocument turns the pages' glyphs, rules and images into blocks.
func layoutDocument(pages []*page, diags []Diagnostic) ([]block.Block, []placed, []Diagnostic) {
	for _, pg := range pages {
		pg.content.glyphs = dropOverprint(pg.content.glyphs)
	}
	diags = append(diags, dropWatermarks(pages)...)
	em := bodySize(pages)
	for _, pg := range pages {
		pg.lines = buildLines(pg)
		pg.regions = findRegions(pg, em)
		for _, rg := range pg.regions {
			extendRegion(pg, rg)
		}
		for i := range pg.lines {
			for _, rg := range pg.regions {
				if rg.contains(&pg.lines[i]) {
					pg.lines[i].inRegion = true
				}
			}
		}
		diags = append(diags, pageDiagnostics(pg)...)
	}
	dropFurniture(pages, em)
	m := measure(pages)
	e := &emitter{m: m, lastRow: -1}
	for _, pg := range pages {
		e.page(pg)
	}
	e.flush()
	return e.out, e.images, diags
}

// dropFurniture removes page numbers and the headers and footers that repeat
// across pages: a line in the top or bottom 8% of the page whose text
// (digits aside: page numbers, dates) recurs there on half the pages, and
// a line anywhere whose text recurs at the same place (the same distance
// from the top or the bottom of the page, within an em) on half the pages,
// as a running title, a browser's URL and date line or a site banner
// printed on every sheet does.
func dropFurniture(pages []*page, em float64) {
	seen := map[string]int{}
	type place struct {
		text string
		top  bool
		at   int // distance from the top or bottom edge, in em
	}
	placed := map[place]int{}
	key := func(l line) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) || unicode.IsSpace(r) {
				return -1
			}
			return r
		}, l.text)
	}
	margin := func(pg *page, l line) bool {
		top := pg.y0 + pg.height
		return l.y > top-marginBand*pg.height || l.y < pg.y0+marginBand*pg.height
	}
	places := func(pg *page, l line) [2]place {
		k := key(l)
		return [2]place{
			{k, true, int(math.Round((pg.y0 + pg.height - l.y) / em))},
			{k, false, int(math.Round((l.y - pg.y0) / em))},
		}
	}
	for _, pg := range pages {
		onPage := map[place]bool{}
		for _, l := range pg.lines {
			if l.inRegion {
				continue
			}
			if margin(pg, l) {
				seen[key(l)]++
			}
			for _, p := range places(pg, l) {
				onPage[p] = true
			}
		}
		for p := range onPage {
			placed[p]++
		}
	}
	repeated := func(pg *page, l line) bool {
		if len(pages) < 4 || key(l) == "" {
			return false
		}
		if margin(pg, l) && seen[key(l)] >= len(pages)/2 {
			return true
		}
		for _, p := range places(pg, l) {
			// the place within an em either way
			n := 0
			for d := -1; d <= 1; d++ {
				q := p
				q.at += d
				n += placed[q]
			}
			if n >= len(pages)/2 && placed[p] >= len(pages)/3 {
				return true
			}
		}
		return false
	}
	for _, pg := range pages {
		kept := pg.lines[:0]
		for _, l := range pg.lines {
			if !l.inRegion && (margin(pg, l) && block.IsPageNumber(l.text) || repeated(pg, l)) {
				continue
			}
			kept = append(kept, l)
		}
		pg.lines = kept
	}
}

// pageDiagnostics says what on a page could not be read: images where text
// such as a box or a table stands, pages with no text, text that does not
// decode.
func pageDiagnostics(pg *page) []Diagnostic {
	var out []Diagnostic
	area := pg.width * pg.height
	if len(pg.content.glyphs) == 0 && len(pg.content.images) > 0 {
		msg := fmt.Sprintf("page %d has images and no text (scanned?)", pg.number)
		for _, im := range pg.content.images {
			if area > 0 && (im.x1-im.x0)*(im.y1-im.y0) >= fullPage*area {
				msg = fmt.Sprintf("page %d is a full-page image with no text (a drawing, a map or a scan)", pg.number)
			}
		}
		return []Diagnostic{{Page: pg.number, Kind: "scanned", Message: msg}}
	}
	for _, im := range pg.content.images {
		if imageOnly(pg, im) {
			a := (im.x1 - im.x0) * (im.y1 - im.y0)
			out = append(out, Diagnostic{Page: pg.number, Kind: "image_only",
				Message: fmt.Sprintf("an image covers %.0f%% of page %d with no text over it (a box or table printed as a picture?)", 100*a/area, pg.number)})
		}
	}
	bad, total := 0, 0
	for _, g := range pg.content.glyphs {
		for _, r := range g.r {
			total++
			if r == unicode.ReplacementChar || r >= 0xe000 && r <= 0xf8ff || r == 0 {
				bad++
			}
		}
	}
	if total > 20 && bad*10 > total*3 {
		out = append(out, Diagnostic{Page: pg.number, Kind: "garbled_text", Message: fmt.Sprintf("%d of %d characters on page %d do not decode to text", bad, total, pg.number)})
	}
	open, closed := 0, 0
	for _, g := range pg.content.glyphs {
		for _, r := range g.r {
			switch r {
			case '（', '(':
				open++
			case '）', ')':
				closed++
			}
		}
	}
	if open+closed >= 6 && (open == 0 || closed == 0) {
		out = append(out, Diagnostic{Page: pg.number, Kind: "garbled_text", Message: fmt.Sprintf("page %d has %d opening and %d closing brackets: bracket glyphs were lost in printing", pg.number, open, closed)})
	}
	if u := pg.content.unmapped; u > 20 && u*10 > (u+total)*3 {
		out = append(out, Diagnostic{Page: pg.number, Kind: "unsupported_font", Message: fmt.Sprintf("%d glyphs on page %d use a font with no map to Unicode", u, pg.number)})
	}
	return out
}

// emitter assembles lines into blocks in reading order.
type emitter struct {
	m       metrics
	out     []block.Block
	cur     []line // the open paragraph
	prev    *line
	lastRow int // index in out of the last table row emitted, -1 if none
	// tableStart is the index in out of the first row of the table that
	// lastRow belongs to, and tableCols the x of that table's column rules:
	// a table that a page break cut goes on in the next page's grid.
	tableStart int
	tableCols  []float64
	// cutBottom is whether the last table's region was cut open at its
	// bottom by the page break (region.cutBottom)
	cutBottom bool
	images    []placed // image-only images, placed in reading order (images.go)
}

// page emits one page: its lines and regions in order from the top.
func (e *emitter) page(pg *page) {
	type item struct {
		y  float64
		l  *line
		rg *region
		im *image
	}
	var items []item
	for i := range pg.lines {
		if !pg.lines[i].inRegion {
			items = append(items, item{y: pg.lines[i].y, l: &pg.lines[i]})
		}
	}
	for _, rg := range pg.regions {
		items = append(items, item{y: rg.y1, rg: rg})
	}
	for i := range pg.content.images {
		if imageOnly(pg, pg.content.images[i]) {
			items = append(items, item{y: pg.content.images[i].y1, im: &pg.content.images[i]})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y > items[j].y })
	first := true
	for _, it := range items {
		if it.im != nil {
			e.image(pg, it.im)
			continue
		}
		if it.rg != nil {
			e.region(pg, it.rg, first)
			first = false
			continue
		}
		e.line(*it.l, first)
		first = false
	}
}

func (e *emitter) flush() {
	if len(e.cur) == 0 {
		return
	}
	var b strings.Builder
	for i, l := range e.cur {
		if i > 0 {
			b.WriteString(block.Glue(b.String(), l.text))
		} else {
			b.WriteString(l.text)
		}
	}
	first := e.cur[0]
	role := block.Body
	if first.size < e.m.size*noteSize && footnoteLike(first.text) {
		role = block.Footnote
	}
	text := strings.TrimSpace(b.String())
	e.cur = nil
	e.out = append(e.out, block.Block{Text: text, Page: first.page, Role: role})
}

func footnoteLike(s string) bool {
	s = strings.TrimSpace(s)
	if n, _ := block.LeadingSuperscript(s); n > 0 {
		return true // the number printed raised, as Word prints a footnote's
	}
	r := []rune(s)
	return len(r) > 0 && (unicode.IsDigit(r[0]) || r[0] >= '①' && r[0] <= '⑳' || r[0] == '注')
}

// standalone reports whether a line is a block of its own: a heading of
// 篇, 章 or 节, a box, table or annex label, or a centred title.
func (e *emitter) standalone(l line) bool {
	if lb := label.Parse(l.text); block.AloneKind(lb.Kind) {
		short := l.x1 < e.m.right-shortOfMargin*e.m.size
		return block.StandsAlone(lb, func(label.Kind) bool { return short })
	}
	mid := (e.m.left + e.m.right) / 2
	centred := l.x0 > e.m.left+centreInset*e.m.size && math.Abs((l.x0+l.x1)/2-mid) < centreSlack*e.m.size
	// a line set far from the left margin: a centred title, or a signature
	// or date set to the right
	return centred || l.x0 > e.m.left+farIndent*e.m.size
}

// line adds a body line, starting a new paragraph where the layout says one
// starts.
func (e *emitter) line(l line, firstOnPage bool) {
	// a row of a table drawn without rules: three or more pieces apart
	if len(l.segs) >= 3 {
		e.flush()
		parts := make([]string, len(l.segs))
		for i, sg := range l.segs {
			parts[i] = strings.Join(strings.Fields(sg.text), "")
		}
		e.out = append(e.out, block.Block{Text: strings.Join(parts, " "), Page: l.page, Role: block.TableLine})
		e.lastRow = -1
		return
	}
	if len(e.cur) > 0 {
		p := e.cur[len(e.cur)-1]
		if e.breaks(p, l, firstOnPage) {
			e.flush()
		}
	}
	e.cur = append(e.cur, l)
	e.lastRow = -1
	if e.standalone(l) && !e.unclosed() {
		e.flush()
	}
}

// breaks reports whether a paragraph ends between lines p and l.
func (e *emitter) breaks(p, l line, firstOnPage bool) bool {
	m := e.m
	switch {
	case e.standalone(l) && e.unclosed() && e.standalone(p) && p.page == l.page &&
		math.Abs(l.size-p.size) <= sizeStep*m.size && p.y-l.y < titleGap*m.pitch:
		// a centred line that leaves a bracket open (the adoption line
		// under a title, （…通过）, wrapped) goes on on the next centred line
		return false
	case e.standalone(l):
		return true
	case !firstOnPage && p.page == l.page && p.y-l.y > paraSpacing*m.pitch && p.y-l.y > p.size*paraSpacingEm:
		return true // paragraph spacing
	case l.x0 > m.left+firstIndent*m.size && l.x0 < m.left+farIndent*m.size:
		return true // an indented first line
	case p.x1 < m.right-shortLast*m.size && e.canEnd(p):
		return true // a short last line
	case math.Abs(l.size-p.size) > sizeStep*m.size:
		return true // a change of font size
	}
	if k := label.Parse(l.text).Kind; k.IsItem() && blockEnds(p.text) {
		return true
	}
	// a glossary entry (¹基本公共服务：…) after a finished sentence, also
	// where a page break hides the paragraph spacing
	if r := []rune(l.text); len(r) > 0 && isSup(r[:1]) && blockEnds(p.text) {
		return true
	}
	return false
}

// canEnd reports whether the open paragraph can end with its line p: a
// paragraph of prose ends with a finished sentence, and never inside
// brackets or quotes; a one-line block (a heading) may end without
// punctuation. A line cut short for other reasons (no line may start with
// a closing bracket) goes on.
func (e *emitter) canEnd(p line) bool {
	if e.unclosed() {
		return false
	}
	return len(e.cur) == 1 || blockEnds(p.text)
}

// unclosed reports whether the open paragraph leaves a bracket or a quote
// open.
func (e *emitter) unclosed() bool {
	var b strings.Builder
	for _, l := range e.cur {
		b.WriteString(l.text)
	}
	text := b.String()
	open := strings.Count(text, "（") + strings.Count(text, "(") + strings.Count(text, "“") + strings.Count(text, "《") -
		strings.Count(text, "）") - strings.Count(text, ")") - strings.Count(text, "”") - strings.Count(text, "》")
	return open > 0
}

func blockEnds(s string) bool {
	return block.EndsSentence(s)
}
