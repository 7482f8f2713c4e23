package segment

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search index holds every text once, with each character its own
// token (Chars), under SQLite's standard ascii tokenizer. A query word is
// then a phrase of characters, so the index finds exactly the texts in
// which the word's characters stand together — the texts a plain LIKE scan
// finds, for one character as for ten, for Chinese, Latin, digits and
// punctuation alike, with ASCII letters compared without case as LIKE does —
// and any SQLite client can query it. The cut into words (gse) serves the
// keywords only.

// Chars turns text into the form the index holds: its characters separated
// by spaces, each a token of its own. The ascii tokenizer takes every
// non-ASCII character as part of a token and ASCII letters and digits too;
// ASCII punctuation and white space, which it would drop, become private-use
// characters that stand for them (U+E000 + the ASCII code), so that a
// phrase cannot match across a comma that LIKE would stop at.
func Chars(text string) string {
	var b strings.Builder
	b.Grow(len(text) * 2)
	for _, r := range text {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if r < utf8.RuneSelf && !isASCIIAlnum(byte(r)) {
			r += 0xE000
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ErrEmptyQuery is returned for a query with no searchable term.
var ErrEmptyQuery = errors.New("the query has no word to search for")

// A Query is a parsed search query: words and "quoted phrases" (all must
// occur), A OR B, A NOT B, NEAR(A B, N) (A and B within N characters),
// parentheses; a word ending in * is a prefix, which every word already is
// (a word matches wherever its characters stand together).
type Query struct {
	root node
}

// Match is the FTS5 expression that finds the query in the index.
func (q *Query) Match() string {
	var b strings.Builder
	q.root.fts(&b)
	return b.String()
}

// Matches reports whether text satisfies the query, by the same rule as the
// index: a phrase matches where its characters stand together, ASCII
// letters compared without case.
func (q *Query) Matches(text string) bool {
	return q.root.match(fold(text))
}

// Terms are the query's words and phrases, for highlighting.
func (q *Query) Terms() []string {
	var out []string
	q.root.terms(&out)
	return out
}

// fold lower-cases ASCII letters, as the ascii tokenizer and LIKE do.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

type node interface {
	fts(b *strings.Builder)
	match(folded string) bool
	terms(out *[]string)
}

type phrase struct{ text string }

func (p phrase) fts(b *strings.Builder) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(Chars(p.text), `"`, `""`))
	b.WriteByte('"')
}
func (p phrase) match(s string) bool { return strings.Contains(s, fold(p.text)) }
func (p phrase) terms(out *[]string) { *out = append(*out, p.text) }

type binary struct {
	op   string // AND, OR, NOT
	l, r node
}

func (n binary) fts(b *strings.Builder) {
	b.WriteByte('(')
	n.l.fts(b)
	b.WriteString(" " + n.op + " ")
	n.r.fts(b)
	b.WriteByte(')')
}

func (n binary) match(s string) bool {
	switch n.op {
	case "AND":
		return n.l.match(s) && n.r.match(s)
	case "OR":
		return n.l.match(s) || n.r.match(s)
	}
	return n.l.match(s) && !n.r.match(s)
}

func (n binary) terms(out *[]string) {
	n.l.terms(out)
	if n.op != "NOT" {
		n.r.terms(out)
	}
}

type near struct {
	phrases []phrase
	dist    int
}

func (n near) fts(b *strings.Builder) {
	b.WriteString("NEAR(")
	for i, p := range n.phrases {
		if i > 0 {
			b.WriteByte(' ')
		}
		p.fts(b)
	}
	fmt.Fprintf(b, ", %d)", n.dist)
}

// match follows FTS5: some occurrence of every phrase lies so that the
// latest start is at most dist characters after the end of each phrase.
func (n near) match(s string) bool {
	rs := []rune(s)
	var occ [][]span
	for _, p := range n.phrases {
		list := occurrences(rs, p.text)
		if len(list) == 0 {
			return false
		}
		occ = append(occ, list)
	}
	return nearMatch(occ, n.dist)
}

func (n near) terms(out *[]string) {
	for _, p := range n.phrases {
		p.terms(out)
	}
}

// MaxQueryTerms bounds the words and phrases of one query. SQLite's FTS5
// grammar gives up at about a hundred (its parser stack), and a query of
// hundreds of OR'd words is an attempt to make the server scan: the bound
// turns both into a clear error before anything runs.
const MaxQueryTerms = 64

// ParseQuery parses a user's query. Operators are upper case (AND, OR, NOT,
// NEAR); ASCII parentheses group. A query that cannot be read (an
// unbalanced quote or parenthesis, an operator with nothing on one side, a
// column filter) is an error that says what is wrong.
func ParseQuery(q string) (*Query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, ErrEmptyQuery
	}
	terms := 0
	for _, t := range toks {
		if t.kind == "word" || t.kind == "phrase" {
			terms++
		}
	}
	if terms > MaxQueryTerms {
		return nil, fmt.Errorf("query: %d words and phrases; a query may have at most %d", terms, MaxQueryTerms)
	}
	p := &parser{toks: toks}
	root, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("query: unexpected %s", p.toks[p.pos])
	}
	return &Query{root: root}, nil
}

type tok struct {
	kind string // word, phrase, op, (, ), ","
	text string
}

func (t tok) String() string {
	switch t.kind {
	case "word", "op":
		return fmt.Sprintf("%q", t.text)
	case "phrase":
		return fmt.Sprintf("phrase %q", t.text)
	}
	return fmt.Sprintf("%q", t.kind)
}

