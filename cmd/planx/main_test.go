package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"planx/schema"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIngestIdempotentAndReplace(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	src := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	code, out, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, src)
	if code != exitOK || !strings.Contains(out, "1 ingested") {
		t.Fatalf("first ingest: code %d, out %q, err %q", code, out, errs)
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	secs := count(t, db, "SELECT count(*) FROM sections")
	// gold: 66 headings (corpus/gold/jiangmen-public-services-14th-fyp.json)
	if secs != 66 {
		t.Errorf("sections = %d, want 66", secs)
	}
	code, out, _ = runCmd(t, "ingest", "--no-index", "--db", dbPath, src)
	if code != exitOK || !strings.Contains(out, "1 unchanged") {
		t.Errorf("second ingest: code %d, out %q; want unchanged", code, out)
	}
	code, out, _ = runCmd(t, "ingest", "--no-index", "--db", dbPath, "--replace", src)
	if code != exitOK || !strings.Contains(out, "1 replaced") {
		t.Errorf("replace: code %d, out %q", code, out)
	}
	if n := count(t, db, "SELECT count(*) FROM documents"); n != 1 {
		t.Errorf("documents = %d after replace, want 1", n)
	}
	if n := count(t, db, "SELECT count(*) FROM sections"); n != secs {
		t.Errorf("sections = %d after replace, want %d", n, secs)
	}
}

func TestIngestBadFilesDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	good, _ := os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp.txt")
	os.WriteFile(filepath.Join(in, "a-good.txt"), good, 0o644)
	os.WriteFile(filepath.Join(in, "b-empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "c-binary.txt"), []byte{0, 1, 2, 3, 0xff, 0, 0x10, 0x80}, 0o644)
	os.WriteFile(filepath.Join(in, "answers.json"), []byte(`{"not": "a plan"}`), 0o644) // not a document: skipped by the walk
	os.WriteFile(filepath.Join(in, "d-noheadings.txt"), []byte("只有一段话，没有任何标题。\n"), 0o644)
	long := strings.Repeat("推进基本公共服务均等化，", 50<<20/36) // a ~50 MB single line
	os.WriteFile(filepath.Join(in, "e-long.txt"), []byte(long), 0o644)
	dbPath := filepath.Join(dir, "p.db")

	code, out, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, in, filepath.Join(dir, "missing.txt"))
	if code != exitFailed {
		t.Errorf("exit %d, want %d (some files failed)", code, exitFailed)
	}
	for _, want := range []string{"b-empty.txt: no text", "c-binary.txt: unsupported format", "missing.txt: no such file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "3 ingested") {
		t.Errorf("summary = %q, want the good file, the heading-less text and the long line ingested", out)
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, "SELECT count(*) FROM documents"); n != 3 {
		t.Errorf("documents = %d, want 3", n)
	}
	if n := count(t, db, "SELECT count(*) FROM diagnostics WHERE kind = 'no_headings'"); n != 2 {
		t.Errorf("no_headings diagnostics = %d, want 2", n)
	}
}

func TestQueryIsReadOnly(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	code, _, errs := runCmd(t, "query", "--db", dbPath, "DELETE FROM documents")
	if code == exitOK || !strings.Contains(errs, "readonly") {
		t.Errorf("DELETE through planx query: code %d, err %q; want a read-only error", code, errs)
	}
	code, out, _ := runCmd(t, "query", "--db", dbPath, "--format", "csv", "SELECT title, period_start FROM documents")
	if code != exitOK || out != "title,period_start\n江门市公共服务“十四五”规划,2021\n" {
		t.Errorf("csv = %q", out)
	}
	code, out, _ = runCmd(t, "query", "--db", dbPath, "--format", "jsonl", "SELECT number, title FROM sections WHERE level = 1 ORDER BY ord LIMIT 1")
	if code != exitOK || out != `{"number":1,"title":"基础环境"}`+"\n" {
		t.Errorf("jsonl = %q", out)
	}
	code, out, _ = runCmd(t, "show", "--db", dbPath, "1")
	if code != exitOK || !strings.Contains(out, "第十四章 加强规划实施保障") || !strings.Contains(out, "  第五节 持续监管评估") {
		t.Errorf("show: code %d, out %q", code, out)
	}
}

func TestSchemaVersion(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	db, err := schema.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Opening again migrates nothing and keeps the version.
	db, err = schema.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := count(t, db, "PRAGMA user_version"); v != schema.Version {
		t.Errorf("user_version = %d, want %d", v, schema.Version)
	}
}

func TestIndicatorsCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	// 表2-1 #2 人均预期寿命: 2020 80.96, 2025 80.7, 预期性 (the printed table);
	// 表1-1 has no 人均预期寿命.
	code, out, errs := runCmd(t, "indicators", "--db", dbPath, "--format", "csv", "人均预期寿命")
	want := "doc,document,table,category,name,unit,baseline,baseline_column,target,target_column,direction,actual,actual_column,attribute\n" +
		"1,江门市公共服务“十四五”规划,表2-1,人口,人均预期寿命,岁,80.96,2020年,80.7,2025年,,,,预期性\n"
	if code != exitOK || out != want {
		t.Errorf("code %d, out %q, err %q; want %q", code, out, errs, want)
	}
	// corpus/gold/jiangmen-public-services-14th-fyp.json has 21 约束性
	// indicators over 表1-1 and 表2-1.
	code, out, _ = runCmd(t, "indicators", "--db", dbPath, "--attribute", "约束性", "--format", "jsonl")
	if n := strings.Count(out, "\n"); code != exitOK || n != 21 {
		t.Errorf("约束性 indicators: code %d, %d lines, want 21", code, n)
	}
	code, _, errs = runCmd(t, "indicators", "--db", dbPath, "--attribute", "约束", "--format", "csv")
	if code != exitUsage || !strings.Contains(errs, `unknown --attribute "约束"`) {
		t.Errorf("--attribute 约束: code %d, err %q; want a usage error", code, errs)
	}
}

// A review table (表1, the “十三五” plan's 完成情况) is told from the target
// table: its 2020年目标值 is the old plan's target, never this plan's, so
// 常住人口 shows no target, only its actual value and the column it comes
// from (values from corpus/gold/guangzhou-population-public-services-14th-fyp.json).
func TestIndicatorsReviewTable(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--jobs", "1", "--db", dbPath, "../../corpus/guangzhou-population-public-services-14th-fyp.txt",
		"../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCmd(t, "indicators", "--db", dbPath, "--doc", "1", "--format", "csv", "常住人口")
	want := []string{
		"1,广州市人口发展及社会领域公共服务体系建设“十四五”规划,表1,人口发展,常住人口,万人,,,,,,1867.66,2020年完成值,预期性",
		"1,广州市人口发展及社会领域公共服务体系建设“十四五”规划,表2,人口发展,常住人口数,万人,1867.66,2020年完成值,2100左右,2025年目标值,,,,预期性",
	}
	for _, w := range want {
		if code != exitOK || !strings.Contains(out, w+"\n") {
			t.Errorf("code %d, err %q: output lacks\n%s\n%s", code, errs, w, out)
		}
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		table, name, column, role, direction string
	}{
		{"表1", "常住人口", "2020年目标值", "previous_target", ""},
		{"表1", "常住人口", "2020年完成值", "actual", ""},
		{"表2", "常住人口数", "2020年完成值", "baseline", ""},
		{"表2", "常住人口数", "2025年目标值", "target", ""},
		{"表2-1", "城镇登记失业率", "2025年", "target", "down"}, // 控制在3.0以内
	}
	for _, tt := range tests {
		t.Run(tt.table+tt.name+tt.column, func(t *testing.T) {
			var role, dir string
			err := db.QueryRow(`SELECT coalesce(v.role, ''), coalesce(v.direction, '') FROM indicator_values v
				JOIN indicators i ON i.id = v.indicator_id JOIN tables t ON t.id = i.table_id
				WHERE t.label = ? AND i.name = ? AND v.column_label = ?`, tt.table, tt.name, tt.column).Scan(&role, &dir)
			if err != nil || role != tt.role || dir != tt.direction {
				t.Errorf("role %q direction %q (%v), want %q %q", role, dir, err, tt.role, tt.direction)
			}
		})
	}
	// SQL for this plan's 2025 targets finds none in the review table.
	if n := count(t, db, `SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
		JOIN tables t ON t.id = i.table_id WHERE t.label = '表1' AND v.role = 'target'`); n != 0 {
		t.Errorf("表1 has %d values with role target, want 0", n)
	}
}

