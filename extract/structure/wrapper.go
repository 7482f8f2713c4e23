package structure

import (
	"regexp"
	"slices"
	"strings"

	"planx/extract/block"
	"planx/extract/label"
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
			return breadcrumbEnd(blocks)
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

// breadcrumbRe matches the line that says where on a site a page stands
// (当前位置：首页>政务公开>…): the site's menus stand above it.
var breadcrumbRe = regexp.MustCompile(`^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]|^首页\s*[>＞»›]`)

// breadcrumbEnd returns the index after a breadcrumb line among the first
// blocks of a page, 0 where there is none.
func breadcrumbEnd(blocks []block.Block) int {
	for i := 0; i < len(blocks) && i < portalSearch; i++ {
		if t := strings.TrimSpace(blocks[i].Text); short(t) && breadcrumbRe.MatchString(t) {
			return i + 1
		}
	}
	return 0
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

// A page printed from a web site (a browser's PDF, a scrape kept whole)
// carries the site's chrome around the document as well: a line of the
// article's particulars under its title (发布时间：… 来源：… 浏览次数：…
// 【字体：大 中 小】) and the site's footer after it (相关链接,
// 【打印本页】【关闭窗口】, 网站地图, 主办单位：…, 版权所有, 网站标识码,
// ICP备…). None of it is the document's.
var (
	// articleKeyRe matches one particular of an article as a CMS prints
	// it under the title: a key and a colon, or a bracketed control.
	articleKeyRe = regexp.MustCompile(`(?:发布时间|发布日期|发文日期|来源|信息来源|浏览次数|访问次数|阅读次数|点击数|点击量|浏览量|字号|字体|作者|责任编辑|编辑)\s*[:：]|【(?:字体|打印|关闭|分享|收藏)`)
	// footerRe matches what a site's footer prints, and siteRe what only
	// a site prints: a plan may end with its own 主办单位：… line, never
	// with a 网站标识码, so a footer is cut only where one of those stands.
	footerRe = regexp.MustCompile(`版权所有|网站标识码|ICP备|公网安备|打印本页|关闭窗口|网站地图|(?:主办|承办)(?:单位)?[:：]|技术支持[:：]|^\s*相关(?:链接|解读|阅读|文件|新闻)\s*$`)
	siteRe   = regexp.MustCompile(`版权所有|网站标识码|ICP备|公网安备|打印本页|关闭窗口|网站地图`)
)

// Where a page's chrome stands, in blocks and in em.
const (
	// articleReach is how many blocks after the wrapper the particulars
	// line stands in: under a title of a few lines.
	articleReach = 8
	// footerReach is how many blocks at the end a site's footer takes:
	// links, a few lines of particulars.
	footerReach = 30
	// chromeWidth is the widest line of a site's chrome, in em: a footer's
	// line is a row of links or particulars, never a paragraph.
	chromeWidth = 60
)

// unwrap splits blocks into what a scraper or a page put before the
// document (lead: its information block or catalogue, menus) and the
// document's own blocks (body), without the particulars line under the
// title and the site's footer.
func unwrap(blocks []block.Block) (lead, body []block.Block) {
	end := wrapperEnd(blocks)
	lead, body = blocks[:end], blocks[end:]
	if k := footerStart(body); k < len(body) {
		body = body[:k]
	}
	for i := 0; i < len(body) && i < articleReach; i++ {
		if label.Parse(body[i].Text).Kind != label.None {
			break // the document's first heading: its particulars stand above
		}
		if articleLine(body[i].Text) {
			body = append(body[:i:i], body[i+1:]...)
			break
		}
	}
	return lead, body
}

// articleLine reports whether t is the line of an article's particulars:
// two of them at least, on a line no longer than chrome.
func articleLine(t string) bool {
	return short(t) && len(articleKeyRe.FindAllStringIndex(t, 3)) >= 2
}

// short reports whether t is narrower than a line of a site's chrome.
func short(t string) bool { return !block.AtLeastWide(t, chromeWidth) }

// footerStart returns where a site's footer starts among the last blocks:
// the first line with what only a footer prints, after which every line is
// as short as chrome and no sentence. It returns len(body) where there is
// no footer.
func footerStart(body []block.Block) int {
	// the footer is the run of short lines at the end
	k := len(body)
	for k > 0 && k > len(body)-footerReach && short(body[k-1].Text) && !strings.Contains(body[k-1].Text, "。") {
		k--
	}
	site := false
	for _, b := range body[k:] {
		site = site || siteRe.MatchString(b.Text)
	}
	for ; site && k < len(body); k++ {
		if footerRe.MatchString(body[k].Text) {
			return k
		}
	}
	return len(body)
}