// lex splits a query into words, "quoted phrases" (ASCII or Chinese quotes),
// operators, parentheses and commas.
func lex(q string) ([]tok, error) {
	var out []tok
	var cur strings.Builder
	flush := func() error {
		if cur.Len() == 0 {
			return nil
		}
		w := cur.String()
		cur.Reset()
		switch w {
		case "AND", "OR", "NOT", "NEAR":
			out = append(out, tok{"op", w})
			return nil
		}
		if i := strings.IndexByte(w, ':'); i > 0 && isASCIIWord(w[:i]) {
			return fmt.Errorf("query: column filters (%s) are not supported: every text is searched as a whole; use --kind or --doc to narrow the search", w[:i+1])
		}
		w = strings.TrimRight(w, "*") // a prefix: every word already is one
		if w == "" {
			return fmt.Errorf("query: * must follow a word")
		}
		out = append(out, tok{"word", w})
		return nil
	}
	rs := []rune(q)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '"' || r == '“' || r == '”':
			if err := flush(); err != nil {
				return nil, err
			}
			j := i + 1
			for j < len(rs) && rs[j] != '"' && rs[j] != '“' && rs[j] != '”' {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("query: unbalanced quote: a phrase opened with %c is not closed", r)
			}
			text := string(rs[i+1 : j])
			if strings.TrimSpace(text) == "" {
				return nil, fmt.Errorf("query: empty phrase %c%c", r, rs[j])
			}
			out = append(out, tok{"phrase", text})
			i = j
			if i+1 < len(rs) && rs[i+1] == '*' {
				i++ // a prefix phrase: every phrase already is one
			}
		case r == '(' || r == ')' || r == ',':
			if err := flush(); err != nil {
				return nil, err
			}
			out = append(out, tok{kind: string(r)})
		case unicode.IsSpace(r):
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			cur.WriteRune(r)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

type parser struct {
	toks []tok
	pos  int
}

func (p *parser) peek() (tok, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return tok{}, false
}

func (p *parser) or() (node, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != "op" || t.text != "OR" {
			return l, nil
		}
		p.pos++
		r, err := p.operand("OR", p.and)
		if err != nil {
			return nil, err
		}
		l = binary{"OR", l, r}
	}
}

func (p *parser) and() (node, error) {
	l, err := p.not()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		switch {
		case !ok:
			return l, nil
		case t.kind == "op" && t.text == "AND":
			p.pos++
			r, err := p.operand("AND", p.not)
			if err != nil {
				return nil, err
			}
			l = binary{"AND", l, r}
		case t.kind == "word" || t.kind == "phrase" || t.kind == "(" || t.kind == "op" && t.text == "NEAR":
			r, err := p.not() // words side by side: all must occur
			if err != nil {
				return nil, err
			}
			l = binary{"AND", l, r}
		default:
			return l, nil
		}
	}
}

func (p *parser) not() (node, error) {
	l, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != "op" || t.text != "NOT" {
			return l, nil
		}
		p.pos++
		r, err := p.operand("NOT", p.primary)
		if err != nil {
			return nil, err
		}
		l = binary{"NOT", l, r}
	}
}

// operand parses what must follow op, with a clear error when nothing does.
func (p *parser) operand(op string, next func() (node, error)) (node, error) {
	t, ok := p.peek()
	if !ok || t.kind == ")" || t.kind == "," || t.kind == "op" && t.text != "NEAR" {
		return nil, fmt.Errorf("query: %s needs a word after it", op)
	}
	return next()
}

func (p *parser) primary() (node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, fmt.Errorf("query: a word is missing at the end")
	}
	p.pos++
	switch {
	case t.kind == "word" || t.kind == "phrase":
		return phrase{t.text}, nil
	case t.kind == "(":
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if t, ok := p.peek(); !ok || t.kind != ")" {
			return nil, fmt.Errorf("query: unbalanced parenthesis: ( is not closed")
		}
		p.pos++
		return n, nil
	case t.kind == "op" && t.text == "NEAR":
		return p.near()
	case t.kind == ")":
		return nil, fmt.Errorf("query: unbalanced parenthesis: ) without (")
	case t.kind == "op":
		return nil, fmt.Errorf("query: %s needs a word before it", t.text)
	}
	return nil, fmt.Errorf("query: unexpected %s", t)
}

// near parses NEAR(A B …[, N]) after the NEAR; N defaults to 10, as in FTS5.
func (p *parser) near() (node, error) {
	if t, ok := p.peek(); !ok || t.kind != "(" {
		return nil, fmt.Errorf("query: NEAR is written NEAR(word word, N)")
	}
	p.pos++
	n := near{dist: 10}
	for {
		t, ok := p.peek()
		if !ok {
			return nil, fmt.Errorf("query: unbalanced parenthesis: NEAR( is not closed")
		}
		p.pos++
		switch {
		case t.kind == "word" || t.kind == "phrase":
			n.phrases = append(n.phrases, phrase{t.text})
			continue
		case t.kind == ",":
			d, ok := p.peek()
			if !ok || d.kind != "word" {
				return nil, fmt.Errorf("query: NEAR(…, N) needs a number of characters after the comma")
			}
			v, err := strconv.Atoi(d.text)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("query: NEAR(…, N): %q is not a number of characters", d.text)
			}
			n.dist = v
			p.pos++
			if t, ok := p.peek(); !ok || t.kind != ")" {
				return nil, fmt.Errorf("query: NEAR(…, N) must end after N")
			}
			p.pos++
		case t.kind == ")":
		default:
			return nil, fmt.Errorf("query: NEAR( takes words and phrases only, not %s", t)
		}
		break
	}
	if len(n.phrases) < 2 {
		return nil, fmt.Errorf("query: NEAR needs at least two words")
	}
	return n, nil
}
