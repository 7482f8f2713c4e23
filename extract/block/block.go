// Package block defines the intermediate form that every reader produces and
// the structure parser consumes: the document as a sequence of blocks, each a
// reflowed paragraph, a heading-like line or a table row, with the page it
// stands on and the role the layout gives it (body, box, footnote).
//
// Every reader (plain text, HTML, PDF, Word) implements Reader and returns a
// Layout: the blocks and what the file says about itself. Readers differ in
// what they know; a block carries what the format tells and leaves the rest
// zero. The rules of printed lines that readers share (which lines stand
// alone, page numbers, joining wrapped lines, note markers, character
// widths) live here too (print.go, join.go), each once.
package block

import (
	"strings"
	"unicode"
)

// Role is what the page layout says about a block, before any reading of its
// words: body text, text inside a box (专栏), a page-foot note, or a line
// that a format marks as a table row.
type Role int

// Roles.
const (
	Body      Role = iota
	Box            // inside a bordered box (专栏) where the format shows the box
	Footnote       // page-foot note text
	TableLine      // a line inside a table, as printed (wrapped text has no cells)
)

// Block is one unit of text in reading order.
type Block struct {
	Text  string   // the text, reflowed, without page furniture
	Cells []string // for table rows: one entry per cell; nil otherwise
	Page  int      // 1-based page, 0 where the format has no pages
	Role  Role
	// Title is true for the title line of a 专栏 box as the format frames
	// it (the 专栏N line that opens a bordered box or a one-cell table, or
	// stands alone over box text): it opens a new box.
	Title bool
	// Markers are note markers that the reader found between the printed
	// lines of the block (lone digit lines in PDF-derived text).
	Markers []Marker
	// Heading is true where the format sets the text as a heading: an
	// <h1>–<h6> or a paragraph centred or bold throughout on a web page, a
	// heading style in Word. A heading is never joined with its neighbours.
	Heading bool
}

// Marker is a footnote marker found in a block's text.
type Marker struct {
	Number int
	At     int // byte offset in Text where the marker stood
}

// Width is the printed width of s in em: CJK characters are 1, everything
// else ½. It is how long a line looks on the page.
func Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// AtLeastWide reports whether s is at least w em wide, looking no further
// than it must: a document printed on one line is one block of megabytes,
// and a rule that wants a short line need not measure all of it.
func AtLeastWide(s string, w float64) bool {
	n := 0.0
	for _, r := range s {
		if n += RuneWidth(r); n >= w {
			return true
		}
	}
	return false
}

// RuneWidth is the printed width of r in em: 1 for a wide (CJK) character,
// ½ for anything else.
func RuneWidth(r rune) float64 {
	if IsWide(r) {
		return 1
	}
	return 0.5
}

// IsWide reports whether r is printed one em wide: CJK characters,
// full-width forms and the punctuation set with them, which are set
// without spaces between them.
func IsWide(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) ||
		r >= 0x3000 && r <= 0x303f || // CJK punctuation
		r >= 0xff00 && r <= 0xff60 || // full-width forms
		r >= 0xffe0 && r <= 0xffe6 ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' ||
		r >= 0x2460 && r <= 0x24ff || // circled numbers
		r >= 0x3200 && r <= 0x33ff)
}

// RowText is the text of a table row: its non-empty cells, space-separated.
func RowText(cells []string) string {
	var parts []string
	for _, c := range cells {
		if c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, " ")
}
