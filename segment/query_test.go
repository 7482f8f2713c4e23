package segment

import (
	"strings"
	"testing"
)

// A query of more words than the index's grammar takes is refused by its
// size, before anything runs; one at the bound parses.
func TestQueryTermBound(t *testing.T) {
	words := func(n int, sep string) string {
		w := make([]string, n)
		for i := range w {
			w[i] = "养老" + strings.Repeat("托", i%3)
		}
		return strings.Join(w, sep)
	}
	for _, tt := range []struct {
		name  string
		query string
		ok    bool
	}{
		{"64 OR'd words", words(MaxQueryTerms, " OR "), true},
		{"65 OR'd words", words(MaxQueryTerms+1, " OR "), false},
		{"2,000 OR'd words", words(2000, " OR "), false},
		{"2,000 words", words(2000, " "), false},
		{"65 phrases", strings.Repeat(`"医养结合" `, MaxQueryTerms+1), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.query)
			if tt.ok && (err != nil || q.Match() == "") {
				t.Errorf("refused: %v", err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), "at most 64")) {
				t.Errorf("err %v, want the bound named", err)
			}
		})
	}
}
