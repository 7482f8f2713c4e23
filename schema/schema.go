// Package schema creates planx's SQLite database (or its PostgreSQL
// database, see postgres.go), migrates it forward and stores extracted
// documents in it, one transaction per document.
//
// The public schema (the tables and columns users query) is described in the
// README; it is never changed incompatibly. Every change is a numbered
// migration recorded in PRAGMA user_version, and migrations only add.
package schema

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// migrations are applied in order; migrations[i] brings the database from
// user_version i to i+1. Never edit a migration that has shipped: add one.
// keywordsDDL creates the keywords and the indicator groups, in the same
// words for SQLite (migration 2) and PostgreSQL (pgMigrations).
const keywordsDDL = `CREATE TABLE keywords (
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
`

// indicatorFlatHead adds the values' direction and inferred year and
// begins the indicator_flat view (its columns and first joins), in the same
// words for SQLite (migration 3) and PostgreSQL (pgMigrations), which pick
// each role's value differently.
const indicatorFlatHead = `ALTER TABLE indicator_values ADD COLUMN direction TEXT;
ALTER TABLE indicator_values ADD COLUMN year_inferred INTEGER NOT NULL DEFAULT 0;
DROP VIEW IF EXISTS indicator_compare;
DROP VIEW IF EXISTS indicator_flat;
CREATE VIEW indicator_flat AS
SELECT d.id AS document_id, d.title AS document, t.label AS table_label,
       i.seq, i.category, i.name, i.unit,
       b.raw AS baseline, g.raw AS target,
       i.attribute, i.id AS indicator_id,
       t.title AS table_title,
       b.column_label AS baseline_column, b.year AS baseline_year,
       g.column_label AS target_column, g.year AS target_year, g.year_inferred AS target_year_inferred, g.direction AS target_direction,
       a.raw AS actual, a.column_label AS actual_column, a.year AS actual_year
FROM indicators i JOIN documents d ON d.id = i.document_id LEFT JOIN tables t ON t.id = i.table_id
`

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
` + keywordsDDL + `CREATE TRIGGER documents_delete_search AFTER DELETE ON documents BEGIN
	DELETE FROM search WHERE document_id = old.id;
END;
`,
	// indicator values say which way a target goes and whether their year
	// was read from the header or inferred; the flat view names the table
	// and the column of each value, so that a review table's values are
	// never read as this plan's targets.
	`
` + indicatorFlatHead + `LEFT JOIN indicator_values b ON b.rowid = (SELECT v.rowid FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'baseline' ORDER BY v.ord LIMIT 1)
LEFT JOIN indicator_values g ON g.rowid = (SELECT v.rowid FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'target' ORDER BY v.ord DESC LIMIT 1)
LEFT JOIN indicator_values a ON a.rowid = (SELECT v.rowid FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'actual' ORDER BY v.ord DESC LIMIT 1);
CREATE VIEW indicator_compare AS
SELECT g.group_id, f.document_id, f.document, f.table_label, f.seq, f.category, f.name, f.unit,
       f.baseline, f.target, f.attribute, f.indicator_id,
       f.baseline_column, f.target_column, f.actual, f.actual_column
FROM indicator_groups g JOIN indicator_flat f ON f.indicator_id = g.indicator_id;
`,
	// 4: provenance of what was read from images by OCR (ocr.go).
	ocrMigration,
	// 5: the search index without a second copy of the text (see search.go).
	searchMigration,
}

// Version is the schema version this build of planx writes.
var Version = len(migrations)

// busyTimeout is how long a connection waits for another process's lock
// before it gives up with "database is locked". Several ingests may share one
// database; each holds the write lock for one document's transaction.
const busyTimeout = 60 * time.Second

// Open opens (creating if needed) the database at path for writing and
// migrates it to the current schema. The connection pool holds one
// connection: SQLite allows one writer, and pragmas are per connection.
//
// Transactions begin IMMEDIATE: a transaction that reads before it writes
// (Store looks the document up first) takes the write lock at BEGIN, where
// SQLite can wait for it, instead of failing at its first write when another
// process wrote in between.
//
// A PostgreSQL URL (postgres://…, see IsPostgres) opens that database
// instead, migrated the same way (postgres.go).
func Open(path string) (*sql.DB, error) {
	if IsPostgres(path) {
		return openPostgres(path, false)
	}
	uri, err := fileURI(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", fmt.Sprintf("%s?_foreign_keys=on&_busy_timeout=%d&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate",
		uri, busyTimeout.Milliseconds()))
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

// fileURI turns a file path into an SQLite URI whose path is percent-encoded,
// so that a name holding '?', '#' or '%' names that file and cannot add
// connection parameters (mode=rw) of its own.
func fileURI(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("/-._~", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String(), nil
}

// migrate brings the database to the current schema. Several processes may
// open a new database at once: each migration runs in an EXCLUSIVE
// transaction that reads the version again once it holds the lock, so the
// first process migrates and the others find the work done.
func migrate(ctx context.Context, db *sql.DB) error {
	for {
		done, err := migrateOne(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, if any, under an exclusive lock;
// done reports that the schema is current.
func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var v int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return false, fmt.Errorf("database schema version %d is newer than this planx (%d)", v, len(migrations))
	}
	if v == len(migrations) {
		return true, nil
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		return false, fmt.Errorf("lock for migration: %w", err)
	}
	commit := false
	defer func() {
		if !commit {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	// another process may have migrated while this one waited for the lock
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if v >= len(migrations) {
		return true, nil
	}
	if _, err := conn.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", v+1, err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", v+1, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", v+1, err)
	}
	commit = true
	return false, nil
}
