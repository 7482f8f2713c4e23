package ocr

import (
	"image"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"planx/extract/block"
	"planx/extract/label"
)

// textLine is one recognised line of a crop.
type textLine struct {
	x0, x1 int
	text   string
	conf   float64 // 0–1
}

// lines groups a crop's words into its lines, in order, with the mean
// confidence of their words.
func lines(ws []word) []textLine {
	var out []textLine
	key := [3]int{-1, -1, -1}
	var n int
	for _, w := range ws {
		k := [3]int{w.block, w.par, w.line}
		if k != key || len(out) == 0 {
			out = append(out, textLine{x0: w.box.Min.X, x1: w.box.Max.X})
			key, n = k, 0
		}
		l := &out[len(out)-1]
		l.text = joinWords(l.text, w.text)
		l.x0, l.x1 = min(l.x0, w.box.Min.X), max(l.x1, w.box.Max.X)
		l.conf = (l.conf*float64(n) + w.conf/100) / float64(n+1)
		n++
	}
	for i := range out {
		out[i].text = repairText(out[i].text)
	}
	return out
}

// joinWords puts a space between two words only where both sides are
// Latin letters or digits: Chinese is written without spaces, and the
// recogniser's word breaks inside it mean nothing.
func joinWords(a, b string) string {
	if a == "" {
		return b
	}
	ra, rb := []rune(a), []rune(b)
	if ra[len(ra)-1] < 0x80 && rb[0] < 0x80 && isAlnum(ra[len(ra)-1]) && isAlnum(rb[0]) {
		return a + " " + b
	}
	return a + b
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// repairText undoes what the recogniser does to Chinese punctuation: it
// reads the full-width ：，；（） as their ASCII forms, the quotes “ ” as
// " (or an opening one as * or <), and the enumeration comma 、 as . ` or \
// between two characters. Beside Chinese text they are the full-width
// ones.
func repairText(s string) string {
	rs := []rune(s)
	full := map[rune]rune{':': '：', ',': '，', ';': '；', '(': '（', ')': '）', '!': '！', '?': '？'}
	han := func(i int) bool { return i >= 0 && i < len(rs) && isHan(rs[i]) }
	open := false
	for i, r := range rs {
		if f, ok := full[r]; ok && (han(i-1) || han(i+1) || i > 0 && (rs[i-1] == '%' || rs[i-1] == '％')) {
			rs[i] = f
		}
		switch {
		case (r == '.' || r == '`' || r == '\\') && han(i-1) && han(i+1) && rs[i-1] != '）':
			rs[i] = '、'
		case r == '“' && open:
			rs[i], open = '”', false // a closing quote read as an opening one
		case r == '“':
			open = true
		case r == '”':
			open = false
		case r == '"' && !open && (han(i+1) || i+1 < len(rs) && unicode.IsDigit(rs[i+1])):
			rs[i], open = '“', true
		case r == '"' && open:
			rs[i], open = '”', false
		case (r == '*' || r == '<') && !open && han(i+1) && strings.ContainsAny(string(rs[i+1:]), "\"”"):
			rs[i], open = '“', true
		}
	}
	return string(rs)
}

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '“' || r == '”' || r == '）' || r == '（' || r == '、' || r == '。'
}

// boxBlocks makes the paragraphs of a box's text from its lines: a new
// paragraph where a line is indented (a first line), where it starts with
// an item number, or after a line that stops short of the right margin.
// indent is the width of two characters in the crop's pixels.
func boxBlocks(rg *Region, ls []textLine, page, em int) []block.Block {
	if len(ls) == 0 {
		return nil
	}
	left, right := ls[0].x0, ls[0].x1
	for _, l := range ls {
		left, right = min(left, l.x0), max(right, l.x1)
	}
	var out []block.Block
	var cur strings.Builder
	first := 0 // the paragraph's first line in rg.Lines
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		// quotes open on one line and close on the next
		text := repairText(cur.String())
		if t, ok := leadList(text); ok {
			rg.Lines[first].NeedsReview = true
			rg.Lines[first].Repair = "， in the lead phrase read for 、"
			text = t
		}
		out = append(out, block.Block{Text: text, Page: page, Role: block.Box})
		cur.Reset()
	}
	for i, l := range ls {
		starts := l.x0 > left+em/2 || label.Parse(l.text).Kind.IsItem()
		if i > 0 && (starts || ls[i-1].x1 < right-em) {
			flush()
		}
		if cur.Len() == 0 {
			first = len(rg.Lines)
		}
		rg.Lines = append(rg.Lines, Line{Row: i, Text: l.text, Confidence: l.conf, NeedsReview: l.conf < reviewBelow})
		cur.WriteString(l.text)
	}
	flush()
	return out
}

