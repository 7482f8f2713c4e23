package structure

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/label"
)

// Text tables: a table printed as lines of text with no cell boundaries,
// as PDF text extraction leaves it (cells separated by spaces, a long cell
// wrapped over several lines, the header repeated on a new page) or as a
// scraped page prints it (one cell per line). Rows are rebuilt from what
// plan tables always have: a header naming the columns, a 序号 that counts up,
// an attribute (预期性/约束性) that closes an indicator row, a unit before the
// values.

// tableLine is one printed line of a text table.
type tableLine struct {
	text  string
	width float64
}

var yearTokenRe = regexp.MustCompile(`^(19|20)\d\d$`)

func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' })
}

// splitHeader finds where the header ends (the first body line) and
// returns the header cells. Header tokens are joined where the print split
// them: 序 / 号, 2020 / 年, and a long header wrapped over lines.
func splitHeader(lines []tableLine) ([]string, int) {
	var cells []string
	wrapped := false // the last cell is an unfinished wrapped header
	i := 0
	for ; i < len(lines); i++ {
		toks := fields(lines[i].text)
		if len(toks) == 0 {
			continue
		}
		first := toks[0]
		if len(cells) > 0 && (isSeq(first) || label.Parse(first).Kind == label.Han) {
			break
		}
		// Without a 序号 the body starts at the first line that no header
		// would print; with one, at the first 序号.
		if len(cells) > 0 && !headerish(toks) && !wrapped && cells[0] != "序号" {
			break
		}
		if len(cells) > 0 && yearsBelow(cells, toks) {
			continue
		}
		for j, t := range toks {
			n := len(cells)
			switch {
			case n > 0 && yearTokenRe.MatchString(cells[n-1]) && isYearSuffix(t):
				cells[n-1] += t
			case n > 0 && utf8.RuneCountInString(t) == 1 && utf8.RuneCountInString(cells[n-1]) == 1:
				cells[n-1] += t // 序 / 号
			case n > 0 && wrapped && j == 0:
				cells[n-1] += t
			default:
				cells = append(cells, t)
			}
		}
		last := cells[len(cells)-1]
		wrapped = len(toks) == 1 && !isHeaderWord(last) && utf8.RuneCountInString(last) > 1 && !yearTokenRe.MatchString(last)
	}
	return cells, i
}

// isYearSuffix reports whether a header token printed after a year is the
// rest of that year's cell: 年, or 年 and what the column holds (年目标值,
// 年完成值). A column of its own that starts with 年 (年均/累计, 年均增长)
// stands apart from the year before it.
func isYearSuffix(t string) bool {
	rest, ok := strings.CutPrefix(t, "年")
	return ok && (rest == "" || isHeaderWord(rest))
}

// yearsBelow joins a header line of 年 alone to the years above it: a
// narrow column prints 2020 on one line and 年 under it, so the second
// line holds one 年 for each year column, in order. It reports whether the
// line was such a line.
func yearsBelow(cells, toks []string) bool {
	var years []int
	for i, c := range cells {
		if yearTokenRe.MatchString(c) {
			years = append(years, i)
		}
	}
	if len(toks) == 0 || len(toks) > len(years) {
		return false
	}
	for _, t := range toks {
		if !isYearSuffix(t) {
			return false
		}
	}
	for k, t := range toks {
		cells[years[len(years)-len(toks)+k]] += t
	}
	return true
}

// headerish reports whether a line's tokens can belong to a header.
func headerish(toks []string) bool {
	for _, t := range toks {
		if !isHeaderWord(t) && !yearTokenRe.MatchString(t) && t != "年" && utf8.RuneCountInString(t) > 1 {
			return false
		}
	}
	return true
}

// maxSeqDigits is the most digits a 序号 cell has: a plan's table runs to
// hundreds of rows, not thousands, and a four-digit number is a year.
const maxSeqDigits = 3

// isSeq reports whether s is a 序号 cell: a row number.
func isSeq(s string) bool {
	return len(s) <= maxSeqDigits && block.IsDigits(s)
}

