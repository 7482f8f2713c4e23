package schema

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"planx/segment"
)

// On PostgreSQL the search index is a table, search, with the columns of
// SQLite's (text, kind, ref_id, document_id, section_id, and rowid, the
// same id*8+kind), filled from the same view search_source, plus the
// length of each text in characters. A query finds the texts in which each
// of its phrases stands, ASCII letters compared without case: exactly what
// the FTS5 index of characters finds (see search.go and segment.Chars),
// through a pg_trgm index on lower(text) for phrases of three characters
// or more. Hits are ranked by the bm25 that FTS5 computes — same
// statistics (rows, characters, rows holding each phrase), same formula,
// same order of operations — so that both engines list the same hits in
// the same order.
//
// A phrase without ASCII letters is looked for with LIKE (~~) on the text
// itself, one with letters with ILIKE (~~*, which on a COLLATE "C" column
// folds ASCII letters only, as FTS5 does); the pg_trgm index serves both.
// The statements use the operators ~~ and ~~*, which the rewriting of
// planx's SQL (rebind) leaves alone.
var pgSearchMigration = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
` + searchMigration[strings.Index(searchMigration, "CREATE VIEW search_source"):strings.Index(searchMigration, "CREATE INDEX paragraphs_search")] + `
CREATE TABLE search (
	text        TEXT NOT NULL,
	kind        TEXT NOT NULL,
	ref_id      BIGINT NOT NULL,
	document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	section_id  BIGINT,
	rowid       BIGINT PRIMARY KEY,
	chars       BIGINT NOT NULL
);
CREATE INDEX search_document ON search(document_id);
CREATE INDEX search_text ON search USING gin (text gin_trgm_ops) WITH (gin_pending_list_limit = 65536);
CREATE TABLE search_documents (
	document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	rows        BIGINT NOT NULL DEFAULT 0,
	chars       BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE search_stale (document_id BIGINT PRIMARY KEY);
`

// The trigram index takes new rows into a pending list that is merged into
// the index when it holds gin_pending_list_limit KB, by the writer that
// fills it, or by autovacuum: at 64 MB instead of the default 4 MB, a
// single ingest of 30 documents spent 8.4 and 8.7 s storing them instead of
// 9.8 and 12.3 s (same run; a search reads the pending list until it is
// merged).

// pgSearchFunctions: planx_occurrences counts where needle starts in
// haystack, overlapping occurrences included (as FTS5 counts a phrase's
// instances).
const pgSearchFunctions = `
CREATE FUNCTION planx_occurrences(haystack text, needle text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	n bigint := 0;
	p integer;
	rest text := haystack;
BEGIN
	IF needle = '' THEN
		RETURN 0;
	END IF;
	LOOP
		p := strpos(rest, needle);
		EXIT WHEN p = 0;
		n := n + 1;
		rest := substr(rest, p + 1);
	END LOOP;
	RETURN n;
END
$$;
`

// flushPostgres inserts the pending rows of the search index: their text,
// kind and section come from search_source, as SQLite's index reads them.
func (w *writer) flushPostgres() {
	if len(w.pendingIndex) == 0 {
		return
	}
	rids := make([]int64, 0, len(w.pendingIndex))
	for _, r := range w.pendingIndex {
		rids = append(rids, r.rid)
	}
	w.exec(`INSERT INTO search (text, kind, ref_id, document_id, section_id, rowid, chars)
		SELECT text, kind, ref_id, document_id, section_id, rid, char_length(text) FROM search_source
		WHERE document_id = $1 AND rid = ANY($2)`, w.docID, rids)
	// the document's share of the index's statistics (bm25's row count
	// and mean length), kept per document so that writers never wait for
	// each other and a search need not scan the index to count it
	w.exec(`UPDATE search_documents SET rows = s.n, chars = s.c
		FROM (SELECT count(*) AS n, coalesce(sum(chars), 0) AS c FROM search WHERE document_id = $1) s
		WHERE document_id = $1`, w.docID)
}

// unindexPostgres removes a document's rows from the search index.
func (w *writer) unindexPostgres(docID int64) {
	w.exec(`DELETE FROM search WHERE document_id = $1`, docID)
	w.exec(`DELETE FROM search_documents WHERE document_id = $1`, docID)
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// likeEscape escapes LIKE's wildcards (PostgreSQL's escape character is
// the backslash).
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// hasBorder reports whether a phrase can overlap itself (a proper prefix is
// also a suffix: 一一, abab); only then must its occurrences be counted one
// by one.
func hasBorder(s string) bool {
	r := []rune(s)
	for k := 1; k < len(r); k++ {
		if string(r[:k]) == string(r[len(r)-k:]) {
			return true
		}
	}
	return false
}

// searchPostgres is Search on PostgreSQL.
func searchPostgres(ctx context.Context, db *sql.DB, q *segment.Query, kind string, docID int64, limit int) ([]Hit, error) {
	phrases := q.Phrases()
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	freq := make([]string, len(phrases))
	match := make([]string, len(phrases))
	patterns, likes := make([]string, len(phrases)), make([]string, len(phrases))
	for i, p := range phrases {
		f := segment.Fold(p)
		like, text := "~~", "s.text"
		if strings.IndexFunc(f, isASCIILetter) >= 0 {
			like, text = "~~*", "lower(s.text)"
		}
		pattern := "%" + likeEscape.Replace(f) + "%"
		match[i] = "s.text " + like + " " + arg(pattern)
		patterns[i], likes[i] = pattern, like
		fa := arg(f)
		if hasBorder(f) {
			freq[i] = fmt.Sprintf("planx_occurrences(%s, %s)::float8", text, fa)
		} else {
			// bytes, not characters: the same count, and much cheaper
			freq[i] = fmt.Sprintf("((octet_length(%s) - octet_length(replace(%s, %s, ''))) / octet_length(%s))::float8", text, text, fa, fa)
		}
	}
	// the index's statistics: rows and characters (kept per document), and
	// each phrase's IDF from the rows that hold it (found through the
	// trigram index where it serves), computed by PostgreSQL's ln (the C
	// library's log, which FTS5 calls)
	var nRow, nToken int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(sum(rows), 0), coalesce(sum(chars), 0) FROM search_documents`).Scan(&nRow, &nToken); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if nRow == 0 {
		return nil, nil
	}
	idf := make([]float64, len(phrases))
	for i := range phrases {
		err := db.QueryRowContext(ctx, `SELECT ln(($1::bigint - count(*) + 0.5::float8) / (count(*) + 0.5::float8)) FROM search s WHERE s.text `+likes[i]+` $2`,
			nRow, patterns[i]).Scan(&idf[i])
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	for i := range idf {
		if idf[i] <= 0 {
			idf[i] = 1e-6
		}
	}
	avgdl := float64(nToken) / float64(nRow)
	where, exact := q.Where(func(i int) string { return match[i] })
	// bm25 as FTS5 computes it: k1 = 1.2, b = 0.75
	var rank strings.Builder
	rank.WriteString("-1.0::float8 * (0::float8")
	dl := arg(avgdl)
	var freqs strings.Builder
	for i := range phrases {
		fmt.Fprintf(&rank, " + %s::float8 * ((x.f%d * (1.2::float8 + 1.0::float8)) / (x.f%d + 1.2::float8 * (1::float8 - 0.75::float8 + 0.75::float8 * x.chars::float8 / %s::float8)))",
			arg(idf[i]), i, i, dl)
		fmt.Fprintf(&freqs, ", %s AS f%d", freq[i], i)
	}
	rank.WriteString(")")
	// the hits with each phrase's count, computed once per hit (OFFSET 0
	// keeps the planner from copying the expressions into the rank)
	query := `SELECT s.rowid, s.kind, s.ref_id, s.document_id, s.section_id, s.text, s.chars` + freqs.String() + `
		FROM search s WHERE ` + where
	switch kind {
	case "":
	case "paragraph":
		query += ` AND s.rowid % 8 IN (0, 1)`
	default:
		code, ok := kindCode[kind]
		if !ok {
			return nil, fmt.Errorf("search: unknown kind %q", kind)
		}
		query += ` AND s.rowid % 8 = ` + arg(code)
	}
	if docID != 0 {
		query += ` AND s.document_id = ` + arg(docID)
	}
	query = `SELECT x.rowid, x.kind, x.ref_id, x.document_id, coalesce(d.title, d.source), x.section_id, x.text, x.chars, ` + rank.String() + ` AS rank
		FROM (` + query + ` OFFSET 0) x JOIN documents d ON d.id = x.document_id ORDER BY rank, x.rowid`
	if kind != "paragraph" && exact {
		query += ` LIMIT ` + arg(limit)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var out []Hit
	var rids []int64
	for rows.Next() {
		var h Hit
		var rid, chars int64
		if err := rows.Scan(&rid, &h.Kind, &h.RefID, &h.DocumentID, &h.Document, &h.SectionID, &h.Text, &chars, &h.Rank); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		if !exact {
			if !q.Matches(h.Text) {
				continue // NEAR: the phrases are there, not near enough
			}
			h.Rank = bm25(q.Instances(h.Text), idf, float64(chars), avgdl)
		}
		out = append(out, h)
		rids = append(rids, rid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if !exact {
		sort.Sort(byRank{out, rids})
	}
	if kind == "paragraph" {
		return paragraphHits(ctx, db, q, out, limit)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// bm25 is FTS5's bm25 of a row of d characters in which the query's
// phrases occur freq times, in its order of operations: the rank of the
// hits of a NEAR query, in which FTS5 counts only the occurrences that
// are near enough.
func bm25(freq []int, idf []float64, d, avgdl float64) float64 {
	k1, b := 1.2, 0.75
	score := 0.0
	for i, f := range freq {
		x := float64(f)
		score += idf[i] * ((x * (k1 + 1.0)) / (x + k1*(1-b+b*d/avgdl)))
	}
	return -1.0 * score
}

// byRank orders hits best first, ties by rowid.
type byRank struct {
	hits []Hit
	rids []int64
}

func (r byRank) Len() int { return len(r.hits) }
func (r byRank) Less(i, j int) bool {
	if r.hits[i].Rank != r.hits[j].Rank {
		return r.hits[i].Rank < r.hits[j].Rank
	}
	return r.rids[i] < r.rids[j]
}
func (r byRank) Swap(i, j int) {
	r.hits[i], r.hits[j] = r.hits[j], r.hits[i]
	r.rids[i], r.rids[j] = r.rids[j], r.rids[i]
}
