package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, to create test databases

	"planx/schema"
)

// The tests of PostgreSQL run against the server PLANX_TEST_POSTGRES names
// (a URL whose user may create databases; .ci/run starts a throw-away
// cluster and sets it). Each test gets a database of its own.

var pgSeq atomic.Int64

// pgDatabase creates an empty database for the test and returns its URL;
// it is dropped when the test ends.
func pgDatabase(t *testing.T) string {
	t.Helper()
	server := os.Getenv("PLANX_TEST_POSTGRES")
	if server == "" {
		t.Skip("PLANX_TEST_POSTGRES is not set (.ci/run sets it)")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("planx_test_%d_%d", os.Getpid(), pgSeq.Add(1))
	if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		admin.Close()
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// timestamps are the times of ingest, which differ between two ingests.
var timestamps = regexp.MustCompile(`20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ`)

// The bundled corpus ingested into SQLite and into PostgreSQL reads the
// same through every read command: every table exported row by row (and
// so what eval/score reads), the listings, outlines, indicators, notes,
// keywords, compare, and search for queries of one to many characters,
// phrases and operators — the same hits in the same order.
func TestPostgresSameAsSQLite(t *testing.T) {
	pg := pgDatabase(t)
	lite := filepath.Join(t.TempDir(), "p.db")
	for _, db := range []string{lite, pg} {
		code, out, errs := runCmd(t, "ingest", "--quiet", "--db", db, "../../corpus")
		if code != exitOK || !strings.Contains(out, "0 failed") {
			t.Fatalf("ingest into %s: %d\n%s%s", db, code, out, errs)
		}
	}
	var tables []string
	for _, n := range exportTables {
		tables = append(tables, "export --format jsonl --tables "+n+" --out -")
	}
	// compare first: it fills indicator_groups, which export reads
	cmds := append([]string{"compare", "compare --all --format csv", "compare 人口"}, tables...)
	cmds = append(cmds,
		"show", "show 1", "show 3 --format json", "show 1 --columns", "show 1 --columns --format json", "show 5",
		"indicators", "indicators --format json", "indicators 率", "indicators --attribute 约束性", "indicators --doc 11 率",
		"notes 数字", "notes a", "keywords 2", "keywords 2 --measures", "keywords 9 --measures --format csv",
		"export --doc 3 --format json --out -", "export --doc 7 --tables --format csv --out -",
		"search 的 --limit 5000", "search 发展 --limit 2000", "search 数字经济 --limit 500", "search 高质量发展 --limit 500",
		"search 产业 OR 园区", "search 绿色 NOT 低碳 --limit 200", "search 创新 驱动", `search "高质量发展"`,
		"search 高质量发展 --kind paragraph", "search 发展 --kind measure", "search 医疗 --kind indicator",
		"search 一一", "search 5G", "search 2025 --limit 300", "search 5g", "search 产业 --doc 1", "search （ --limit 100",
		"search NEAR(数字 经济, 5)", "search NEAR(发展 规划 建设, 10) --limit 500",
		"query SELECT id, title, period_start, period_end FROM documents ORDER BY id",
	)
	for _, c := range cmds {
		args := strings.Fields(c)
		if strings.HasPrefix(c, "search NEAR") { // the query is one argument
			q := c[len("search ") : strings.Index(c, ")")+1]
			args = append([]string{"search", q}, strings.Fields(c[strings.Index(c, ")")+1:])...)
		}
		t.Run(c, func(t *testing.T) {
			_, a, aerr := runCmd(t, append(args, "--db", lite)...)
			_, b, berr := runCmd(t, append(args, "--db", pg)...)
			a, b = timestamps.ReplaceAllString(a+aerr, "T"), timestamps.ReplaceAllString(b+berr, "T")
			if a != b {
				t.Errorf("SQLite and PostgreSQL differ:\n%s", firstDifference(a, b))
			}
			if strings.TrimSpace(a) == "" || strings.Contains(a, "(0 rows)") && !strings.Contains(c, "一一") {
				t.Errorf("nothing to compare: %q", a)
			}
		})
	}
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  sqlite:   %s\n  postgres: %s", i+1, x, y)
		}
	}
	return ""
}

// planx query on PostgreSQL runs one statement in a READ ONLY transaction
// within --timeout: nothing it is given can write.
func TestPostgresQueryIsReadOnly(t *testing.T) {
	pg := pgDatabase(t)
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", pg, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	for _, q := range []string{
		"DELETE FROM documents",
		"WITH x AS (DELETE FROM documents RETURNING id) SELECT * FROM x",
		"SELECT set_config('transaction_read_only', 'off', true), (SELECT count(*) FROM documents)",
		"SELECT 1; DELETE FROM documents",
	} {
		code, _, errs := runCmd(t, "query", "--db", pg, q)
		if code == exitOK {
			t.Errorf("%s: ran; want it refused", q)
		}
		if _, out, _ := runCmd(t, "query", "--db", pg, "--format", "csv", "SELECT count(*) AS n FROM documents"); out != "n\n1\n" {
			t.Fatalf("after %s (%s): %q documents", q, errs, out)
		}
	}
	code, _, errs := runCmd(t, "query", "--db", pg, "--timeout", "300ms", "SELECT pg_sleep(5)")
	if code == exitOK || !strings.Contains(errs, "longer than") {
		t.Errorf("pg_sleep: code %d, err %q; want a timeout", code, errs)
	}
	code, out, _ := runCmd(t, "query", "--db", pg, "--format", "csv", "SELECT title, period_start FROM documents")
	if code != exitOK || out != "title,period_start\n江门市公共服务“十四五”规划,2021\n" {
		t.Errorf("csv = %q", out)
	}
}

