package structure

import (
	"strings"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// A note marker found in the body: its number, the phrase it follows, and
// the section it stands in.
type marker struct {
	number  int
	anchor  string
	section int
	used    bool
}

// takeMarkers removes superscript note markers (¹²³) from text and records
// them with the phrase they follow. It returns the text without them.
func (p *parser) takeMarkers(text string) string {
	if !strings.ContainsAny(text, "⁰¹²³⁴⁵⁶⁷⁸⁹") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		n, size := block.LeadingSuperscript(text[i:])
		if size == 0 {
			r, size := utf8.DecodeRuneInString(text[i:])
			b.WriteRune(r)
			i += size
			continue
		}
		i += size
		// the marker may stand after the closing quote, or inside it
		p.mark(marker{number: n, anchor: Anchor(b.String()), section: p.section()})
	}
	return b.String()
}

// mark records a marker of the body, and that its number has been seen.
func (p *parser) mark(m marker) {
	p.markers = append(p.markers, m)
	if p.marked == nil {
		p.marked = map[int]bool{}
	}
	p.marked[m.number] = true
}

// blockMarkers records the markers a reader found between printed lines.
func (p *parser) blockMarkers(b block.Block) {
	for _, m := range b.Markers {
		at := m.At
		if at > len(b.Text) {
			at = len(b.Text)
		}
		p.mark(marker{number: m.Number, anchor: Anchor(b.Text[:at]), section: p.section()})
	}
}

// Lengths of a note's anchor, in characters.
const (
	// quotedTermChars is the longest quoted term (“四个出新出彩”) a marker
	// after the closing quote anchors to: a slogan or a name, not a quoted
	// sentence.
	quotedTermChars = 30
	// bracketChars is the longest bracket that closes an anchored phrase
	// (广州（片区）): a place or a short qualifier.
	bracketChars = 12
	// anchorChars is the most characters back to the last punctuation an
	// anchor takes: a term a glossary defines is a phrase, not a clause.
	anchorChars = 20
	// termChars is the longest text before a ： that is the term a
	// page-foot note defines (基本公共服务：是指…); longer, the note is a
	// remark whose sentence has a colon.
	termChars = 30
)

// Anchor is the phrase that a note marker follows: the words back to the
// last punctuation, or a whole quoted term where the marker stands after the
// closing quote (“四个出新出彩”³).
func Anchor(before string) string {
	s := strings.TrimRight(before, " ")
	if strings.HasSuffix(s, "”") {
		if i := strings.LastIndex(s, "“"); i >= 0 && utf8.RuneCountInString(s[i:]) <= quotedTermChars {
			return s[i:]
		}
	}
	const boundary = "，。；：、！？（）《》“”,.;:()[] \t"
	n := 0
	i := len(s)
	// a bracket closing the phrase belongs to it: 广州（片区）²⁰
	if strings.HasSuffix(s, "）") {
		if j := strings.LastIndex(s, "（"); j >= 0 && utf8.RuneCountInString(s[j:]) <= bracketChars {
			i = j
		}
	}
	for i > 0 && n < anchorChars {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if strings.ContainsRune(boundary, r) {
			break
		}
		i -= size
		n++
	}
	return s[i:]
}

// footnoteParser reads a page-foot note block that the reader marked:
// "N text".
var footnoteParser = blockParser{
	name:    "footnote",
	trigger: func(in input) bool { return in.block().Role == block.Footnote },
	parse: func(p *parser, in input) int {
		p.footnote(in.text)
		return 1
	},
}

func (p *parser) footnote(t string) {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n := atoiDigits(t[:i])
	if i == 0 {
		// a note numbered as its marker is printed: ① or ¹
		if n, i = circled(t); i == 0 {
			n, i = block.LeadingSuperscript(t)
		}
	}
	def := strings.TrimSpace(t[i:])
	// a note continued on the next page goes on with the last note
	if i == 0 && len(p.d.Notes) > 0 {
		p.d.Notes[len(p.d.Notes)-1].Definition += def
		return
	}
	p.d.Notes = append(p.d.Notes, doc.Note{Number: n, Term: term(def, false), Definition: noteDefinition(def, false), Section: -1})
}

