package schema

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// ReadLimits bound what one read-only connection may cost.
type ReadLimits struct {
	// HeapBytes caps the memory SQLite may allocate in this process
	// (PRAGMA hard_heap_limit); 0 leaves it unbounded. A query over the
	// limit fails with "out of memory" instead of taking the machine's.
	HeapBytes int64
}

// OpenReadOnly opens an existing database so that no statement can write.
func OpenReadOnly(path string) (*sql.DB, error) {
	return OpenReadOnlyLimited(path, ReadLimits{})
}

// OpenReadOnlyLimited opens an existing database so that no statement can
// write anywhere, whatever SQL it is given. Three layers, each enough for
// what it covers: the file is opened read-only (mode=ro: the operating
// system refuses writes to it, and no SQL can reopen it), query_only is on,
// and an authorizer on every connection refuses everything that could
// change another file or the connection: ATTACH and DETACH, schema changes,
// writes to any database but the read-only main one (temp tables), pragmas
// that change state, and load_extension. VACUUM INTO does not consult the
// authorizer; callers that run user SQL check the statement kind too, see
// CheckReadStatement.
//
// On PostgreSQL (IsPostgres) every transaction of the connections is READ
// ONLY (default_transaction_read_only), which the server enforces for any
// statement; lim does not apply (the server's own limits do).
func OpenReadOnlyLimited(path string, lim ReadLimits) (*sql.DB, error) {
	if IsPostgres(path) {
		return openPostgres(path, true)
	}
	uri, err := fileURI(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	drv := &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if lim.HeapBytes > 0 {
			if _, err := c.Exec(fmt.Sprintf("PRAGMA hard_heap_limit = %d", lim.HeapBytes), nil); err != nil {
				return err
			}
		}
		c.RegisterAuthorizer(authorizeRead)
		return nil
	}}
	dsn := fmt.Sprintf("%s?mode=ro&_query_only=1&_busy_timeout=%d", uri, busyTimeout.Milliseconds())
	db := sql.OpenDB(connector{drv, dsn})
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// connector opens connections of one DSN with one driver value, so that the
// read-only hook needs no globally registered driver name.
type connector struct {
	drv *sqlite3.SQLiteDriver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

// readPragmas are the pragmas that only report, whatever their argument.
var readPragmas = map[string]bool{
	"table_info": true, "table_xinfo": true, "table_list": true, "index_list": true, "index_info": true,
	"index_xinfo": true, "foreign_key_list": true, "foreign_key_check": true, "integrity_check": true,
	"quick_check": true, "database_list": true, "collation_list": true, "function_list": true,
	"module_list": true, "pragma_list": true, "compile_options": true, "data_version": true,
	"freelist_count": true, "page_count": true,
}

// settingPragmas may be read (no argument) but not set.
var settingPragmas = map[string]bool{
	"user_version": true, "application_id": true, "schema_version": true, "page_size": true,
	"encoding": true, "journal_mode": true, "foreign_keys": true, "query_only": true, "auto_vacuum": true,
	"cache_size": true, "busy_timeout": true, "synchronous": true, "max_page_count": true,
}

// authorizeRead is the authorizer of read-only connections: it allows what a
// SELECT needs and refuses the rest, so that an action it does not know is
// refused rather than allowed. Row writes and transactions on the main
// database are let through to the read-only file, which refuses the writes
// ("attempt to write a readonly database").
func authorizeRead(op int, arg1, arg2, dbName string) int {
	switch op {
	case sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqliteRecursive, sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT:
		return sqlite3.SQLITE_OK
	case sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE:
		if dbName == "main" {
			return sqlite3.SQLITE_OK
		}
	case sqlite3.SQLITE_FUNCTION:
		if strings.EqualFold(arg2, "load_extension") {
			return sqlite3.SQLITE_DENY
		}
		return sqlite3.SQLITE_OK
	case sqlite3.SQLITE_PRAGMA:
		name := strings.ToLower(arg1)
		if readPragmas[name] || settingPragmas[name] && arg2 == "" {
			return sqlite3.SQLITE_OK
		}
	}
	return sqlite3.SQLITE_DENY
}

// sqliteRecursive is SQLITE_RECURSIVE, the action of a recursive common
// table expression, which the driver does not export.
const sqliteRecursive = 33

// CheckReadStatement reports whether q is one statement of a kind that
// reads: SELECT, WITH, VALUES, EXPLAIN or PRAGMA. The authorizer of a
// read-only connection refuses writes inside any statement; this check adds
// what the authorizer does not see (VACUUM INTO writes a copy of the
// database anywhere without consulting it) and refuses chains, so that what
// a user ran is what they typed first.
func CheckReadStatement(q string) error {
	i := skipSpace(q, 0)
	j := i
	for j < len(q) && (q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z') {
		j++
	}
	switch kw := strings.ToUpper(q[i:j]); kw {
	case "SELECT", "WITH", "VALUES", "EXPLAIN", "PRAGMA":
	case "":
		return fmt.Errorf("no SQL statement")
	default:
		return fmt.Errorf("refused on a readonly connection: %s changes the database or the connection; one SELECT, WITH, VALUES, EXPLAIN or PRAGMA statement is run", kw)
	}
	end := statementEnd(q, j)
	if end < len(q) {
		if k := skipSpace(q, end+1); k < len(q) {
			return fmt.Errorf("refused: more than one statement (a ';' followed by %q); one statement is run", abbreviate(q[k:], 30))
		}
	}
	return nil
}

// statementEnd returns the index of the ';' that ends the statement starting
// at i, outside quotes and comments, or len(q).
func statementEnd(q string, i int) int {
	for i < len(q) {
		switch c := q[i]; c {
		case ';':
			return i
		case '\'', '"', '`':
			i = closeQuote(q, i+1, c)
		case '[':
			i = closeQuote(q, i+1, ']')
		case '-', '/':
			if k := skipComment(q, i); k > i {
				i = k
			} else {
				i++
			}
		default:
			i++
		}
	}
	return len(q)
}

// closeQuote returns the index after the quote character c that closes a
// quoted string or name starting at i; a doubled quote is part of it.
func closeQuote(q string, i int, c byte) int {
	for i < len(q) {
		if q[i] == c {
			if c != ']' && i+1 < len(q) && q[i+1] == c {
				i += 2
				continue
			}
			return i + 1
		}
		i++
	}
	return len(q)
}

// skipSpace returns the index of the first byte at or after i that is not
// white space, a ';' or in a comment.
func skipSpace(q string, i int) int {
	for i < len(q) {
		switch {
		case q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r' || q[i] == '\f' || q[i] == ';':
			i++
		case skipComment(q, i) > i:
			i = skipComment(q, i)
		default:
			return i
		}
	}
	return i
}

// skipComment returns the index after a comment starting at i, or i.
func skipComment(q string, i int) int {
	switch {
	case strings.HasPrefix(q[i:], "--"):
		if k := strings.IndexByte(q[i:], '\n'); k >= 0 {
			return i + k + 1
		}
		return len(q)
	case strings.HasPrefix(q[i:], "/*"):
		if k := strings.Index(q[i+2:], "*/"); k >= 0 {
			return i + 2 + k + 2
		}
		return len(q)
	}
	return i
}

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
