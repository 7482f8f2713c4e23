package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/xuri/excelize/v2"
)

// Exports fit the tools people read them with: a Parquet dataset with the
// schema's column order, types, NOT NULLs and zstd; an XLSX file anyone can
// read, with fitted widths and the indicator_flat sheet; CSV for Excel;
// each table of a document as its own grid; and no writing through a
// symbolic link.
func TestExportForTools(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--jobs", "1", "--db", dbPath, "../../corpus/guangzhou-population-public-services-14th-fyp-web.html",
		"../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}

	t.Run("parquet dataset", func(t *testing.T) {
		ds := filepath.Join(dir, "ds")
		if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "parquet", "--dataset", ds); code != exitOK {
			t.Fatal(errs)
		}
		for _, table := range exportTables {
			if _, err := os.Stat(filepath.Join(ds, table, "part-0.parquet")); err != nil {
				t.Errorf("dataset lacks %s: %v", table, err)
			}
		}
		pf := openParquet(t, filepath.Join(ds, "documents", "part-0.parquet"))
		var names []string
		for _, f := range pf.Schema().Fields() {
			names = append(names, f.Name())
		}
		// the order of the documents table (README, Schema)
		if got := strings.Join(names[:5], ","); got != "id,source,sha256,format,title" {
			t.Errorf("documents columns start %s", got)
		}
		fields := map[string]parquet.Field{}
		for _, f := range pf.Schema().Fields() {
			fields[f.Name()] = f
		}
		if !fields["id"].Required() || !fields["sha256"].Required() || !fields["title"].Optional() {
			t.Errorf("NOT NULL columns must be required, others optional")
		}
		if lt := fields["issued_date"].Type().LogicalType(); lt == nil || lt.String() != "DATE" {
			t.Errorf("issued_date is %v, want DATE", fields["issued_date"].Type())
		}
		if k := fields["period_start"].Type().Kind(); k != parquet.Int64 {
			t.Errorf("period_start is %v, want INT64", k)
		}
		for _, rg := range pf.Metadata().RowGroups {
			for _, c := range rg.Columns {
				if c.MetaData.Codec != format.Zstd {
					t.Errorf("column %v compressed with %v, want zstd", c.MetaData.PathInSchema, c.MetaData.Codec)
				}
			}
		}
		if n := pf.NumRows(); n != 2 {
			t.Errorf("documents: %d rows, want 2", n)
		}
	})

	t.Run("parquet table into a directory", func(t *testing.T) {
		out := filepath.Join(dir, "one") + "/"
		if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "parquet", "--tables", "indicators", "--out", out); code != exitOK {
			t.Fatal(errs)
		}
		// 90 + 66 indicators (corpus/gold)
		if n := openParquet(t, filepath.Join(out, "indicators.parquet")).NumRows(); n != 156 {
			t.Errorf("%d indicators, want 156", n)
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		xl := filepath.Join(dir, "all.xlsx")
		if code, _, errs := runCmd(t, "export", "--db", dbPath, "--format", "xlsx", "--out", xl); code != exitOK {
			t.Fatal(errs)
		}
		info, err := os.Stat(xl)
		if err != nil || info.Mode().Perm()&0o044 == 0 {
			t.Errorf("xlsx mode %v: others cannot read it", info.Mode())
		}
		x, err := excelize.OpenFile(xl)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows("indicator_flat")
		if err != nil || len(rows) != 157 {
			t.Fatalf("indicator_flat sheet: %d rows, %v", len(rows), err)
		}
		// the title column is wide enough for 广州市人口发展及社会领域公共服务体系建设“十四五”规划
		if w, _ := x.GetColWidth("documents", "E"); w < 50 {
			t.Errorf("documents.title width %v, not fitted", w)
		}
		if w, _ := x.GetColWidth("documents", "A"); w > 10 {
			t.Errorf("documents.id width %v, not fitted", w)
		}
	})

	t.Run("csv for excel", func(t *testing.T) {
		for _, args := range [][]string{
			{"query", "--db", dbPath, "--format", "csv", "--bom", "--crlf", "SELECT id, title FROM documents ORDER BY id"},
			{"indicators", "--db", dbPath, "--format", "csv", "--bom", "--crlf", "常住人口数"},
			{"export", "--db", dbPath, "--format", "csv", "--bom", "--crlf", "--query", "SELECT id, title FROM documents ORDER BY id"},
		} {
			code, out, errs := runCmd(t, args...)
			if code != exitOK || !strings.HasPrefix(out, "\ufeff") || !strings.Contains(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
				t.Errorf("%s: code %d, err %q, output %q", args[0], code, errs, out)
			}
		}
	})

	t.Run("tables as grids", func(t *testing.T) {
		out := filepath.Join(dir, "grids")
		if code, _, errs := runCmd(t, "export", "--db", dbPath, "--doc", "1", "--tables", "--format", "csv", "--out", out+"/"); code != exitOK {
			t.Fatal(errs)
		}
		b, err := os.ReadFile(filepath.Join(out, "表2.csv"))
		// the header of 表2 as printed (corpus/gold)
		if err != nil || !strings.HasPrefix(string(b), "序号,主要指标,单位,2020年完成值,2025年目标值,指标性质\n") {
			t.Errorf("表2.csv: %v %.200q", err, b)
		}
		code, md, _ := runCmd(t, "export", "--db", dbPath, "--doc", "2", "--tables", "表2-1", "--format", "md")
		if code != exitOK || !strings.HasPrefix(md, "## 表2-1 “十四五”时期江门市公共服务主要指标\n\n| 序号 | 主要指标 | 单位 | 2020年 | 2023年 | 2025年 | 指标性质 |\n") ||
			!strings.Contains(md, "| 1 | 常住人口数 | 万人 | 479.81 | 510 | 530 | 预期性 |\n") {
			t.Errorf("md: %.400s", md)
		}
		code, h, _ := runCmd(t, "export", "--db", dbPath, "--doc", "2", "--tables", "表2-1", "--format", "html")
		if code != exitOK || !strings.Contains(h, "<tr><td>1</td><td>常住人口数</td><td>万人</td><td>479.81</td>") {
			t.Errorf("html: %.400s", h)
		}
		xl := filepath.Join(dir, "grids.xlsx")
		if code, _, errs := runCmd(t, "export", "--db", dbPath, "--doc", "2", "--tables", "--format", "xlsx", "--out", xl); code != exitOK {
			t.Fatal(errs)
		}
		x, err := excelize.OpenFile(xl)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		// the plan's three tables (corpus/gold)
		if sheets := strings.Join(x.GetSheetList(), ","); sheets != "表1-1,表1-2,表2-1" {
			t.Errorf("sheets %s", sheets)
		}
	})

	t.Run("no writing through a symlink", func(t *testing.T) {
		target := filepath.Join(dir, "target")
		link := filepath.Join(dir, "link.csv")
		os.Symlink(target, link)
		code, _, errs := runCmd(t, "export", "--db", dbPath, "--tables", "documents", "--out", link)
		if code == exitOK || !strings.Contains(errs, "symbolic link") {
			t.Errorf("code %d, err %q", code, errs)
		}
		if _, err := os.Stat(target); err == nil {
			t.Error("export wrote through the link")
		}
		linkDir := filepath.Join(dir, "linkdir")
		os.Symlink(t.TempDir(), linkDir)
		code, _, errs = runCmd(t, "export", "--db", dbPath, "--format", "parquet", "--dataset", linkDir)
		if code == exitOK || !strings.Contains(errs, "symbolic link") {
			t.Errorf("dataset into a link: code %d, err %q", code, errs)
		}
	})
}

func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pf
}