// rebuildRows turns the body lines of a text table into logical rows of
// len(header) cells.
func rebuildRows(header []string, body []tableLine) [][]string {
	roles, _ := findColumns(header)
	hdr := squash(strings.Join(header, ""))
	var rows [][]string
	var cur []tableLine // lines of the row being read
	var labels []categoryLabel
	expect := 1
	flush := func() {
		if len(cur) > 0 {
			rs := assignRow(header, roles, cur)
			if c := roles.category; c >= 0 && rs[0][c] != "" {
				at := float64(len(rows)) + 0.5
				if squash(cur[0].text) == rs[0][c] {
					at = float64(len(rows)) // a line of its own above the row
				}
				labels = append(labels, categoryLabel{row: len(rows), at: at})
			}
			rows = append(rows, rs...)
			cur = nil
		}
	}
	// categoryRow adds a category printed on a line of its own as a row
	// that holds only its name
	categoryRow := func(name string) {
		row := make([]string, len(header))
		row[0] = name
		rows = append(rows, row)
	}
	for k := 0; k < len(body); k++ {
		l := body[k]
		sq := squash(l.text)
		if sq == "" {
			continue
		}
		// a header repeated at the top of a new page
		if strings.HasPrefix(hdr, sq) && (sq == hdr || len(sq) < len(hdr) && repeatsHeader(body[k:], hdr)) {
			k += headerSpan(body[k:], hdr) - 1
			continue
		}
		toks := fields(l.text)
		if lb := label.Parse(l.text); lb.Kind == label.Han && len(toks) == 1 {
			flush()
			categoryRow(sq)
			continue
		}
		if roles.seq >= 0 && isSeq(toks[0]) {
			if n, _ := strconv.Atoi(toks[0]); n == expect || n == expect+1 && len(cur) > 0 {
				flush()
				expect = n + 1
			}
		} else if roles.seq < 0 && roles.attribute >= 0 && len(cur) > 0 && rowClosed(cur, roles, len(header)) {
			flush()
		}
		// A table with no 序号 and no 类别 column prints its categories as
		// lines of their own: one word at the start of a row, followed by
		// a row that opens with a name, not a unit or a value.
		if roles.seq < 0 && roles.category < 0 && len(cur) == 0 && len(toks) == 1 && k+1 < len(body) {
			next := fields(body[k+1].text)
			if len(next) > 0 && hasHan(next[0]) && !isUnitWord(next[0]) && !isAttribute(next[0]) && !isAttribute(toks[0]) &&
				!isUnitWord(toks[0]) && hasHan(toks[0]) {
				categoryRow(sq)
				continue
			}
		}
		cur = append(cur, l)
	}
	flush()
	if roles.category >= 0 {
		centreCategories(rows, labels, roles.category)
	}
	return rows
}

// categoryLabel is where a 类别 label was printed: the row it was read
// with and its height in rows (row 3's line is 3.5, a line of its own
// between rows 2 and 3 is 3).
type categoryLabel struct {
	row int
	at  float64
}

// centreCategories moves 类别 labels that a merged cell printed vertically
// centred up to the first row of their group, as a ruled table reads. It
// acts only where top-aligned labels cannot be (rows before the first
// label). Each group runs from where the last ended to twice its label's
// height minus its start (heights are whole or half rows, so that end is a
// whole row). A merged cell that a page break cuts prints its label centred
// on the part before the break, so a group may end short of the next
// label: the rows up to that label go on with the group, and the next
// group starts at its label. Labels that fall outside the groups so made
// (a group running past the next label) are not centred and stay.
func centreCategories(rows [][]string, labels []categoryLabel, col int) {
	if len(labels) == 0 || labels[0].row == 0 {
		return
	}
	starts := make([]int, len(labels))
	start := 0.0
	for i, lb := range labels {
		next := float64(len(rows))
		if i+1 < len(labels) {
			next = labels[i+1].at
		}
		fits := func(start float64) bool {
			end := 2*lb.at - start
			return end > float64(lb.row) && end <= next
		}
		if !fits(start) {
			// the group before was cut by a page and goes on to this
			// group, which starts at its label
			if !fits(math.Floor(lb.at)) {
				return
			}
			start = math.Floor(lb.at)
		}
		starts[i] = int(start)
		start = 2*lb.at - start
	}
	for i, lb := range labels {
		text := rows[lb.row][col]
		rows[lb.row][col] = ""
		rows[starts[i]][col] = text
	}
}

