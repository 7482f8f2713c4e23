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
