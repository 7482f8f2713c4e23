// Package schema creates planx's SQLite database, migrates it forward and
// stores extracted documents in it, one transaction per document.
//
// The public schema (the tables and columns users query) is described in the
// README; it is never changed incompatibly. Every change is a numbered
// migration recorded in PRAGMA user_version, and migrations only add.
package schema

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// migrations are applied in order; migrations[i] brings the database from
// user_version i to i+1. Never edit a migration that has shipped: add one.
var migrations = []string{
	// 1: the public schema.
	`
CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	source       TEXT NOT NULL,
	sha256       TEXT NOT NULL UNIQUE,
	format       TEXT NOT NULL,
	title        TEXT,
	region       TEXT,
	issuer       TEXT,
	doc_number   TEXT,
	issued_date  TEXT,
	period_start INTEGER,
	period_end   INTEGER,
	ingested_at  TEXT NOT NULL,
	encoding     TEXT,
	bytes        INTEGER,
	pages        INTEGER
);
CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	parent_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	level       INTEGER NOT NULL,
	number      INTEGER NOT NULL,
	label       TEXT,
	title       TEXT NOT NULL,
	ord         INTEGER NOT NULL
);
CREATE INDEX sections_document ON sections(document_id);
CREATE INDEX sections_parent ON sections(parent_id);
CREATE TABLE paragraphs (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	text        TEXT NOT NULL,
	page        INTEGER
);
CREATE INDEX paragraphs_document ON paragraphs(document_id);
CREATE INDEX paragraphs_section ON paragraphs(section_id);
CREATE TABLE measures (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	title       TEXT NOT NULL,
	text        TEXT NOT NULL
);
CREATE INDEX measures_document ON measures(document_id);
CREATE INDEX measures_section ON measures(section_id);
CREATE TABLE columns (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	number      INTEGER,
	title       TEXT,
	body        TEXT,
	ord         INTEGER NOT NULL
);
CREATE INDEX columns_document ON columns(document_id);
CREATE INDEX columns_section ON columns(section_id);
CREATE TABLE tables (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	label       TEXT,
	title       TEXT,
	notes       TEXT NOT NULL DEFAULT '[]',
	ord         INTEGER NOT NULL
);
CREATE INDEX tables_document ON tables(document_id);
CREATE INDEX tables_section ON tables(section_id);
CREATE TABLE table_rows (
	table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
	row_no   INTEGER NOT NULL,
	cells    TEXT NOT NULL,
	PRIMARY KEY (table_id, row_no)
);
CREATE TABLE indicators (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	table_id    INTEGER REFERENCES tables(id) ON DELETE CASCADE,
	seq         INTEGER,
	category    TEXT,
	name        TEXT NOT NULL,
	unit        TEXT,
	attribute   TEXT,
	ord         INTEGER NOT NULL
);
CREATE INDEX indicators_document ON indicators(document_id);
CREATE INDEX indicators_table ON indicators(table_id);
CREATE TABLE indicator_values (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	column_label TEXT NOT NULL,
	year         INTEGER,
	raw          TEXT NOT NULL,
	op           TEXT,
	value        REAL,
	value_max    REAL,
	cumulative   INTEGER NOT NULL DEFAULT 0,
	qualifier    TEXT,
	role         TEXT,
	ord          INTEGER NOT NULL
);
CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id);
CREATE TABLE projects (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	column_id   INTEGER REFERENCES columns(id) ON DELETE CASCADE,
	group_name  TEXT,
	name        TEXT NOT NULL,
	ord         INTEGER NOT NULL
);
CREATE INDEX projects_document ON projects(document_id);
CREATE INDEX projects_column ON projects(column_id);
CREATE TABLE notes (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	number      INTEGER,
	term        TEXT,
	anchor      TEXT,
	definition  TEXT NOT NULL,
	section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL
);
CREATE INDEX notes_document ON notes(document_id);
CREATE INDEX notes_section ON notes(section_id);
CREATE TABLE diagnostics (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	page        INTEGER,
	kind        TEXT NOT NULL,
	message     TEXT NOT NULL
);
CREATE INDEX diagnostics_document ON diagnostics(document_id);
CREATE VIEW indicator_flat AS
SELECT d.id AS document_id, d.title AS document, t.label AS table_label,
       i.seq, i.category, i.name, i.unit,
       (SELECT raw FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'baseline' ORDER BY v.ord LIMIT 1) AS baseline,
       (SELECT raw FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'target' ORDER BY v.ord DESC LIMIT 1) AS target,
       i.attribute, i.id AS indicator_id
FROM indicators i JOIN documents d ON d.id = i.document_id LEFT JOIN tables t ON t.id = i.table_id;
`,
	// 2: full-text search, keywords, indicator groups across plans.
	`
CREATE VIRTUAL TABLE search USING fts5(
	kind UNINDEXED, ref_id UNINDEXED, document_id UNINDEXED, section_id UNINDEXED,
	text UNINDEXED, words, chars,
	tokenize = 'unicode61'
);
CREATE TABLE keywords (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	measure_id  INTEGER REFERENCES measures(id) ON DELETE CASCADE,
	term        TEXT NOT NULL,
	weight      REAL NOT NULL
);
CREATE INDEX keywords_document ON keywords(document_id);
CREATE INDEX keywords_measure ON keywords(measure_id);
CREATE TABLE indicator_groups (
	group_id     INTEGER NOT NULL,
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, indicator_id)
);
CREATE INDEX indicator_groups_indicator ON indicator_groups(indicator_id);
CREATE VIEW indicator_compare AS
SELECT g.group_id, f.document_id, f.document, f.table_label, f.seq, f.category, f.name, f.unit,
       f.baseline, f.target, f.attribute, f.indicator_id
FROM indicator_groups g JOIN indicator_flat f ON f.indicator_id = g.indicator_id;
CREATE TRIGGER documents_delete_search AFTER DELETE ON documents BEGIN
	DELETE FROM search WHERE document_id = old.id;
END;
`,
	// 3: the search index without a second copy of the text (see search.go).
	searchMigration,
}

// Version is the schema version this build of planx writes.
var Version = len(migrations)

// Open opens (creating if needed) the database at path for writing and
// migrates it to the current schema. The connection pool holds one
// connection: SQLite allows one writer, and pragmas are per connection.
func Open(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000&_journal_mode=WAL&_synchronous=NORMAL")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing database so that no statement can write.
func OpenReadOnly(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_query_only=1&_busy_timeout=10000")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this planx (%d)", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
		}
	}
	return nil
}
