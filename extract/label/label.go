// Package label recognises the numbering labels that Chinese plan documents
// print at the start of a line: heading labels (第一篇, 第三章, 第二节, 一、,
// （一）, 1., （1）), annex labels (附件), box labels (专栏3：) and table labels
// (表2-1). It is the scanner of planx: it knows how labels are written, not
// what a given document means by them.
package label

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a label. Heading kinds are ordered from the outermost
// (Part) to the innermost (ParenArabic), so that a smaller Kind nests a larger.
type Kind int

// Label kinds.
const (
	None        Kind = iota
	Part             // 第一篇
	Chapter          // 第一章
	Section          // 第一节
	Han              // 一、
	ParenHan         // （一）
	Arabic           // 1.  1、
	ParenArabic      // （1）
	Annex            // 附件  附件1
	Box              // 专栏1
	Table            // 表1  表2-1  附表1
)

var kindNames = [...]string{"none", "part", "chapter", "section", "han", "paren-han", "arabic", "paren-arabic", "annex", "column", "table"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// IsHeading reports whether k numbers a heading of the outline.
func (k Kind) IsHeading() bool { return k >= Part && k <= ParenArabic }

// IsStructural reports whether k numbers a structural heading (篇, 章,
// 节), which a plan prints on a line of its own, as opposed to an item.
func (k Kind) IsStructural() bool { return k >= Part && k <= Section }

// IsItem reports whether k is an item heading (一、, （一）, 1., （1）) as
// opposed to a structural heading (篇, 章, 节).
func (k Kind) IsItem() bool { return k >= Han && k <= ParenArabic }

// Label is a label found at the start of a line.
type Label struct {
	Kind   Kind
	Number int    // the ordinal (3 for 第三章), 0 for an unnumbered annex
	Text   string // the label as printed, e.g. "第三章", "（一）", "表2-1"
	Tag    string // for Table labels, the label without spaces ("表2-1")
	Rest   string // what follows the label, with the separator and leading space removed
}

// Parse reads the label at the start of s (leading white space is skipped).
// It returns a Label with Kind None when s does not start with one.
func Parse(s string) Label {
	s = strings.TrimLeft(s, " \t\u3000\u00a0")
	if s == "" {
		return Label{}
	}
	switch {
	case strings.HasPrefix(s, "第"):
		return parseOrdinalWord(s)
	case strings.HasPrefix(s, "附件"):
		return parseAnnex(s)
	case strings.HasPrefix(s, "专栏"):
		return parseBox(s)
	case strings.HasPrefix(s, "表"):
		return parseTable(s)
	case strings.HasPrefix(s, "附表"):
		// an attached table: 附表1 is a label of its own, not 表1
		lb := parseTable(s[len("附"):])
		if lb.Kind == Table {
			lb.Text, lb.Tag = "附"+lb.Text, "附"+lb.Tag
		}
		return lb
	case strings.HasPrefix(s, "（") || strings.HasPrefix(s, "("):
		return parseParen(s)
	}
	r, size := utf8.DecodeRuneInString(s)
	if brokenGlyph(r) {
		// a bracket that the print lost or turned into a box: （一） as
		// "□一□" or "一）"
		return parseBroken(s[size:], s)
	}
	switch {
	case isHanDigit(r):
		if lb := parseBroken(s, s); lb.Kind != None {
			return lb
		}
		return parseHan(s)
	case r >= '0' && r <= '9' || r >= '０' && r <= '９':
		if lb := parseBroken(s, s); lb.Kind != None {
			return lb // 1） with its opening bracket lost
		}
		return parseArabic(s)
	}
	return Label{}
}

func parseOrdinalWord(s string) Label {
	rest := s[len("第"):]
	num, n := leadingNumber(rest)
	if n == 0 || num <= 0 {
		return Label{}
	}
	rest = rest[n:]
	if strings.HasPrefix(rest, "部分") {
		// 第一部分: the top division of many plans and programmes, as 篇
		text := s[:len(s)-len(rest)+len("部分")]
		return Label{Kind: Part, Number: num, Text: text, Rest: trimSep(rest[len("部分"):])}
	}
	r, size := utf8.DecodeRuneInString(rest)
	var k Kind
	switch r {
	case '篇':
		k = Part
	case '章':
		k = Chapter
	case '节':
		k = Section
	default:
		return Label{}
	}
	text := s[:len(s)-len(rest)+size]
	return Label{Kind: k, Number: num, Text: text, Rest: trimSep(rest[size:])}
}

func parseAnnex(s string) Label {
	rest := s[len("附件"):]
	rest = strings.TrimLeft(rest, " \u3000")
	num, n := leadingNumber(rest)
	if n > 0 {
		rest = rest[n:]
	} else {
		num = 0
	}
	text := strings.TrimRight(s[:len(s)-len(rest)], " \u3000")
	return Label{Kind: Annex, Number: num, Text: text, Rest: trimSep(rest)}
}

func parseBox(s string) Label {
	rest := strings.TrimLeft(s[len("专栏"):], " \u3000")
	num, n := leadingNumber(rest)
	if n == 0 {
		return Label{}
	}
	rest = rest[n:]
	return Label{Kind: Box, Number: num, Text: "专栏" + itoa(num), Tag: "专栏" + itoa(num), Rest: trimSep(rest)}
}

func parseTable(s string) Label {
	rest := strings.TrimLeft(s[len("表"):], " \u3000")
	num, n := leadingNumber(rest)
	if n == 0 {
		return Label{}
	}
	tag := "表" + itoa(num)
	rest = rest[n:]
	// 表2-1: a second number after a dash.
	t := strings.TrimLeft(rest, " ")
	if r, size := utf8.DecodeRuneInString(t); isDash(r) {
		u := strings.TrimLeft(t[size:], " ")
		if sub, m := leadingNumber(u); m > 0 && isASCIIDigits(u[:m]) {
			tag += "-" + itoa(sub)
			rest = u[m:]
		}
	}
	// A real table label is followed by a space or a title, not by more of
	// a sentence such as 表明.
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsSpace(r) && r != '\u3000' && r != '：' && r != ':' && !unicode.Is(unicode.Han, r) && r != '“' && r != '"' && r != '《' {
			return Label{}
		}
	}
	return Label{Kind: Table, Number: num, Text: tag, Tag: tag, Rest: trimSep(rest)}
}

