package schema

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"planx/segment"
)

// The search index (the FTS5 table search) holds no text of its own: it is
// an external-content table over the view search_source, which reads each
// searchable text from the table that stores it — paragraphs, measures (title
// and text), indicator and project names, notes. Each text is indexed once:
// a paragraph that is a line of a measure is found through the measure, so a
// hit points at the measure and is not repeated as its paragraph.
//
// The index holds segment.Chars of each text (every character a token), so
// that a query finds exactly the texts in which its characters stand
// together; the view gives the text itself, so that `SELECT text FROM search
// WHERE search MATCH …` reads as users expect. Because the two differ, rows
// are removed with FTS5's 'delete' command and the indexed form (unindex),
// never with DELETE on search, and the index is never 'rebuild'-ed.
//
// A search row's rowid is the id of its row in its own table times 8 plus
// the kind (kindCode), so the view and the join back need no table of their
// own; expression indexes let FTS5 read a row of the view by rowid.
//
// Every feature used is in SQLite 3.40 (Debian 12): external content, the
// ascii tokenizer (a quarter faster than unicode61 on this form, which
// needs no Unicode tables), 'delete', automerge and crisismerge.
const searchMigration = `
DROP TRIGGER IF EXISTS documents_delete_search;
DROP TABLE IF EXISTS search;
CREATE VIEW search_source AS
SELECT id * 8 AS rid, 'paragraph' AS kind, id AS ref_id, document_id, section_id, text FROM paragraphs
UNION ALL
SELECT id * 8 + 1, 'measure', id, document_id, section_id,
       CASE WHEN substr(text, 1, length(title)) = title THEN text ELSE title || '。' || text END FROM measures
UNION ALL
SELECT i.id * 8 + 2, 'indicator', i.id, i.document_id, t.section_id, i.name
FROM indicators i LEFT JOIN tables t ON t.id = i.table_id
UNION ALL
SELECT p.id * 8 + 3, 'project', p.id, p.document_id, c.section_id, p.name
FROM projects p LEFT JOIN columns c ON c.id = p.column_id
UNION ALL
SELECT id * 8 + 4, 'note', id, document_id, section_id,
       CASE WHEN term IS NULL THEN definition ELSE term || '：' || definition END FROM notes;
CREATE INDEX paragraphs_search ON paragraphs(id * 8);
CREATE INDEX measures_search ON measures(id * 8 + 1);
CREATE INDEX indicators_search ON indicators(id * 8 + 2);
CREATE INDEX projects_search ON projects(id * 8 + 3);
CREATE INDEX notes_search ON notes(id * 8 + 4);
CREATE VIRTUAL TABLE search USING fts5(
	text, kind UNINDEXED, ref_id UNINDEXED, document_id UNINDEXED, section_id UNINDEXED,
	content = 'search_source', content_rowid = 'rid',
	tokenize = 'ascii'
);
INSERT INTO search (search, rank) VALUES ('automerge', 8);
INSERT INTO search (search, rank) VALUES ('crisismerge', 32);
CREATE TABLE search_documents (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE search_stale (document_id INTEGER PRIMARY KEY);
CREATE TRIGGER documents_delete_search BEFORE DELETE ON documents
WHEN EXISTS (SELECT 1 FROM search_documents WHERE document_id = old.id)
BEGIN
	INSERT OR IGNORE INTO search_stale (document_id) VALUES (old.id);
END;
`

// The merge settings above: FTS5 writes a segment at every commit (and
// savepoint, and whenever a rowid is lower than the last), merges segments
// once automerge of one size exist (default 4) and stops the writer to merge
// at crisismerge (default 16). A Batch inserts its rows at commit in rowid
// order, one segment a batch of 32 documents, so segments are few and the
// settings matter little: in BenchmarkWriter, automerge 4 and 16,
// crisismerge 16 and 64, no automerge and an 'optimize' at the end, pages of
// 16 KB and a 16 MB pending-data budget (hashsize) all stored the batch
// within the run's noise of these.

// kindCode is the low three bits of a search rowid.
var kindCode = map[string]int64{"paragraph": 0, "measure": 1, "indicator": 2, "project": 3, "note": 4}

// Indexer prepares a text for the search index (segment.Chars); the ingest
// workers compute it in advance, so the writer only inserts.
type Indexer interface {
	Chars(text string) string
}

// Keyworder picks a text's keywords.
type Keyworder interface {
	Keywords(text string, n int) []Keyword
}

// Keyword is a term with its TF-IDF weight.
type Keyword struct {
	Term   string
	Weight float64
}

// index adds a text to the search index (at the next flush).
func (w *writer) index(kind string, ref int64, text string) {
	if w.ix == nil || strings.TrimSpace(text) == "" {
		return
	}
	w.pendingIndex = append(w.pendingIndex, indexRow{ref*8 + kindCode[kind], w.ix.Chars(text)})
}

