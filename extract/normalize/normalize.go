// Package normalize holds the rules that every reader's output goes
// through, whatever the format: after a reader has made blocks of what was
// printed, Layout undoes what the printing of the source did to them. Each
// rule is written once, here or in package block (the rules of printed
// lines that readers call while they read: block.StandsAlone,
// block.IsPageNumber, block.Glue, block.Superscript).
package normalize

import (
	"strings"

	"planx/extract/block"
)

// Layout normalises a reader's layout in place: a paragraph that a page
// break of the source cut in two is one block again.
func Layout(l *block.Layout) {
	joinCut(l)
}

// joinCut joins each block that goes on with the paragraph before it
// (block.Continues): a web page, a Word file or a PDF printed from them
// keeps the page breaks of the document it was made from, and text with a
// paragraph per line has them as line ends. Only prose joins prose of the
// same role (body with body, box text with box text): never a table row, a
// page-foot note, or a heading the format sets as one.
//
// The notes at the foot of a page do not close the paragraph above them:
// its rest on the next page joins it, and the notes follow it.
//
// Images placed in the reading order keep their place: an image's index
// counts the blocks as joined.
func joinCut(l *block.Layout) {
	blocks := l.Blocks
	if len(blocks) < 2 {
		return
	}
	out := blocks[:0]
	// at[i] is the index in out of the block that took in blocks[i]
	at := make([]int, len(blocks))
	// the open block's text, in pieces joined once when it closes, so that
	// a run of many joins stays linear and allocates the text once
	var pieces []string
	last := ""
	open := -1 // the index in out of the block that may go on
	closeOpen := func() {
		if len(pieces) > 1 {
			out[open].Text = strings.Join(pieces, "")
		}
		pieces = pieces[:0]
	}
	for i, b := range blocks {
		if open >= 0 && joinable(out[open], b) && continues(out[open], len(pieces) > 1, last, b.Text) {
			if len(pieces) == 0 {
				pieces = append(pieces, out[open].Text)
			}
			pieces = append(pieces, b.Text)
			last = b.Text
			at[i] = open
			continue
		}
		if b.Role == block.Footnote && open >= 0 && out[open].Role != block.Footnote {
			// the notes at the foot of a page stand between a paragraph
			// and the rest of it on the next page: it stays open
			out = append(out, b)
			at[i] = len(out) - 1
			continue
		}
		closeOpen()
		out = append(out, b)
		last = b.Text
		open = len(out) - 1
		at[i] = open
	}
	closeOpen()
	for i := range l.Images {
		if a := l.Images[i].At; a > 0 && a <= len(at) {
			l.Images[i].At = at[a-1] + 1
		}
	}
	l.Blocks = out
}

// joinable reports whether next may go on with prev by their layout:
// prose of one role, neither set as a heading nor a box's title.
func joinable(prev, next block.Block) bool {
	return prev.Cells == nil && next.Cells == nil && prev.Role == next.Role &&
		(prev.Role == block.Body || prev.Role == block.Box) && !prev.Heading && !next.Heading &&
		!prev.Title && !next.Title // a box's title ends in no stop, and goes on with nothing
}

// continues reports whether next goes on with the open block prev, whose
// last piece is last. A block that was joined once is prose already: only
// its last piece is looked at again (block.Continues asks the same of the
// whole, less cheaply).
func continues(prev block.Block, joined bool, last, next string) bool {
	if joined {
		// prev.Text is still the block's first piece: its opening says
		// whether it is an entry of a list
		return !block.ListEntries(prev.Text, next) && block.ProseContinues(last, next)
	}
	return block.Continues(prev, next)
}
