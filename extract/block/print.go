package block

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"planx/extract/label"
)

// The rules in this file say how plans are printed, whatever the format
// that carries the print: which lines stand alone, what a page number looks
// like, how wrapped lines join, how note markers are written. Readers call
// them on printed lines; each rule has this one home.

// StandsAlone reports whether a printed line whose label is lb is a block of
// its own whatever stands around it: a heading of 篇, 章 or 节 that holds no
// sentence, or the label line of a box, a table or an annex. fits says
// whether the line is short enough, as the format measures it, to be such a
// heading or label of the given kind: a line that fills the measure is
// prose that happens to begin with a label.
func StandsAlone(lb label.Label, fits func(label.Kind) bool) bool {
	if !AloneKind(lb.Kind) || !fits(lb.Kind) {
		return false
	}
	return !lb.Kind.IsStructural() || !strings.Contains(lb.Rest, "。")
}

// AloneKind reports whether a line labelled k may stand alone
// (StandsAlone): a heading of 篇, 章 or 节, or a box, table or annex label.
func AloneKind(k label.Kind) bool {
	return k.IsStructural() || k == label.Box || k == label.Table || k == label.Annex
}

// IsPageNumber reports whether a printed line is a page number as set in a
// page's header or footer: 3, - 3 -, —3—, 第3页, 第 3 页 共 40 页, 3/40.
func IsPageNumber(t string) bool {
	t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), "-—–－ "))
	if strings.HasPrefix(t, "第") && strings.Contains(t, "页") {
		t = strings.TrimPrefix(t, "第")
		t = strings.TrimSpace(t[:strings.Index(t, "页")])
	}
	if i := strings.Index(t, "/"); i > 0 {
		t = t[:i]
	}
	return len(t) <= maxPageDigits && IsDigits(t)
}

// maxPageDigits is the most digits a page number has: a plan runs to
// hundreds of pages, not thousands, and a four-digit number on a line of its
// own is a year.
const maxPageDigits = 3

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Glue returns next as it is appended to prev when a wrapped line is
// joined to the text before it: nothing between CJK text, a space between
// two Latin words.
func Glue(prev, next string) string {
	if prev == "" {
		return next
	}
	a, _ := utf8.DecodeLastRuneInString(prev)
	b, _ := utf8.DecodeRuneInString(next)
	if a < utf8.RuneSelf && b < utf8.RuneSelf && unicode.IsLetter(a) && unicode.IsLetter(b) {
		return " " + next
	}
	return next
}

// JoinLines joins the lines of one value, such as the paragraphs of a table
// cell: nothing between CJK text, a space between two pieces of Latin text
// (words or figures, which a cell sets on lines of their own).
func JoinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			a, _ := utf8.DecodeLastRuneInString(lines[i-1])
			c, _ := utf8.DecodeRuneInString(l)
			if a < utf8.RuneSelf && c < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

var supDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

// Superscript writes a note marker, a number set raised or as a footnote
// reference, as superscript digits (¹²), the form the structure parser
// reads markers in. Anything that is not a number is returned as it is.
func Superscript(s string) string {
	if !IsDigits(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(supDigits[r-'0'])
	}
	return b.String()
}

// IsSuperscript reports whether r is a superscript digit (¹²³…).
func IsSuperscript(r rune) bool { return supDigit(r) >= 0 }

// supDigit is the value of the superscript digit r, or -1.
func supDigit(r rune) int {
	for d, s := range supDigits {
		if s == r {
			return d
		}
	}
	return -1
}

// LeadingSuperscript reads a note marker written as Superscript writes it
// at the start of s: the number its superscript digits give and the bytes
// they take, or 0 and 0 where s does not start with one.
func LeadingSuperscript(s string) (n, size int) {
	for size < len(s) {
		r, w := utf8.DecodeRuneInString(s[size:])
		d := supDigit(r)
		if d < 0 {
			break
		}
		n = n*10 + d
		size += w
	}
	return n, size
}
