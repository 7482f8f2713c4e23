// Package value reads the value cells of plan indicator tables: 2100左右,
// ≥95, [23.76], 稳定在85以上, 力争5.8, 3-5, 应保尽保, --. It keeps what is
// numeric as an operator and numbers, and the words around them as a
// qualifier; a cell it does not understand is left unparsed, never guessed.
package value

import (
	"regexp"
	"strconv"
	"strings"
)

// Parsed is the reading of one cell. Op is "" when the cell is not numeric.
type Parsed struct {
	Op         string // =, >=, >, <=, <, ~, range
	Value      *float64
	ValueMax   *float64
	Cumulative bool   // a bracketed five-year total: [23.76], 〔30〕
	Qualifier  string // 力争, 稳定在…以上, 左右, 累计, 年均, …
	// Direction is "down" for a fall or a ceiling (下降15%, 降低, 减少,
	// 控制在…以内), "up" for a rise (提高, 增长, 提升, 增加), "" otherwise.
	// Value stays the number printed: for 下降15% it is the size of the
	// fall, 15, so a query must read it with Direction.
	Direction string
}

var (
	numRe   = regexp.MustCompile(`\d+(?:\.\d+)?`)
	rangeRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)[-~](\d+(?:\.\d+)?)%?$`)
)

var normalise = strings.NewReplacer(
	"＞", ">", "＜", "<", "≧", "≥", "≦", "≤", "＝", "=", "％", "%",
	"（", "(", "）", ")", "［", "[", "］", "]", "〔", "[", "〕", "]", "【", "[", "】", "]",
	"．", ".", "～", "~", "—", "-", "–", "-", "－", "-", "至", "-",
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
)

// Parse reads raw, a cell as printed.
func Parse(raw string) Parsed {
	s := strings.Join(strings.Fields(normalise.Replace(raw)), "")
	var p Parsed
	if s == "" || strings.Trim(s, "-/") == "" {
		return p
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		p.Cumulative = true
		s = s[1 : len(s)-1]
	} else if i := strings.Index(s, "["); i >= 0 && strings.HasSuffix(s, "]") {
		// ≥[100]: the operator stands outside the brackets.
		p.Cumulative = true
		s = s[:i] + s[i+1:len(s)-1]
	}
	var quals []string
	// a note in brackets after the value: ≥100（毛）
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(s, ")") {
		quals = append(quals, s[i+1:len(s)-1])
		s = s[:i]
	}
	for _, w := range []string{"力争", "累计", "年均", "达到", "保持", "基本", "约"} {
		if strings.HasPrefix(s, w) {
			quals = append(quals, w)
			s = strings.TrimPrefix(s, w)
		}
	}
	op := "="
	switch {
	case strings.HasPrefix(s, "≥") || strings.HasPrefix(s, ">="):
		op, s = ">=", strings.TrimLeft(s, "≥>=")
	case strings.HasPrefix(s, "≤") || strings.HasPrefix(s, "<="):
		op, s = "<=", strings.TrimLeft(s, "≤<=")
	case strings.HasPrefix(s, ">"):
		op, s = ">", s[1:]
	case strings.HasPrefix(s, "<"):
		op, s = "<", s[1:]
	}
	if q := wrapped(&s, "稳定在", "以上"); q != "" {
		op, quals = ">=", append(quals, q)
	} else if q := wrapped(&s, "控制在", "以内"); q != "" {
		op, quals = "<=", append(quals, q)
	} else if q := wrapped(&s, "控制在", "以下"); q != "" {
		op, quals = "<=", append(quals, q)
	}
	for _, sw := range []struct{ word, op string }{{"不低于", ">="}, {"不少于", ">="}, {"不超过", "<="}, {"不高于", "<="}, {"低于", "<"}, {"高于", ">"}} {
		if strings.HasPrefix(s, sw.word) {
			op, s = sw.op, strings.TrimPrefix(s, sw.word)
		}
	}
	for _, sw := range []struct{ word, op string }{{"以上", ">="}, {"以下", "<="}, {"以内", "<="}, {"左右", "~"}} {
		if strings.HasSuffix(s, sw.word) {
			op, s = sw.op, strings.TrimSuffix(s, sw.word)
			if sw.word == "左右" {
				quals = append(quals, "左右")
			}
		}
	}
	if len(quals) > 0 && quals[len(quals)-1] == "约" {
		op = "~"
	}
	dir := ""
	if op == "<=" && strings.Contains(strings.Join(quals, " "), "控制在") {
		dir = "down"
	}
	for _, w := range changeWords {
		if strings.HasPrefix(s, w.word) {
			quals = append(quals, w.word)
			s = strings.TrimPrefix(s, w.word)
			dir = w.dir
			// 下降到 8, 提高至 90: the level reached, not the size of the change
			s = strings.TrimPrefix(strings.TrimPrefix(s, "到"), "-")
			break
		}
	}
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimSuffix(s, "‰")
	if m := rangeRe.FindStringSubmatch(s); m != nil && op == "=" {
		a, _ := strconv.ParseFloat(m[1], 64)
		b, _ := strconv.ParseFloat(m[2], 64)
		p.Op, p.Value, p.ValueMax = "range", &a, &b
		p.Qualifier = strings.Join(quals, " ")
		p.Direction = dir
		return p
	}
	if !numRe.MatchString(s) || numRe.FindString(s) != s {
		return Parsed{Cumulative: p.Cumulative, Direction: dir}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Parsed{Cumulative: p.Cumulative, Direction: dir}
	}
	p.Op, p.Value = op, &v
	p.Qualifier = strings.Join(quals, " ")
	p.Direction = dir
	return p
}

// changeWords open a value that states a change rather than a level
// (累计 and 年均 before them are read as qualifiers first).
var changeWords = []struct{ word, dir string }{
	{"下降", "down"}, {"降低", "down"}, {"减少", "down"}, {"压减", "down"},
	{"提高", "up"}, {"增长", "up"}, {"提升", "up"}, {"增加", "up"},
}

// Direction says whether an indicator asks for a fall ("down") or a rise
// ("up"): from the value cell first (下降15%, 控制在5以内), else from the
// indicator's name where it ends in a change word, as plans name rates of
// change (单位地区生产总值能源消耗降低, 地区生产总值增长（%）). "" when
// neither says.
func Direction(name, raw string) string {
	if d := Parse(raw).Direction; d != "" {
		return d
	}
	n := strings.TrimSpace(name)
	// a trailing bracketed unit or note: 增长（%）
	if i := strings.LastIndexAny(n, "（("); i > 0 && (strings.HasSuffix(n, "）") || strings.HasSuffix(n, ")")) {
		n = strings.TrimSpace(n[:i])
	}
	for _, w := range changeWords {
		if strings.HasSuffix(n, w.word) {
			return w.dir
		}
	}
	return ""
}

// wrapped removes pre…post around *s and returns the qualifier pre…post.
func wrapped(s *string, pre, post string) string {
	if strings.HasPrefix(*s, pre) && strings.HasSuffix(*s, post) {
		*s = strings.TrimSuffix(strings.TrimPrefix(*s, pre), post)
		return pre + "…" + post
	}
	return ""
}
