package structure

import (
	"regexp"
	"strconv"
	"strings"

	"planx/extract/doc"
	"planx/extract/label"
	"planx/extract/value"
)

var yearRe = regexp.MustCompile(`(19|20)\d\d`)

// indicators reads the indicator rows of t, if it is an indicator table.
// A category row has text in its first cell only; a row with no 序号 under a
// numbered row is a sub-indicator that shares the 序号 and the cells the
// source prints once for both rows.
func indicators(t *doc.Table, start, end int) []doc.Indicator {
	if len(t.Rows) < 2 {
		return nil
	}
	cols, ok := findColumns(t.Rows[0])
	if !ok {
		return nil
	}
	header := t.Rows[0]
	review := isReview(t.Title, header, cols.values, start)
	var out []doc.Indicator
	category := ""
	for _, row := range t.Rows[1:] {
		cell := func(i int) string {
			if i < 0 || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		filled := 0
		for _, c := range row {
			if strings.Trim(c, " -") != "" {
				filled++
			}
		}
		if filled == 0 {
			continue
		}
		if filled == 1 && strings.TrimSpace(row[0]) != "" || filled == 1 && cols.seq >= 0 && cell(cols.seq) == "" && cell(cols.name) != "" && cell(cols.unit) == "" {
			first := ""
			for _, c := range row {
				if strings.TrimSpace(c) != "" {
					first = strings.TrimSpace(c)
					break
				}
			}
			if lb := label.Parse(first); lb.Kind == label.Han || lb.Kind == label.ParenHan {
				first = lb.Rest
			}
			category = first
			continue
		}
		name := cell(cols.name)
		if name == "" {
			continue
		}
		ind := doc.Indicator{Name: name, Unit: cell(cols.unit), Attribute: cell(cols.attribute), Category: category}
		if cols.unit < 0 {
			// a table with no unit column prints the unit after the name:
			// 现场混装炸药占工业炸药比重（%）
			ind.Name, ind.Unit = nameUnit(name)
		}
		if cols.category >= 0 && cell(cols.category) != "" {
			category = cell(cols.category)
			ind.Category = category
		}
		var prev *doc.Indicator
		if len(out) > 0 {
			prev = &out[len(out)-1]
		}
		if s := cell(cols.seq); s != "" {
			if n, err := strconv.Atoi(s); err == nil {
				ind.Seq, ind.HasSeq = n, true
			}
		} else if cols.seq >= 0 && prev != nil {
			ind.Seq, ind.HasSeq = prev.Seq, prev.HasSeq
			if ind.Attribute == "" {
				ind.Attribute = prev.Attribute
			}
		} else if lb := label.Parse(ind.Name); cols.seq < 0 && lb.Kind == label.Arabic && lb.Rest != "" {
			// a table with no 序号 column numbers its names instead
			// (1.国内生产总值增长): the ordinal is the row's number
			ind.Seq, ind.HasSeq, ind.Name = lb.Number, true, lb.Rest
		}
		for k, ci := range cols.values {
			raw := cell(ci)
			if raw == "" && cols.seq >= 0 && cell(cols.seq) == "" && prev != nil && k < len(prev.Values) {
				raw = prev.Values[k].Raw // a merged cell printed once for both rows
			}
			v := doc.Value{Column: strings.TrimSpace(header[ci]), Raw: raw}
			if y := yearRe.FindString(header[ci]); y != "" {
				v.Year, _ = strconv.Atoi(y)
			}
			r := role(header[ci], v.Year, start, end, review)
			if v.Year == 0 {
				v.Year = targetYear(r, start, end)
			}
			p := value.Parse(raw)
			v.Parsed = doc.Parsed{Op: p.Op, Value: p.Value, ValueMax: p.ValueMax, Cumulative: p.Cumulative, Qualifier: p.Qualifier,
				Role: r}
			ind.Values = append(ind.Values, v)
		}
		out = append(out, ind)
	}
	return out
}

// isReview reports whether an indicator table reviews an earlier plan
// (“十三五”规划主要指标完成情况) rather than setting this plan's targets:
// its title says 完成/实现/执行情况 or 回顾, or every value column names a
// year before this plan's period.
func isReview(title string, header []string, values []int, start int) bool {
	t := squash(title)
	for _, w := range []string{"完成", "实现情况", "执行情况", "落实情况", "回顾"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	if start == 0 {
		return false
	}
	for _, ci := range values {
		y := yearRe.FindString(header[ci])
		if n, _ := strconv.Atoi(y); n == 0 || n >= start {
			return false
		}
	}
	return len(values) > 0
}

// targetYear is the year of a target column whose header names none
// (预期值, 目标值, 规划目标): the end of the plan it belongs to, this plan's
// or, in a review table, the previous plan's, which ends the year before
// this one starts. 0 where that is not known. The store marks such years
// as inferred.
func targetYear(role string, start, end int) int {
	switch {
	case role == "target" && end > 0:
		return end
	case role == "previous_target" && start > 0:
		return start - 1
	}
	return 0
}

// role says what a value column is: the plan's baseline, its target, a
// midterm target, or an actual (完成) value of an earlier period. In a
// review table every value is an actual one, except a column that states
// the earlier plan's target (目标, 规划), which is previous_target, never
// this plan's target.
func role(header string, year, start, end int, review bool) string {
	h := squash(header)
	done := containsAny(h, doneWords)
	aim := containsAny(h, aimWords)
	if review {
		if aim && !done {
			return "previous_target"
		}
		return "actual"
	}
	switch {
	case containsAny(h, baselineWords):
		return "baseline"
	case done && start > 0 && year == start-1:
		return "baseline"
	case done:
		return "actual"
	case aim:
		if start > 0 && year > 0 && year < end && year >= start {
			return "midterm"
		}
		return "target"
	case year == 0 || start == 0:
		return ""
	case year < start:
		return "baseline"
	case year >= end:
		return "target"
	}
	return "midterm"
}

// unitRe matches what a unit printed in brackets after an indicator's name
// looks like: a percent or per-mille sign, a measure (万人, 平方米, 亿元, 岁),
// or a rate (人/千人, 1/10万, 次/年).
var unitRe = regexp.MustCompile(`^(?:[%‰％‱]|[0-9０-９]*/.+|.+/.+|[万亿千百十]?(?:人次|人|元|户|个|张|所|家|次|吨|标准煤|亩|公顷|平方米|平方公里|立方米|公里|千米|米|岁|年|天|小时|分钟|册|件|项|座|辆|台|套|床|千瓦|千瓦时|兆瓦|度|分贝|微克/立方米|毫克/升|倍|辆|条|处|GB|Gbps|Mbps))$`)

// nameUnit splits a trailing bracketed unit off an indicator's name (GOLD.md:
// where the table has no unit column, the unit is printed after the name).
// Brackets that say something else (（含民办）) stay part of the name.
func nameUnit(name string) (string, string) {
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(name, br[1]) {
			continue
		}
		i := strings.LastIndex(name, br[0])
		if i <= 0 {
			continue
		}
		u := strings.TrimSpace(strings.TrimSuffix(name[i+len(br[0]):], br[1]))
		if unitRe.MatchString(u) || isUnitWord(u) {
			return strings.TrimSpace(name[:i]), u
		}
	}
	return name, ""
}