func TestColumnsAndNotesCommands(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/guangzhou-population-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	// 专栏7 of the plan, as printed: three groups, four housing projects.
	code, out, _ := runCmd(t, "show", "--db", dbPath, "1", "--columns")
	want := "专栏7 “十四五”时期住房保障重大工程和项目"
	if code != exitOK || !strings.Contains(out, want) || !strings.Contains(out, "  公租房保障\n    - 嘉禾联边保障性住房项目\n") {
		t.Errorf("show --columns: code %d, out lacks 专栏7 and its groups:\n%s", code, out)
	}
	// The glossary defines 医养结合 as note 10.
	code, out, _ = runCmd(t, "notes", "--db", dbPath, "--format", "jsonl", "医养结合")
	first := strings.SplitN(out, "\n", 2)[0]
	if code != exitOK || !strings.Contains(first, `"number":10`) || !strings.Contains(first, `"term":"医养结合"`) {
		t.Errorf("notes 医养结合: code %d, first line %q", code, first)
	}
}

// The grouping of indicators across plans reproduces the hand-made answer
// key corpus/compare-gold.json (which indicator of 江门 表2-1 is which of
// 广州 表2), F1 ≥ 0.95.
func TestCompareGold(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	a := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	b := "../../corpus/guangzhou-population-public-services-14th-fyp.txt"
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, a, b); code != exitOK {
		t.Fatal(errs)
	}
	if code, _, errs := runCmd(t, "compare", "--db", dbPath); code != exitOK {
		t.Fatal(errs)
	}
	raw, err := os.ReadFile("../../corpus/compare-gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Pairs []struct {
			A, B struct {
				Table string `json:"table"`
				Seq   int    `json:"seq"`
			}
		} `json:"pairs"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, p := range gold.Pairs {
		want[fmt.Sprintf("%d-%d", p.A.Seq, p.B.Seq)] = true
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT ia.seq, ib.seq FROM indicator_groups ga JOIN indicator_groups gb ON ga.group_id = gb.group_id
		JOIN indicators ia ON ia.id = ga.indicator_id JOIN tables ta ON ta.id = ia.table_id JOIN documents da ON da.id = ia.document_id
		JOIN indicators ib ON ib.id = gb.indicator_id JOIN tables tb ON tb.id = ib.table_id JOIN documents db ON db.id = ib.document_id
		WHERE da.source LIKE '%jiangmen%' AND ta.label = '表2-1' AND db.source LIKE '%guangzhou%' AND tb.label = '表2'`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for rows.Next() {
		var x, y int
		rows.Scan(&x, &y)
		got[fmt.Sprintf("%d-%d", x, y)] = true
	}
	tp := 0
	var missed, extra []string
	for k := range want {
		if got[k] {
			tp++
		} else {
			missed = append(missed, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	p := float64(tp) / float64(len(got))
	r := float64(tp) / float64(len(want))
	f1 := 2 * p * r / (p + r)
	t.Logf("compare: %d gold pairs, %d found, %d right: P %.3f R %.3f F1 %.3f", len(want), len(got), tp, p, r, f1)
	if f1 < 0.95 {
		t.Errorf("compare F1 %.3f < 0.95; missed %v; extra %v", f1, missed, extra)
	}
}

// Search finds exactly what a plain LIKE scan of the same text finds, for a
// two-character and a four-character word, and 托育, 医养结合, 养老 are found in
// both seed plans.
func TestSearch(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	a := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	b := "../../corpus/guangzhou-population-public-services-14th-fyp.txt"
	if code, _, errs := runCmd(t, "ingest", "--db", dbPath, a, b); code != exitOK {
		t.Fatal(errs)
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"托育", "医养结合", "养老", "公共服务均等化"} {
		code, out, errs := runCmd(t, "search", "--db", dbPath, "--kind", "paragraph", "--limit", "100000", "--format", "jsonl", q)
		if code != exitOK {
			t.Fatalf("search %s: %s", q, errs)
		}
		got := strings.Count(out, "\n")
		like := count(t, db, `SELECT count(*) FROM paragraphs WHERE text LIKE '%' || ? || '%'`, q)
		if got != like || got == 0 {
			t.Errorf("search %s: %d hits, LIKE finds %d paragraphs", q, got, like)
		}
		for _, name := range []string{"江门市", "广州市"} {
			if q != "公共服务均等化" && !strings.Contains(out, name) {
				t.Errorf("search %s finds nothing in the %s plan", q, name)
			}
		}
	}
	// operators
	_, both, _ := runCmd(t, "search", "--db", dbPath, "--kind", "paragraph", "--limit", "1000", "--format", "jsonl", "托育", "养老")
	_, either, _ := runCmd(t, "search", "--db", dbPath, "--kind", "paragraph", "--limit", "1000", "--format", "jsonl", "托育", "OR", "养老")
	_, not, _ := runCmd(t, "search", "--db", dbPath, "--kind", "paragraph", "--limit", "1000", "--format", "jsonl", "养老", "NOT", "托育")
	nb, ne, nn := strings.Count(both, "\n"), strings.Count(either, "\n"), strings.Count(not, "\n")
	wantBoth := count(t, db, `SELECT count(*) FROM paragraphs WHERE text LIKE '%托育%' AND text LIKE '%养老%'`)
	wantNot := count(t, db, `SELECT count(*) FROM paragraphs WHERE text LIKE '%养老%' AND text NOT LIKE '%托育%'`)
	if nb != wantBoth || nn != wantNot || ne <= nb {
		t.Errorf("AND %d (want %d), OR %d, NOT %d (want %d)", nb, wantBoth, ne, nn, wantNot)
	}
	// snippets mark the query
	_, out, _ := runCmd(t, "search", "--db", dbPath, "--limit", "1", "医养结合")
	if !strings.Contains(out, "【医养结合】") {
		t.Errorf("no highlighted snippet:\n%s", out)
	}
	// planx index rebuilds the same index for a document ingested without it
	before := count(t, db, `SELECT count(*) FROM search`)
	kwBefore := count(t, db, `SELECT count(*) FROM keywords`)
	if code, out, errs := runCmd(t, "index", "--db", dbPath, "--all"); code != exitOK || !strings.Contains(out, "indexed 2 documents") {
		t.Fatalf("index: %s %s", out, errs)
	}
	if after := count(t, db, `SELECT count(*) FROM search`); after != before {
		t.Errorf("reindex: %d search rows, before %d", after, before)
	}
	if after := count(t, db, `SELECT count(*) FROM keywords`); after != kwBefore {
		t.Errorf("reindex: %d keywords, before %d", after, kwBefore)
	}
}

// Exports read back with the same row counts and values as the database.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	db, err := schema.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, want, err := queryAll(db, `SELECT * FROM indicators ORDER BY id`)
	if err != nil || len(want) == 0 {
		t.Fatalf("%d indicators, %v", len(want), err)
	}
	same := func(format string, got [][]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", format, len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				if cellString(want[i][j]) != got[i][j] {
					t.Fatalf("%s: row %d col %d = %q, want %q", format, i, j, got[i][j], cellString(want[i][j]))
				}
			}
		}
	}
	// CSV with a BOM
	out := filepath.Join(dir, "ind.csv")
	if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "csv", "--bom", "--tables", "indicators", "--out", out); code != exitOK {
		t.Fatal(errs)
	}
	raw, _ := os.ReadFile(out)
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Error("no byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	same("csv", recs[1:])
	// JSONL: JSON cells decoded
	code, jl, _ := runCmd(t, "export", "--db", dbPath, "--format", "jsonl", "--tables", "table_rows")
	var first struct{ Cells []string }
	if code != exitOK || json.Unmarshal([]byte(strings.SplitN(jl, "\n", 2)[0]), &first) != nil || len(first.Cells) == 0 {
		t.Errorf("jsonl: cells not decoded: %.100s", jl)
	}
	if n := count(t, db, `SELECT count(*) FROM table_rows`); strings.Count(jl, "\n") != n {
		t.Errorf("jsonl: %d lines, want %d", strings.Count(jl, "\n"), n)
	}
	// Parquet
	pq := filepath.Join(dir, "ind.parquet")
	if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "parquet", "--tables", "indicators", "--out", pq); code != exitOK {
		t.Fatal(errs)
	}
	f, err := os.Open(pq)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	cols, _, _ := queryAll(db, `SELECT * FROM indicators LIMIT 1`)
	r := parquet.NewReader(pf)
	var got [][]string
	rows := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			rec := make([]string, len(cols))
			for j, c := range cols {
				leaf, _ := pf.Schema().Lookup(c)
				v := row[leaf.ColumnIndex]
				if !v.IsNull() {
					switch v.Kind() {
					case parquet.Int64:
						rec[j] = fmt.Sprint(v.Int64())
					case parquet.Double:
						rec[j] = fmt.Sprintf("%g", v.Double())
					default:
						rec[j] = string(v.ByteArray())
					}
				}
			}
			got = append(got, rec)
		}
		if err != nil {
			break
		}
	}
	same("parquet", got)
	// XLSX: a sheet per table, header frozen
	xl := filepath.Join(dir, "all.xlsx")
	if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "xlsx", "--out", xl); code != exitOK {
		t.Fatal(errs)
	}
	x, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	xrows, err := x.GetRows("indicators")
	if err != nil {
		t.Fatal(err)
	}
	for i := range xrows {
		for len(xrows[i]) < len(cols) {
			xrows[i] = append(xrows[i], "")
		}
	}
	same("xlsx", xrows[1:])
	if panes, _ := x.GetPanes("indicators"); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("xlsx header not frozen: %+v", panes)
	}
	// the whole document as one tree
	code, tree, _ := runCmd(t, "export", "--db", dbPath, "--format", "json", "--doc", "1")
	var doc struct {
		Title   string
		Outline []struct{ Sections []any }
		Tables  []struct{ Indicators []any }
	}
	if code != exitOK || json.Unmarshal([]byte(tree), &doc) != nil || len(doc.Outline) != 14 || len(doc.Tables) != 3 {
		t.Errorf("json tree: %d chapters, %d tables", len(doc.Outline), len(doc.Tables))
	}
}

