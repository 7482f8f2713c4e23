// Package web reads plan documents published as web pages into blocks.
//
// Government pages wrap the plan in site navigation, breadcrumbs, share
// buttons and footers, declare (or fail to declare) a Chinese encoding, print
// headings as bold paragraphs, tables with rowspan/colspan, 专栏 boxes as
// one-cell tables and note markers as <sup>. Read finds the article, walks
// it in document order and gives the structure parser the same blocks the
// text reader gives: one per paragraph, one per table row with its cells,
// box text marked as such, and note markers as superscript digits.
package web

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/label"
)

// Reader reads web pages (block.Reader).
type Reader struct{}

// Read reads an HTML page.
func (Reader) Read(_ context.Context, data []byte) (*block.Layout, error) {
	return Read(data)
}

// ErrNoArticle is returned for a page with no text to speak of.
var ErrNoArticle = errors.New("no article text found on the page")

// maxDepth bounds how deep Read follows nested elements, so that a page of
// 10,000 nested <div>s is read without exhausting the stack.
const maxDepth = 200

// Read parses an HTML page. The layout's Info holds what the page's
// information table states (文号, 成文日期, 发布机构, 名称/标题), keyed by the
// label without its colon; its diagnostics say what decoding repaired
// (decode.Page).
func Read(data []byte) (*block.Layout, error) {
	dec, err := decodePage(data)
	if err != nil {
		return nil, err
	}
	text, enc := dec.Text, dec.Encoding
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		// the parser refuses elements nested more than 512 deep: keep the
		// text, drop the excess nesting, and parse again
		doc, err = goquery.NewDocumentFromReader(strings.NewReader(flatten(text, 256)))
		if err != nil {
			return nil, fmt.Errorf("parse HTML: %w", err)
		}
	}
	doc.Find("script, style, noscript, iframe, object, nav, header, footer, form, select, button").Remove()
	pg := &block.Layout{Format: decode.HTML, Encoding: enc, Info: infoTable(doc)}
	pg.Warn(dec.Warnings)
	art := article(doc)
	if art == nil {
		return nil, ErrNoArticle
	}
	w := &walker{}
	if art.Data == "pre" {
		w.pre = 1
	}
	w.walk(art, 0)
	w.flush()
	if len(w.blocks) == 0 {
		return nil, ErrNoArticle
	}
	pg.Blocks = w.blocks
	return pg, nil
}

var charsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)`)

// Decode turns page bytes into UTF-8. The charset the page declares in a
// <meta> is a hint the bytes may contradict (a template's gb2312 around a
// UTF-8 article): decode.Page lets the bytes decide where they can, and
// reports what it repaired.
func Decode(data []byte) (string, string, error) {
	d, err := decodePage(data)
	return d.Text, d.Encoding, err
}

func decodePage(data []byte) (decode.Decoded, error) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	label := ""
	if m := charsetRe.FindSubmatch(head); m != nil {
		label = strings.ToLower(string(m[1]))
	}
	return decode.Page(data, label)
}

// flatten rewrites a page so that no element is nested deeper than max:
// start and end tags below that depth are dropped, text is kept.
func flatten(page string, max int) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			depth++
			if depth > max {
				continue
			}
		case html.EndTagToken:
			depth--
			if depth >= max {
				continue
			}
		}
		b.Write(z.Raw())
	}
}

// infoTable reads the information table that government sites put above a
// document: 索引号 / 发布机构 / 成文日期 / 文号 …, label cells followed by value
// cells.
func infoTable(doc *goquery.Document) map[string]string {
	info := map[string]string{}
	doc.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		cells := t.Find("td, th")
		if cells.Length() > maxInfoCells {
			return true
		}
		found := false
		cells.Each(func(i int, c *goquery.Selection) {
			k := strings.TrimSpace(c.Text())
			if !strings.HasSuffix(k, "：") && !strings.HasSuffix(k, ":") {
				return
			}
			k = infoKey(k)
			if v := strings.TrimSpace(c.Next().Text()); v != "" && utf8.RuneCountInString(k) <= maxInfoKey {
				info[k] = v
				found = true
			}
		})
		return !found
	})
	// gov.cn and most provincial sites say 发文字号 and 发文机关 for what
	// others call 文号 and 发布机构
	for from, to := range map[string]string{"发文字号": "文号", "发文机关": "发布机构"} {
		if v, ok := info[from]; ok && info[to] == "" {
			info[to] = v
		}
	}
	return info
}

// The size of a page's information table: a dozen or two label and value
// cells, where a table of the plan has more; its labels (索引号, 发文字号,
// 成文日期) are a few characters long.
const (
	maxInfoCells = 40
	maxInfoKey   = 6 // characters
)

// infoKey is a label of an information table without its colon and the
// spaces that pad it to the width of the others (标　　题：, 索 引 号：).
func infoKey(k string) string {
	k = strings.TrimRight(k, "：: ")
	return strings.Join(strings.FieldsFunc(k, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }), "")
}

// metaKeys are the labels of a page's information table about a document.
var metaKeys = map[string]bool{
	"索引号": true, "发文机关": true, "发布机构": true, "发文字号": true, "文号": true, "成文日期": true,
	"发布日期": true, "主题分类": true, "主题词": true, "公文种类": true, "标题": true, "名称": true, "分类": true,
}

// isInfoTable reports whether t is a page's information table (two or more
// cells labelled 发文机关：, 成文日期：, …): metadata about the document, not
// a table of it.
func isInfoTable(t *html.Node) bool {
	n := 0
	for _, r := range tableRows(t) {
		for _, c := range r {
			k := strings.TrimSpace(goquery.NewDocumentFromNode(c.node).Text())
			if (strings.HasSuffix(k, "：") || strings.HasSuffix(k, ":")) && metaKeys[infoKey(k)] {
				n++
			}
		}
	}
	return n >= 2
}

// isLayoutTable reports whether t is a one-cell table that lays out the page
// rather than boxing text: it does not open with a 专栏 label and holds a
// whole article (a chapter heading, or more text than a box holds).
func isLayoutTable(t *html.Node) bool {
	if !oneCell(t) {
		return false
	}
	rows := tableRows(t)
	if isBox(t) {
		return false
	}
	if hanCount(goquery.NewDocumentFromNode(t).Text()) > maxBoxHan {
		return true
	}
	// the paragraphs' own text, without walking nested tables again (a
	// walk would read each nested table once per level above it)
	layout := false
	goquery.NewDocumentFromNode(rows[0][0].node).Find("p, h1, h2, h3, h4, h5, h6").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		layout = label.Parse(strings.TrimSpace(cleanText(s.Text()))).Kind.IsStructural()
		return !layout
	})
	return layout
}

// containerTags are the elements a site draws a box with.
var containerTags = map[string]bool{"div": true, "section": true, "blockquote": true, "aside": true, "fieldset": true}

// boxContainer reports whether n is a box drawn with an element that holds
// paragraphs (a <div> with a border): it holds more than one block, its
// text opens with a 专栏 label, and it is no longer than a box.
//
// It is asked of every container, nested ones too, so it reads the first
// text and counts no further than a box holds, not the whole subtree.
func boxContainer(n *html.Node) bool {
	if !containerTags[n.Data] || !hasBlockChild(n) || label.Parse(firstText(n, 0)).Kind != label.Box {
		return false
	}
	han := 0
	var count func(*html.Node, int) bool // false once past a box
	count = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && depth <= maxDepth; c = c.NextSibling {
			if c.Type == html.TextNode {
				if han += hanCount(c.Data); han > maxBoxHan {
					return false
				}
			} else if !count(c, depth+1) {
				return false
			}
		}
		return true
	}
	return count(n, 0)
}

// firstText is the first text in n that is not white space, trimmed.
func firstText(n *html.Node, depth int) string {
	for c := n.FirstChild; c != nil && depth <= maxDepth; c = c.NextSibling {
		if c.Type == html.TextNode {
			if t := strings.TrimSpace(c.Data); t != "" {
				return t
			}
			continue
		}
		if t := firstText(c, depth+1); t != "" {
			return t
		}
	}
	return ""
}

// isBox reports whether t's text opens with a 专栏 label.
func isBox(t *html.Node) bool {
	return label.Parse(strings.TrimSpace(goquery.NewDocumentFromNode(t).Text())).Kind == label.Box
}

// oneCell reports whether t has one cell.
func oneCell(t *html.Node) bool {
	rows := tableRows(t)
	return len(rows) == 1 && len(rows[0]) == 1
}

// maxBoxHan is more Chinese text than one box (专栏) holds: a few hundred
// characters of projects or targets, where an article runs to thousands.
const maxBoxHan = 1500

// article finds the element that holds the document: the one with the most
// Chinese text in paragraphs and tables directly inside it.
func article(doc *goquery.Document) *html.Node {
	var best *html.Node
	bestScore := 0
	// the body itself is a candidate: a fragment saved from a CMS has its
	// paragraphs directly in it
	body := doc.Find("body")
	body.AddSelection(body.Find("*")).Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		score := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				if c.Type == html.TextNode {
					score += hanCount(c.Data)
				}
				continue
			}
			switch c.Data {
			case "table":
				// a one-cell table wraps its text like a div (its cell is
				// a candidate of its own: the article where a site lays
				// out the page with a table); the information table is
				// not the article
				if (!oneCell(c) || isBox(c)) && !isInfoTable(c) {
					score += textScore(c, 0)
				}
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "section", "font", "span", "center", "pre":
				score += textScore(c, 0)
			case "div":
				// a div of plain text counts; a div that wraps more divs does not
				if !hasBlockChild(c) {
					score += textScore(c, 0)
				}
			}
		}
		if score > bestScore {
			best, bestScore = n, score
		}
	})
	if bestScore < 20 {
		return nil
	}
	return best
}

// textScore counts the Chinese characters of n that are not link text:
// lists of related articles, navigation and share bars are links, an
// article is not.
func textScore(n *html.Node, depth int) int {
	if depth > maxDepth {
		return 0
	}
	score := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			score += hanCount(c.Data)
		case c.Type == html.ElementNode && c.Data != "a":
			score += textScore(c, depth+1)
		}
	}
	return score
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "div" || c.Data == "p" || c.Data == "table") {
			return true
		}
	}
	return false
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// walker turns the article's elements into blocks.
type walker struct {
	blocks []block.Block
	cur    strings.Builder // text of the paragraph being read
	role   block.Role
	// inCell is set while a table cell's text is read: its paragraphs are
	// lines of one value, not blocks of their own.
	inCell bool
	pre    int // depth inside <pre>, where line breaks are breaks
	// heading is the depth inside elements set as headings (isHeading)
	heading int
}

// isHeading reports whether an element is set as a heading: <h1>–<h6>, or a
// paragraph centred or bold throughout, as Word and web editors set titles
// that carry no number.
func isHeading(n *html.Node) bool {
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	case "p", "div":
	default:
		return false
	}
	for _, a := range n.Attr {
		v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
		if a.Key == "align" && v == "center" || a.Key == "style" && strings.Contains(v, "text-align:center") {
			return true
		}
	}
	if hasBlockChild(n) || squash(goquery.NewDocumentFromNode(n).Text()) == "" {
		return false
	}
	return allBold(n, false, 0)
}

// allBold reports whether every piece of text under n stands in <b> or
// <strong>.
func allBold(n *html.Node, bold bool, depth int) bool {
	if depth > maxDepth {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if !bold && squash(c.Data) != "" {
				return false
			}
		case html.ElementNode:
			if !allBold(c, bold || c.Data == "b" || c.Data == "strong", depth+1) {
				return false
			}
		}
	}
	return true
}

// squash removes all white space.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }), "")
}

func (w *walker) flush() {
	t := cleanText(w.cur.String())
	w.cur.Reset()
	for _, line := range strings.Split(t, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		b := block.Block{Text: line, Role: w.role, Heading: w.heading > 0}
		b.Title = w.role == block.Box && label.Parse(line).Kind == label.Box
		w.blocks = append(w.blocks, b)
	}
}

var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "blockquote": true, "section": true, "article": true,
	"center": true, "dd": true, "dt": true, "dl": true, "pre": true, "hr": true, "tr": true,
}

func (w *walker) walk(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			// a line break in the source is white space, not a break:
			// Word and editors wrap long paragraphs; keep where it was so
			// that cleanText can drop it between Chinese characters
			if w.pre > 0 {
				w.cur.WriteString(c.Data)
			} else {
				w.cur.WriteString(sourceBreaks.Replace(c.Data))
			}
		case html.ElementNode:
			switch {
			case c.Data == "br":
				w.cur.WriteString("\n")
			case c.Data == "sup":
				w.cur.WriteString(block.Superscript(strings.TrimSpace(goquery.NewDocumentFromNode(c).Text())))
			case c.Data == "table" && w.inCell:
				w.cur.WriteString("\n")
				w.walk(c, depth+1)
				w.cur.WriteString("\n")
			case c.Data == "table":
				w.flush()
				w.table(c, depth+1)
			case blockTags[c.Data] && w.inCell:
				w.cur.WriteString("\n")
				w.walk(c, depth+1)
				w.cur.WriteString("\n")
			case blockTags[c.Data] && w.role != block.Box && boxContainer(c):
				// a 专栏 drawn as a bordered <div> rather than a one-cell
				// table: its text is box text, as a table's would be
				w.flush()
				old := w.role
				w.role = block.Box
				w.walk(c, depth+1)
				w.flush()
				w.role = old
			case blockTags[c.Data]:
				w.flush()
				heading := isHeading(c)
				if heading {
					w.heading++
				}
				if c.Data == "pre" {
					w.pre++
				}
				w.walk(c, depth+1)
				if c.Data == "pre" {
					w.pre--
				}
				w.flush()
				if heading {
					w.heading--
				}
			default:
				w.walk(c, depth+1)
			}
		}
	}
}

// table reads a <table>: a box (a one-cell table, or one whose text opens
// with a 专栏 label) becomes box text; a table of data becomes rows with the
// rowspan/colspan grid expanded, a merged cell's text in the first cell it
// covers only.
func (w *walker) table(t *html.Node, depth int) {
	rows := tableRows(t)
	cells := 0
	for _, r := range rows {
		cells += len(r)
	}
	if isInfoTable(t) {
		return // the page's information table: the layout's Info holds it
	}
	if isLayoutTable(t) {
		w.walk(rows[0][0].node, depth+1)
		w.flush()
		return
	}
	text := strings.TrimSpace(goquery.NewDocumentFromNode(t).Text())
	if cells == 1 || label.Parse(text).Kind == label.Box {
		old := w.role
		w.role = block.Box
		for _, r := range rows {
			for _, c := range r {
				w.walk(c.node, depth+1)
				w.flush()
			}
		}
		w.role = old
		return
	}
	// Title rows: a table's first rows may be one cell across the whole
	// width holding its caption (附件1 and the annex title, 表2 …), as Word
	// and web editors set a title inside the grid. They are the table's
	// caption, read as paragraphs before it, not rows of data.
	width := gridWidth(rows)
	for len(rows) > 2 && width > 1 && len(rows[0]) == 1 && rows[0][0].colspan >= width && rows[0][0].rowspan == 1 && captionLike(rows[0][0].node) {
		w.walk(rows[0][0].node, depth+1)
		w.flush()
		rows = rows[1:]
	}
	for _, row := range grid(rows) {
		w.blocks = append(w.blocks, block.Block{Text: block.RowText(row), Cells: row})
	}
}

// gridWidth is the number of columns of a table: the widest row, counting
// colspans.
func gridWidth(rows [][]cell) int {
	width := 0
	for _, r := range rows {
		n := 0
		for _, c := range r {
			n += c.colspan
		}
		width = max(width, n)
	}
	return width
}

// captionLike reports whether a cell reads as a caption: short lines (a
// label and a title) and no sentence, unlike a full-width note or a
// category row that ends a sentence.
func captionLike(n *html.Node) bool {
	t := strings.TrimSpace(cellText(n))
	if t == "" || strings.HasSuffix(t, "。") || isNoteText(t) {
		return false
	}
	return block.Width(t) <= maxCaption
}

// maxCaption is the widest a table's caption row reads, in em: a label and
// a title on a line or two, where a note set across the table is prose of
// several lines.
const maxCaption = 80

// isNoteText reports whether s is a 注 line under or above a table.
func isNoteText(s string) bool {
	return strings.HasPrefix(s, "注：") || strings.HasPrefix(s, "注:") || strings.HasPrefix(s, "说明")
}

type cell struct {
	node             *html.Node
	rowspan, colspan int
}

// tableRows lists the cells of each row of t, not of tables nested in it.
func tableRows(t *html.Node) [][]cell {
	var rows [][]cell
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "table":
				continue
			case "tr":
				var r []cell
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == html.ElementNode && (d.Data == "td" || d.Data == "th") {
						r = append(r, cell{node: d, rowspan: span(d, "rowspan"), colspan: span(d, "colspan")})
					}
				}
				rows = append(rows, r)
			default:
				visit(c, depth+1)
			}
		}
	}
	visit(t, 0)
	return rows
}

func span(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key == name {
			v := 0
			for _, r := range a.Val {
				if r < '0' || r > '9' {
					break
				}
				v = v*10 + int(r-'0')
			}
			if v >= 1 && v <= 100 {
				return v
			}
		}
	}
	return 1
}

// grid expands rowspan and colspan into a rectangle of cell texts.
func grid(rows [][]cell) [][]string {
	var out [][]string
	taken := map[[2]int]bool{}
	width := 0
	for i, r := range rows {
		var line []string
		col := 0
		for _, c := range r {
			for taken[[2]int{i, col}] {
				line = setAt(line, col, "")
				col++
			}
			line = setAt(line, col, cellText(c.node))
			for dc := 1; dc < c.colspan; dc++ {
				line = setAt(line, col+dc, "")
			}
			for dr := 1; dr < c.rowspan; dr++ {
				for dc := 0; dc < c.colspan; dc++ {
					taken[[2]int{i + dr, col + dc}] = true
				}
			}
			col += c.colspan
		}
		for taken[[2]int{i, col}] {
			line = setAt(line, col, "")
			col++
		}
		if len(line) > width {
			width = len(line)
		}
		out = append(out, line)
	}
	for i := range out {
		for len(out[i]) < width {
			out[i] = append(out[i], "")
		}
	}
	return out
}

func setAt(line []string, i int, s string) []string {
	for len(line) <= i {
		line = append(line, "")
	}
	line[i] = s
	return line
}

func cellText(n *html.Node) string {
	w := &walker{inCell: true}
	w.walk(n, 0)
	t := cleanText(w.cur.String())
	// a cell's lines are one value: join them
	parts := strings.Fields(strings.ReplaceAll(t, "\n", " "))
	return block.JoinLines(parts)
}

// softBreak stands for a line break in the page's source text until
// cleanText decides what it was.
const softBreak = '\ue000'

var sourceBreaks = strings.NewReplacer("\r\n", string(softBreak), "\n", string(softBreak), "\r", string(softBreak))

// cleanText drops source line breaks between Chinese characters (where a
// browser shows nothing), turns other breaks, no-break and ideographic
// spaces into plain spaces and collapses runs of white space within a line.
func cleanText(s string) string {
	s = dropSoftBreaks(s)
	s = strings.NewReplacer("\u00a0", " ", "\u3000", " ", "\r", "", "\t", " ").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// dropSoftBreaks removes a run of ASCII white space that holds a source line
// break where it stands between two wide (CJK) characters, and makes it one
// space elsewhere (between Latin words).
func dropSoftBreaks(s string) string {
	if !strings.ContainsRune(s, softBreak) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if rs[i] != softBreak && rs[i] != ' ' && rs[i] != '\t' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		soft := false
		for j < len(rs) && (rs[j] == softBreak || rs[j] == ' ' || rs[j] == '\t') {
			soft = soft || rs[j] == softBreak
			j++
		}
		switch {
		case !soft:
			b.WriteString(string(rs[i:j]))
		case i > 0 && j < len(rs) && block.IsWide(rs[i-1]) && block.IsWide(rs[j]):
		default:
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}
