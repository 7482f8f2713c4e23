package structure

import (
	"regexp"
	"strings"

	"planx/extract/block"
)

// A scraped plan often sits inside what the scraper added: a title taken
// from the page or the file name, then the fields of the page's information
// block written as Markdown (**发布机构**: …, - **文件编号**：…), then a rule
// or a 政策全文 line before the document's own text. None of it is the
// document's: its fields are often wrong (a 发布机构 that is a phrase of the
// text, a title with a typo), so metadata and the outline start after it.

// fieldLineRe matches one field line of a scraper's information block:
// a short bold key, then a colon.
var fieldLineRe = regexp.MustCompile(`^(?:[-*+]\s*)?\*\*[^*]{1,12}\*\*\s*[:：]`)

// wrapperSearch is how many blocks at the start of a document may hold a
// scraper's title and information block.
const wrapperSearch = 20

// wrapperLead is how many blocks may stand before a scraper's first field
// line: a title, a heading such as 基本信息, a rule.
const wrapperLead = 3

// wrapperEnd returns the index of the first block of the document's own
// text: 0 where no scraper block stands at the start.
func wrapperEnd(blocks []block.Block) int {
	first, last := -1, -1
	for i := 0; i < len(blocks) && i < wrapperSearch; i++ {
		if fieldLineRe.MatchString(strings.TrimSpace(blocks[i].Text)) {
			if first < 0 {
				first = i
			}
			last = i
		} else if first >= 0 && i > last+1 {
			break
		}
	}
	// two field lines at least, opening the file
	if first < 0 || last == first || first > wrapperLead {
		return 0
	}
	end := last + 1
	for end < len(blocks) {
		t := squash(blocks[end].Text)
		if strings.Trim(t, "-*_=") == "" || t == "政策全文" || t == "全文" || t == "正文" || t == "原文" {
			end++
			continue
		}
		break
	}
	return end
}
