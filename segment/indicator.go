package segment

import (
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Indicators are compared across plans by name and unit. Plans word the same
// indicator differently (每万人口拥有全科医师数 / 每万人口全科医师数; 困难残疾人
// 生活补贴覆盖率 / 困难残疾人生活补贴目标人群覆盖率) but different indicators
// can differ by a few characters only (高等教育毛入学率 / 高中阶段教育毛入学率):
// two names match when, leaving out brackets, conjunctions and filler words,
// the shorter one is a subsequence of the longer, they end in the same
// measure word, and their units agree.

var (
	bracketRe = regexp.MustCompile(`[（(][^（）()]*[）)]`)
	fillerRe  = regexp.MustCompile(`拥有|目标人群|等符合条件的|符合条件的|全市|我市|[和及与]`)
)

// IndicatorName is the form of an indicator name used to compare it: NFKC,
// no spaces or punctuation, no bracketed remark, no filler words.
func IndicatorName(name string) string {
	s := norm.NFKC.String(name)
	s = bracketRe.ReplaceAllString(s, "")
	s = fillerRe.ReplaceAllString(s, "")
	var b strings.Builder
	for _, r := range s {
		if isPunct(string(r)) || r == ' ' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unitClass groups units that measure the same thing: 套 and 万套, 人 and
// 万人 count the same things at other scales.
func unitClass(u string) string {
	u = strings.Join(strings.Fields(norm.NFKC.String(u)), "")
	u = strings.Trim(u, "-—–")
	switch u {
	case "%", "％":
		return "%"
	case "":
		return ""
	}
	u = strings.TrimLeft(u, "十百千万亿")
	return strings.TrimSuffix(u, "人")
}

// SameIndicator reports whether two indicators (name and unit) are the same
// measure.
func SameIndicator(nameA, unitA, nameB, unitB string) bool {
	ua, ub := unitClass(unitA), unitClass(unitB)
	if ua != "" && ub != "" && ua != ub {
		return false
	}
	a, b := IndicatorName(nameA), IndicatorName(nameB)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	// the same measure word at the end: 率, 数, 面积, 年限 …
	if ra[len(ra)-1] != rb[len(rb)-1] {
		return false
	}
	l := lcs(ra, rb)
	return l == len(ra) && l >= 4 && float64(l) >= 0.45*float64(len(rb))
}

func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// IndicatorRef is an indicator to be grouped.
type IndicatorRef struct {
	ID, Document int64
	Name, Unit   string
}

// GroupIndicators puts indicators that are the same measure into groups.
// Two groups are joined only where every member of one is SameIndicator with
// every member of the other, so that an indicator that combines two (困难残疾人
// 生活补贴和重度残疾人护理补贴覆盖率) cannot chain them into one group. Closer
// pairs are joined first. It returns each indicator's group number, in the
// order given: the index of the group's first member. Only names that end
// in the same character are compared, which keeps large databases fast.
func GroupIndicators(refs []IndicatorRef) []int {
	type pair struct {
		a, b  int
		ratio float64
	}
	names := make([][]rune, len(refs))
	buckets := map[rune][]int{}
	for i, r := range refs {
		names[i] = []rune(IndicatorName(r.Name))
		if n := len(names[i]); n > 0 {
			buckets[names[i][n-1]] = append(buckets[names[i][n-1]], i)
		}
	}
	same := map[[2]int]bool{}
	var pairs []pair
	for _, idx := range buckets {
		for x := 0; x < len(idx); x++ {
			for y := x + 1; y < len(idx); y++ {
				a, b := refs[idx[x]], refs[idx[y]]
				if SameIndicator(a.Name, a.Unit, b.Name, b.Unit) {
					same[[2]int{idx[x], idx[y]}] = true
					la, lb := float64(len(names[idx[x]])), float64(len(names[idx[y]]))
					pairs = append(pairs, pair{idx[x], idx[y], min(la, lb) / max(la, lb)})
				}
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].ratio != pairs[j].ratio {
			return pairs[i].ratio > pairs[j].ratio
		}
		if pairs[i].a != pairs[j].a {
			return pairs[i].a < pairs[j].a
		}
		return pairs[i].b < pairs[j].b
	})
	group := make([]int, len(refs))
	members := map[int][]int{}
	for i := range refs {
		group[i] = i
		members[i] = []int{i}
	}
	isSame := func(a, b int) bool {
		if a > b {
			a, b = b, a
		}
		return same[[2]int{a, b}]
	}
	for _, p := range pairs {
		ga, gb := group[p.a], group[p.b]
		if ga == gb {
			continue
		}
		ok := true
		for _, x := range members[ga] {
			for _, y := range members[gb] {
				if !isSame(x, y) {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		if gb < ga {
			ga, gb = gb, ga
		}
		for _, y := range members[gb] {
			group[y] = ga
		}
		members[ga] = append(members[ga], members[gb]...)
		delete(members, gb)
	}
	return group
}
