package schema

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL is planx's shared target: several ingests (on one machine or
// several) write one database, analysts and BI tools read it. Everything
// that differs from SQLite is here: how a connection is opened, how
// planx's SQL (written once, in SQLite's dialect) is rewritten for it, the
// schema's migrations, and the search index (search_postgres.go). The
// commands and the writer share the rest.

// IsPostgres reports whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// IsPostgresDB reports whether db was opened on PostgreSQL (by Open or
// OpenReadOnly with a URL).
func IsPostgresDB(db *sql.DB) bool {
	_, ok := db.Driver().(pgDriver)
	return ok
}

func isPostgres(db *sql.DB) bool { return IsPostgresDB(db) }

// openPostgres opens a PostgreSQL database; readOnly makes every
// transaction of its connections READ ONLY, so that no statement can
// write, whatever SQL it is given. A writing open migrates the schema.
func openPostgres(dsn string, readOnly bool) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(dsn), err)
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	// planx compares and orders text by code point, as SQLite does
	// (columns are COLLATE "C"); the client speaks UTF-8
	cfg.RuntimeParams["client_encoding"] = "UTF8"
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", redact(dsn), err)
	}
	if !readOnly {
		if err := migratePostgres(context.Background(), db); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", redact(dsn), err)
		}
	}
	return db, nil
}

// BeginReadOnly begins a READ ONLY transaction on db (PostgreSQL) whose
// statements the server stops after timeout (0: none). What runs in it
// cannot write, nor make the transaction read-write again.
func BeginReadOnly(ctx context.Context, db *sql.DB, timeout time.Duration) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL statement_timeout = %d", timeout.Milliseconds())); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

var password = regexp.MustCompile(`://([^:/@]*):[^@]*@`)

// redact hides a password in a URL, for messages.
func redact(dsn string) string { return password.ReplaceAllString(dsn, "://$1:***@") }

// pgConnector opens pgx connections whose statements are rewritten from
// planx's SQL (see rebind).
type pgConnector struct{ c driver.Connector }

func (p pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := p.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{c.(*stdlib.Conn)}, nil
}

func (p pgConnector) Driver() driver.Driver { return pgDriver{p.c.Driver()} }

// pgDriver marks a database/sql pool as PostgreSQL (isPostgres).
type pgDriver struct{ driver.Driver }

// pgConn rewrites the statements planx prepares and those it runs with
// arguments; a statement run without arguments (what a user typed in
// planx query, the migrations) goes to PostgreSQL as it is.
type pgConn struct{ *stdlib.Conn }

func (c *pgConn) Prepare(q string) (driver.Stmt, error) { return c.Conn.Prepare(rebind(q)) }

func (c *pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(q))
}

func (c *pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) > 0 {
		q = rebind(q)
	}
	return c.Conn.ExecContext(ctx, q, args)
}

func (c *pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) > 0 {
		q = rebind(q)
	}
	return c.Conn.QueryContext(ctx, q, args)
}

// rebind rewrites one of planx's statements, written in SQLite's dialect,
// for PostgreSQL: the placeholders ? and ?N become $N, and LIKE becomes
// ILIKE (SQLite's LIKE ignores the case of ASCII letters; so does ILIKE on
// planx's COLLATE "C" columns, and only of those). Quoted strings, quoted
// names and comments are left alone.
func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := closeQuote(q, i+1, c)
			b.WriteString(q[i:j])
			i = j
		case skipComment(q, i) > i:
			j := skipComment(q, i)
			b.WriteString(q[i:j])
			i = j
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteString("$" + q[i+1:j])
			} else {
				n++
				fmt.Fprintf(&b, "$%d", n)
			}
			i = j
		case isWordByte(c):
			j := i
			for j < len(q) && isWordByte(q[j]) {
				j++
			}
			if strings.EqualFold(q[i:j], "LIKE") {
				b.WriteString("ILIKE")
			} else {
				b.WriteString(q[i:j])
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

// migratePostgres brings a PostgreSQL database to the current schema, all
// remaining migrations in one transaction under an advisory lock: several
// ingests starting at once on a new database wait for the first, which
// migrates, and find the work done; a migration killed half-way is rolled
// back whole (PostgreSQL's DDL is transactional).
func migratePostgres(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	// the key is planx's own: "planx" in ASCII
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(482670130296)`); err != nil {
		return fmt.Errorf("lock for migration: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS planx_schema (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	var v int
	err = tx.QueryRowContext(ctx, `SELECT version FROM planx_schema`).Scan(&v)
	if err == sql.ErrNoRows {
		_, err = tx.ExecContext(ctx, `INSERT INTO planx_schema (version) VALUES (0)`)
	}
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this planx (%d)", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for ; v < len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, postgresMigration(v)); err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE planx_schema SET version = %d`, v)); err != nil {
		return fmt.Errorf("migrate to schema version %d: %w", v, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate to schema version %d: %w", v, err)
	}
	return nil
}

// postgresMigration is migration i for PostgreSQL: SQLite's, with its
// types translated (pgTypes), or, where it uses what only SQLite has (FTS5,
// rowid, JSON functions in a trigger), the version in pgMigrations.
func postgresMigration(i int) string {
	m, ok := pgMigrations[i]
	if !ok {
		m = migrations[i]
	}
	return pgTypes(m) + pgFunctions[i]
}

