package segment

import (
	"errors"
	"strings"
	"unicode"
)

// The search index holds each text twice: as gse words (for reading and
// keywords) and as single characters, so that a query matches exactly the
// texts that contain it, whatever its length and however gse cut the text
// (a plain LIKE scan finds the same rows). Both columns use SQLite's
// standard unicode61 tokenizer, so any SQLite client can query them.

// Chars spaces out the CJK characters of text so that unicode61 indexes each
// as a token; runs of Latin letters and digits stay whole words.
func Chars(text string) string {
	var b strings.Builder
	b.Grow(len(text) * 2)
	for _, r := range text {
		if isCJK(r) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3040 && r <= 0x30ff
}

// ErrEmptyQuery is returned for a query with no searchable term.
var ErrEmptyQuery = errors.New("the query has no word to search for")

// Query turns a user's query into an FTS5 expression on the chars column.
// Words are ANDed; "quoted phrases" keep their spaces' meaning (a phrase is
// matched as written); AND, OR and NOT (upper case) combine terms; each term
// matches where its characters stand together.
func Query(q string) (string, error) {
	var parts []string
	needOp := false
	for _, tok := range queryTokens(q) {
		switch tok {
		case "AND", "OR", "NOT":
			if !needOp {
				continue // an operator with nothing before it
			}
			parts = append(parts, tok)
			needOp = false
			continue
		}
		c := strings.Fields(Chars(tok))
		var kept []string
		for _, w := range c {
			w = strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return r
				}
				return -1
			}, w)
			if w != "" {
				kept = append(kept, w)
			}
		}
		if len(kept) == 0 {
			continue
		}
		if needOp {
			parts = append(parts, "AND")
		}
		parts = append(parts, `chars:"`+strings.Join(kept, " ")+`"`)
		needOp = true
	}
	for len(parts) > 0 && !strings.HasPrefix(parts[len(parts)-1], "chars:") {
		parts = parts[:len(parts)-1] // a dangling operator
	}
	if len(parts) == 0 {
		return "", ErrEmptyQuery
	}
	return strings.Join(parts, " "), nil
}

// queryTokens splits a query on white space, keeping "quoted phrases"
// together.
func queryTokens(q string) []string {
	var out []string
	var cur strings.Builder
	inQuote := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range q {
		switch {
		case r == '"' || r == '“' || r == '”':
			if inQuote {
				flush()
			}
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}