// repeatsHeader reports whether the lines starting at body[0] spell the
// header again (it may be split over lines: 序 / 号 / 主要指标 单位 …).
func repeatsHeader(body []tableLine, hdr string) bool {
	return headerSpan(body, hdr) > 0
}

func headerSpan(body []tableLine, hdr string) int {
	acc := ""
	for i, l := range body {
		acc += squash(l.text)
		if acc == hdr {
			return i + 1
		}
		if !strings.HasPrefix(hdr, acc) {
			return 0
		}
	}
	return 0
}

// rowClosed reports whether the lines read so far hold a whole row of a
// table with no 序号: its attribute and the cells after it.
func rowClosed(cur []tableLine, roles columns, ncols int) bool {
	atoms := rowAtoms(cur)
	after := ncols - 1 - roles.attribute
	for i := len(atoms) - 1; i >= 0; i-- {
		if isAttribute(atoms[i].text) {
			return len(atoms)-1-i >= after
		}
	}
	return false
}

func isAttribute(s string) bool {
	return s == "预期性" || s == "约束性" || s == "预期" || s == "约束"
}

// atom is a piece of a row that belongs to one cell.
type atom struct {
	text    string
	line    int  // which printed line of the row it came from
	ownLine bool // the whole line
}

var (
	valuePrefixes = []string{"稳定在", "控制在", "保持在", "力争", "不低于", "不少于", "不超过", "不高于", "达到", "约", "≥", "≤", ">", "<", "＞", "＜"}
	valueSuffixes = []string{"以上", "以下", "以内", "左右"}
	fractionRe    = regexp.MustCompile(`^\d+/\d+$`)
)

// rowAtoms splits a row's lines into atoms and joins the pieces that the
// print separated but that are one cell: 稳定在 88 以上, 1/10 万人, 65 岁以上….
func rowAtoms(lines []tableLine) []atom {
	var out []atom
	for li, l := range lines {
		toks := fields(l.text)
		for _, t := range toks {
			out = append(out, atom{text: t, line: li, ownLine: len(toks) == 1})
		}
	}
	var merged []atom
	for i := 0; i < len(out); i++ {
		a := out[i]
		n := len(merged)
		if n > 0 {
			prev := &merged[n-1]
			switch {
			case anyWord(prev.text, valuePrefixes, strings.HasSuffix) && startsNumeric(a.text):
				prev.text += a.text
				continue
			case anyWord(a.text, valueSuffixes, strings.HasPrefix) && endsNumeric(prev.text):
				prev.text += a.text
				continue
			case fractionRe.MatchString(prev.text) && isUnitWord(a.text):
				prev.text += a.text
				continue
			case isNumber(prev.text) && boundAfterNumberRe.MatchString(a.text):
				// 65 岁以上老人…, 5 岁以下儿童…: a number inside a name
				prev.text += a.text
				continue
			}
		}
		merged = append(merged, a)
	}
	return merged
}

func startsNumeric(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= '0' && r <= '9' || r == '[' || r == '［'
}

