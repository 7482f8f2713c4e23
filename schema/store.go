package schema

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"planx/extract/doc"
	"planx/extract/value"
)

// Outcome says what Store did with a document.
type Outcome string

// Outcomes.
const (
	Inserted  Outcome = "ingested"
	Unchanged Outcome = "unchanged"
	Replaced  Outcome = "replaced"
)

// Exists reports whether a document with these bytes (by sha256) is stored.
func Exists(ctx context.Context, db *sql.DB, sha string) (bool, error) {
	id, err := Lookup(ctx, db, sha)
	return id != 0, err
}

// Lookup returns the id of the document with these bytes (by sha256), 0
// when none is stored.
func Lookup(ctx context.Context, db *sql.DB, sha string) (int64, error) {
	var id int64
	err := db.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", sha).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("look up document: %w", err)
	}
	return id, nil
}

// Options say how Store writes a document.
type Options struct {
	// Replace re-extracts a document that is already stored.
	Replace bool
	// Index, when set, fills the full-text search index.
	Index Indexer
	// Keywords, when set, fills the keywords table.
	Keywords Keyworder
	// later, set by Batch, holds the search index's rows until the
	// batch commits.
	later *[]docIndex
}

// Store writes d in one transaction. A document with the same sha256 is left
// as it is (Unchanged) unless opt.Replace is set, in which case it is deleted
// and written anew in the same transaction, so a reader sees the old
// document or the new one, never a mix.
func Store(ctx context.Context, db *sql.DB, d *doc.Document, sha string, size int64, opt Options) (Outcome, int64, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // a no-op after Commit
	outcome, id, err := storeTx(ctx, tx, nil, isPostgres(db), d, sha, size, opt)
	if err != nil {
		return "", 0, err
	}
	if err := tx.Commit(); err != nil {
		return "", 0, fmt.Errorf("commit: %w", err)
	}
	return outcome, id, nil
}

// storeTx writes d in tx (see Store); stmts, if not nil, caches prepared
// statements across the documents of a batch; pg says tx is PostgreSQL's.
func storeTx(ctx context.Context, tx *sql.Tx, stmts map[string]*sql.Stmt, pg bool, d *doc.Document, sha string, size int64, opt Options) (Outcome, int64, error) {
	outcome := Inserted
	var old int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", sha).Scan(&old)
	switch {
	case err == nil && !opt.Replace:
		return Unchanged, old, nil
	case err == nil:
		uw := &writer{ctx: ctx, tx: tx, stmts: stmts, pg: pg, later: opt.later}
		if uw.unindex(old); uw.err != nil {
			return "", 0, uw.err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM documents WHERE id = ?", old); err != nil {
			return "", 0, fmt.Errorf("delete old version: %w", err)
		}
		outcome = Replaced
	case err != sql.ErrNoRows:
		return "", 0, fmt.Errorf("look up document: %w", err)
	}

	w := &writer{ctx: ctx, tx: tx, ix: opt.Index, kw: opt.Keywords, stmts: stmts, pg: pg, later: opt.later}
	// a replaced document keeps its id, so that ids users saved stay valid
	var keep any
	if outcome == Replaced {
		keep = old
	}
	id := w.document(keep, d, sha, size)
	if id == 0 && w.err == nil {
		// another process stored the same bytes since the look-up above
		// (PostgreSQL: its transaction committed while this one waited)
		if err := tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", sha).Scan(&old); err != nil {
			return "", 0, fmt.Errorf("look up document: %w", err)
		}
		return Unchanged, old, nil
	}
	w.contents(id, d)
	w.flush()
	if w.err != nil {
		return "", 0, w.err
	}
	return outcome, id, nil
}

// writer inserts rows and keeps the first error, so the insert code reads
// as a list of what is stored.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	err   error
	ix    Indexer
	kw    Keyworder
	stmts map[string]*sql.Stmt // prepared once per transaction
	// pg: tx is PostgreSQL's (pgx prepares and caches statements
	// itself); ids are the ids reserved for the document's rows, queue the
	// rows waiting to be inserted many to a statement (store_postgres.go)
	pg    bool
	ids   map[string][]int64
	queue []pgInsert
	docID int64 // the document being indexed
	// rows of the search index and of keywords, inserted many to a
	// statement by flush (see search.go)
	pendingIndex    []indexRow
	pendingKeywords []any
	doc             int64       // the document whose index rows are pending
	later           *[]docIndex // in a Batch: index rows wait for its commit
}

