package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"planx/schema"
	"planx/segment"
)

func runSearch(args []string, stdout, stderr io.Writer) int {
	c := newCmd("search", "Usage: planx search [--db FILE] [--doc DOC] [--kind KIND] [--limit N] [--format F] QUERY\n"+
		`QUERY: words (all must occur), "a phrase", A OR B, A NOT B, NEAR(A B, N), (grouping).`, true, stdout, stderr)
	docRef := c.fs.String("doc", "", "only this document (id or sha256 prefix)")
	kind := c.fs.String("kind", "", "only this kind: paragraph, measure, indicator, project or note")
	limit := c.fs.Int("limit", 20, "at most this many hits")
	pos, ok := c.args(args, 1, -1)
	if !ok {
		return exitUsage
	}
	switch *kind {
	case "", "paragraph", "measure", "indicator", "project", "note":
	default:
		return c.fail(fmt.Errorf("unknown kind %q", *kind))
	}
	query := strings.Join(pos, " ")
	q, err := segment.ParseQuery(query)
	if err != nil {
		return c.fail(err)
	}
	db, ok := c.openRO()
	if !ok {
		return exitUsage
	}
	defer db.Close()
	var docID int64
	if *docRef != "" {
		if docID, err = findDocument(db, *docRef); err != nil {
			return c.fail(err)
		}
	}
	ctx := context.Background()
	st, err := schema.State(ctx, db)
	if err != nil {
		return c.fail(fmt.Errorf("%s has no search index of this planx's kind (made by an older planx?): run planx index --db %s", *c.db, *c.db))
	}
	switch {
	case st.Stale > 0:
		fmt.Fprintf(stderr, "planx: documents were deleted from %s outside planx and the index still holds them: planx index --db %s rebuilds it\n", *c.db, *c.db)
	case st.Indexed == 0 && st.Documents > 0:
		return c.fail(fmt.Errorf("%s has no search index (its documents were ingested with --no-index): build it with planx index --db %s", *c.db, *c.db))
	case st.Indexed < st.Documents:
		fmt.Fprintf(stderr, "planx: %d of %d documents are not in the search index (ingested with --no-index): planx index --db %s adds them\n",
			st.Documents-st.Indexed, st.Documents, *c.db)
	}
	hits, err := schema.Search(ctx, db, q, *kind, docID, *limit)
	if err != nil {
		return c.fail(err)
	}
	terms := q.Terms()
	cols := []string{"doc", "document", "kind", "section", "snippet", "rank"}
	var rows [][]any
	for _, h := range hits {
		path := ""
		if h.SectionID.Valid {
			path, _ = schema.SectionPath(ctx, db, h.SectionID.Int64)
		}
		rows = append(rows, []any{h.DocumentID, h.Document, h.Kind, path, snippet(h.Text, terms, 24), math.Round(-h.Rank*100) / 100})
	}
	return c.print(cols, rows)
}

// snippet cuts text around the first query term and marks every term with
// 【】.
func snippet(text string, terms []string, context int) string {
	at := -1
	for _, t := range terms {
		if i := strings.Index(text, t); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	r := []rune(text)
	start, end := 0, len(r)
	if at >= 0 {
		ri := utf8.RuneCountInString(text[:at])
		if ri > context {
			start = ri - context
		}
		if ri+context*3 < end {
			end = ri + context*3
		}
	} else if end > context*4 {
		end = context * 4
	}
	s := string(r[start:end])
	for _, t := range terms {
		if t != "" {
			s = strings.ReplaceAll(s, t, "【"+t+"】")
		}
	}
	if start > 0 {
		s = "…" + s
	}
	if end < len(r) {
		s += "…"
	}
	return s
}