// glossaryEntry reads an entry of a 名词解释 annex: "¹基本公共服务：是指…" or
// "1. 基本公共服务：…". It reports false for a block that is not one.
func (p *parser) glossaryEntry(text string) bool {
	t := strings.TrimSpace(text)
	n, i := block.LeadingSuperscript(t)
	if i == 0 {
		lb := label.Parse(t)
		switch {
		case (lb.Kind == label.Arabic || lb.Kind == label.ParenArabic) && strings.ContainsAny(lb.Rest, "：:"):
			n, i = lb.Number, len(t)-len(lb.Rest)
		default:
			// "1 基本公共服务：…": the marker number printed as plain digits
			j := 0
			for j < len(t) && j < 3 && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if j == 0 || j >= len(t) || t[j] != ' ' || !strings.ContainsAny(t, "：:") {
				return false
			}
			// digits and a space may also open a term (15 分钟生活圈：):
			// they number the entry only where they count on from the last
			n = atoiDigits(t[:j])
			if last := len(p.d.Notes); last == 0 && n != 1 || last > 0 && n != p.d.Notes[last-1].Number+1 {
				return false
			}
			i = j
		}
	}
	body := strings.TrimSpace(t[i:])
	p.d.Notes = append(p.d.Notes, doc.Note{Number: n, Term: term(body, true), Definition: noteDefinition(body, true), Section: -1})
	return true
}

// term is the defined term: the text before the first ：, where an entry
// names one.
func term(s string, glossary bool) string {
	i := strings.IndexAny(s, "：:")
	if i <= 0 || !glossary && utf8.RuneCountInString(s[:i]) > termChars {
		return ""
	}
	return strings.TrimSpace(s[:i])
}

// noteDefinition is what an entry says after its term and the ： (a
// space may stand before it: PPP ：…), or the whole entry where it names
// no term.
func noteDefinition(s string, glossary bool) string {
	if term(s, glossary) != "" {
		i := strings.IndexAny(s, "：:")
		_, size := utf8.DecodeRuneInString(s[i:])
		return strings.TrimSpace(s[i+size:])
	}
	return s
}

// linkNotes gives each note the anchor and section of its marker in the
// body. Markers can be misprinted (a marker glued to a figure, a number that
// does not match its entry), so where a note defines a term, a marker that
// follows that term wins over one that only has the right number: the
// first unused marker whose anchor ends the term (or is ended by it) and
// has the note's number, else the first such marker with any number, else
// the first unused marker with the note's number.
//
// A document may have thousands of notes and markers, so the markers are
// indexed once — by number, and by the anchor strings a term can match —
// and each note looks up its candidates instead of comparing itself with
// every marker: the cost grows with the notes plus the markers, not their
// product.
func linkNotes(notes []doc.Note, markers []marker) {
	if len(notes) == 0 || len(markers) == 0 {
		return
	}
	norm := func(s string) string { return strings.Trim(squash(s), "“”\"") }
	terms := make([]string, len(notes))
	wanted := map[string]bool{} // the normalised terms of the notes
	for k, n := range notes {
		if n.Term != "" {
			terms[k] = norm(n.Term)
			wanted[terms[k]] = true
		}
	}
	ix := markerIndex{used: func(i int) bool { return markers[i].used }}
	longest := 0 // bytes of the longest anchor: longer suffixes of a term match none
	for i, m := range markers {
		ix.add(key{kind: byNumber, num: m.number}, i)
		a := norm(m.anchor)
		if a == "" {
			continue
		}
		longest = max(longest, len(a))
		ix.add(key{kind: byAnchor, s: a}, i)
		ix.add(key{kind: byAnchor, s: a, num: m.number, withNum: true}, i)
		// the anchor ends with a term: index it under each of its suffixes
		// that is some note's term (the empty one included)
		for j := 0; j <= len(a); {
			if wanted[a[j:]] {
				ix.add(key{kind: bySuffix, s: a[j:]}, i)
				ix.add(key{kind: bySuffix, s: a[j:], num: m.number, withNum: true}, i)
			}
			if j == len(a) {
				break
			}
			_, size := utf8.DecodeRuneInString(a[j:])
			j += size
		}
	}
	for k := range notes {
		n := &notes[k]
		pick := -1
		if n.Term != "" {
			t := terms[k]
			var any, numbered []key
			// markers whose anchor ends the term
			for j := 0; j < len(t); {
				if len(t)-j <= longest {
					any = append(any, key{kind: byAnchor, s: t[j:]})
					numbered = append(numbered, key{kind: byAnchor, s: t[j:], num: n.Number, withNum: true})
				}
				_, size := utf8.DecodeRuneInString(t[j:])
				j += size
			}
			// markers whose anchor is ended by the term
			any = append(any, key{kind: bySuffix, s: t})
			numbered = append(numbered, key{kind: bySuffix, s: t, num: n.Number, withNum: true})
			if pick = ix.first(numbered); pick < 0 {
				pick = ix.first(any)
			}
		}
		if pick < 0 {
			pick = ix.first([]key{{kind: byNumber, num: n.Number}})
		}
		if pick < 0 {
			continue
		}
		markers[pick].used = true
		n.Anchor = markers[pick].anchor
		n.Section = markers[pick].section
	}
}

// markerIndex lists markers (by their index, in order) under keys, and
// finds the first unused one under a set of keys. Each list skips its used
// head once, so the lookups of all notes together cost what the lists
// hold.
type markerIndex struct {
	lists map[key]*markerList
	used  func(int) bool
}

