package structure

import (
	"regexp"
	"slices"
	"strings"
)

// Table headers. Plans name the columns of their tables with a small
// vocabulary: a header cell is a year (2025年), or a short phrase that ends
// in a word saying what the column holds (主要指标, 计量单位, 指标属性,
// 目标值). The words are listed here once, by role: findColumns reads an
// indicator table's columns from them, and isHeaderWord tells a header
// cell from data where no rule or markup does (a table printed as text).
var (
	// a header cell that is one of these words, whole
	seqWords      = []string{"序号", "编号"}
	categoryWords = []string{"类别", "领域", "类型", "分类"}
	// a header cell that has one of these words in it
	unitWord       = "单位"                                                      // 单位, 计量单位
	attributeWords = []string{"性质", "属性"}                                      // 指标性质, 指标属性
	valueWords     = []string{"目标", "预期值", "完成", "实现", "基期", "现状", "年均", "累计"} // 目标值, 2020年完成情况, 年均/累计; or a year
	nameWord       = "指标"                                                      // 主要指标, 二级指标
	// the words that end the headers of the other columns of plans'
	// tables: a subdivision (细分), what a row says (主要内容, 重点任务,
	// 评价标准), whom it concerns (具体对象), a value (目标值)
	otherColumnWords = []string{"细分", "内容", "任务", "标准", "对象", "值"}
)

// What a value column's header says it holds (role): a value reached
// (2020年完成值, 实际值), of which a baseline (基期值, 现状值), or a value
// aimed at (目标值, 预期值, 规划值).
var (
	doneWords     = []string{"完成", "实现", "实际", "现状", "基期"}
	baselineWords = []string{"基期", "现状"}
	// a rate over the plan's years (年均增长, 年均/累计) is aimed at too
	aimWords = []string{"目标", "预期", "规划", "年均", "累计"}
)

// headerWordRe matches a table's header cell by its form: a year, or a
// short noun phrase that ends in a word naming a column.
var headerWordRe = regexp.MustCompile(`^(?:(?:19|20)\d\d年.*|[\p{Han}]{0,4}(?:` + strings.Join(headerEndings(), "|") + `))$`)

// headerEndings are the words a header cell can end in.
func headerEndings() []string {
	var ws []string
	ws = append(ws, seqWords...)
	ws = append(ws, categoryWords...)
	ws = append(ws, unitWord, nameWord)
	ws = append(ws, attributeWords...)
	return append(ws, otherColumnWords...)
}

func isHeaderWord(s string) bool { return headerWordRe.MatchString(s) }

// columns says which column of an indicator table holds what.
type columns struct {
	seq, category, name, unit, attribute int // -1 where absent
	values                               []int
}

// findColumns reads a header row. A table is an indicator table when it has
// an indicator name column and at least one value column (a year, 目标值,
// 预期值, 完成值 …); the unit column is optional (some provincial tables have
// only 指标 / 2025年 / 属性).
func findColumns(header []string) (columns, bool) {
	c := columns{seq: -1, category: -1, name: -1, unit: -1, attribute: -1}
	for i, h := range header {
		h = squash(h)
		switch {
		case slices.Contains(seqWords, h):
			c.seq = i
		case slices.Contains(categoryWords, h):
			c.category = i
		case strings.Contains(h, unitWord):
			c.unit = i
		case containsAny(h, attributeWords):
			c.attribute = i
		case yearRe.MatchString(h) || containsAny(h, valueWords):
			c.values = append(c.values, i)
		case strings.Contains(h, nameWord) && c.name < 0:
			c.name = i
		}
	}
	return c, c.name >= 0 && len(c.values) > 0
}

// anyWord reports whether match(s, w) holds for one of words
// (strings.Contains, strings.HasPrefix, strings.HasSuffix).
func anyWord(s string, words []string, match func(s, w string) bool) bool {
	for _, w := range words {
		if match(s, w) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool { return anyWord(s, words, strings.Contains) }