// tableBlocks rebuilds a table's rows from its cells: each cell's text
// goes to the first row and column it covers (a merged 类别 cell once),
// then the columns are repaired by what they hold.
func tableBlocks(rg *Region, g *image.Gray, cells []cell, words [][]word, page, ch int, known map[string]bool) []block.Block {
	nr, nc := 0, 0
	for _, c := range cells {
		nr, nc = max(nr, c.row+c.rows), max(nc, c.col+c.cols)
	}
	grid := make([][]string, nr)
	conf := make([][]float64, nr)
	for i := range grid {
		grid[i] = make([]string, nc)
		conf[i] = make([]float64, nc)
	}
	for k, c := range cells {
		var text strings.Builder
		var sum float64
		ls := lines(words[k])
		for _, l := range ls {
			text.WriteString(l.text)
			sum += l.conf
		}
		t := repairText(cellText(text.String()))
		cf := 1.0
		if len(ls) > 0 {
			cf = sum / float64(len(ls))
		}
		if t == "" && inked(g, c.r.Inset(3)) > ch/2 {
			// ink the recogniser read as nothing: in a plan table a lone
			// dash (no value), which it drops
			t, cf = "—", 0.5
		}
		grid[c.row][c.col], conf[c.row][c.col] = t, cf
	}
	var rows [][]string
	var rowConf [][]float64
	for i, r := range grid {
		if block.RowText(r) != "" {
			rows, rowConf = append(rows, r), append(rowConf, conf[i])
		}
	}
	repairs := repairColumns(rows, known)
	var out []block.Block
	for i, r := range rows {
		for j, t := range r {
			if t == "" {
				continue
			}
			l := Line{Row: i, Col: j, Text: t, Confidence: rowConf[i][j], Repair: repairs[[2]int{i, j}]}
			l.NeedsReview = l.Confidence < reviewBelow || l.Repair != ""
			rg.Lines = append(rg.Lines, l)
		}
		out = append(out, block.Block{Text: block.RowText(r), Cells: r, Page: page})
	}
	return out
}

var (
	spaceBetween = regexp.MustCompile(`\s+`)
	dashOnly     = regexp.MustCompile(`^[-一_—–－~]{1,2}$`)
)

// cellText tidies a cell: spaces go (a cell is one phrase, and the
// recogniser puts spaces in spaced-out headers: 指　　标), except between
// two Latin words.
func cellText(s string) string {
	s = strings.TrimSpace(s)
	return spaceBetween.ReplaceAllStringFunc(s, func(sp string) string { return "" })
}

