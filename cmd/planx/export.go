package main

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// exportTables are the tables `--tables all` exports, in this order.
var exportTables = []string{
	"documents", "sections", "paragraphs", "measures", "tables", "table_rows", "indicators", "indicator_values",
	"columns", "projects", "notes", "diagnostics", "keywords", "indicator_groups",
}

// jsonColumns hold JSON text that JSONL and JSON exports decode.
var jsonColumns = map[string]bool{"cells": true, "notes": true}

func runExport(args []string, stdout, stderr io.Writer) int {
	c := newCmd("export", "Usage: planx export --format csv|jsonl|parquet|xlsx [--tables T,T|all] [--query SQL] [--out PATH|-] [--bom]\n"+
		"       planx export --format json --doc DOC [--out FILE|-]", false, stdout, stderr)
	format := c.fs.String("format", "csv", "csv, jsonl, parquet, xlsx, or json (with --doc)")
	tables := c.fs.String("tables", "all", "comma-separated tables to export, or all")
	query := c.fs.String("query", "", "export the result of this SQL query instead of tables")
	out := c.fs.String("out", "", "output file or directory; - for standard output")
	bom := c.fs.Bool("bom", false, "CSV: start with a UTF-8 byte order mark (for Excel)")
	docRef := c.fs.String("doc", "", "with --format json: the document (id or sha256 prefix) to export as one tree")
	_, db, ok := c.start(args, 0, 0)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	fail := c.fail
	var err error
	if *format == "json" {
		if *docRef == "" {
			return fail(fmt.Errorf("--format json exports one document: give --doc"))
		}
		id, err := findDocument(db, *docRef)
		if err != nil {
			return fail(err)
		}
		w, closeOut, err := openOut(*out, stdout)
		if err != nil {
			return fail(err)
		}
		err = exportTree(db, id, w)
		if cerr := closeOut(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
		return exitOK
	}
	var sets []resultSet
	if *query != "" {
		// the same guarantee as planx query: one statement that reads
		cols, rows, _, err := readQuery(db, *query, 0, 0)
		if err != nil {
			return fail(err)
		}
		sets = append(sets, resultSet{"query", cols, rows})
	} else {
		names := exportTables
		if *tables != "all" {
			names = strings.Split(*tables, ",")
		}
		for _, n := range names {
			n = strings.TrimSpace(n)
			if !knownTable(n) {
				return fail(fmt.Errorf("unknown table %q (tables: %s)", n, strings.Join(exportTables, ", ")))
			}
			cols, rows, err := queryAll(db, `SELECT * FROM "`+n+`"`)
			if err != nil {
				return fail(err)
			}
			sets = append(sets, resultSet{n, cols, rows})
		}
	}
	switch *format {
	case "csv", "jsonl", "parquet":
		err = exportFiles(sets, *format, *out, *bom, stdout)
	case "xlsx":
		err = exportXLSX(sets, *out, stdout)
	default:
		return fail(fmt.Errorf("unknown format %q (csv, jsonl, parquet, xlsx, json)", *format))
	}
	if err != nil {
		return fail(err)
	}
	return exitOK
}

type resultSet struct {
	name string
	cols []string
	rows [][]any
}

func knownTable(n string) bool {
	for _, t := range exportTables {
		if t == n {
			return true
		}
	}
	return n == "indicator_flat" || n == "indicator_compare"
}

// openOut opens path for writing, standard output for "" or "-".
func openOut(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriter(f)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// exportFiles writes one file per result set: to standard output or a file
// when there is one set, else into the directory out (created), named after
// the tables.
func exportFiles(sets []resultSet, format, out string, bom bool, stdout io.Writer) error {
	if len(sets) > 1 {
		if out == "" || out == "-" {
			return fmt.Errorf("%d tables: give --out DIR (one file per table), or --tables with one table", len(sets))
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	}
	for _, s := range sets {
		path := out
		if len(sets) > 1 {
			path = filepath.Join(out, s.name+"."+format)
		}
		if format == "parquet" && (path == "" || path == "-") {
			return fmt.Errorf("parquet needs --out FILE")
		}
		w, closeOut, err := openOut(path, stdout)
		if err != nil {
			return err
		}
		switch format {
		case "csv":
			err = writeCSV(w, s, bom)
		case "jsonl":
			err = writeJSONL(w, s)
		case "parquet":
			err = writeParquet(w, s)
		}
		if cerr := closeOut(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func writeCSV(w io.Writer, s resultSet, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.Write(s.cols)
	for _, r := range s.rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = cellString(v)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// decoded turns a JSON text column into its value, so that JSON output
// holds arrays, not strings of JSON.
func decoded(col string, v any) any {
	if s, ok := v.(string); ok && jsonColumns[col] {
		var x any
		if json.Unmarshal([]byte(s), &x) == nil {
			return x
		}
	}
	return v
}

func writeJSONL(w io.Writer, s resultSet) error {
	for _, r := range s.rows {
		m := make(map[string]any, len(r))
		for i, c := range s.cols {
			m[c] = decoded(c, r[i])
		}
		b, err := marshalNoEscape(orderedRow(s.cols, m))
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s\n", b); err != nil {
			return err
		}
	}
	return nil
}

// columnKind infers a column's type from its values: integers, reals, or
// text.
func columnKind(rows [][]any, i int) string {
	kind := ""
	for _, r := range rows {
		switch r[i].(type) {
		case nil:
		case int64:
			if kind == "" {
				kind = "int"
			}
		case float64:
			if kind == "" || kind == "int" {
				kind = "float"
			}
		default:
			kind = "text"
		}
	}
	if kind == "" {
		kind = "text"
	}
	return kind
}

// writeParquet writes a result set with typed, optional columns (INT64,
// DOUBLE, UTF-8 strings), readable by DuckDB, pandas and Spark.
func writeParquet(w io.Writer, s resultSet) error {
	group := parquet.Group{}
	kinds := make([]string, len(s.cols))
	for i, c := range s.cols {
		kinds[i] = columnKind(s.rows, i)
		switch kinds[i] {
		case "int":
			group[c] = parquet.Optional(parquet.Int(64))
		case "float":
			group[c] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		default:
			group[c] = parquet.Optional(parquet.String())
		}
	}
	sch := parquet.NewSchema(s.name, group)
	index := make([]int, len(s.cols))
	for i, c := range s.cols {
		leaf, ok := sch.Lookup(c)
		if !ok {
			return fmt.Errorf("column %s missing from the schema", c)
		}
		index[i] = leaf.ColumnIndex
	}
	pw := parquet.NewWriter(w, sch)
	for _, r := range s.rows {
		row := make(parquet.Row, len(s.cols))
		for i, v := range r {
			var pv parquet.Value
			switch {
			case v == nil:
				row[index[i]] = parquet.NullValue().Level(0, 0, index[i])
				continue
			case kinds[i] == "int":
				pv = parquet.Int64Value(v.(int64))
			case kinds[i] == "float":
				f, _ := toFloat(v)
				pv = parquet.DoubleValue(f)
			default:
				pv = parquet.ByteArrayValue([]byte(cellString(v)))
			}
			row[index[i]] = pv.Level(0, 1, index[i])
		}
		if _, err := pw.WriteRows([]parquet.Row{row}); err != nil {
			return err
		}
	}
	return pw.Close()
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// exportXLSX writes one sheet per result set, the header row frozen.
func exportXLSX(sets []resultSet, out string, stdout io.Writer) error {
	if out == "" {
		return fmt.Errorf("xlsx needs --out FILE (or - for standard output)")
	}
	f := excelize.NewFile()
	defer f.Close()
	for k, s := range sets {
		name := s.name
		if len(name) > 31 {
			name = name[:31]
		}
		if k == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		// the header row stays in view (panes go before the rows)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		header := make([]any, len(s.cols))
		for i, c := range s.cols {
			header[i] = c
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			vals := make([]any, len(row))
			copy(vals, row)
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	if out == "-" {
		return f.Write(stdout)
	}
	return f.SaveAs(out)
}

// exportTree writes one document as a nested JSON tree: metadata, the
// outline with each section's paragraphs and measures and its sub-sections,
// and the tables (with indicators), boxes (with projects), notes and
// diagnostics.
func exportTree(db *sql.DB, id int64, w io.Writer) error {
	obj := func(q string, args ...any) ([]map[string]any, error) {
		cols, rows, err := queryAll(db, q, args...)
		if err != nil {
			return nil, err
		}
		var out []map[string]any
		for _, r := range rows {
			m := map[string]any{}
			for i, c := range cols {
				m[c] = decoded(c, r[i])
			}
			out = append(out, m)
		}
		return out, nil
	}
	docs, err := obj(`SELECT * FROM documents WHERE id = ?`, id)
	if err != nil || len(docs) == 0 {
		return fmt.Errorf("document %d: %v", id, err)
	}
	tree := docs[0]
	secs, err := obj(`SELECT id, parent_id, level, number, label, title FROM sections WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	paras, err := obj(`SELECT section_id, text, page FROM paragraphs WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	meas, err := obj(`SELECT section_id, title, text FROM measures WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	byID := map[int64]map[string]any{}
	var top []map[string]any
	for _, s := range secs {
		s["paragraphs"] = []string{}
		s["measures"] = []map[string]any{}
		s["sections"] = []map[string]any{}
		byID[s["id"].(int64)] = s
	}
	var preface []string
	for _, p := range paras {
		if sid, ok := p["section_id"].(int64); ok && byID[sid] != nil {
			byID[sid]["paragraphs"] = append(byID[sid]["paragraphs"].([]string), p["text"].(string))
		} else {
			preface = append(preface, p["text"].(string))
		}
	}
	for _, m := range meas {
		if sid, ok := m["section_id"].(int64); ok && byID[sid] != nil {
			delete(m, "section_id")
			byID[sid]["measures"] = append(byID[sid]["measures"].([]map[string]any), m)
		}
	}
	for _, s := range secs {
		if pid, ok := s["parent_id"].(int64); ok && byID[pid] != nil {
			byID[pid]["sections"] = append(byID[pid]["sections"].([]map[string]any), s)
		} else {
			top = append(top, s)
		}
	}
	for _, s := range secs {
		delete(s, "parent_id")
	}
	tree["preface"] = preface
	tree["outline"] = top
	tables, err := obj(`SELECT id, section_id, label, title, notes FROM tables WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	for _, t := range tables {
		rows, err := obj(`SELECT cells FROM table_rows WHERE table_id = ? ORDER BY row_no`, t["id"])
		if err != nil {
			return err
		}
		var cells []any
		for _, r := range rows {
			cells = append(cells, r["cells"])
		}
		t["rows"] = cells
		inds, err := obj(`SELECT id, seq, category, name, unit, attribute FROM indicators WHERE table_id = ? ORDER BY ord`, t["id"])
		if err != nil {
			return err
		}
		for _, in := range inds {
			vals, err := obj(`SELECT column_label, year, raw, op, value, value_max, cumulative, qualifier, role FROM indicator_values WHERE indicator_id = ? ORDER BY ord`, in["id"])
			if err != nil {
				return err
			}
			in["values"] = vals
		}
		t["indicators"] = inds
	}
	tree["tables"] = tables
	cols, err := obj(`SELECT id, section_id, number, title, body FROM columns WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	for _, c := range cols {
		ps, err := obj(`SELECT group_name, name FROM projects WHERE column_id = ? ORDER BY ord`, c["id"])
		if err != nil {
			return err
		}
		c["projects"] = ps
	}
	tree["columns"] = cols
	if tree["notes"], err = obj(`SELECT number, term, anchor, definition, section_id FROM notes WHERE document_id = ? ORDER BY ord`, id); err != nil {
		return err
	}
	if tree["diagnostics"], err = obj(`SELECT page, kind, message FROM diagnostics WHERE document_id = ? ORDER BY id`, id); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(tree)
}
