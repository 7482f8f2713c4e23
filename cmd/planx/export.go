package main

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// exportTables are the tables `--tables all` exports, in this order, and
// the indicator_flat view (one readable line per indicator).
var exportTables = []string{
	"documents", "sections", "paragraphs", "measures", "tables", "table_rows", "indicators", "indicator_values",
	"columns", "projects", "notes", "diagnostics", "keywords", "indicator_groups", "indicator_flat",
}

// jsonColumns hold JSON text that JSONL and JSON exports decode.
var jsonColumns = map[string]bool{"cells": true, "notes": true}

const exportUsage = `Usage: planx export --format csv|jsonl|parquet|xlsx [--tables T,T|all] [--query SQL] [--out PATH|-] [--bom] [--crlf]
       planx export --format parquet --dataset DIR          the whole database, one Parquet file per table
       planx export --format json --doc DOC [--out FILE|-]  one document as a tree
       planx export --doc DOC --tables [LABEL,…] --format csv|md|html|xlsx [--out PATH]
                                                            each table the document prints, as its own grid`

func runExport(args []string, stdout, stderr io.Writer) int {
	c := newCmd("export", exportUsage, false, stdout, stderr)
	format := c.fs.String("format", "csv", "csv, jsonl, parquet, xlsx, json (with --doc), md or html (tables of a --doc)")
	tables := c.fs.String("tables", "all", "comma-separated tables to export, or all; with --doc, the labels of the document's tables (表2)")
	query := c.fs.String("query", "", "export the result of this SQL query instead of tables")
	out := c.fs.String("out", "", "output file or directory; - for standard output")
	dataset := c.fs.String("dataset", "", "with --format parquet: write every table into `DIR`, one Parquet file per table")
	bom := c.fs.Bool("bom", false, "CSV: start with a UTF-8 byte order mark (for Excel)")
	crlf := c.fs.Bool("crlf", false, "CSV: end lines with CRLF (for Excel)")
	docRef := c.fs.String("doc", "", "the document (id or sha256 prefix): --format json exports it as one tree, csv/md/html/xlsx its tables as grids")
	_, db, ok := c.start(bareTables(args), 0, 0)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	fail := c.fail
	var err error
	if *docRef != "" {
		id, err := findDocument(db, *docRef)
		if err != nil {
			return fail(err)
		}
		switch *format {
		case "json":
			err = withOut(*out, stdout, func(w io.Writer) error { return exportTree(db, id, w) })
		case "csv", "md", "html", "xlsx":
			err = exportGrids(db, id, *tables, *format, *out, csvOptions{*bom, *crlf}, stdout)
		default:
			return fail(fmt.Errorf("with --doc, --format is json (the document as a tree) or csv, md, html, xlsx (its tables as grids), not %q", *format))
		}
		if err != nil {
			return fail(err)
		}
		return exitOK
	}
	switch *format {
	case "json":
		return fail(fmt.Errorf("--format json exports one document: give --doc"))
	case "md", "html":
		return fail(fmt.Errorf("--format %s writes the tables of one document: give --doc", *format))
	case "csv", "jsonl", "parquet", "xlsx":
	default:
		return fail(fmt.Errorf("unknown format %q (csv, jsonl, parquet, xlsx, json, md, html)", *format))
	}
	if *dataset != "" && (*format != "parquet" || *query != "" || *out != "") {
		return fail(fmt.Errorf("--dataset DIR writes every table as Parquet: use it with --format parquet, without --query and --out"))
	}
	var sets []resultSet
	if *query != "" {
		// the same guarantee as planx query: one statement that reads
		cols, rows, _, err := readQuery(db, *query, 0, 0)
		if err != nil {
			return fail(err)
		}
		sets = append(sets, resultSet{name: "query", cols: cols, rows: rows})
	} else {
		names := exportTables
		if *tables != "all" && *dataset == "" {
			names = strings.Split(*tables, ",")
		}
		for _, n := range names {
			n = strings.TrimSpace(n)
			if !knownTable(n) {
				return fail(fmt.Errorf("unknown table %q (tables: %s)", n, strings.Join(exportTables, ", ")))
			}
			set, err := tableSet(db, n)
			if err != nil {
				return fail(err)
			}
			sets = append(sets, set)
		}
	}
	switch {
	case *dataset != "":
		err = exportDataset(sets, *dataset)
	case *format == "xlsx":
		err = exportXLSX(sets, *out, stdout)
	default:
		err = exportFiles(sets, *format, *out, csvOptions{*bom, *crlf}, stdout)
	}
	if err != nil {
		return fail(err)
	}
	return exitOK
}

