package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// search on a database ingested with --no-index says so and how to build
// the index; ingest without --no-index on the unchanged file builds it.
func TestSearchNoIndex(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "p.db")
	src := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, src); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCmd(t, "search", "--db", dbPath, "托育")
	if code != exitUsage || !strings.Contains(errs, "no search index") || !strings.Contains(errs, "planx index --db") {
		t.Errorf("search without index: exit %d, %q %q", code, out, errs)
	}
	code, out, errs = runCmd(t, "ingest", "--db", dbPath, src)
	if code != exitOK || !strings.Contains(out, "1 unchanged") {
		t.Fatalf("re-run: exit %d %s %s", code, out, errs)
	}
	code, out, errs = runCmd(t, "search", "--db", dbPath, "--format", "csv", "托育")
	if code != exitOK || strings.Count(out, "\n") < 5 || errs != "" {
		t.Errorf("search after the re-run: exit %d, %d lines, %q", code, strings.Count(out, "\n"), errs)
	}
	if code, out, _ := runCmd(t, "index", "--db", dbPath); code != exitOK || !strings.Contains(out, "every document is indexed") {
		t.Errorf("index after the re-run: %d %s", code, out)
	}
}

// A query that cannot be read is an error that says why, never an empty
// result; NEAR, prefixes and groups work.
func TestSearchQueries(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "p.db")
	if code, _, errs := runCmd(t, "ingest", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	for _, c := range []struct{ query, err string }{
		{`"托育`, "unbalanced quote"},
		{`(托育 OR 养老`, "unbalanced parenthesis"},
		{`托育)`, "unexpected"},
		{`kind:measure`, "column filters"},
		{`托育 OR`, "OR needs a word after it"},
		{`NOT 托育`, "NOT needs a word before it"},
		{`NEAR(托育)`, "at least two words"},
		{`NEAR(托育 养老, x)`, "not a number"},
		{`*`, "* must follow a word"},
	} {
		t.Run(c.query, func(t *testing.T) {
			code, out, errs := runCmd(t, "search", "--db", dbPath, c.query)
			if code != exitUsage || !strings.Contains(errs, c.err) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want an error with %q", code, out, errs, c.err)
			}
		})
	}
	for _, q := range []string{`NEAR(托育 服务, 5)`, `201*`, `(托育 OR 养老) NOT 医疗`, `“基本公共服务”`} {
		t.Run(q, func(t *testing.T) {
			code, out, errs := runCmd(t, "search", "--db", dbPath, "--format", "jsonl", q)
			if code != exitOK || out == "" || errs != "" {
				t.Errorf("exit %d, %d hits, %q", code, strings.Count(out, "\n"), errs)
			}
		})
	}
}