// indexRow is a row of the search index: its rowid and indexed text.
type indexRow struct {
	rid  int64
	text string
}

// docIndex is a document's rows of the search index, held by a Batch
// until it commits.
type docIndex struct {
	doc  int64
	rows []indexRow
}

// keyword adds a keyword of a document (measure nil) or of a measure (at
// the next flush).
func (w *writer) keyword(docID int64, measure any, k Keyword) {
	w.pendingKeywords = append(w.pendingKeywords, docID, measure, k.Term, k.Weight)
}

// rowsPerInsert is how many rows flush inserts with one statement: the
// writer is what limits ingest on two cores, and one statement per row
// costs it a call into SQLite each.
const rowsPerInsert = 128

// flush inserts the pending rows of the search index and of keywords; in
// a Batch, the index rows are handed to it, to be inserted when it commits.
func (w *writer) flush() {
	if w.pg {
		w.sendQueue()
		w.flushPostgres()
	} else {
		if w.later != nil && len(w.pendingIndex) > 0 {
			*w.later = append(*w.later, docIndex{w.doc, w.pendingIndex})
			w.pendingIndex = nil
		}
		w.insertIndex(w.pendingIndex)
	}
	w.insertMany(`INSERT INTO keywords (document_id, measure_id, term, weight) VALUES `, "(?,?,?,?)", 4, w.pendingKeywords)
	w.pendingIndex, w.pendingKeywords = w.pendingIndex[:0], w.pendingKeywords[:0]
}

// insertIndex inserts rows into the search index in the order of their
// rowids. FTS5 writes the rows it holds as a new segment whenever a rowid
// is lower than the one before (and at every savepoint): a document's
// paragraphs, measures, indicators and notes, each numbered on its own,
// inserted as they come, made several small segments a document, and as
// many merges.
func (w *writer) insertIndex(rows []indexRow) {
	slices.SortFunc(rows, func(a, b indexRow) int { return cmp.Compare(a.rid, b.rid) })
	args := make([]any, 0, 2*len(rows))
	for _, r := range rows {
		args = append(args, r.rid, r.text)
	}
	w.insertMany(`INSERT INTO search (rowid, text) VALUES `, "(?,?)", 2, args)
}

func (w *writer) insertMany(head, row string, width int, args []any) {
	for len(args) > 0 && w.err == nil {
		n := min(len(args)/width, rowsPerInsert)
		w.exec(head+strings.TrimSuffix(strings.Repeat(row+",", n), ","), args[:n*width]...)
		args = args[n*width:]
	}
}

// indexed records that a document's index and keywords are built; the
// index rows pending are this document's.
func (w *writer) indexed(docID int64) {
	w.doc = docID
	if w.ix != nil {
		w.docID = docID
		w.exec(`INSERT INTO search_documents (document_id) VALUES (?) ON CONFLICT DO NOTHING`, docID)
	}
}

// unindex removes a document's rows from the search index, before the
// document is deleted or indexed anew: the 'delete' command must be given
// exactly what was indexed, which is computed again from the stored text.
func (w *writer) unindex(docID int64) {
	if w.err != nil {
		return
	}
	if w.pg {
		w.unindexPostgres(docID)
		return
	}
	if w.later != nil {
		// rows of this document waiting in the batch: never inserted
		*w.later = slices.DeleteFunc(*w.later, func(d docIndex) bool { return d.doc == docID })
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT s.rid, s.text FROM search_source s
		JOIN search_docsize z ON z.id = s.rid WHERE s.document_id = ?`, docID)
	if err != nil {
		w.err = fmt.Errorf("unindex document %d: %w", docID, err)
		return
	}
	type row struct {
		rid  int64
		text string
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.rid, &r.text); err != nil {
			rows.Close()
			w.err = fmt.Errorf("unindex document %d: %w", docID, err)
			return
		}
		list = append(list, r)
	}
	rows.Close()
	for _, r := range list {
		w.exec(`INSERT INTO search (search, rowid, text) VALUES ('delete', ?, ?)`, r.rid, segment.Chars(r.text))
	}
	w.exec(`DELETE FROM search_documents WHERE document_id = ?`, docID)
}

// measureLines are the lines of a document's measures: a paragraph that is
// one of them is indexed through its measure, not again on its own.
func measureLines(texts []string) map[string]bool {
	m := map[string]bool{}
	for _, t := range texts {
		for _, l := range strings.Split(t, "\n") {
			m[l] = true
		}
	}
	return m
}

// IndexState is what the index covers: documents stored, documents
// indexed, and documents deleted outside planx while indexed (their rows
// are still in the index).
type IndexState struct {
	Documents, Indexed, Stale int
}

// State reads the index's coverage.
func State(ctx context.Context, db *sql.DB) (IndexState, error) {
	var s IndexState
	err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM search_documents),
		(SELECT count(*) FROM search_stale)`).Scan(&s.Documents, &s.Indexed, &s.Stale)
	if err != nil {
		return s, fmt.Errorf("read the search index's state: %w", err)
	}
	return s, nil
}

