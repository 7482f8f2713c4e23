package schema

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"planx/extract"
	"planx/extract/doc"
	"planx/segment"
)

type charsIndexer struct{}

func (charsIndexer) Chars(t string) string { return segment.Chars(t) }

type corpusDoc struct {
	name string
	sha  string
	size int64
	d    *doc.Document
}

// corpusDocs extracts every document of the repository's corpus once.
var corpusDocs = sync.OnceValues(func() ([]corpusDoc, error) {
	files, err := filepath.Glob("../corpus/*.*")
	if err != nil {
		return nil, err
	}
	var out []corpusDoc
	for _, f := range files {
		if strings.HasSuffix(f, ".json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		d, err := extract.Extract(context.Background(), filepath.Base(f), data)
		if err != nil {
			return nil, err
		}
		d.Source = f
		sum := sha256.Sum256(data)
		out = append(out, corpusDoc{filepath.Base(f), hex.EncodeToString(sum[:]), int64(len(data)), d})
	}
	return out, nil
})

// corpusDB stores the corpus with the search index in a new database.
func corpusDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	docs, err := corpusDocs()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, c := range docs {
		if _, _, err := Store(context.Background(), db, c.d, c.sha, c.size, Options{Index: charsIndexer{}}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	return db, path
}

func rowids(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// oldChars is the index's form before this one (each CJK character a
// token, runs of Latin letters and digits one token, punctuation dropped),
// kept here to show where the old index differed from LIKE.
func oldChars(text string) string {
	var b strings.Builder
	for _, r := range text {
		if unicode.Is(unicode.Han, r) || r >= 0x3040 && r <= 0x30ff {
			b.WriteString(" " + string(r) + " ")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func oldPhrase(word string) string {
	var kept []string
	for _, w := range strings.Fields(oldChars(word)) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w)
		if w != "" {
			kept = append(kept, w)
		}
	}
	return `"` + strings.Join(kept, " ") + `"`
}

// The index finds exactly the texts LIKE finds, for words of one to eight
// characters, Chinese, Latin, digits and punctuation, for 200 random
// substrings of the corpus, and for phrases, AND, OR, NOT, NEAR, prefixes and
// groups (checked against the query evaluated on every text). Where the
// old index (characters without punctuation, Latin words whole) differed
// from LIKE, the log says so.
func TestSearchEquivalence(t *testing.T) {
	db, _ := corpusDB(t)
	type text struct {
		rid  int64
		text string
	}
	var texts []text
	rows, err := db.Query(`SELECT s.rid, s.text FROM search_source s JOIN search_docsize z ON z.id = s.rid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var x text
		if err := rows.Scan(&x.rid, &x.text); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, x)
	}
	rows.Close()
	if len(texts) < 4000 {
		t.Fatalf("only %d texts indexed", len(texts))
	}
	// the old index, over the same texts
	if _, err := db.Exec(`CREATE VIRTUAL TABLE old USING fts5(chars, content='')`); err != nil {
		t.Fatal(err)
	}
	for _, x := range texts {
		if _, err := db.Exec(`INSERT INTO old (rowid, chars) VALUES (?, ?)`, x.rid, oldChars(x.text)); err != nil {
			t.Fatal(err)
		}
	}
	like := func(word string) []int64 {
		return rowids(t, db, `SELECT s.rid FROM search_source s JOIN search_docsize z ON z.id = s.rid
			WHERE s.text LIKE '%' || ? || '%' ESCAPE '\'`, strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(word))
	}
	words := []string{
		"托", "养", "5", "G", "托育", "养老", "医疗", "就业", "5G", "5g", "20", "十四", "%", "、",
		"公共服", "均等化", "2025", "GDP", "医养结合", "基本公共", "人均预期", "基本公共服务", "基本公共服务均等",
		"十四五", "》，", "（一）", "托育、", "万人", "10%", "粤港澳大湾区", "北斗", "工业互联网",
	}
	// random substrings of 1 to 6 characters
	rnd := rand.New(rand.NewSource(15))
	for len(words) < 31+200 {
		x := []rune(texts[rnd.Intn(len(texts))].text)
		n := 1 + rnd.Intn(6)
		if len(x) < n {
			continue
		}
		i := rnd.Intn(len(x) - n + 1)
		w := string(x[i : i+n])
		if strings.ContainsAny(w, " \t\n\"“”()*:,") || strings.ContainsFunc(w, unicode.IsUpper) {
			continue
		}
		words = append(words, w)
	}
	oldWrong := 0
	for _, w := range words {
		q, err := segment.ParseQuery(`"` + w + `"`)
		if err != nil {
			t.Fatalf("%q: %v", w, err)
		}
		got := rowids(t, db, `SELECT rowid FROM search WHERE search MATCH ?`, q.Match())
		want := like(w)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %d hits, LIKE finds %d", w, len(got), len(want))
		}
		if old := rowids(t, db, `SELECT rowid FROM old WHERE old MATCH ?`, oldPhrase(w)); !slices.Equal(old, want) {
			oldWrong++
			if oldWrong <= 10 {
				t.Logf("old index wrong for %q: %d hits, LIKE %d", w, len(old), len(want))
			}
		}
	}
	t.Logf("%d words: the index equals LIKE on all; the old index differed on %d", len(words), oldWrong)

	// operators, checked against the query evaluated on every text
	for _, query := range []string{
		`托育 养老`, `托育 AND 养老`, `托育 OR 养老`, `养老 NOT 托育`, `"基本公共服务均等化"`, `“基本公共服务”`,
		`NEAR(托育 养老, 10)`, `NEAR(医疗 养老 服务, 20)`, `NEAR(教育 医疗)`, `202*`, `"公共服"*`,
		`(托育 OR 养老) NOT 医疗`, `托育 OR 养老 NOT 医疗`, `就业 创业 OR 5G`, `5G OR GDP`, `北斗 NOT (导航 OR 卫星)`,
	} {
		q, err := segment.ParseQuery(query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		got := rowids(t, db, `SELECT rowid FROM search WHERE search MATCH ?`, q.Match())
		var want []int64
		for _, x := range texts {
			if q.Matches(x.text) {
				want = append(want, x.rid)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) || len(want) == 0 && !strings.Contains(query, "NOT") {
			t.Errorf("%s: %d hits, the query on every text finds %d", query, len(got), len(want))
		}
	}
}

// Each text is indexed once: a paragraph that is a line of a measure is
// found through the measure; with kind "paragraph" every paragraph that
// matches is listed, once.
func TestSearchOnce(t *testing.T) {
	db, _ := corpusDB(t)
	ctx := context.Background()
	for _, w := range []string{"托育", "医养结合", "养老", "公共服务均等化"} {
		q, err := segment.ParseQuery(w)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := Search(ctx, db, q, "", 0, 100000)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, h := range hits {
			key := fmt.Sprint(h.Kind, h.RefID)
			if seen[key] {
				t.Errorf("%s: %s %d listed twice", w, h.Kind, h.RefID)
			}
			seen[key] = true
			if h.Kind == "paragraph" {
				var n int
				db.QueryRow(`SELECT count(*) FROM measures WHERE document_id = ? AND (text = ? OR text LIKE ? || char(10) || '%' OR text LIKE '%' || char(10) || ?)`,
					h.DocumentID, h.Text, h.Text, h.Text).Scan(&n)
				if n > 0 {
					t.Errorf("%s: paragraph %d is also found as its measure", w, h.RefID)
				}
			}
		}
		paras, err := Search(ctx, db, q, "paragraph", 0, 100000)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, h := range paras {
			got = append(got, h.RefID)
		}
		slices.Sort(got)
		want := rowids(t, db, `SELECT id FROM paragraphs WHERE text LIKE '%' || ? || '%'`, w)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d paragraphs, LIKE finds %d", w, len(got), len(want))
		}
	}
}

// --replace and re-indexing remove exactly a document's rows; a document
// deleted outside planx marks the index stale, and ResetStale empties it
// so that it is built again.
func TestSearchReplace(t *testing.T) {
	db, _ := corpusDB(t)
	ctx := context.Background()
	docs, _ := corpusDocs()
	count := func() (rows, hits int) {
		db.QueryRow(`SELECT count(*) FROM search_docsize`).Scan(&rows)
		db.QueryRow(`SELECT count(*) FROM search WHERE search MATCH '"托 育"'`).Scan(&hits)
		return
	}
	check := func(when string) {
		t.Helper()
		if _, err := db.Exec(`INSERT INTO search (search) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
	rows0, hits0 := count()
	c := docs[len(docs)-1]
	if o, _, err := Store(ctx, db, c.d, c.sha, c.size, Options{Replace: true, Index: charsIndexer{}}); err != nil || o != Replaced {
		t.Fatalf("replace: %v %v", o, err)
	}
	if r, h := count(); r != rows0 || h != hits0 {
		t.Errorf("after --replace: %d rows %d hits, before %d %d", r, h, rows0, hits0)
	}
	check("after replace")
	// replaced without the index: the document's rows leave the index
	if _, _, err := Store(ctx, db, c.d, c.sha, c.size, Options{Replace: true}); err != nil {
		t.Fatal(err)
	}
	st, _ := State(ctx, db)
	if st.Indexed != st.Documents-1 {
		t.Errorf("state %+v after replacing without the index", st)
	}
	check("after replace without index")
	var id int64
	db.QueryRow(`SELECT id FROM documents WHERE sha256 = ?`, c.sha).Scan(&id)
	if err := Reindex(ctx, db, id, charsIndexer{}, nil); err != nil {
		t.Fatal(err)
	}
	if r, h := count(); r != rows0 || h != hits0 {
		t.Errorf("after reindex: %d rows %d hits, before %d %d", r, h, rows0, hits0)
	}
	check("after reindex")
	// deleted by hand
	if _, err := db.Exec(`DELETE FROM documents WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if st, _ := State(ctx, db); st.Stale != 1 {
		t.Errorf("state %+v after a delete by hand", st)
	}
	if done, err := ResetStale(ctx, db); !done || err != nil {
		t.Fatalf("reset: %v %v", done, err)
	}
	if r, _ := count(); r != 0 {
		t.Errorf("%d rows after reset", r)
	}
	if st, _ := State(ctx, db); st.Indexed != 0 || st.Stale != 0 {
		t.Errorf("state %+v after reset", st)
	}
	check("after reset")
}

// Debian 12's sqlite3 (3.40) and Python's sqlite3 open the database, check
// it and run the README's search example.
func TestSearchSQLite340(t *testing.T) {
	_, path := corpusDB(t)
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("no sqlite3 command (apt-get install sqlite3)")
	}
	run := func(sql string) string {
		t.Helper()
		out, err := exec.Command(sqlite3, path, sql).CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite3 %s: %v\n%s", sql, err, out)
		}
		return string(out)
	}
	t.Logf("sqlite3 %s", strings.Fields(run("SELECT sqlite_version()"))[0])
	if out := run("PRAGMA integrity_check"); strings.TrimSpace(out) != "ok" {
		t.Errorf("integrity_check: %s", out)
	}
	out := run(`SELECT kind, document_id, text FROM search WHERE search MATCH '"托 育"' ORDER BY rank LIMIT 5`)
	if n := strings.Count(out, "\n"); n != 5 || strings.Count(out, "托育") < 5 {
		t.Errorf("README example: %d lines:\n%s", n, out)
	}
	for _, table := range []string{"documents", "paragraphs", "measures", "search", "search_source", "keywords", "search_documents"} {
		run("SELECT count(*) FROM " + table)
	}
	if _, err := exec.LookPath("python3"); err == nil {
		py := `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(len(c.execute("""SELECT kind, text FROM search WHERE search MATCH '"托 育"'""").fetchall()))`
		out, err := exec.Command("python3", "-c", py, path).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) == "0" {
			t.Errorf("python3: %v %s", err, out)
		}
	}
}

// nanKeywords fails the document it is given: a weight of NaN is stored as
// NULL, which keywords refuses.
type nanKeywords struct{ charsIndexer }

func (nanKeywords) Keywords(string, int) []Keyword { return []Keyword{{"词", math.NaN()}} }

// A batch inserts its documents' index rows when it commits: the index is
// the one documents stored one by one get, a document that fails in the
// batch leaves no row in it, and a document replaced within the batch
// leaves only its new rows.
func TestBatchIndex(t *testing.T) {
	want, _ := corpusDB(t)
	docs, err := corpusDocs()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := BeginBatch(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range docs {
		if _, _, err := b.Store(c.d, c.sha, c.size, Options{Index: charsIndexer{}}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if i == len(docs)/2 {
			// a document that fails after its index rows are made (another
			// text than the next, which is given the same ids)
			if _, _, err := b.Store(docs[0].d, "failing", c.size, Options{Index: nanKeywords{}, Keywords: nanKeywords{}}); err == nil {
				t.Fatal("a keyword weighing NaN was stored")
			}
		}
	}
	c := docs[1]
	if o, _, err := b.Store(c.d, c.sha, c.size, Options{Replace: true, Index: charsIndexer{}}); err != nil || o != Replaced {
		t.Fatalf("replace in the batch: %v %v", o, err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO search (search) VALUES ('integrity-check')`); err != nil {
		t.Error(err)
	}
	indexed := func(db *sql.DB) []string {
		rows, err := db.Query(`SELECT s.kind || ' ' || d.sha256 || ' ' || s.text FROM search_source s
			JOIN search_docsize z ON z.id = s.rid JOIN documents d ON d.id = s.document_id ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	got, exp := indexed(db), indexed(want)
	if !slices.Equal(got, exp) || len(exp) < 4000 {
		t.Errorf("the batch indexed %d texts, documents stored one by one %d", len(got), len(exp))
	}
	// each row holds the characters of its text, nothing else: every
	// character is a token
	if _, err := db.Exec(`CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, search, instance)`); err != nil {
		t.Fatal(err)
	}
	var stray int
	err = db.QueryRow(`SELECT count(*) FROM (SELECT doc, count(*) AS n FROM temp.instances GROUP BY doc) i
		LEFT JOIN search_source s ON s.rid = i.doc WHERE s.rid IS NULL OR i.n != length(s.text)`).Scan(&stray)
	if err != nil || stray != 0 {
		t.Errorf("%d index rows whose tokens are not their text's characters (%v)", stray, err)
	}
	for _, w := range []string{"托", "托育", "基本公共服务均等化", "5G", "2025"} {
		q, err := segment.ParseQuery(`"` + w + `"`)
		if err != nil {
			t.Fatal(err)
		}
		match := `SELECT s.kind || ' ' || d.sha256 || ' ' || s.text FROM search s JOIN documents d ON d.id = s.document_id
			WHERE search MATCH ? ORDER BY 1`
		var g, e []string
		for _, x := range []struct {
			db  *sql.DB
			out *[]string
		}{{db, &g}, {want, &e}} {
			rows, err := x.db.Query(match, q.Match())
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				rows.Scan(&s)
				*x.out = append(*x.out, s)
			}
			rows.Close()
		}
		if !slices.Equal(g, e) || len(e) == 0 {
			t.Errorf("%s: %d hits in the batch's index, %d in the one stored one by one", w, len(g), len(e))
		}
	}
}
