// Package planx turns Chinese government plan documents (五年规划, 行动计划,
// 实施方案 …; text, HTML, PDF, DOCX) into a normalised SQLite database and is
// the library under the planx command.
//
// Open a database, ingest files into it, and query it with SQL:
//
//	db, err := planx.Open("plans.db")
//	if err != nil { … }
//	defer db.Close()
//	sum, err := db.Ingest(ctx, []string{"corpus/"}, planx.Options{})
//	rows, err := db.Query(`SELECT name, baseline, target FROM indicator_flat`)
//
// The schema (documents, sections, paragraphs, measures, tables,
// indicators, indicator_values, columns, projects, notes, diagnostics and
// the indicator_flat view) is described in the README.
package planx

import (
	"database/sql"
	"fmt"

	"planx/schema"
)

// DB is a planx database open for reading and writing. Its embedded
// *sql.DB runs queries; Ingest stores documents.
type DB struct {
	*sql.DB
	path string
}

// Open opens the database at path, creating it and bringing its schema up
// to date as needed. A PostgreSQL URL (postgres://user@host/db) opens that
// database, which several processes may write at once.
func Open(path string) (*DB, error) {
	db, err := schema.Open(path)
	if err != nil {
		return nil, err
	}
	return &DB{DB: db, path: path}, nil
}

// Path is the file the database was opened from.
func (db *DB) Path() string { return db.path }

// readOnly opens a second, read-only connection to the same file, through
// which workers look up stored documents without waiting for the writer.
func (db *DB) readOnly() (*sql.DB, error) {
	ro, err := schema.OpenReadOnly(db.path)
	if err != nil {
		return nil, fmt.Errorf("open %s for lookups: %w", db.path, err)
	}
	return ro, nil
}
