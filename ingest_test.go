package planx

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planx/schema"
)

// A file deleted between listing and reading, a read-only database, and a
// full disk (a size-limited database) each give per-file errors.
func TestBatchFailures(t *testing.T) {
	dir := t.TempDir()
	good := "corpus/jiangmen-public-services-14th-fyp.txt"
	gone := filepath.Join(dir, "gone.txt")
	os.WriteFile(gone, []byte("第一章 总体要求\n推进标准化建设。全面落实国家标准。\n"), 0o644)
	dbPath := filepath.Join(dir, "p.db")
	db, err := schema.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ro, _ := schema.OpenReadOnly(dbPath)
	newBatch := func(db, ro *sql.DB, jobs int) *batch {
		return &batch{opt: Options{Jobs: jobs, Timeout: time.Minute}, db: db, ro: ro, sum: Summary{Counts: map[Status]int{}}}
	}
	failures := func(b *batch) string {
		var s []string
		for _, r := range b.sum.Results {
			if r.Status == Failed {
				s = append(s, r.Path+": "+r.Err.Error())
			}
		}
		return strings.Join(s, "\n")
	}
	b := newBatch(db, ro, 2)
	os.Remove(gone) // deleted mid-batch, after the listing
	b.run(context.Background(), []string{gone, good})
	if f := failures(b); b.sum.Counts[Failed] != 1 || !strings.Contains(f, "gone.txt") || b.sum.Counts[Ingested] != 1 {
		t.Errorf("deleted file: failures %q, counts %v", f, b.sum.Counts)
	}
	db.Close()
	ro.Close()

	// a database opened read-only for writing: every store fails clearly
	rodb, _ := schema.OpenReadOnly(dbPath)
	other := "corpus/guangzhou-population-public-services-14th-fyp.txt"
	b = newBatch(rodb, rodb, 1)
	b.run(context.Background(), []string{other})
	if f := failures(b); b.sum.Counts[Failed] != 1 || !strings.Contains(f, "readonly") {
		t.Errorf("read-only database: %q", f)
	}
	rodb.Close()

	// a full disk: the database may not grow beyond a few pages
	full := filepath.Join(dir, "full.db")
	fdb, err := schema.Open(full)
	if err != nil {
		t.Fatal(err)
	}
	defer fdb.Close()
	var pages int
	fdb.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := fdb.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+60)); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("第一章 总体要求\n推进标准化建设。全面落实国家标准。\n"), 0o644)
	ffro, _ := schema.OpenReadOnly(full)
	defer ffro.Close()
	b = newBatch(fdb, ffro, 1)
	b.run(context.Background(), []string{small, other})
	if f := failures(b); b.sum.Counts[Ingested] != 1 || b.sum.Counts[Failed] != 1 || !strings.Contains(f, "full") {
		t.Errorf("full disk: counts %v, errors %q", b.sum.Counts, f)
	}
	var ok string
	fdb.QueryRow(`PRAGMA integrity_check`).Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity after a full disk: %s", ok)
	}
}
