package structure

import (
	"regexp"
	"slices"
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

// A government portal prints the fields of the national 政府信息公开
// catalogue above a document it publishes (索引号, 主题分类, 发文机关,
// 成文日期, 标题, 发文字号, 发布日期 …), as a grid that a scrape or a copy
// turns into lines: "索引号：…", "索引号 : …", a key alone with its value on
// the next line, or several fields on one line. The block is the portal's,
// as is whatever menu or breadcrumb stands above it.
var (
	portalFieldRe = regexp.MustCompile(`^(?:` + strings.Join(portalKeys, "|") + `)(?:\s*[:：]|\s|$)`)
	// portalKeys are the catalogue's field names that portals print.
	portalKeys = []string{"索引号", "主题分类", "体裁分类", "组配分类", "服务对象", "发文机关", "发布机构", "成文日期", "发布日期", "生效日期", "废止日期", "标题", "名称", "发文字号", "文号", "有效性", "公文种类", "主题词", "信息来源", "公开方式", "公开范围"}
	// catalogueKeyRe matches the fields only the catalogue has: a run of
	// field lines with one of them is a portal's block, not a document's
	// own lines that happen to start with 标题 or 发布日期.
	catalogueKeyRe = regexp.MustCompile(`^(?:索引号|主题分类|体裁分类|组配分类|发文字号|成文日期)`)
)

// portalSearch is how many blocks at the start of a page may hold a
// portal's menus, breadcrumbs and catalogue block before the document.
const portalSearch = 80

// wrapperEnd returns the index of the first block of the document's own
// text: 0 where no scraper or portal block stands at the start.
func wrapperEnd(blocks []block.Block) int {
	first, last := fieldRun(blocks, wrapperSearch, func(t string) bool { return fieldLineRe.MatchString(t) })
	// two field lines at least, opening the file
	if first < 0 || last == first || first > wrapperLead {
		first, last = fieldRun(blocks, portalSearch, func(t string) bool { return portalFieldRe.MatchString(t) })
		if first < 0 || last == first || !portalCatalogue(blocks[first:last+1]) {
			return 0
		}
		if k := strings.TrimRight(strings.TrimSpace(blocks[last].Text), " :："); last+1 < len(blocks) && slices.Contains(portalKeys, k) {
			last++ // the last key's value, printed under it
		}
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

// fieldRun finds the first run of field lines among the first n blocks: the
// index of its first and last line, a line between two fields allowed (a
// value printed under its key). It returns -1, -1 where there is none.
func fieldRun(blocks []block.Block, n int, field func(string) bool) (first, last int) {
	first, last = -1, -1
	for i := 0; i < len(blocks) && i < n; i++ {
		if field(strings.TrimSpace(blocks[i].Text)) {
			if first < 0 {
				first = i
			}
			last = i
		} else if first >= 0 && i > last+1 {
			break
		}
	}
	return first, last
}

// portalCatalogue reports whether a run of field lines has a field only the
// 政府信息公开 catalogue has.
func portalCatalogue(run []block.Block) bool {
	for _, b := range run {
		if catalogueKeyRe.MatchString(strings.TrimSpace(b.Text)) {
			return true
		}
	}
	return false
}
