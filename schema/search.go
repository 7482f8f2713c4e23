package schema

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Indexer prepares text for the search index: Words cuts it into words
// (space-separated), Chars spaces out its characters (see package segment).
type Indexer interface {
	Words(text string) string
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

// index adds a row to the search index.
func (w *writer) index(ix Indexer, kind string, ref, docID int64, section any, text string) {
	if ix == nil || strings.TrimSpace(text) == "" {
		return
	}
	w.exec(`INSERT INTO search (kind, ref_id, document_id, section_id, text, words, chars) VALUES (?,?,?,?,?,?,?)`,
		kind, ref, docID, section, text, ix.Words(text), ix.Chars(text))
}

// Hit is one search result.
type Hit struct {
	Kind       string
	DocumentID int64
	Document   string
	SectionID  sql.NullInt64
	Text       string
	Rank       float64
}

// Search runs an FTS5 expression (see segment.Query) against the index,
// best first (bm25). kind and docID filter when not empty/zero.
func Search(ctx context.Context, db *sql.DB, match, kind string, docID int64, limit int) ([]Hit, error) {
	q := `SELECT s.kind, s.document_id, coalesce(d.title, d.source), s.section_id, s.text, bm25(search) AS rank
		FROM search s JOIN documents d ON d.id = s.document_id
		WHERE search MATCH ?`
	args := []any{match}
	if kind != "" {
		q += ` AND s.kind = ?`
		args = append(args, kind)
	}
	if docID != 0 {
		q += ` AND s.document_id = ?`
		args = append(args, docID)
	}
	q += ` ORDER BY rank LIMIT ?`
	args = append(args, limit)
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Kind, &h.DocumentID, &h.Document, &h.SectionID, &h.Text, &h.Rank); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
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
// dictionary). ixFor makes the indexer for a document from its glossary
// terms.
func Reindex(ctx context.Context, db *sql.DB, docID int64, ix Indexer, kw Keyworder) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, ix: ix, kw: kw}
	w.exec(`DELETE FROM search WHERE document_id = ?`, docID)
	w.exec(`DELETE FROM keywords WHERE document_id = ?`, docID)
	type row struct {
		kind    string
		id      int64
		section sql.NullInt64
		text    string
	}
	var all strings.Builder
	queries := []struct{ kind, q string }{
		{"paragraph", `SELECT id, section_id, text FROM paragraphs WHERE document_id = ? ORDER BY ord`},
		{"measure", `SELECT id, section_id, CASE WHEN substr(text, 1, length(title)) = title THEN text ELSE title || '。' || text END FROM measures WHERE document_id = ? ORDER BY ord`},
		{"indicator", `SELECT i.id, t.section_id, i.name FROM indicators i LEFT JOIN tables t ON t.id = i.table_id WHERE i.document_id = ? ORDER BY i.ord`},
		{"project", `SELECT p.id, c.section_id, p.name FROM projects p LEFT JOIN columns c ON c.id = p.column_id WHERE p.document_id = ? ORDER BY p.ord`},
		{"note", `SELECT id, section_id, CASE WHEN term IS NULL THEN definition ELSE term || '：' || definition END FROM notes WHERE document_id = ? ORDER BY ord`},
	}
	for _, q := range queries {
		rows, err := tx.QueryContext(ctx, q.q, docID)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		var list []row
		for rows.Next() {
			r := row{kind: q.kind}
			if err := rows.Scan(&r.id, &r.section, &r.text); err != nil {
				rows.Close()
				return err
			}
			list = append(list, r)
		}
		rows.Close()
		for _, r := range list {
			var sec any
			if r.section.Valid {
				sec = r.section.Int64
			}
			w.index(ix, r.kind, r.id, docID, sec, r.text)
			if r.kind == "paragraph" {
				all.WriteString(r.text)
				all.WriteByte('\n')
			}
			if r.kind == "measure" && kw != nil {
				for _, k := range kw.Keywords(r.text, 5) {
					w.exec(`INSERT INTO keywords (document_id, measure_id, term, weight) VALUES (?,?,?,?)`, docID, r.id, k.Term, k.Weight)
				}
			}
		}
	}
	if kw != nil {
		for _, k := range kw.Keywords(all.String(), 30) {
			w.exec(`INSERT INTO keywords (document_id, measure_id, term, weight) VALUES (?,NULL,?,?)`, docID, k.Term, k.Weight)
		}
	}
	if w.err != nil {
		return w.err
	}
	return tx.Commit()
}
