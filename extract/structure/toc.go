package structure

import (
	"regexp"
	"strings"

	"planx/extract/block"
	"planx/extract/label"
)

// A table of contents (目录) lists the headings of the body; read as text it
// would be the outline twice. The tables of contents are found before
// parsing (a cover, a notice and a preface may stand before one, a scrape
// may print it twice), and their parser skips the blocks inside one.
var tocParser = blockParser{
	name:    "toc",
	trigger: anyBlock,
	parse: func(p *parser, in input) int {
		for _, r := range p.toc {
			if in.at >= r[0] && in.at < r[1] {
				return 1
			}
		}
		return 0
	},
}

// tocSearch is how many blocks after the start, or after the last table of
// contents, may hold a table of contents: a cover, a notice of issue and a
// preface stand before it, each a few blocks; a scrape may print the table
// twice.
const tocSearch = 80

// tocEntryWidth is the longest a table-of-contents entry can be, in em: a
// heading's title with its dot leaders and page number, one line of a page.
const tocEntryWidth = 45

// tocWordWidth is the longest an entry without a label can be, in em (前言,
// 结束语, 附件 …).
const tocWordWidth = 12

// tocTitleWidth is the longest the title of an entry printed on the line
// after its label can be, in em (第一章 / 总体要求).
const tocTitleWidth = 30

// findTOCs finds the tables of contents at the front of the document.
func findTOCs(blocks []block.Block) [][2]int {
	var toc [][2]int
	limit := tocSearch
	for i := 0; i < len(blocks) && i <= limit; i++ {
		if block.AtLeastWide(blocks[i].Text, tocWordWidth) {
			continue // 目录 stands on a line of its own
		}
		t := squash(blocks[i].Text)
		j := i + 1
		if t == "目" && j < len(blocks) && squash(blocks[j].Text) == "录" {
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
		for j < len(blocks) {
			raw := strings.TrimSpace(blocks[j].Text)
			key := tocKey(raw)
			e := squash(key)
			if first == "" {
				first = e
			} else if e == first || e == "目录" || e == "目次" {
				break // the body, or the TOC printed again
			}
			// entries printed with their page numbers: the first line
			// without one, where the entries had them, is the body
			lb := label.Parse(e)
			if paged >= 2 && key == raw && lb.Kind != label.None {
				break
			}
			if key != raw {
				paged++
			}
			if !tocEntry(blocks[j]) && !(bare && block.Width(e) <= tocTitleWidth && !strings.Contains(e, "。")) {
				break
			}
			bare = lb.Kind != label.None && lb.Rest == ""
			j++
		}
		// what stood before the TOC (cover, notice) stays as preface
		toc = append(toc, [2]int{i, j})
		i, limit = j-1, j+tocSearch
	}
	if len(toc) == 0 {
		if r, ok := unlabelledTOC(blocks); ok {
			toc = append(toc, r)
		}
	}
	return toc
}

// tocMinEntries is the fewest entries an unlabelled table of contents has:
// a part, a chapter and a section at the least.
const tocMinEntries = 3

// unlabelledTOC finds a table of contents printed without a 目录 line, as a
// web page that links the headings above the text prints it: a run of
// headings with nothing between them that ends where its first entry is
// printed again. A body never prints a heading twice, so the repeat is
// where the body starts.
func unlabelledTOC(blocks []block.Block) ([2]int, bool) {
	for i := 0; i < len(blocks) && i <= tocSearch; i++ {
		if !tocEntry(blocks[i]) {
			continue
		}
		first := squash(tocKey(strings.TrimSpace(blocks[i].Text)))
		if label.Parse(first).Kind == label.None {
			continue
		}
		j := i + 1
		for j < len(blocks) && tocEntry(blocks[j]) && squash(tocKey(strings.TrimSpace(blocks[j].Text))) != first {
			j++
		}
		if j < len(blocks) && j-i >= tocMinEntries && squash(tocKey(strings.TrimSpace(blocks[j].Text))) == first {
			return [2]int{i, j}, true
		}
	}
	return [2]int{}, false
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
	if block.AtLeastWide(t, tocEntryWidth) || strings.Contains(t, "。") {
		return false
	}
	if label.Parse(t).Kind != label.None {
		return true
	}
	// entries without a label: 前言, 结束语, …, often with dots and a page
	return strings.Contains(t, "…") || strings.Contains(t, "..") || block.Width(t) < tocWordWidth
}
