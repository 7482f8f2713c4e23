package segment

import "strings"

// Phrases are the query's phrases in the order they are written, those
// after NOT included: the order FTS5 numbers them in (bm25 weighs each).
func (q *Query) Phrases() []string {
	var out []string
	phrases(q.root, &out)
	return out
}

func phrases(n node, out *[]string) {
	switch n := n.(type) {
	case phrase:
		*out = append(*out, n.text)
	case binary:
		phrases(n.l, out)
		phrases(n.r, out)
	case near:
		for _, p := range n.phrases {
			*out = append(*out, p.text)
		}
	}
}

// Where writes the query as a boolean expression for a database without
// FTS5 (PostgreSQL): test(i) is the test of the i-th phrase of Phrases.
// NEAR is written as all its phrases: exact is false when the query has
// one, and the rows found must then be checked with Matches.
func (q *Query) Where(test func(i int) string) (expr string, exact bool) {
	var b strings.Builder
	i := 0
	exact = true
	where(q.root, &b, &i, &exact, test)
	return b.String(), exact
}

func where(n node, b *strings.Builder, i *int, exact *bool, test func(int) string) {
	switch n := n.(type) {
	case phrase:
		b.WriteString(test(*i))
		*i++
	case binary:
		b.WriteByte('(')
		where(n.l, b, i, exact, test)
		switch n.op {
		case "NOT":
			b.WriteString(" AND NOT ")
		default:
			b.WriteString(" " + n.op + " ")
		}
		where(n.r, b, i, exact, test)
		b.WriteByte(')')
	case near:
		*exact = false
		b.WriteByte('(')
		for k := range n.phrases {
			if k > 0 {
				b.WriteString(" AND ")
			}
			b.WriteString(test(*i))
			*i++
		}
		b.WriteByte(')')
	}
}

// Fold lower-cases ASCII letters, as the index and LIKE compare them.
func Fold(s string) string { return fold(s) }

// Instances counts, for each phrase of Phrases, its occurrences in text
// (overlapping ones included) as FTS5 counts them for bm25: in a NEAR
// group, only the occurrences that take part in a match of the group.
func (q *Query) Instances(text string) []int {
	var out []int
	instances(q.root, []rune(fold(text)), &out)
	return out
}

func instances(n node, text []rune, out *[]int) {
	switch n := n.(type) {
	case phrase:
		*out = append(*out, len(occurrences(text, n.text)))
	case binary:
		instances(n.l, text, out)
		instances(n.r, text, out)
	case near:
		occ := make([][]span, len(n.phrases))
		for k, p := range n.phrases {
			occ[k] = occurrences(text, p.text)
		}
		for k := range n.phrases {
			c := 0
			for _, o := range occ[k] {
				fixed := append([][]span(nil), occ...)
				fixed[k] = []span{o}
				if nearMatch(fixed, n.dist) {
					c++
				}
			}
			*out = append(*out, c)
		}
	}
}

type span struct{ start, end int }

// occurrences are where p starts and ends in text (folded), in characters.
func occurrences(text []rune, p string) []span {
	pr := []rune(fold(p))
	var list []span
	for i := 0; i+len(pr) <= len(text); i++ {
		if string(text[i:i+len(pr)]) == string(pr) {
			list = append(list, span{i, i + len(pr)})
		}
	}
	return list
}

// nearMatch reports whether one occurrence of each phrase can be chosen so
// that the latest start is at most dist characters after the earliest end
// (near.match's rule).
func nearMatch(occ [][]span, dist int) bool {
	var pick func(k int, chosen []span) bool
	pick = func(k int, chosen []span) bool {
		if k == len(occ) {
			latest, firstEnd := chosen[0].start, chosen[0].end
			for _, c := range chosen {
				latest = max(latest, c.start)
				firstEnd = min(firstEnd, c.end)
			}
			return latest-firstEnd <= dist
		}
		for _, c := range occ[k] {
			if pick(k+1, append(chosen, c)) {
				return true
			}
		}
		return false
	}
	return pick(0, nil)
}