func (w *writer) exec(query string, args ...any) int64 {
	if w.err != nil {
		return 0
	}
	if w.pg {
		w.execPostgres(query, args)
		return 0
	}
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			w.err = fmt.Errorf("store: %w", err)
			return 0
		}
		if w.stmts == nil {
			w.stmts = map[string]*sql.Stmt{}
		}
		w.stmts[query] = st
	}
	res, err := st.ExecContext(w.ctx, args...)
	if err != nil {
		w.err = fmt.Errorf("store: %w", err)
		return 0
	}
	id, _ := res.LastInsertId()
	return id
}

// insert runs an INSERT and returns the id of the row it inserted.
func (w *writer) insert(query string, args ...any) int64 {
	if w.pg {
		return w.insertPostgres(query, args)
	}
	return w.exec(query, args...)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// document inserts the documents row, with the given id or (id nil) the
// next free one, and returns its id; 0 when a document with these bytes
// is stored already (another process stored it first).
func (w *writer) document(id any, d *doc.Document, sha string, size int64) int64 {
	m := d.Meta
	cols, marks := "", ""
	args := []any{d.Source, sha, d.Format, nullString(m.Title), nullString(m.Region), nullString(m.Issuer), nullString(m.DocNumber),
		nullString(m.IssuedDate), nullInt(m.PeriodStart), nullInt(m.PeriodEnd), time.Now().UTC().Format(time.RFC3339),
		nullString(d.Encoding), size, nullInt(d.Pages)}
	if id != nil {
		cols, marks = "id, ", "?,"
		args = append([]any{id}, args...)
	}
	q := `INSERT INTO documents (` + cols + `source, sha256, format, title, region, issuer, doc_number, issued_date,
		period_start, period_end, ingested_at, encoding, bytes, pages) VALUES (` + marks + `?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (sha256) DO NOTHING`
	if w.err != nil {
		return 0
	}
	if w.pg {
		var id int64
		err := w.tx.QueryRowContext(w.ctx, q+" RETURNING id", args...).Scan(&id)
		if err != nil && err != sql.ErrNoRows {
			w.err = fmt.Errorf("store: %w", err)
		}
		if id != 0 {
			w.reserveIDs(d)
		}
		return id
	}
	res, err := w.tx.ExecContext(w.ctx, q, args...)
	if err != nil {
		w.err = fmt.Errorf("store: %w", err)
		return 0
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0
	}
	newID, _ := res.LastInsertId()
	return newID
}

func (w *writer) contents(docID int64, d *doc.Document) {
	secID := make([]int64, len(d.Sections))
	sec := func(i int) any {
		if i < 0 || i >= len(secID) {
			return nil
		}
		return secID[i]
	}
	for i, s := range d.Sections {
		secID[i] = w.insert(`INSERT INTO sections (document_id, parent_id, level, number, label, title, ord) VALUES (?,?,?,?,?,?,?)`,
			docID, sec(s.Parent), s.Level, s.Number, nullString(s.Label), s.Title, i)
	}
	var covered map[string]bool // paragraphs indexed through their measure
	if w.ix != nil {
		bodies := make([]string, len(d.Measures))
		for i, m := range d.Measures {
			bodies[i] = m.Text
		}
		covered = measureLines(bodies)
		w.indexed(docID)
	}
	for i, p := range d.Paragraphs {
		pid := w.insert(`INSERT INTO paragraphs (document_id, section_id, ord, text, page) VALUES (?,?,?,?,?)`,
			docID, sec(p.Section), i, p.Text, nullInt(p.Page))
		if !covered[p.Text] {
			w.index("paragraph", pid, p.Text)
		}
	}
	for i, m := range d.Measures {
		text := MeasureText(m)
		mid := w.insert(`INSERT INTO measures (document_id, section_id, ord, title, text) VALUES (?,?,?,?,?)`,
			docID, sec(m.Section), i, m.Title, m.Text)
		w.index("measure", mid, text)
		if w.kw != nil {
			for _, k := range w.kw.Keywords(text, 5) {
				w.keyword(docID, mid, k)
			}
		}
	}
	if w.kw != nil {
		for _, k := range w.kw.Keywords(allText(d.Paragraphs), 30) {
			w.keyword(docID, nil, k)
		}
	}
	ord := 0
	for i, c := range d.Boxes {
		cid := w.insert(`INSERT INTO columns (document_id, section_id, number, title, body, ord) VALUES (?,?,?,?,?,?)`,
			docID, sec(c.Section), nullInt(c.Number), c.Title, c.Body, i)
		for _, p := range c.Projects {
			pid := w.insert(`INSERT INTO projects (document_id, column_id, group_name, name, ord) VALUES (?,?,?,?,?)`,
				docID, cid, nullString(p.Group), p.Name, ord)
			w.index("project", pid, p.Name)
			ord++
		}
	}
	ord = 0
	for i, t := range d.Tables {
		notes, _ := json.Marshal(nonNil(t.Notes))
		tid := w.insert(`INSERT INTO tables (document_id, section_id, label, title, notes, ord) VALUES (?,?,?,?,?,?)`,
			docID, sec(t.Section), nullString(t.Label), t.Title, string(notes), i)
		for r, row := range t.Rows {
			cells, _ := json.Marshal(nonNil(row))
			w.exec(`INSERT INTO table_rows (table_id, row_no, cells) VALUES (?,?,?)`, tid, r, string(cells))
		}
		for _, ind := range t.Indicators {
			var seq any
			if ind.HasSeq {
				seq = ind.Seq
			}
			iid := w.insert(`INSERT INTO indicators (document_id, table_id, seq, category, name, unit, attribute, ord) VALUES (?,?,?,?,?,?,?,?)`,
				docID, tid, seq, nullString(ind.Category), ind.Name, nullString(ind.Unit), nullString(ind.Attribute), ord)
			w.index("indicator", iid, ind.Name)
			ord++
			for k, v := range ind.Values {
				cum := 0
				if v.Parsed.Cumulative {
					cum = 1
				}
				w.exec(`INSERT INTO indicator_values (indicator_id, column_label, year, raw, op, value, value_max, cumulative, qualifier, role, ord,
					direction, year_inferred) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
					iid, v.Column, nullInt(v.Year), v.Raw, nullString(v.Parsed.Op), v.Parsed.Value, v.Parsed.ValueMax, cum,
					nullString(v.Parsed.Qualifier), nullString(v.Parsed.Role), k,
					nullString(value.Direction(ind.Name, v.Raw)), yearInferred(v))
			}
		}
	}
	for i, n := range d.Notes {
		nid := w.insert(`INSERT INTO notes (document_id, number, term, anchor, definition, section_id, ord) VALUES (?,?,?,?,?,?,?)`,
			docID, nullInt(n.Number), nullString(n.Term), nullString(n.Anchor), n.Definition, sec(n.Section), i)
		w.index("note", nid, NoteText(n))
	}
	for _, g := range d.Diagnostics {
		w.exec(`INSERT INTO diagnostics (document_id, page, kind, message) VALUES (?,?,?,?)`,
			docID, nullInt(g.Page), g.Kind, g.Message)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// MeasureText is the text a measure is indexed by: its text, with its title
// in front where the text does not open with it (an item heading's prose).
func MeasureText(m doc.Measure) string {
	if strings.HasPrefix(m.Text, m.Title) {
		return m.Text
	}
	return m.Title + "。" + m.Text
}

// NoteText is the text a note is indexed by: term and definition.
func NoteText(n doc.Note) string {
	if n.Term == "" {
		return n.Definition
	}
	return n.Term + "：" + n.Definition
}

var headerYear = regexp.MustCompile(`(19|20)\d\d`)

// yearInferred is 1 when a value has a year its column header does not
// print: a target column headed 预期值 or 目标值 takes its plan's end year.
func yearInferred(v doc.Value) int {
	if v.Year != 0 && !headerYear.MatchString(v.Column) {
		return 1
	}
	return 0
}

// allText is a document's paragraphs, a line each, in one string sized
// once: grown as it is written, the copy of a large document's text would
// pass through three times its size.
func allText(ps []doc.Paragraph) string {
	n := 0
	for _, p := range ps {
		n += len(p.Text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range ps {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}
