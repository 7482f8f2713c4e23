package serve

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planx/schema"
)

func TestErrorsArePages(t *testing.T) {
	gz := docBySource(t, "guangzhou-population-public-services-14th-fyp.txt")
	cases := []struct {
		name, path string
		status     int
		want       string
	}{
		{"missing document", "/doc/99999", 404, "没有编号为 99999 的文件"},
		{"document id not a number", "/doc/abc", 404, "没有编号为"},
		{"unknown page", "/no/such/page", 404, "没有这个页面"},
		{"missing table", fmt.Sprintf("/doc/%d/table/99999.csv", gz), 404, "没有编号为 99999 的表"},
		{"tables of a plan without any", fmt.Sprintf("/doc/%d/tables.xlsx", docBySource(t, "shanghai-beidou-industry-3yr-action-plan-2021-2023.md")), 404, "没有表格"},
		{"indicator id not a number", "/compare?id=x", 400, "不是数字"},
		{"missing indicator", "/compare?id=99999999", 404, "没有编号为 99999999 的指标"},
		{"unknown search kind", "/search?q=托育&kind=table", 400, "没有"},
		{"JSON not offered in-process", fmt.Sprintf("/doc/%d/plan.json", gz), 404, "不提供"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := get(t, c.path)
			if status != c.status {
				t.Errorf("status %d, want %d", status, c.status)
			}
			contains(t, body, "<!doctype html>", c.want, `href="/"`)
			if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
				t.Errorf("the page shows Go internals:\n%s", body)
			}
		})
	}
}

func TestSearchWithoutIndexSaysHowToBuildOne(t *testing.T) {
	ro, err := schema.OpenReadOnly(noIndexDB)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	s, err := New(ro, Options{DBPath: noIndexDB})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=托育", nil))
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	contains(t, rec.Body.String(), "还没有搜索索引", "planx index --db "+noIndexDB)
}