func parseParen(s string) Label {
	_, size := utf8.DecodeRuneInString(s)
	k, num, rest, ok := parenNumber(s[size:], closesParen)
	if !ok {
		return Label{}
	}
	return Label{Kind: k, Number: num, Text: s[:len(s)-len(rest)], Rest: trimSep(rest)}
}

// parenNumber reads the number of a bracketed label and the bracket that
// closes it, s starting at the number: the kind its numerals give (（一）
// in Chinese numerals, （1） in digits), the number and what follows the
// bracket. closes says what may stand for the closing bracket.
func parenNumber(s string, closes func(rune) bool) (k Kind, num int, rest string, ok bool) {
	num, n := leadingNumber(s)
	if n == 0 || num <= 0 {
		return None, 0, "", false
	}
	r, size := utf8.DecodeRuneInString(s[n:])
	if size == 0 || !closes(r) {
		return None, 0, "", false
	}
	k = ParenHan
	if isASCIIDigits(s[:n]) || isWideDigits(s[:n]) {
		k = ParenArabic
	}
	return k, num, s[n+size:], true
}

func closesParen(r rune) bool { return r == '）' || r == ')' }

// brokenGlyph reports whether r is what a broken bracket glyph comes out
// as: the replacement character, a private-use character, a box.
func brokenGlyph(r rune) bool {
	return r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff || r == '□' || r == '■' || r == '\x00'
}