type keyKind int

const (
	byNumber keyKind = iota // markers with a number
	byAnchor                // markers with exactly this anchor
	bySuffix                // markers whose anchor ends with this term
)

type key struct {
	kind    keyKind
	s       string
	num     int
	withNum bool
}

type markerList struct {
	idx  []int
	next int // idx[:next] are used
}

func (ix *markerIndex) add(k key, i int) {
	if ix.lists == nil {
		ix.lists = map[key]*markerList{}
	}
	l := ix.lists[k]
	if l == nil {
		l = &markerList{}
		ix.lists[k] = l
	}
	l.idx = append(l.idx, i)
}

// first returns the lowest unused marker under any of keys, or -1.
func (ix *markerIndex) first(keys []key) int {
	best := -1
	for _, k := range keys {
		l := ix.lists[k]
		if l == nil {
			continue
		}
		for l.next < len(l.idx) && ix.used(l.idx[l.next]) {
			l.next++
		}
		if l.next < len(l.idx) && (best < 0 || l.idx[l.next] < best) {
			best = l.idx[l.next]
		}
	}
	return best
}

// endnoteParser reads a note printed after the text rather than at the
// foot of its page, as a web page or a Word file saved as one prints its
// footnotes: ¹ and the note, where the body carried the marker ¹ before.
// (Entries of a 名词解释 annex are the glossary's: see paragraph.)
var endnoteParser = blockParser{
	name: "endnote",
	trigger: func(in input) bool {
		n, _ := block.LeadingSuperscript(strings.TrimSpace(in.text))
		return n > 0 && in.block().Cells == nil
	},
	parse: func(p *parser, in input) int {
		t := strings.TrimSpace(in.text)
		n, size := block.LeadingSuperscript(t)
		if p.inGlossary() || !p.marked[n] {
			return 0
		}
		def := strings.TrimSpace(t[size:])
		p.d.Notes = append(p.d.Notes, doc.Note{Number: n, Term: term(def, false), Definition: noteDefinition(def, false), Section: -1})
		return 1
	},
}

// noteListParser reads notes printed under a figure or a table that is an
// image (注：① … ② …): each numbered entry is a note of the document.
var noteListParser = blockParser{
	name:    "note list",
	trigger: func(in input) bool { return in.block().Cells == nil && isNoteStart(in.text) },
	parse:   func(p *parser, in input) int { return p.noteList(in.rest()) },
}

// noteList reads the notes from bs[0], the 注 line, on and returns how
// many blocks it read.
func (p *parser) noteList(bs []block.Block) int {
	first := true
	expect := 0
	i := 0
	for ; i < len(bs); i++ {
		b := bs[i]
		t := strings.TrimSpace(b.Text)
		if first {
			t = afterNote(t)
		}
		n, rest, ok := noteNumber(t)
		if !ok && !first && b.Cells == nil && !block.EndsSentence(p.d.Notes[len(p.d.Notes)-1].Definition) && label.Parse(t).Kind == label.None {
			// a note's text going on after a line break
			p.d.Notes[len(p.d.Notes)-1].Definition += closeSpaces(t)
			continue
		}
		if !ok || b.Cells != nil || !first && n != expect+1 {
			break
		}
		first = false
		expect = n
		p.d.Notes = append(p.d.Notes, doc.Note{Number: n, Definition: closeSpaces(rest), Section: p.section()})
	}
	if first {
		// a 注 with no numbered entry (注：本表数据为预期值。) under a
		// figure or an image is one note without a number: kept, not
		// dropped, and not body text
		if rest := afterNote(strings.TrimSpace(bs[0].Text)); rest != "" {
			p.d.Notes = append(p.d.Notes, doc.Note{Definition: closeSpaces(rest), Section: p.section()})
		}
		return 1
	}
	return i
}

// afterNote is what a 注 line says after its 注 and the ： (isNoteStart).
func afterNote(t string) string {
	return strings.TrimLeft(t[strings.Index(t, "注")+len("注"):], "：: ")
}

// circled reads a circled number (① … ⑳) at the start of s: its value and
// the bytes it takes, or 0 and 0.
func circled(s string) (n, size int) {
	if r, size := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return int(r-'①') + 1, size
	}
	return 0, 0
}

// noteNumber reads the number that opens a note: ①, 1., 1、, (1).
func noteNumber(s string) (int, string, bool) {
	if n, size := circled(s); n > 0 {
		return n, strings.TrimSpace(s[size:]), true
	}
	if lb := label.Parse(s); lb.Kind == label.Arabic || lb.Kind == label.ParenArabic {
		return lb.Number, strings.TrimSpace(lb.Rest), true
	}
	return 0, "", false
}

// atoiDigits is the number that s, a run of ASCII digits, writes.
func atoiDigits(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