func endsNumeric(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= '0' && r <= '9' || r == '%' || r == ']'
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// boundAfterNumberRe matches what goes on a number that is part of a
// range rather than a value: a classifier, then a bound (以上, 以下, 以内),
// as an indicator's name states the group it counts (65岁以上常住人口比例,
// 5岁以下儿童死亡率) and a target a minimum (3个以上). Layout text prints a
// space between the number and the classifier; a unit cell has no bound
// after it, and a name after a 序号 starts with no bound.
var boundAfterNumberRe = regexp.MustCompile(`^\p{Han}及?(?:以上|以下|以内)`)

var unitWords = map[string]bool{
	"%": true, "‰": true, "％": true, "人": true, "万人": true, "岁": true, "个": true, "年": true, "张": true, "套": true,
	"万户": true, "户": true, "万人次": true, "人次": true, "平方米": true, "万平方米": true, "元": true, "万元": true, "亿元": true,
	"公里": true, "千米": true, "次/年": true, "人次/年": true, "万张": true, "万个": true, "册": true, "所": true, "家": true,
	"项": true, "座": true, "床": true, "名": true, "小时": true, "天": true, "万套": true, "万人/年": true,
	"--": true, "—": true, "-": true, "万吨": true, "吨": true, "千瓦": true, "万千瓦": true, "公顷": true, "亩": true,
}

func isUnitWord(s string) bool {
	if unitWords[s] {
		return true
	}
	return strings.HasPrefix(s, "万人") || strings.HasPrefix(s, "1/") || strings.HasSuffix(s, "/年") || strings.HasSuffix(s, "万人")
}

// assignRow puts a row's atoms into the header's columns. Indicator rows are
// read from their anchors: 序号 first, the attribute near the end, the values
// right before it and the unit right before them; what is left is the name
// (a wrapped name may print its last piece after the values). Rows of a
// table with no value columns are read line by line.
//
// A sub-row with no 序号 of its own that follows the attribute (name, unit,
// values, with the merged cells not printed again) becomes a row of its own.
func assignRow(header []string, roles columns, lines []tableLine) [][]string {
	row := make([]string, len(header))
	atoms := rowAtoms(lines)
	if len(atoms) == 0 {
		return [][]string{row}
	}
	if roles.seq >= 0 && isSeq(atoms[0].text) {
		row[roles.seq] = atoms[0].text
		atoms = atoms[1:]
	}
	if len(roles.values) == 0 || roles.name < 0 {
		textRow(row, roles, lines)
		return [][]string{row}
	}
	attrAt := -1
	for i := len(atoms) - 1; i >= 0; i-- {
		if isAttribute(atoms[i].text) {
			attrAt = i
			break
		}
	}
	end := len(atoms)
	var trailing []atom
	if attrAt >= 0 && roles.attribute >= 0 {
		row[roles.attribute] = atoms[attrAt].text
		after := atoms[attrAt+1:]
		// columns after the attribute, in header order
		col := roles.attribute + 1
		for _, a := range after {
			if col < len(header) && isAfterAttrCell(a.text) {
				row[col] = a.text
				col++
				continue
			}
			trailing = append(trailing, a)
		}
		end = attrAt
	}
	// values right before the attribute
	nv := len(roles.values)
	start := end - nv
	if start < 0 {
		start = 0
	}
	for k, a := range atoms[start:end] {
		row[roles.values[k+nv-(end-start)]] = a.text
	}
	rest := atoms[:start]
	if roles.unit >= 0 && len(rest) > 0 {
		u := rest[len(rest)-1]
		if isUnitWord(u.text) || len(rest) > 1 {
			row[roles.unit] = u.text
			rest = rest[:len(rest)-1]
		}
	}
	if roles.category >= 0 && len(rest) > 1 && (utf8.RuneCountInString(rest[0].text) <= categoryChars && rest[0].ownLine || categoryBeside(rest, atoms, lines[0].text, len(header), roles)) {
		row[roles.category] = rest[0].text
		rest = rest[1:]
	}
	var sub []string
	if len(trailing) >= 3 && roles.unit >= 0 && isUnitWord(trailing[1].text) && trailing[0].ownLine {
		sub = make([]string, len(header))
		sub[roles.name] = trailing[0].text
		sub[roles.unit] = trailing[1].text
		for k, a := range trailing[2:] {
			if k < len(roles.values) {
				sub[roles.values[k]] = a.text
			}
		}
		trailing = nil
	}
	var name strings.Builder
	for _, a := range append(rest, trailing...) {
		name.WriteString(block.Glue(name.String(), a.text))
	}
	row[roles.name] = name.String()
	if sub != nil {
		return [][]string{row, sub}
	}
	return [][]string{row}
}

// categoryChars is the longest a 类别 cell printed on a line of its own
// can be, in characters: categories are one or two words (人口, 公共教育,
// 社会保障); an indicator's name is longer.
const categoryChars = 6

// categoryBesideChars is the longest a 类别 label printed beside the
// first cells of a row can be, in characters: a category of up to five
// words, no indicator name.
const categoryBesideChars = 10

// categoryBeside reports whether the first piece of a row is a merged 类别
// cell printed beside the row (a label centred on a middle row of its
// group): the row's first line holds a piece for every column, and what
// follows the label starts the next column: a column gap (two spaces or
// more, not the single space that layout text puts around a number inside
// a name, 第 3 项), or the ordinal that numbers the indicator's name (经济发展
// 2.全员劳动生产率增长, where a narrow column leaves a single space).
func categoryBeside(rest, atoms []atom, first string, ncols int, roles columns) bool {
	if rest[0].line != 0 || rest[1].line != 0 || !hasHan(rest[0].text) || utf8.RuneCountInString(rest[0].text) > categoryBesideChars {
		return false
	}
	gap := strings.Contains(first, rest[0].text+"  ") || strings.Contains(first, rest[0].text+"\t") || strings.Contains(first, rest[0].text+"\u3000")
	if !gap && !(label.Parse(rest[1].text).Kind == label.Arabic && label.Parse(rest[0].text).Kind == label.None) {
		return false
	}
	n := 0
	for _, a := range atoms {
		if a.line == 0 {
			n++
		}
	}
	if roles.seq >= 0 {
		ncols--
	}
	return n >= ncols // a name the print split around a number is more than one piece
}

// afterAttrChars is the longest a cell of a column after the attribute
// can be, in characters: such columns hold a word or two (上游, 中上游, 牵头
// 单位), where the tail of a wrapped name is longer or carries brackets.
const afterAttrChars = 6

// isAfterAttrCell reports whether a piece after the attribute is a cell of
// a column printed after it (上游, 中上游 …) rather than the tail of a name
// that wrapped past the values.
func isAfterAttrCell(s string) bool {
	return utf8.RuneCountInString(s) <= afterAttrChars && !strings.ContainsAny(s, "（）()、，")
}

// columnShift is how much wider or narrower than the first line of a
// cell a line must be, in em, to be the first line of the next cell: the
// lines of one cell fill its column to within a character or two (a word
// that did not fit), the columns of a text table differ by more.
const columnShift = 3

// shortLine is how much shorter than its cell's first line a line must be,
// in em, to be the cell's last: a paragraph's last line stops short.
const shortLine = 1

// textRow reads a row of a table with no value columns (a table of text,
// such as a list of shortfalls): the pieces on the 序号's line are cells of
// their own; after that a cell runs on over lines of its column's width and
// a new cell starts where the width changes after a finished line.
func textRow(row []string, roles columns, lines []tableLine) {
	var cells []string
	first := fields(lines[0].text)
	if roles.seq >= 0 && len(first) > 0 && isSeq(first[0]) {
		first = first[1:]
	}
	cells = append(cells, first...)
	cellStart := -1.0
	prevW := 0.0
	prevText := ""
	for _, l := range lines[1:] {
		t := squash(l.text)
		w := block.Width(t)
		newCell := cellStart < 0 ||
			(w-cellStart > columnShift || cellStart-w > columnShift) && (endsSentence(prevText) || prevW < cellStart-shortLine)
		if newCell {
			cells = append(cells, t)
			cellStart = w
		} else {
			cells[len(cells)-1] += t
		}
		prevW, prevText = w, t
	}
	col := 0
	for _, c := range cells {
		for col < len(row) && col == roles.seq {
			col++
		}
		if col >= len(row) {
			row[len(row)-1] += c
			continue
		}
		row[col] = c
		col++
	}
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '。' || r == '；' || r == '！' || r == '？'
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