// repairColumns repairs a table's cells by what their column holds and
// returns what it changed, by row and column. known are the numbers of the
// document's text layer, to check the numbers read against.
func repairColumns(rows [][]string, known map[string]bool) map[[2]int]string {
	fixes := map[[2]int]string{}
	if len(rows) < 2 {
		return fixes
	}
	fix := func(i, j int, v, why string) {
		if v != rows[i][j] {
			fixes[[2]int{i, j}] = "read as " + rows[i][j] + "; " + why
			rows[i][j] = v
		}
	}
	name := nameColumn(rows)
	for j := range rows[0] {
		h := rows[0][j]
		attr := strings.Contains(h, "属性") || strings.Contains(h, "性质")
		numeric := 0
		for _, r := range rows[1:] {
			if startsNumber(r[j]) {
				numeric++
			}
		}
		values := numeric*3 >= len(rows)-1
		for i := 1; i < len(rows); i++ {
			c := rows[i][j]
			if c == "" {
				continue
			}
			if m := marker.ReplaceAllString(c, "$1"); m != c {
				fix(i, j, m, "a footnote marker (①) read as a character")
				c = rows[i][j]
			}
			if m := digitDash.ReplaceAllString(c, "$1—$2"); m != c {
				fix(i, j, m, "a dash between numbers")
				c = rows[i][j]
			}
			switch {
			case attr && c != "预期性" && c != "约束性":
				if v := nearestAttribute(c); v != "" {
					fix(i, j, v, "属性 is 预期性 or 约束性")
				}
			case j == name:
				if m := rateUnit.FindStringSubmatchIndex(c); m != nil && c[m[2]:m[3]] != "％" && c[m[2]:m[3]] != "%" {
					fix(i, j, c[:m[0]]+"率（％）", "the unit of a rate is ％")
				}
			case values && dashOnly.MatchString(c) && c != "—":
				fix(i, j, "—", "a lone dash in a value column")
			case values && greater.MatchString(c):
				fix(i, j, greater.ReplaceAllString(c, "＞$1"), "＞ read as 二")
			case values && plainNumber.MatchString(c) && !known[c]:
				if v := textNumber(c, known); v != "" {
					fix(i, j, v, "checked against the number in the text")
				}
			}
		}
	}
	return fixes
}

var (
	// a marker ①②③ after a closing quote or a value, or read as ？
	marker      = regexp.MustCompile(`(”)\d(\p{Han})|[？?]`)
	digitDash   = regexp.MustCompile(`(\d)[一－-](\d)`)
	rateUnit    = regexp.MustCompile(`率[（(]([^（）()]{0,4})[）)》]?$`)
	greater     = regexp.MustCompile(`^[二=](\d)`)
	plainNumber = regexp.MustCompile(`^\d+$`)
)

// textNumber is the number of the text layer that a cell read as digits
// is, where the recogniser lost its decimal point (12.27 read as 1227) and
// perhaps read a footnote marker after it as one more digit (12278).
func textNumber(c string, known map[string]bool) string {
	for n := range known {
		if !strings.Contains(n, ".") {
			continue
		}
		d := strings.Replace(n, ".", "", 1)
		if d == c || len(c) == len(d)+1 && strings.HasPrefix(c, d) {
			return n
		}
	}
	return ""
}

// nameColumn is the column with the longest texts: the indicators' names.
func nameColumn(rows [][]string) int {
	best, bestW := -1, 0.0
	for j := range rows[0] {
		w := 0.0
		for _, r := range rows[1:] {
			w += block.Width(r[j])
		}
		if w > bestW {
			best, bestW = j, w
		}
	}
	return best
}

func startsNumber(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r)
	}
	return false
}

// nearestAttribute is 预期性 or 约束性, whichever shares more characters
// with s; "" when s shares none with either.
func nearestAttribute(s string) string {
	score := func(w string) int {
		n := 0
		for _, r := range w {
			if r != '性' && strings.ContainsRune(s, r) {
				n++
			}
		}
		return n
	}
	a, b := score("预期性"), score("约束性")
	switch {
	case a > b:
		return "预期性"
	case b > a:
		return "约束性"
	}
	return ""
}

// leadList repairs the lead phrase of a numbered item (1.名称：…): a phrase
// that names one thing lists its parts with 、, and a ， in it is a 、 the
// recogniser misread.
func leadList(text string) (string, bool) {
	lb := label.Parse(text)
	if !lb.Kind.IsItem() {
		return text, false
	}
	i := strings.Index(text, "：")
	if i < 0 || utf8.RuneCountInString(text[:i]) > 30 || !strings.Contains(text[:i], "，") {
		return text, false
	}
	return strings.ReplaceAll(text[:i], "，", "、") + text[i:], true
}