// bareTables lets --tables stand without a value (planx export --doc 1
// --tables --format csv): it then means all of them.
func bareTables(args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if (a == "--tables" || a == "-tables") && (i+1 == len(args) || strings.HasPrefix(args[i+1], "-")) {
			a = "--tables=all"
		}
		out = append(out, a)
	}
	return out
}

// resultSet is a table or a query result with, for tables, each column's
// declared type and whether the schema makes it NOT NULL.
type resultSet struct {
	name    string
	cols    []string
	rows    [][]any
	types   []string // SQLite declared types ("" for views and queries)
	notNull []bool
}

// exportOrder is the order rows are exported in, by table (default: by
// id), so that an export is the same whatever the engine (PostgreSQL
// keeps no insertion order).
var exportOrder = map[string]string{
	"table_rows":        "table_id, row_no",
	"indicator_values":  "indicator_id, ord",
	"keywords":          "document_id, coalesce(measure_id, 0), weight DESC, term",
	"indicator_groups":  "group_id, indicator_id",
	"indicator_flat":    "indicator_id",
	"indicator_compare": "group_id, indicator_id",
}

// tableSet reads a whole table (or view) with its columns' declared types.
func tableSet(db *sql.DB, name string) (resultSet, error) {
	order, ok := exportOrder[name]
	if !ok {
		order = "id"
	}
	cols, rows, err := queryAll(db, `SELECT * FROM "`+name+`" ORDER BY `+order)
	if err != nil {
		return resultSet{}, err
	}
	set := resultSet{name: name, cols: cols, rows: rows, types: make([]string, len(cols)), notNull: make([]bool, len(cols))}
	_, info, err := queryAll(db, `SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, name)
	if err != nil {
		return resultSet{}, err
	}
	for _, r := range info {
		for i, c := range cols {
			if c == r[0] {
				set.types[i] = strings.ToUpper(cellString(r[1]))
				set.notNull[i] = r[2] == int64(1) || r[3] != int64(0) && set.types[i] == "INTEGER"
			}
		}
	}
	return set, nil
}

func knownTable(n string) bool {
	for _, t := range exportTables {
		if t == n {
			return true
		}
	}
	return n == "indicator_compare"
}

// create makes a new output file (mode 0644 before the umask). It never
// follows a symbolic link at path: export writes where it is told, not
// where a link planted there points.
func create(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link: planx does not write through it", path)
		}
		return nil, err
	}
	return f, nil
}

// makeDir creates the output directory dir, refusing a symbolic link there.
func makeDir(dir string) error {
	if info, err := os.Lstat(dir); err == nil {
		if info.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link: planx does not write through it", dir)
		}
		if !info.IsDir() {
			return fmt.Errorf("%s exists and is not a directory", dir)
		}
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// openOut opens path for writing, standard output for "" or "-".
func openOut(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := create(path)
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

// withOut runs write on the output path names and closes it.
func withOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	w, closeOut, err := openOut(path, stdout)
	if err != nil {
		return err
	}
	err = write(w)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}

// isDir reports whether out names a directory: one that exists, or a path
// written with a trailing slash.
func isDir(out string) bool {
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)) {
		return true
	}
	info, err := os.Lstat(out)
	return err == nil && info.IsDir()
}

type csvOptions struct{ bom, crlf bool }

// exportFiles writes one file per result set: to standard output or a file
// when there is one set, else into the directory out (created), named after
// the tables. One set and a directory for out writes NAME.FORMAT in it.
func exportFiles(sets []resultSet, format, out string, csvOpt csvOptions, stdout io.Writer) error {
	dir := len(sets) > 1 || out != "" && out != "-" && isDir(out)
	if dir {
		if out == "" || out == "-" {
			return fmt.Errorf("%d tables: give --out DIR (one file per table), or --tables with one table", len(sets))
		}
		if err := makeDir(out); err != nil {
			return err
		}
	}
	for _, s := range sets {
		path := out
		if dir {
			path = filepath.Join(out, s.name+"."+format)
		}
		if format == "parquet" && (path == "" || path == "-") {
			return fmt.Errorf("parquet needs --out FILE or DIR")
		}
		if err := withOut(path, stdout, func(w io.Writer) error { return writeSet(w, s, format, csvOpt) }); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func writeSet(w io.Writer, s resultSet, format string, csvOpt csvOptions) error {
	switch format {
	case "csv":
		return writeCSV(w, s, csvOpt)
	case "jsonl":
		return writeJSONL(w, s)
	case "parquet":
		return writeParquet(w, s)
	}
	return fmt.Errorf("unknown format %q", format)
}

// exportDataset writes the whole database as a Parquet dataset: one
// directory per table holding one file (DIR/documents/part-0.parquet), the
// layout DuckDB (read_parquet('DIR/documents/*.parquet')) and Spark
// (spark.read.parquet("DIR/documents")) read as a table.
func exportDataset(sets []resultSet, dir string) error {
	if err := makeDir(dir); err != nil {
		return err
	}
	for _, s := range sets {
		sub := filepath.Join(dir, s.name)
		if err := makeDir(sub); err != nil {
			return err
		}
		if err := withOut(filepath.Join(sub, "part-0.parquet"), nil, func(w io.Writer) error { return writeParquet(w, s) }); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func writeCSV(w io.Writer, s resultSet, opt csvOptions) error {
	w = excelCSV(w, opt.bom, opt.crlf)
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

// columnKind is a column's Parquet type: from its declared SQLite type
// (dates and timestamps by the schema's column names), else inferred from
// its values: integers, reals, or text.
func columnKind(s resultSet, i int) string {
	if s.types != nil {
		switch {
		case s.cols[i] == "issued_date":
			return "date"
		case s.cols[i] == "ingested_at":
			return "timestamp"
		case s.types[i] == "INTEGER":
			return "int"
		case s.types[i] == "REAL":
			return "float"
		case s.types[i] == "TEXT":
			return "text"
		}
	}
	kind := ""
	for _, r := range s.rows {
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

// orderedGroup is a Parquet group whose fields keep the order of the
// table's columns (parquet.Group sorts them by name), so that id comes
// first as in the database.
type orderedGroup struct {
	parquet.Group
	order []string
}

func (g orderedGroup) Fields() []parquet.Field {
	byName := map[string]parquet.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	out := make([]parquet.Field, 0, len(g.order))
	for _, n := range g.order {
		out = append(out, byName[n])
	}
	return out
}

// writeParquet writes a result set as Parquet, zstd-compressed, its
// columns in the table's order and typed: INT64, DOUBLE, UTF-8 strings,
// DATE (issued_date) and TIMESTAMP (ingested_at); a column the schema makes
// NOT NULL is required, every other one optional. Readable by DuckDB,
// pandas and Spark.
func writeParquet(w io.Writer, s resultSet) error {
	group := parquet.Group{}
	kinds := make([]string, len(s.cols))
	required := make([]bool, len(s.cols))
	for i, c := range s.cols {
		kinds[i] = columnKind(s, i)
		var node parquet.Node
		switch kinds[i] {
		case "int":
			node = parquet.Int(64)
		case "float":
			node = parquet.Leaf(parquet.DoubleType)
		case "date":
			node = parquet.Date()
		case "timestamp":
			node = parquet.Timestamp(parquet.Millisecond)
		default:
			node = parquet.String()
		}
		required[i] = s.notNull != nil && s.notNull[i] && kinds[i] != "date" && kinds[i] != "timestamp"
		if required[i] {
			group[c] = parquet.Required(node)
		} else {
			group[c] = parquet.Optional(node)
		}
	}
	sch := parquet.NewSchema(s.name, orderedGroup{group, s.cols})
	pw := parquet.NewWriter(w, sch, parquet.Compression(&parquet.Zstd))
	for _, r := range s.rows {
		row := make(parquet.Row, len(s.cols))
		for i, v := range r {
			var pv parquet.Value
			ok := v != nil
			switch {
			case !ok:
			case kinds[i] == "int":
				n, isInt := v.(int64)
				pv, ok = parquet.Int64Value(n), isInt
			case kinds[i] == "float":
				f, isNum := toFloat(v)
				pv, ok = parquet.DoubleValue(f), isNum
			case kinds[i] == "date":
				t, err := time.Parse("2006-01-02", cellString(v))
				pv, ok = parquet.Int32Value(int32(t.Unix()/86400)), err == nil
			case kinds[i] == "timestamp":
				t, err := time.Parse(time.RFC3339, cellString(v))
				pv, ok = parquet.Int64Value(t.UnixMilli()), err == nil
			default:
				pv = parquet.ByteArrayValue([]byte(cellString(v)))
			}
			switch {
			case ok && required[i]:
				row[i] = pv.Level(0, 0, i)
			case ok:
				row[i] = pv.Level(0, 1, i)
			case required[i]:
				return fmt.Errorf("column %s: %v in a NOT NULL %s column", s.cols[i], v, kinds[i])
			default:
				// NULL, or a value the column's type cannot hold (a date
				// that is not YYYY-MM-DD): left empty, never guessed
				row[i] = parquet.NullValue().Level(0, 0, i)
			}
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

// exportXLSX writes one sheet per result set, the header row frozen and
// each column as wide as its content (within limits).
func exportXLSX(sets []resultSet, out string, stdout io.Writer) error {
	if out == "" {
		return fmt.Errorf("xlsx needs --out FILE (or - for standard output)")
	}
	f := excelize.NewFile()
	defer f.Close()
	for k, s := range sets {
		if err := addSheet(f, k, s.name, s.cols, s.rows); err != nil {
			return err
		}
	}
	return saveXLSX(f, out, stdout)
}

// addSheet adds the k-th sheet, named name (cut to Excel's 31 characters),
// with a frozen header row and fitted column widths.
func addSheet(f *excelize.File, k int, name string, cols []string, rows [][]any) error {
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
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
	// widths and panes go before the rows
	for i, c := range cols {
		width := displayWidth(c)
		for _, r := range rows {
			if i < len(r) {
				width = max(width, displayWidth(cellString(r[i])))
			}
		}
		// Excel's unit is about one Latin character; a CJK one is two
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(width, 4), 80))+2); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		vals := make([]any, len(row))
		copy(vals, row)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// saveXLSX writes the workbook to out (mode 0644, never through a symbolic
// link) or standard output.
func saveXLSX(f *excelize.File, out string, stdout io.Writer) error {
	return withOut(out, stdout, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
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

// exportGrids writes the tables a document prints, each as its own grid,
// its header and rows as printed: CSV (one file per table, or standard
// output for one), XLSX (one sheet per table), Markdown or HTML (one file
// with every table under its label and title). labels ("all", or 表2,表3)
// picks tables by label.
func exportGrids(db *sql.DB, id int64, labels, format, out string, csvOpt csvOptions, stdout io.Writer) error {
	_, tabs, err := queryAll(db, `SELECT id, coalesce(label, ''), coalesce(title, ''), notes FROM tables WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	if labels != "all" {
		for _, l := range strings.Split(labels, ",") {
			want[strings.Join(strings.Fields(l), "")] = true
		}
	}
	var grids []grid
	used := map[string]int{}
	for k, t := range tabs {
		label := t[1].(string)
		if len(want) > 0 && !want[label] {
			continue
		}
		g := grid{label: label, title: t[2].(string)}
		json.Unmarshal([]byte(cellString(t[3])), &g.notes)
		_, rows, err := queryAll(db, `SELECT cells FROM table_rows WHERE table_id = ? ORDER BY row_no`, t[0])
		if err != nil {
			return err
		}
		for _, r := range rows {
			var cells []string
			if err := json.Unmarshal([]byte(cellString(r[0])), &cells); err != nil {
				return fmt.Errorf("table %d: cells: %w", t[0], err)
			}
			g.rows = append(g.rows, cells)
		}
		// a name for the file or sheet: the label, or the table's place
		g.name = label
		if g.name == "" {
			g.name = fmt.Sprintf("table%d", k+1)
		}
		g.name = strings.NewReplacer("/", "-", "\\", "-", ":", "-", "*", "-", "?", "-", "[", "(", "]", ")").Replace(g.name)
		if used[g.name]++; used[g.name] > 1 {
			g.name = fmt.Sprintf("%s-%d", g.name, used[g.name])
		}
		grids = append(grids, g)
	}
	if len(grids) == 0 {
		if len(want) > 0 {
			return fmt.Errorf("document %d has no table labelled %s", id, labels)
		}
		return fmt.Errorf("document %d has no tables", id)
	}
	switch format {
	case "md":
		return withOut(out, stdout, func(w io.Writer) error { return writeMarkdown(w, grids) })
	case "html":
		return withOut(out, stdout, func(w io.Writer) error { return writeHTML(w, grids) })
	}
	var sets []resultSet
	for _, g := range grids {
		sets = append(sets, g.set())
	}
	if format == "xlsx" {
		return exportXLSX(sets, out, stdout)
	}
	return exportFiles(sets, "csv", out, csvOpt, stdout)
}

// grid is one table as printed: rows[0] is its header.
type grid struct {
	name, label, title string
	notes              []string
	rows               [][]string
}

func (g grid) width() int {
	n := 0
	for _, r := range g.rows {
		n = max(n, len(r))
	}
	return n
}

// cells is row i padded to the table's width.
func (g grid) cells(i int) []string {
	r := make([]string, g.width())
	copy(r, g.rows[i])
	return r
}

func (g grid) set() resultSet {
	s := resultSet{name: g.name}
	if len(g.rows) == 0 {
		return s
	}
	s.cols = g.cells(0)
	for i := 1; i < len(g.rows); i++ {
		var r []any
		for _, c := range g.cells(i) {
			r = append(r, c)
		}
		s.rows = append(s.rows, r)
	}
	return s
}

func writeMarkdown(w io.Writer, grids []grid) error {
	cell := strings.NewReplacer("|", "\\|", "\n", "<br>")
	bw := bufio.NewWriter(w)
	for k, g := range grids {
		if k > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "## %s\n\n", strings.TrimSpace(g.label+" "+g.title))
		for i := range g.rows {
			cs := g.cells(i)
			for j := range cs {
				cs[j] = cell.Replace(cs[j])
			}
			fmt.Fprintf(bw, "| %s |\n", strings.Join(cs, " | "))
			if i == 0 {
				fmt.Fprintf(bw, "|%s\n", strings.Repeat(" --- |", len(cs)))
			}
		}
		for _, n := range g.notes {
			fmt.Fprintf(bw, "\n注：%s\n", n)
		}
	}
	return bw.Flush()
}

func writeHTML(w io.Writer, grids []grid) error {
	esc := html.EscapeString
	bw := bufio.NewWriter(w)
	bw.WriteString("<!DOCTYPE html>\n<html lang=\"zh\">\n<meta charset=\"utf-8\">\n<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>\n")
	for _, g := range grids {
		fmt.Fprintf(bw, "<h2>%s</h2>\n<table>\n", esc(strings.TrimSpace(g.label+" "+g.title)))
		for i := range g.rows {
			tag := "td"
			if i == 0 {
				tag = "th"
			}
			bw.WriteString("<tr>")
			for _, c := range g.cells(i) {
				fmt.Fprintf(bw, "<%s>%s</%s>", tag, strings.ReplaceAll(esc(c), "\n", "<br>"), tag)
			}
			bw.WriteString("</tr>\n")
		}
		bw.WriteString("</table>\n")
		for _, n := range g.notes {
			fmt.Fprintf(bw, "<p>注：%s</p>\n", esc(n))
		}
	}
	bw.WriteString("</html>\n")
	return bw.Flush()
}