// pgTypes translates the column types of SQLite's DDL: an INTEGER PRIMARY
// KEY becomes an identity column (its own sequence, as SQLite gives the
// next rowid), INTEGER becomes BIGINT (so that values read back are int64,
// as from SQLite), REAL double precision, and TEXT compares and sorts by
// code point (COLLATE "C", SQLite's BINARY).
func pgTypes(ddl string) string {
	r := strings.NewReplacer(
		"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
		"INTEGER", "BIGINT",
		"REAL", "DOUBLE PRECISION",
		" TEXT", ` TEXT COLLATE "C"`,
	)
	return r.Replace(ddl)
}

// pgMigrations replace, for PostgreSQL, the migrations that use what only
// SQLite has. Their tables are the same as SQLite's.
var pgMigrations = map[int]string{
	// 2: the search index is search_postgres.go's; keywords and indicator
	// groups as in SQLite.
	1: `
` + keywordsDDL,
	// 3: the first value of each role is picked with LATERAL instead of
	// SQLite's rowid; the view's columns are the same.
	2: `
` + indicatorFlatHead + `LEFT JOIN LATERAL (SELECT * FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'baseline' ORDER BY v.ord LIMIT 1) b ON true
LEFT JOIN LATERAL (SELECT * FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'target' ORDER BY v.ord DESC LIMIT 1) g ON true
LEFT JOIN LATERAL (SELECT * FROM indicator_values v WHERE v.indicator_id = i.id AND v.role = 'actual' ORDER BY v.ord DESC LIMIT 1) a ON true;
CREATE VIEW indicator_compare AS
SELECT g.group_id, f.document_id, f.document, f.table_label, f.seq, f.category, f.name, f.unit,
       f.baseline, f.target, f.attribute, f.indicator_id,
       f.baseline_column, f.target_column, f.actual, f.actual_column
FROM indicator_groups g JOIN indicator_flat f ON f.indicator_id = g.indicator_id;
`,
	// 4: OCR provenance: the trigger that files an ocr diagnostic's JSON
	// is written in PL/pgSQL, before the row is stored.
	3: ocrTables,
	// 5: the search index (search_postgres.go).
	4: pgSearchMigration,
}

// pgFunctions are added to migration i for PostgreSQL, untranslated:
// functions written in PostgreSQL's own SQL.
var pgFunctions = map[int]string{
	2: `
-- what planx's SQL asks of SQLite that PostgreSQL names otherwise
CREATE FUNCTION planx_concat(acc text, value text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value ELSE acc || sep || value END
$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = planx_concat, STYPE = text);
CREATE FUNCTION pragma_table_info(tab text)
RETURNS TABLE (cid bigint, name text, type text, "notnull" bigint, dflt_value text, pk bigint)
LANGUAGE sql STABLE AS $$
SELECT (a.attnum - 1)::bigint, a.attname::text,
       CASE format_type(a.atttypid, a.atttypmod) WHEN 'bigint' THEN 'INTEGER' WHEN 'double precision' THEN 'REAL'
            WHEN 'text' THEN 'TEXT' ELSE upper(format_type(a.atttypid, a.atttypmod)) END,
       a.attnotnull::int::bigint, pg_get_expr(d.adbin, d.adrelid),
       coalesce((SELECT array_position(c.conkey, a.attnum) FROM pg_constraint c
                 WHERE c.conrelid = a.attrelid AND c.contype = 'p'), 0)::bigint
FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = to_regclass(tab) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
$$;
`,
	4: pgSearchFunctions,
	3: `
CREATE FUNCTION planx_ocr_provenance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	nl integer := strpos(NEW.message, E'\n');
	j jsonb;
	region bigint;
BEGIN
	IF NEW.kind <> 'ocr' OR nl = 0 THEN
		RETURN NEW;
	END IF;
	BEGIN
		j := substr(NEW.message, nl + 1)::jsonb;
	EXCEPTION WHEN others THEN
		RETURN NEW;
	END;
	INSERT INTO ocr_regions (document_id, page, kind, label, title, engine, version, dpi, confidence, needs_review)
	VALUES (NEW.document_id, NEW.page, j->>'kind', j->>'label', j->>'title', j->>'engine', j->>'version',
		(j->>'dpi')::float8, (j->>'confidence')::float8,
		CASE j->>'needs_review' WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE coalesce((j->>'needs_review')::bigint, 0) END)
	RETURNING id INTO region;
	INSERT INTO ocr_lines (region_id, row_no, col_no, text, confidence, needs_review, repair)
	SELECT region, (l->>'row')::bigint, (l->>'col')::bigint, l->>'text', (l->>'confidence')::float8,
		CASE l->>'needs_review' WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE coalesce((l->>'needs_review')::bigint, 0) END,
		l->>'repair'
	FROM jsonb_array_elements(coalesce(j->'lines', '[]'::jsonb)) l;
	NEW.message := substr(NEW.message, 1, nl - 1);
	RETURN NEW;
END
$$;
CREATE TRIGGER ocr_provenance BEFORE INSERT ON diagnostics FOR EACH ROW EXECUTE FUNCTION planx_ocr_provenance();
CREATE VIEW ocr_review AS
SELECT d.source, r.page, r.label, r.kind, l.row_no, l.col_no, l.text, l.confidence, l.repair
FROM ocr_lines l JOIN ocr_regions r ON r.id = l.region_id JOIN documents d ON d.id = r.document_id
WHERE l.needs_review <> 0;
`,
}

// ocrTables are the tables of ocrMigration, without its trigger and view.
var ocrTables = ocrMigration[:strings.Index(ocrMigration, "CREATE TRIGGER")]