// Document ids follow the input order whatever order the workers finish in
// (a 50-page PDF first, short texts after it), are the same on every run,
// and survive --replace; listings show them.
func TestStableIDs(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{
		"../../corpus/guangzhou-population-public-services-14th-fyp-print.pdf",
		"../../corpus/jiangmen-public-services-14th-fyp.txt",
		"../../corpus/national-digital-economy-14th-fyp.md",
		"../../corpus/guangzhou-population-public-services-14th-fyp.txt",
	}
	ids := func(dbPath string) string {
		db, err := schema.OpenReadOnly(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, rows, err := queryAll(db, "SELECT id, source FROM documents ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	want := fmt.Sprint([][]any{{int64(1), inputs[0]}, {int64(2), inputs[1]}, {int64(3), inputs[2]}, {int64(4), inputs[3]}})
	for run := 0; run < 2; run++ {
		dbPath := filepath.Join(dir, fmt.Sprintf("run%d.db", run))
		if code, _, errs := runCmd(t, append([]string{"ingest", "--no-index", "--jobs", "4", "--db", dbPath}, inputs...)...); code != exitOK {
			t.Fatal(errs)
		}
		if got := ids(dbPath); got != want {
			t.Errorf("run %d: ids %s, want %s", run, got, want)
		}
	}
	dbPath := filepath.Join(dir, "run0.db")
	if code, out, errs := runCmd(t, "ingest", "--no-index", "--replace", "--db", dbPath, inputs[1]); code != exitOK || !strings.Contains(out, "1 replaced") {
		t.Fatalf("replace: %d %q %q", code, out, errs)
	}
	if got := ids(dbPath); got != want {
		t.Errorf("after --replace: ids %s, want %s", got, want)
	}
	// the two renderings of the Guangzhou plan share a title: listings tell
	// them apart by id and file name
	code, out, _ := runCmd(t, "indicators", "--db", dbPath, "--format", "csv", "常住人口数")
	for _, w := range []string{"\n1,guangzhou-population-public-services-14th-fyp-print.pdf,表2,", "\n4,guangzhou-population-public-services-14th-fyp.txt,表2,"} {
		if code != exitOK || !strings.Contains(out, w) {
			t.Errorf("indicators lacks %q:\n%s", w, out)
		}
	}
	code, out, _ = runCmd(t, "notes", "--db", dbPath, "--format", "csv", "医养结合")
	if code != exitOK || !strings.Contains(out, "\n1,guangzhou-population-public-services-14th-fyp-print.pdf,") {
		t.Errorf("notes lacks the document id and file:\n%s", out)
	}
	code, out, _ = runCmd(t, "show", "--db", dbPath, "2")
	if code != exitOK || !strings.HasPrefix(out, "江门市公共服务“十四五”规划\n  id      2\n") {
		t.Errorf("show 2:\n%s", out)
	}
	code, out, _ = runCmd(t, "compare", "--db", dbPath, "--format", "csv", "每万人口全科医师数")
	if code != exitOK || !strings.Contains(out, ",2,江门市公共服务“十四五”规划,表2-1,") {
		t.Errorf("compare lacks the document id:\n%s", out)
	}
}