// parseBroken reads （一）-style labels whose brackets were lost in
// printing: s is the text after a lost opening bracket (or the whole line
// where the opening bracket is simply missing), full the whole line.
func parseBroken(s, full string) Label {
	k, num, rest, ok := parenNumber(s, func(r rune) bool { return closesParen(r) || brokenGlyph(r) })
	if !ok || num > 99 {
		return Label{}
	}
	return Label{Kind: k, Number: num, Text: full[:len(full)-len(rest)], Rest: trimSep(rest)}
}

func parseHan(s string) Label {
	num, n := leadingNumber(s)
	if n == 0 || num <= 0 {
		return Label{}
	}
	rest := s[n:]
	r, size := utf8.DecodeRuneInString(rest)
	if r != '、' && !isStop(r) || r == '.' {
		return Label{}
	}
	rest = rest[size:]
	return Label{Kind: Han, Number: num, Text: s[:len(s)-len(rest)], Rest: trimSep(rest)}
}

func parseArabic(s string) Label {
	num, n := leadingNumber(s)
	if n == 0 || num <= 0 || n > 6 {
		return Label{}
	}
	rest := s[n:]
	r, size := utf8.DecodeRuneInString(rest)
	if r != '、' && !isStop(r) {
		return Label{}
	}
	rest = rest[size:]
	// 2.41 is a decimal number, not a label.
	if next, _ := utf8.DecodeRuneInString(rest); next >= '0' && next <= '9' || next == '%' {
		return Label{}
	}
	return Label{Kind: Arabic, Number: num, Text: s[:len(s)-len(rest)], Rest: trimSep(rest)}
}

// trimSep removes the separator and white space that stand between a label
// and its title.
func trimSep(s string) string {
	return strings.TrimLeft(s, " \t\u3000\u00a0：:、.．﹒")
}

// isStop reports whether r is a full stop that can follow an item number:
// the ASCII period, the full-width one (．) and the small one (﹒, U+FE52)
// that some legal databases and Word templates print.
func isStop(r rune) bool {
	return r == '.' || r == '．' || r == '﹒'
}

func isDash(r rune) bool {
	return r == '-' || r == '－' || r == '—' || r == '–' || r == '‐'
}

func isASCIIDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isWideDigits(s string) bool {
	for _, r := range s {
		if !(r >= '０' && r <= '９') && !(r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

var hanDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

func isHanDigit(r rune) bool {
	_, ok := hanDigits[r]
	return ok || r == '十' || r == '百'
}

// leadingNumber reads a number written in ASCII digits, full-width digits or
// Chinese numerals at the start of s. It returns the value and the number of
// bytes read (0 when s does not start with a number).
func leadingNumber(s string) (int, int) {
	i := 0
	ascii := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			ascii = ascii*10 + int(r-'0')
		case r >= '０' && r <= '９':
			ascii = ascii*10 + int(r-'０')
		default:
			size = 0
		}
		if size == 0 {
			break
		}
		i += size
		if i > 12 {
			return 0, 0
		}
	}
	if i > 0 {
		return ascii, i
	}
	j := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isHanDigit(r) {
			break
		}
		j += size
	}
	if j == 0 {
		return 0, 0
	}
	v, ok := HanNumber(s[:j])
	if !ok {
		return 0, 0
	}
	return v, j
}

// HanNumber converts a Chinese numeral (一, 十四, 二十一, 一百零二) to an
// integer.
func HanNumber(s string) (int, bool) {
	total, section, digit := 0, 0, -1
	for _, r := range s {
		switch {
		case r == '百' || r == '十':
			if digit < 0 {
				digit = 1 // 十四: a unit with no digit before it counts once
			}
			unit := 10
			if r == '百' {
				unit = 100
			}
			section += digit * unit
			digit = -1
		default:
			d, ok := hanDigits[r]
			if !ok {
				return 0, false
			}
			if digit > 0 {
				// 二一 style (digit by digit) numbers.
				section = (section + digit) * 10
			}
			digit = d
		}
	}
	if digit > 0 {
		section += digit
	}
	total += section
	return total, s != ""
}
