package main

import (
	"database/sql"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"planx/schema"
)

// TestMain lets the test binary act as planx itself (PLANX_MAIN=1), so that
// the crash test can kill a real ingest process.
func TestMain(m *testing.M) {
	if os.Getenv("PLANX_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// The robustness suite: every kind of bad input gets a clear error naming
// the file, and the good documents are stored.
func TestRobustness(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	good, _ := os.ReadFile("../../corpus/jiangmen-public-services-14th-fyp.txt")
	pdf, _ := os.ReadFile("../../corpus/state-council-cultural-relics-tech-14th-fyp.pdf")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(good[:20000])
	if err != nil {
		t.Fatal(err)
	}
	rnd := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(rnd)
	rnd[0] = 0
	files := map[string][]byte{
		"good.txt":           good,
		"random.txt":         rnd,
		"empty.txt":          nil,
		"truncated.pdf":      pdf[:2000], // no page survives
		"cut-short.pdf":      pdf[:len(pdf)/3],
		"encrypted.pdf":      encryptedPDF(),
		"gbk-undeclared.txt": gbk,
		"deep.html":          []byte(strings.Repeat("<div>", 10000) + "<p>" + strings.Repeat("深层嵌套的正文段落。", 30) + "</p>"),
		"not-a-zip.docx":     []byte("PK\x03\x04 but not really a zip"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a 100 MB text file
	big, err := os.Create(filepath.Join(in, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("推进基本公共服务均等化，", 1000) + "\n"
	for written := 0; written < 100<<20; written += len(line) {
		big.WriteString(line)
	}
	big.Close()

	dbPath := filepath.Join(dir, "p.db")
	code, out, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, in)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	for _, want := range []string{"random.txt: unsupported format", "empty.txt: no text", "truncated.pdf: damaged PDF",
		"encrypted.pdf: the PDF is encrypted", "not-a-zip.docx: not a Word"} {
		if !strings.Contains(errs, want) {
			t.Errorf("no clear error %q in:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "5 ingested") {
		t.Errorf("summary %q: want good.txt, gbk-undeclared.txt, deep.html, big.txt and cut-short.pdf stored", out)
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if enc := count(t, db, `SELECT count(*) FROM documents WHERE encoding = 'gb18030'`); enc != 1 {
		t.Errorf("the undeclared GBK text was not read as GB18030")
	}
	// a download cut short keeps the pages before the cut, and says so
	if n := count(t, db, `SELECT count(*) FROM diagnostics g JOIN documents d ON d.id = g.document_id
		WHERE d.source LIKE '%cut-short.pdf' AND g.kind = 'repaired'`); n != 1 {
		t.Errorf("cut-short.pdf: %d repaired diagnostics, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.source LIKE '%cut-short.pdf'`); n == 0 {
		t.Errorf("cut-short.pdf: no headings read from the pages before the cut")
	}
}

func encryptedPDF() []byte {
	return []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
		"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n" +
		"trailer\n<< /Size 3 /Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> /ID [(a) (a)] >>\nstartxref\n109\n%%EOF\n")
}

// The crash test: a batch killed with SIGKILL at random moments leaves an
// intact database whose every stored document is complete, and running the
// batch again ends with the database a clean run gives.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs the batch several times")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	seeds := []string{"../../corpus/jiangmen-public-services-14th-fyp.txt", "../../corpus/guangzhou-population-public-services-14th-fyp.txt"}
	for i := 0; i < 60; i++ {
		data, _ := os.ReadFile(seeds[i%2])
		data = append(data, []byte(fmt.Sprintf("\n附：第%d份\n", i))...) // different bytes, same plan
		os.WriteFile(filepath.Join(in, fmt.Sprintf("doc%02d.txt", i)), data, 0o644)
	}
	clean := filepath.Join(dir, "clean.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", clean, in); code != exitOK {
		t.Fatal(errs)
	}
	want := docCounts(t, clean)
	crashed := filepath.Join(dir, "crashed.db")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for round := 0; round < 4; round++ {
		cmd := exec.Command(os.Args[0], "ingest", "--no-index", "--jobs", "2", "--db", crashed, in)
		cmd.Env = append(os.Environ(), "PLANX_MAIN=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// the kill falls during the batch (once the database exists, after
		// the first document's line), at a random moment
		first := make([]byte, 1)
		out.Read(first)
		go io.Copy(io.Discard, out)
		time.Sleep(time.Duration(20+rng.Intn(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := docCounts(t, crashed)
		for sha, c := range got {
			if want[sha] != c {
				t.Fatalf("round %d: document %s stored incomplete: %s, want %s", round, sha[:8], c, want[sha])
			}
		}
		t.Logf("round %d: %d of %d documents stored when killed", round, len(got), len(want))
	}
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", crashed, in); code != exitOK {
		t.Fatal(errs)
	}
	got := docCounts(t, crashed)
	if len(got) != len(want) {
		t.Fatalf("after the rerun: %d documents, want %d", len(got), len(want))
	}
	for sha, c := range want {
		if got[sha] != c {
			t.Errorf("after the rerun: %s: %s, want %s", sha[:8], got[sha], c)
		}
	}
}

// docCounts checks the database's integrity and returns, per document
// (sha256), the number of rows it has in every table.
func docCounts(t *testing.T, path string) map[string]string {
	t.Helper()
	// a process killed before it created the database, or before its
	// schema was committed, stored nothing
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		return map[string]string{}
	}
	db, err := schema.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'documents'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return map[string]string{}
	}
	return storedCounts(t, db)
}

// storedCounts is, for every stored document by sha256, the numbers of its
// sections, paragraphs, measures, table rows, indicator values, projects
// and notes (on either engine).
func storedCounts(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT d.sha256,
		(SELECT count(*) FROM sections WHERE document_id = d.id) || ' ' ||
		(SELECT count(*) FROM paragraphs WHERE document_id = d.id) || ' ' ||
		(SELECT count(*) FROM measures WHERE document_id = d.id) || ' ' ||
		(SELECT count(*) FROM table_rows r JOIN tables t ON t.id = r.table_id WHERE t.document_id = d.id) || ' ' ||
		(SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.document_id = d.id) || ' ' ||
		(SELECT count(*) FROM projects WHERE document_id = d.id) || ' ' ||
		(SELECT count(*) FROM notes WHERE document_id = d.id)
		FROM documents d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var sha, c string
		rows.Scan(&sha, &c)
		out[sha] = c
	}
	return out
}
