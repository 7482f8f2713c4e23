package serve

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// planJSON serves a plan as the JSON tree of `planx export --format json`.
func (s *Server) planJSON(w http.ResponseWriter, r *http.Request) error {
	if s.exportJSON == nil {
		return notFound("这个服务不提供 JSON 下载")
	}
	id, err := s.docID(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := s.exportJSON(s.db, id, &b); err != nil {
		return fmt.Errorf("document %d as JSON: %w", id, err)
	}
	return send(w, "application/json; charset=utf-8", fmt.Sprintf("plan-%d.json", id), b.Bytes())
}

// docTable is a stored table with its rows as stored (merged cells' text in
// the first position they cover).
type docTable struct {
	ID           int64
	Label, Title string
	Rows         [][]string
}

func (s *Server) docTables(r *http.Request, id int64, only int64) ([]docTable, error) {
	var out []docTable
	at := map[int64]int{}
	err := each(r.Context(), s.db, `SELECT id, coalesce(label, ''), coalesce(title, '') FROM tables WHERE document_id = ? AND (? = 0 OR id = ?) ORDER BY ord`,
		[]any{id, only, only}, func(rows *sql.Rows) error {
			var t docTable
			if err := rows.Scan(&t.ID, &t.Label, &t.Title); err != nil {
				return err
			}
			at[t.ID] = len(out)
			out = append(out, t)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = each(r.Context(), s.db, `SELECT r.table_id, r.cells FROM table_rows r JOIN tables t ON t.id = r.table_id
		WHERE t.document_id = ? AND (? = 0 OR t.id = ?) ORDER BY r.table_id, r.row_no`, []any{id, only, only}, func(rows *sql.Rows) error {
		var tid int64
		var raw string
		if err := rows.Scan(&tid, &raw); err != nil {
			return err
		}
		var cells []string
		if err := json.Unmarshal([]byte(raw), &cells); err != nil {
			return fmt.Errorf("table %d: cells: %w", tid, err)
		}
		if k, ok := at[tid]; ok {
			out[k].Rows = append(out[k].Rows, cells)
		}
		return nil
	})
	return out, err
}

// tableCSV serves one table as CSV (UTF-8 with a byte order mark, which
// Excel needs to read Chinese).
func (s *Server) tableCSV(w http.ResponseWriter, r *http.Request) error {
	id, err := s.docID(r)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(strings.TrimSuffix(r.PathValue("tid"), ".csv"), 10, 64)
	if err != nil || tid <= 0 {
		return notFound("没有这张表：%s", r.PathValue("tid"))
	}
	tables, err := s.docTables(r, id, tid)
	if err != nil {
		return fmt.Errorf("document %d, table %d: %w", id, tid, err)
	}
	if len(tables) == 0 {
		return notFound("文件 %d 没有编号为 %d 的表", id, tid)
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.WriteAll(tables[0].Rows)
	if err := cw.Error(); err != nil {
		return err
	}
	return send(w, "text/csv; charset=utf-8", fmt.Sprintf("plan-%d-table-%d.csv", id, tid), b.Bytes())
}

// tablesXLSX serves every table of a plan as a workbook, one sheet each,
// named by the table's label.
func (s *Server) tablesXLSX(w http.ResponseWriter, r *http.Request) error {
	id, err := s.docID(r)
	if err != nil {
		return err
	}
	tables, err := s.docTables(r, id, 0)
	if err != nil {
		return fmt.Errorf("document %d: tables: %w", id, err)
	}
	if len(tables) == 0 {
		return notFound("文件 %d 没有表格", id)
	}
	f := excelize.NewFile()
	defer f.Close()
	used := map[string]bool{}
	for k, t := range tables {
		name := sheetName(t, k, used)
		if k == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		for i, row := range t.Rows {
			vals := make([]any, len(row))
			for j, c := range row {
				vals[j] = c
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &vals); err != nil {
				return fmt.Errorf("sheet %s: %w", name, err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return err
	}
	return send(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fmt.Sprintf("plan-%d-tables.xlsx", id), b.Bytes())
}

// sheetName is a table's label made a valid, unique sheet name (at most 31
// characters, none of []:*?/\).
func sheetName(t docTable, k int, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, t.Label)
	if name == "" {
		name = fmt.Sprintf("表格%d", k+1)
	}
	if r := []rune(name); len(r) > 28 {
		name = string(r[:28])
	}
	base := name
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	used[name] = true
	return name
}