// seedFiles writes n copies of two plans, each with different bytes.
func seedFiles(t *testing.T, dir string, n int) []string {
	t.Helper()
	seeds := []string{"../../corpus/jiangmen-public-services-14th-fyp.txt", "../../corpus/guangzhou-population-public-services-14th-fyp.txt"}
	var files []string
	for i := 0; i < n; i++ {
		data, err := os.ReadFile(seeds[i%2])
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, []byte(fmt.Sprintf("\n附：第%d份\n", i))...) // different bytes, same plan
		p := filepath.Join(dir, fmt.Sprintf("doc%02d.txt", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	return files
}

func pgCounts(t *testing.T, pg string) map[string]string {
	t.Helper()
	db, err := schema.OpenReadOnly(pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return storedCounts(t, db)
}

// Four ingest processes over overlapping lists of files into one new
// PostgreSQL database: the schema is created once, no process fails or
// deadlocks, every file two processes share is stored once (the other
// reports it unchanged), every document whole and indexed.
func TestPostgresConcurrentIngests(t *testing.T) {
	pg := pgDatabase(t)
	dir := t.TempDir()
	const n = 24
	files := seedFiles(t, dir, n)
	clean := filepath.Join(dir, "clean.db")
	if code, _, errs := runCmd(t, append([]string{"ingest", "--no-index", "--db", clean}, files...)...); code != exitOK {
		t.Fatal(errs)
	}
	want := docCounts(t, clean)
	lists := make([][]string, 4)
	for p := range lists {
		// process p takes 12 files starting at 6p, the odd ones in
		// reverse order: every file is in two lists, met in both orders
		args := []string{"ingest", "--jobs", "1", "--db", pg}
		for i := 0; i < n/2; i++ {
			k := i
			if p%2 == 1 {
				k = n/2 - 1 - i
			}
			args = append(args, files[(6*p+k)%n])
		}
		lists[p] = args
	}
	outs, errs := runAtOnce(lists)
	ingested, unchanged := 0, 0
	for p := range outs {
		out := outs[p].String()
		if errs[p] != nil || strings.Contains(out, "failed:") {
			t.Errorf("process %d: %v\n%s", p, errs[p], out)
		}
		var a, b, c, d int
		last := strings.TrimSpace(out)
		last = last[strings.LastIndex(last, "\n")+1:]
		fmt.Sscanf(last, "%d ingested, %d unchanged, %d replaced, %d failed", &a, &b, &c, &d)
		ingested += a
		unchanged += b
	}
	if ingested != n || unchanged != n {
		t.Errorf("the processes say they ingested %d documents and found %d unchanged, want %d and %d", ingested, unchanged, n, n)
	}
	got := pgCounts(t, pg)
	if len(got) != len(want) {
		t.Errorf("%d documents stored, want %d", len(got), len(want))
	}
	for sha, c := range want {
		if got[sha] != c {
			t.Errorf("%s: %q, want %q", sha[:8], got[sha], c)
		}
	}
	db, err := schema.OpenReadOnly(pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, err := schema.State(t.Context(), db); err != nil || st.Indexed != n || st.Documents != n {
		t.Errorf("search index: %+v %v, want %d documents indexed", st, err, n)
	}
}

// A process killed (SIGKILL) in the middle of a batch leaves only whole
// documents in PostgreSQL, and a rerun completes the batch.
func TestPostgresKilledIngest(t *testing.T) {
	pg := pgDatabase(t)
	dir := t.TempDir()
	files := seedFiles(t, dir, 40)
	clean := filepath.Join(dir, "clean.db")
	if code, _, errs := runCmd(t, append([]string{"ingest", "--no-index", "--db", clean}, files...)...); code != exitOK {
		t.Fatal(errs)
	}
	want := docCounts(t, clean)
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], append([]string{"ingest", "--no-index", "--jobs", "2", "--db", pg}, files...)...)
		cmd.Env = append(os.Environ(), "PLANX_MAIN=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// killed after its first document, at a different moment each round
		first := make([]byte, 1)
		out.Read(first)
		go io.Copy(io.Discard, out)
		time.Sleep(time.Duration(30+70*round) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := pgCounts(t, pg)
		for sha, c := range got {
			if want[sha] != c {
				t.Fatalf("round %d: document %s stored incomplete: %s, want %s", round, sha[:8], c, want[sha])
			}
		}
		t.Logf("round %d: %d of %d documents stored when killed", round, len(got), len(want))
	}
	if code, _, errs := runCmd(t, append([]string{"ingest", "--no-index", "--db", pg}, files...)...); code != exitOK {
		t.Fatal(errs)
	}
	got := pgCounts(t, pg)
	if len(got) != len(want) {
		t.Fatalf("after the rerun: %d documents, want %d", len(got), len(want))
	}
	for sha, c := range want {
		if got[sha] != c {
			t.Errorf("after the rerun: %s: %s, want %s", sha[:8], got[sha], c)
		}
	}
}