// Unindexed lists the documents that have no search index, by id.
func Unindexed(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM search_documents) ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list unindexed documents: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// IsIndexed reports whether the document with these bytes is stored and
// indexed; id is 0 when it is not stored.
func IsIndexed(ctx context.Context, db *sql.DB, sha string) (id int64, indexed bool, err error) {
	err = db.QueryRowContext(ctx, `SELECT d.id, EXISTS (SELECT 1 FROM search_documents s WHERE s.document_id = d.id)
		FROM documents d WHERE d.sha256 = ?`, sha).Scan(&id, &indexed)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up document: %w", err)
	}
	return id, indexed, nil
}

// ResetStale empties the index when documents were deleted outside planx
// (sqlite3, DELETE FROM documents) while indexed: their rows cannot be
// removed one by one (the text they were indexed from is gone), so the
// index is emptied and every document marked unindexed, to be indexed again
// (planx ingest or planx index does it). It reports whether it did.
func ResetStale(ctx context.Context, db *sql.DB) (bool, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM search_stale`).Scan(&n); err != nil {
		return false, fmt.Errorf("read the search index's state: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	for _, q := range []string{`INSERT INTO search (search) VALUES ('delete-all')`, `DELETE FROM search_documents`,
		`DELETE FROM search_stale`, `DELETE FROM keywords`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return false, fmt.Errorf("reset the search index: %w", err)
		}
	}
	return true, tx.Commit()
}

// Hit is one search result.
type Hit struct {
	Kind       string
	RefID      int64
	DocumentID int64
	Document   string
	SectionID  sql.NullInt64
	Text       string
	Rank       float64
}

// ErrNoIndex is returned by Search on a database with documents and no
// search index.
var ErrNoIndex = errors.New("the database has no search index")

// Search runs a query against the index, best first (bm25). kind and docID
// filter when not empty/zero. A hit on a measure stands for the paragraphs
// it is made of; with kind "paragraph", those of its paragraphs that match
// the query are listed instead, so that every paragraph that matches is
// found, once.
func Search(ctx context.Context, db *sql.DB, q *segment.Query, kind string, docID int64, limit int) ([]Hit, error) {
	st, err := State(ctx, db)
	if err != nil {
		return nil, err
	}
	if st.Indexed == 0 && st.Documents > 0 {
		return nil, ErrNoIndex
	}
	if isPostgres(db) {
		return searchPostgres(ctx, db, q, kind, docID, limit)
	}
	// rank first, on rowids alone; read the text of the best hits only
	match := `SELECT rowid AS rid, bm25(search) AS rank FROM search WHERE search MATCH ?`
	args := []any{q.Match()}
	switch kind {
	case "":
	case "paragraph":
		match += ` AND rowid % 8 IN (0, 1)`
	default:
		code, ok := kindCode[kind]
		if !ok {
			return nil, fmt.Errorf("search: unknown kind %q", kind)
		}
		match += ` AND rowid % 8 = ?`
		args = append(args, code)
	}
	query := `SELECT s.rowid, s.kind, s.ref_id, s.document_id, coalesce(d.title, d.source), s.section_id, s.text, h.rank
		FROM (` + match + ` ORDER BY rank`
	if docID == 0 && kind != "paragraph" {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	query += `) h JOIN search s ON s.rowid = h.rid JOIN documents d ON d.id = s.document_id`
	if docID != 0 {
		query += ` WHERE s.document_id = ?`
		args = append(args, docID)
	}
	query += ` ORDER BY h.rank`
	if kind != "paragraph" {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var out []Hit
	for rows.Next() {
		var h Hit
		var rid int64
		if err := rows.Scan(&rid, &h.Kind, &h.RefID, &h.DocumentID, &h.Document, &h.SectionID, &h.Text, &h.Rank); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if kind == "paragraph" {
		if out, err = paragraphHits(ctx, db, q, out, limit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// paragraphHits replaces each measure hit by those of its paragraphs that
// match the query, keeping the order of rank and listing a paragraph once.
func paragraphHits(ctx context.Context, db *sql.DB, q *segment.Query, hits []Hit, limit int) ([]Hit, error) {
	var out []Hit
	seen := map[int64]bool{}
	for _, h := range hits {
		if len(out) >= limit {
			break
		}
		if h.Kind == "paragraph" {
			if !seen[h.RefID] {
				seen[h.RefID] = true
				out = append(out, h)
			}
			continue
		}
		var body string
		if err := db.QueryRowContext(ctx, `SELECT text FROM measures WHERE id = ?`, h.RefID).Scan(&body); err != nil {
			return nil, fmt.Errorf("search: measure %d: %w", h.RefID, err)
		}
		for _, line := range strings.Split(body, "\n") {
			if !q.Matches(line) {
				continue
			}
			var p Hit
			err := db.QueryRowContext(ctx, `SELECT id, section_id FROM paragraphs WHERE document_id = ? AND text = ? ORDER BY ord LIMIT 1`,
				h.DocumentID, line).Scan(&p.RefID, &p.SectionID)
			if err == sql.ErrNoRows {
				continue // a measure not made of stored paragraphs
			}
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			if seen[p.RefID] {
				continue
			}
			seen[p.RefID] = true
			p.Kind, p.DocumentID, p.Document, p.Text, p.Rank = "paragraph", h.DocumentID, h.Document, line, h.Rank
			out = append(out, p)
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// SectionPath is the labels of a section and its ancestors, top first
// (第三章 第二节 一、).
func SectionPath(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var parts []string
	for i := 0; i < 10 && id != 0; i++ {
		var label, title string
		var parent sql.NullInt64
		err := db.QueryRowContext(ctx, `SELECT coalesce(label, ''), title, parent_id FROM sections WHERE id = ?`, id).Scan(&label, &title, &parent)
		if err != nil {
			return "", err
		}
		if label == "" {
			label = title
		}
		parts = append([]string{label}, parts...)
		id = parent.Int64
	}
	return strings.Join(parts, " "), nil
}

// Reindex rebuilds a document's search rows and keywords from its stored
// paragraphs, measures, indicators, projects and notes, in one transaction
// (for documents ingested with the index turned off, or after a change of
// dictionary).
func Reindex(ctx context.Context, db *sql.DB, docID int64, ix Indexer, kw Keyworder) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := reindexTx(ctx, tx, nil, isPostgres(db), nil, docID, ix, kw); err != nil {
		return err
	}
	return tx.Commit()
}

// reindexTx is Reindex in tx; stmts as for storeTx, later as
// Options.later.
func reindexTx(ctx context.Context, tx *sql.Tx, stmts map[string]*sql.Stmt, pg bool, later *[]docIndex, docID int64, ix Indexer, kw Keyworder) error {
	w := &writer{ctx: ctx, tx: tx, ix: ix, kw: kw, stmts: stmts, pg: pg, later: later}
	w.unindex(docID)
	w.exec(`DELETE FROM keywords WHERE document_id = ?`, docID)
	if w.err != nil {
		return w.err
	}
	type row struct {
		id   int64
		text string
	}
	lists := map[string][]row{}
	queries := []struct{ kind, q string }{
		{"paragraph", `SELECT id, text FROM paragraphs WHERE document_id = ? ORDER BY ord`},
		{"measure", `SELECT ref_id, text FROM search_source WHERE document_id = ? AND kind = 'measure' ORDER BY rid`},
		{"indicator", `SELECT id, name FROM indicators WHERE document_id = ? ORDER BY ord`},
		{"project", `SELECT id, name FROM projects WHERE document_id = ? ORDER BY ord`},
		{"note", `SELECT ref_id, text FROM search_source WHERE document_id = ? AND kind = 'note' ORDER BY rid`},
	}
	for _, q := range queries {
		rows, err := tx.QueryContext(ctx, q.q, docID)
		if err != nil {
			return fmt.Errorf("reindex document %d: %w", docID, err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.text); err != nil {
				rows.Close()
				return fmt.Errorf("reindex document %d: %w", docID, err)
			}
			lists[q.kind] = append(lists[q.kind], r)
		}
		rows.Close()
	}
	var bodies []string
	if err := func() error {
		rows, err := tx.QueryContext(ctx, `SELECT text FROM measures WHERE document_id = ?`, docID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				return err
			}
			bodies = append(bodies, t)
		}
		return rows.Err()
	}(); err != nil {
		return fmt.Errorf("reindex document %d: %w", docID, err)
	}
	covered := measureLines(bodies)
	var all strings.Builder
	for _, q := range queries {
		for _, r := range lists[q.kind] {
			switch q.kind {
			case "paragraph":
				all.WriteString(r.text)
				all.WriteByte('\n')
				if covered[r.text] {
					continue
				}
			case "measure":
				if kw != nil {
					for _, k := range kw.Keywords(r.text, 5) {
						w.keyword(docID, r.id, k)
					}
				}
			}
			w.index(q.kind, r.id, r.text)
		}
	}
	if kw != nil {
		for _, k := range kw.Keywords(all.String(), 30) {
			w.keyword(docID, nil, k)
		}
	}
	w.indexed(docID)
	w.flush()
	return w.err
}
