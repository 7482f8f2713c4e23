package block

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"planx/extract/label"
)

// What a paragraph cut by a page break looks like.
const (
	// minCutWidth is the least width, in em, of a paragraph that a page
	// break cut: the break falls after at least one full line of body
	// text, where a heading or a caption is shorter.
	minCutWidth = 30
	// minCutLabelled is the least width, in em, of a cut paragraph that
	// opens with a label (一、, （三）…): a labelled heading runs to a line
	// at most, a labelled paragraph goes on past it.
	minCutLabelled = 40
	// proseHead is how much of a paragraph, in bytes, is looked at for
	// the punctuation of prose: a few hundred characters hold a sentence.
	proseHead = 4096
)

// Continues reports whether prev, a paragraph of a text with one paragraph
// per line (a web page, a Word file, text copied from them), was cut by a
// page break of the source and next goes on with it.
func Continues(prev Block, next string) bool {
	if prev.Cells != nil || !AtLeastWide(prev.Text, minCutWidth) {
		return false
	}
	// Titles and headings do not end in punctuation either; prose has
	// sentences in it.
	head := prev.Text
	if len(head) > proseHead {
		head = head[:proseHead]
	}
	if !strings.Contains(head, "。") && strings.Count(head, "，") < 2 && strings.Count(head, "、") < 2 {
		return false
	}
	if label.Parse(prev.Text).Kind != label.None && !AtLeastWide(prev.Text, minCutLabelled) {
		return false
	}
	return ProseContinues(prev.Text, next)
}

// ProseContinues reports whether next goes on with prose that ends in prev:
// prev stops in the middle of a sentence and next is not a chapter, box or
// table label. An item number (一、) after a cut sentence is the sentence
// going on (完善全市统 / 一、结果通认…).
func ProseContinues(prev, next string) bool {
	if EndsSentence(prev) {
		return false
	}
	if ListEntries(prev, next) {
		return false
	}
	switch label.Parse(next).Kind {
	case label.Part, label.Chapter, label.Section, label.Box, label.Table, label.Annex:
		return false
	}
	return true
}

// EndsSentence reports whether s ends where a paragraph may end.
func EndsSentence(s string) bool {
	s = strings.TrimRight(s, " \u3000")
	s = trimMarkers(s)
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '！', '？', '；', '：', '.', '!', '?', ';', ':', '”', '）', ')':
		return true
	}
	return false
}

// trimMarkers removes superscript note markers at the end of s.
func trimMarkers(s string) string {
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !IsSuperscript(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// ListEntries reports whether prev and next are entries of a list, each a
// key and a colon (长沙市：芙蓉区、… / 株洲市：荷塘区、…): they stand on
// lines of their own without a full stop, and never go on with each other.
func ListEntries(prev, next string) bool {
	return keyed(prev) && keyed(next)
}

// maxKeyChars is the longest key an entry of a list opens with, in
// characters: a place or a short name (长沙市, 重点任务), not a clause.
const maxKeyChars = 8

// keyed reports whether s opens with a key and a colon: two to maxKeyChars
// Han characters, then ： or :.
func keyed(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == '：' || r == ':':
			return n >= 2
		case !unicode.Is(unicode.Han, r) || n == maxKeyChars:
			return false
		}
		n++
	}
	return false
}
