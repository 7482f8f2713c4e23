package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planx/schema"
)

// fileSum is the sha256 of a file's bytes, or "" when it does not exist.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return string(s[:])
}

// Every route by which planx query or export --query could write is
// refused with a message, and the database file is byte for byte the same.
func TestQueryRefusesEveryWriteRoute(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "r.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	copyPath := filepath.Join(dir, "copy.db")
	other := filepath.Join(dir, "other.db")
	routes := []struct{ name, sql string }{
		{"delete", "DELETE FROM documents"},
		{"chain after a select", "SELECT 1; DELETE FROM documents"},
		{"query_only off, attach, delete", "PRAGMA query_only=0; ATTACH DATABASE '" + dbPath + "' AS w; DELETE FROM w.documents WHERE id=1"},
		{"query_only off", "PRAGMA query_only=0"},
		{"attach the same file", "ATTACH DATABASE '" + dbPath + "' AS w"},
		{"attach a new file", "ATTACH DATABASE '" + other + "' AS w"},
		{"writable_schema", "PRAGMA writable_schema=ON"},
		{"set user_version", "PRAGMA user_version=99"},
		{"vacuum into", "VACUUM INTO '" + copyPath + "'"},
		{"vacuum", "VACUUM"},
		{"delete in a CTE", "WITH x AS (SELECT 1) DELETE FROM documents"},
		{"update in a CTE", "WITH x AS (SELECT 1) UPDATE documents SET title = 'x'"},
		{"insert", "INSERT INTO notes(document_id, definition, ord) VALUES (1, 'x', 0)"},
		{"create temp table", "CREATE TEMP TABLE t(x)"},
		{"drop", "DROP TABLE documents"},
		{"load_extension", "SELECT load_extension('/nonexistent/x.so')"},
		{"optimize (writes statistics)", "PRAGMA optimize"},
		{"wal_checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)"},
		{"begin", "BEGIN IMMEDIATE"},
		{"trigger", "CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM documents; END"},
	}
	before := fileSum(t, dbPath)
	for _, r := range routes {
		for _, cmd := range [][]string{
			{"query", "--db", dbPath, r.sql},
			{"export", "--db", dbPath, "--format", "csv", "--out", "-", "--query", r.sql},
		} {
			t.Run(cmd[0]+"/"+r.name, func(t *testing.T) {
				code, out, errs := runCmd(t, cmd...)
				if code == exitOK || !strings.Contains(errs, "refused") {
					t.Errorf("code %d, out %q, err %q; want refused", code, out, errs)
				}
				if got := fileSum(t, dbPath); got != before {
					t.Errorf("the database changed")
				}
				for _, p := range []string{copyPath, other} {
					if _, err := os.Stat(p); err == nil {
						t.Errorf("%s was written", filepath.Base(p))
						os.Remove(p)
					}
				}
			})
		}
	}
	// what reads still runs
	reads := []struct{ name, sql, want string }{
		{"select", "SELECT count(*) AS n FROM documents", "n\n1\n"},
		{"pragma read", "PRAGMA user_version", fmt.Sprintf("user_version\n%d\n", schema.Version)},
		{"pragma table function", "SELECT name FROM pragma_table_info('documents') WHERE cid = 1", "name\nsource\n"},
		{"semicolon in a string", "SELECT ';' AS s;", "s\n;\n"},
		{"recursive CTE", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 3) SELECT sum(x) AS s FROM c", "s\n6\n"},
	}
	for _, r := range reads {
		t.Run("read/"+r.name, func(t *testing.T) {
			code, out, errs := runCmd(t, "query", "--db", dbPath, "--format", "csv", r.sql)
			if code != exitOK || out != r.want {
				t.Errorf("code %d, out %q, err %q; want %q", code, out, errs, r.want)
			}
		})
	}
}

// The --db path is a file name, never connection parameters.
func TestDatabasePathIsAFileName(t *testing.T) {
	dir := t.TempDir()
	src := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	t.Run("hash sign", func(t *testing.T) {
		p := filepath.Join(dir, "my#db.db")
		if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", p, src); code != exitOK {
			t.Fatal(errs)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("my#db.db not written: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "my")); err == nil {
			t.Errorf("./my was written: the path was cut at '#'")
		}
		code, out, errs := runCmd(t, "query", "--db", p, "--format", "csv", "SELECT count(*) AS n FROM documents")
		if code != exitOK || out != "n\n1\n" {
			t.Errorf("query: code %d, out %q, err %q", code, out, errs)
		}
	})
	t.Run("parameters in the name", func(t *testing.T) {
		p := filepath.Join(dir, "q.db")
		if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", p, src); code != exitOK {
			t.Fatal(errs)
		}
		before := fileSum(t, p)
		code, _, errs := runCmd(t, "query", "--db", p+"?mode=rw&_query_only=0&x=", "DELETE FROM documents")
		if code == exitOK {
			t.Errorf("a DSN in --db opened the database writable: %q", errs)
		}
		if fileSum(t, p) != before {
			t.Errorf("the database changed")
		}
	})
}

// Limits: --max-rows cuts the output and says so; --timeout stops a query
// that never ends.
func TestQueryLimits(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "r.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCmd(t, "query", "--db", dbPath, "--format", "csv", "--max-rows", "3", "SELECT ord FROM sections ORDER BY ord")
	if code != exitOK || out != "ord\n0\n1\n2\n" || !strings.Contains(errs, "stopped after 3 rows") {
		t.Errorf("--max-rows 3: code %d, out %q, err %q", code, out, errs)
	}
	start := time.Now()
	code, _, errs = runCmd(t, "query", "--db", dbPath, "--timeout", "300ms",
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c")
	if code == exitOK || !strings.Contains(errs, "--timeout") {
		t.Errorf("endless CTE: code %d, err %q; want stopped by --timeout", code, errs)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("endless CTE stopped after %v, want about 300ms", el)
	}
}
