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