// TestSearchSaysWhichPlansItCannotSee: of two plans, one ingested with
// --no-index, the search finds the other and says that one plan is not
// indexed.
func TestSearchSaysWhichPlansItCannotSee(t *testing.T) {
	path := filepath.Join(t.TempDir(), "partial.db")
	for _, args := range [][]string{
		{"ingest", "--quiet", "--no-index", "--db", path, filepath.Join(corpusDir, "jiangmen-public-services-14th-fyp.txt")},
		{"ingest", "--quiet", "--db", path, filepath.Join(corpusDir, "guangzhou-population-public-services-14th-fyp.txt")},
	} {
		if out, err := exec.Command(planx, args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	ro, err := schema.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	s, err := New(ro, Options{DBPath: path})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=托育", nil))
	body := rec.Body.String()
	contains(t, body, "有 1 份文件还没有建立搜索索引", "<mark>托育</mark>", "广州市人口发展及社会领域公共服务体系建设“十四五”规划")
	if strings.Contains(body, "江门市公共服务“十四五”规划") {
		t.Error("a hit in the plan that has no index")
	}
}

func TestSearchFindsShortWords(t *testing.T) {
	// 托育 is two characters; the corpus has it in both cities' plans
	status, body := get(t, "/search?q=托育")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	contains(t, body, "<mark>托育</mark>", "江门市公共服务“十四五”规划", "广州市人口发展及社会领域公共服务体系建设“十四五”规划")
	_, one := get(t, "/search?q=育")
	contains(t, one, "<mark>育</mark>")
}

// TestTableCSVIsTheStoredTable compares the CSV of 表2 with the answer key's
// header and rows.
func TestTableCSVIsTheStoredTable(t *testing.T) {
	g := readGold(t, "guangzhou-population-public-services-14th-fyp")
	id := docBySource(t, "guangzhou-population-public-services-14th-fyp.txt")
	var tid int64
	if err := db.QueryRow(`SELECT id FROM tables WHERE document_id = ? AND label = '表2'`, id).Scan(&tid); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(fmt.Sprintf("%s/doc/%d/table/%d.csv", site.URL, id, tid))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	b, _ := io.ReadAll(resp.Body)
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("no byte order mark (Excel reads the CSV as ANSI without it)")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, gt := range g.Tables {
		if gt.Label != "表2" {
			continue
		}
		want := append([][]string{gt.Header}, gt.Rows...)
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("表2 as CSV differs from the answer key:\n got %q\nwant %q", rows, want)
		}
		return
	}
	t.Fatal("no 表2 in the answer key")
}

func TestTablesXLSX(t *testing.T) {
	id := docBySource(t, "jiangmen-public-services-14th-fyp.txt")
	resp, err := http.Get(fmt.Sprintf("%s/doc/%d/tables.xlsx", site.URL, id))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// corpus/gold/jiangmen-public-services-14th-fyp.json: 表1-1, 表1-2, 表2-1
	if got, want := f.GetSheetList(), []string{"表1-1", "表1-2", "表2-1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if v, _ := f.GetCellValue("表2-1", "B1"); v != "主要指标" {
		t.Errorf("表2-1 B1 = %q, want 主要指标", v)
	}
}

// TestServeCommand asks `planx serve` (started by TestMain on a loopback
// port) for a plan as JSON, made by the export code, and checks that a
// database URL is refused with a message.
func TestServeCommand(t *testing.T) {
	id := docBySource(t, "jiangmen-public-services-14th-fyp.txt")
	resp, err := http.Get(fmt.Sprintf("%s/doc/%d/plan.json", live, id))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tree struct {
		Title  string
		Tables []struct{ Label string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&tree); err != nil {
		t.Fatal(err)
	}
	g := readGold(t, "jiangmen-public-services-14th-fyp")
	if tree.Title != g.Document.Title || len(tree.Tables) != len(g.Tables) {
		t.Errorf("plan.json: title %q with %d tables, want %q with %d", tree.Title, len(tree.Tables), g.Document.Title, len(g.Tables))
	}
	out, err := exec.Command(planx, "serve", "--db", "postgres://localhost/plans").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "SQLite database files only") {
		t.Errorf("serve --db postgres://…: err %v, output %q", err, out)
	}
}

// TestLayoutGrid rebuilds merged cells from rows of 表2 of the Guangzhou
// plan as its answer key has them (a merged cell's text in its first cell).
func TestLayoutGrid(t *testing.T) {
	rows := [][]string{
		{"序号", "主要指标", "单位", "2020年完成值", "2025年目标值", "指标性质"},
		{"四、劳有厚得", "", "", "", "", ""},
		{"15", "城市常住居民人均可支配收入年均增速", "%", "7.9", "与经济增长基本同步", "预期性"},
		{"", "农村常住居民人均可支配收入年均增速", "%", "10.1", "", ""},
		{"16", "城镇新增就业人数", "万人", "[161.53]", "[≥110]", "预期性"},
	}
	g := layoutGrid(rows)
	type cell struct {
		text      string
		col, rows int
	}
	flat := func(r []gridCell) []cell {
		var out []cell
		for _, c := range r {
			out = append(out, cell{c.Text, c.ColSpan, c.RowSpan})
		}
		return out
	}
	cases := []struct {
		name string
		row  int
		want []cell
	}{
		{"header", 0, []cell{{"序号", 1, 1}, {"主要指标", 1, 1}, {"单位", 1, 1}, {"2020年完成值", 1, 1}, {"2025年目标值", 1, 1}, {"指标性质", 1, 1}}},
		{"category row spans the table", 1, []cell{{"四、劳有厚得", 6, 1}}},
		{"序号, shared target and attribute span the sub-indicator", 2, []cell{{"15", 1, 2}, {"城市常住居民人均可支配收入年均增速", 1, 1}, {"%", 1, 1}, {"7.9", 1, 1}, {"与经济增长基本同步", 1, 2}, {"预期性", 1, 2}}},
		{"sub-indicator keeps only its own cells", 3, []cell{{"农村常住居民人均可支配收入年均增速", 1, 1}, {"%", 1, 1}, {"10.1", 1, 1}}},
		{"next indicator starts anew", 4, []cell{{"16", 1, 1}, {"城镇新增就业人数", 1, 1}, {"万人", 1, 1}, {"[161.53]", 1, 1}, {"[≥110]", 1, 1}, {"预期性", 1, 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := flat(g[c.row]); !reflect.DeepEqual(got, c.want) {
				t.Errorf("row %d:\n got %v\nwant %v", c.row, got, c.want)
			}
		})
	}
	if !g[0][0].Header || g[2][0].Header {
		t.Error("only row 0 is the header")
	}
}

// TestDiagnosticsWhereTheyApply: each diagnostic of a PDF with images
// standing for text is listed at the top of the plan and shown again in the
// text, before the first paragraph read from its page or after.
func TestDiagnosticsWhereTheyApply(t *testing.T) {
	id := docBySource(t, "state-council-cultural-relics-tech-14th-fyp.pdf")
	rows, err := db.Query(`SELECT page FROM diagnostics WHERE document_id = ? AND page IS NOT NULL ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for rows.Next() {
		var p int
		rows.Scan(&p)
		pages = append(pages, p)
	}
	rows.Close()
	if len(pages) == 0 {
		t.Fatal("the PDF has no diagnostics with a page: the test would prove nothing")
	}
	_, body := get(t, fmt.Sprintf("/doc/%d", id))
	for _, p := range pages {
		inText := fmt.Sprintf(`<p class="diag">⚠ 第 %d 页：`, p)
		listed := fmt.Sprintf(`<li class="diag">第 %d 页：`, p)
		if !strings.Contains(body, inText) || !strings.Contains(body, listed) {
			t.Errorf("diagnostic of page %d: in the text %v, listed %v", p, strings.Contains(body, inText), strings.Contains(body, listed))
		}
	}
}

// What was read by OCR is marked on the plan page with its confidence, and
// doubts are named in the interface's language.
func TestDiagnosticNames(t *testing.T) {
	for kind, want := range map[string]string{"ocr": "OCR", "doubt_numbering": "存疑：编号不连续", "image_only": "图片内容未读取"} {
		if got := (diag{Kind: kind}).KindName(); !strings.Contains(got, want) {
			t.Errorf("KindName(%s) = %q, want %q in it", kind, got, want)
		}
	}
}
