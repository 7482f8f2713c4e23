package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

func runShow(args []string, stdout, stderr io.Writer) int {
	c := newCmd("show", "Usage: planx show [--db FILE] [DOC [--columns]]\n"+
		"Without DOC, one line per document; with DOC (an id or a sha256 prefix), its outline.", false, stdout, stderr)
	columns := c.fs.Bool("columns", false, "with DOC: list its 专栏 boxes with their projects")
	format := c.fs.String("format", "table", "output format: table (for reading) or json")
	pos, ok := c.args(args, 0, 1)
	if !ok {
		return exitUsage
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(stderr, "planx show: unknown format %q (table, json)\n", *format)
		return exitUsage
	}
	db, ok := c.openRO()
	if !ok {
		return exitUsage
	}
	defer db.Close()
	var err error
	switch {
	case len(pos) == 0 && *format == "json":
		var cols []string
		var rows [][]any
		if cols, rows, err = documentRows(db); err == nil {
			err = writeRows(stdout, "json", cols, rows)
		}
	case len(pos) == 0:
		err = listDocuments(db, stdout)
	case *columns && *format == "json":
		err = columnsJSON(db, pos[0], stdout)
	case *columns:
		err = showColumns(db, pos[0], stdout)
	case *format == "json":
		err = documentJSON(db, pos[0], stdout)
	default:
		err = showDocument(db, pos[0], stdout)
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}

const countsSQL = `
	(SELECT count(*) FROM sections s WHERE s.document_id = d.id) AS sections,
	(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS paragraphs,
	(SELECT count(*) FROM measures m WHERE m.document_id = d.id) AS measures,
	(SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS tables,
	(SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators,
	(SELECT count(*) FROM columns c WHERE c.document_id = d.id) AS boxes,
	(SELECT count(*) FROM projects j WHERE j.document_id = d.id) AS projects,
	(SELECT count(*) FROM notes n WHERE n.document_id = d.id) AS notes,
	(SELECT count(*) FROM diagnostics g WHERE g.document_id = d.id) AS warnings`

func listDocuments(db *sql.DB, w io.Writer) error {
	cols, rows, err := documentRows(db)
	if err != nil {
		return err
	}
	return writeTable(w, cols, rows)
}

// documentRows is one row per document: id, title, file, region, period,
// format and the counts of what was extracted.
func documentRows(db *sql.DB) ([]string, [][]any, error) {
	cols, rows, err := queryAll(db, `SELECT d.id, d.title, `+fileName+` AS file, d.region,
		CASE WHEN d.period_start IS NULL THEN NULL ELSE d.period_start || '–' || d.period_end END AS period, d.format,`+
		countsSQL+` FROM documents d ORDER BY d.id`)
	return cols, rows, err
}

// documentJSON writes what showDocument prints as one JSON object: the
// metadata, the counts, the outline and the warnings.
func documentJSON(db *sql.DB, ref string, w io.Writer) error {
	id, err := findDocument(db, ref)
	if err != nil {
		return err
	}
	one := func(q string) (map[string]any, error) {
		cols, rows, err := queryAll(db, q, id)
		if err != nil || len(rows) == 0 {
			return nil, fmt.Errorf("document %d: %v", id, err)
		}
		m := map[string]any{}
		for i, c := range cols {
			m[c] = rows[0][i]
		}
		return m, nil
	}
	list := func(q string) ([]map[string]any, error) {
		cols, rows, err := queryAll(db, q, id)
		out := []map[string]any{}
		for _, r := range rows {
			m := map[string]any{}
			for i, c := range cols {
				m[c] = r[i]
			}
			out = append(out, m)
		}
		return out, err
	}
	d, err := one(`SELECT id, title, source, sha256, format, region, issuer, doc_number, issued_date, period_start, period_end,
		ingested_at, encoding, bytes, pages FROM documents WHERE id = ?`)
	if err != nil {
		return err
	}
	counts, err := one(`SELECT` + countsSQL + ` FROM documents d WHERE d.id = ?`)
	if err != nil {
		return err
	}
	d["counts"] = counts
	if d["outline"], err = list(`SELECT s.id, s.parent_id, s.level, s.label, s.title,
		(SELECT count(*) FROM paragraphs p WHERE p.section_id = s.id) AS paragraphs,
		(SELECT count(*) FROM measures m WHERE m.section_id = s.id) AS measures
		FROM sections s WHERE s.document_id = ? ORDER BY s.ord`); err != nil {
		return err
	}
	if d["warnings"], err = list(`SELECT page, kind, message FROM diagnostics WHERE document_id = ? ORDER BY id`); err != nil {
		return err
	}
	return writeJSON(w, d)
}

// columnsJSON writes a document's 专栏 boxes with their projects as JSON.
func columnsJSON(db *sql.DB, ref string, w io.Writer) error {
	id, err := findDocument(db, ref)
	if err != nil {
		return err
	}
	_, boxes, err := queryAll(db, `SELECT id, number, title FROM columns WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, b := range boxes {
		_, ps, err := queryAll(db, `SELECT group_name, name FROM projects WHERE column_id = ? ORDER BY ord`, b[0])
		if err != nil {
			return err
		}
		projects := []map[string]any{}
		for _, p := range ps {
			projects = append(projects, map[string]any{"group": p[0], "name": p[1]})
		}
		out = append(out, map[string]any{"id": b[0], "number": b[1], "title": b[2], "projects": projects})
	}
	return writeJSON(w, out)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// findDocument resolves DOC, an id or a sha256 prefix, to a document id.
func findDocument(db *sql.DB, ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && len(ref) < 8 {
		var got int64
		if err := db.QueryRow("SELECT id FROM documents WHERE id = ?", id).Scan(&got); err == nil {
			return got, nil
		}
	}
	rows, err := db.Query("SELECT id FROM documents WHERE sha256 LIKE ? || '%' LIMIT 2", strings.ToLower(ref))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	switch len(ids) {
	case 0:
		return 0, fmt.Errorf("no document %q (give an id or a sha256 prefix; planx show lists them)", ref)
	case 1:
		return ids[0], nil
	}
	return 0, fmt.Errorf("%q names more than one document; give more of the sha256", ref)
}

func showDocument(db *sql.DB, ref string, w io.Writer) error {
	id, err := findDocument(db, ref)
	if err != nil {
		return err
	}
	var (
		source, sha, format                                    string
		title, region, issuer, number, date                    sql.NullString
		start, end                                             sql.NullInt64
		nSec, nPar, nMea, nTab, nInd, nCol, nPrj, nNote, nDiag int
	)
	err = db.QueryRow(`SELECT source, sha256, format, title, region, issuer, doc_number, issued_date, period_start, period_end,`+
		countsSQL+` FROM documents d WHERE id = ?`, id).Scan(&source, &sha, &format, &title, &region, &issuer, &number, &date,
		&start, &end, &nSec, &nPar, &nMea, &nTab, &nInd, &nCol, &nPrj, &nNote, &nDiag)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s\n", or(title.String, "(untitled)"))
	fmt.Fprintf(w, "  id      %d\n", id)
	fmt.Fprintf(w, "  source  %s (%s, sha256 %s)\n", source, format, sha[:12])
	if region.Valid || issuer.Valid {
		fmt.Fprintf(w, "  region  %s   issuer %s\n", or(region.String, "-"), or(issuer.String, "-"))
	}
	if number.Valid || date.Valid {
		fmt.Fprintf(w, "  number  %s   issued %s\n", or(number.String, "-"), or(date.String, "-"))
	}
	if start.Valid {
		fmt.Fprintf(w, "  period  %d–%d\n", start.Int64, end.Int64)
	}
	fmt.Fprintf(w, "  %d sections, %d paragraphs, %d measures, %d tables, %d indicators, %d boxes, %d projects, %d notes, %d warnings\n\n",
		nSec, nPar, nMea, nTab, nInd, nCol, nPrj, nNote, nDiag)

	_, rows, err := queryAll(db, `SELECT s.level, coalesce(s.label, ''), s.title,
		(SELECT count(*) FROM paragraphs p WHERE p.section_id = s.id),
		(SELECT count(*) FROM measures m WHERE m.section_id = s.id)
		FROM sections s WHERE s.document_id = ? ORDER BY s.ord`, id)
	if err != nil {
		return err
	}
	for _, r := range rows {
		level := int(r[0].(int64))
		fmt.Fprintf(w, "%s%s %s", strings.Repeat("  ", level-1), r[1], r[2])
		if p, m := r[3].(int64), r[4].(int64); p > 0 || m > 0 {
			fmt.Fprintf(w, "  [%d paragraphs, %d measures]", p, m)
		}
		fmt.Fprintln(w)
	}
	var values, unparsed int
	db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE v.op IS NULL) FROM indicator_values v
		JOIN indicators i ON i.id = v.indicator_id WHERE i.document_id = ?`, id).Scan(&values, &unparsed)
	if values > 0 {
		fmt.Fprintf(w, "\nindicator values: %d, of which %d not numeric or not understood (raw kept)\n", values, unparsed)
	}
	_, diags, err := queryAll(db, `SELECT page, kind, message FROM diagnostics WHERE document_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	if len(diags) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, r := range diags {
			page := ""
			if r[0] != nil {
				page = fmt.Sprintf("page %v: ", r[0])
			}
			fmt.Fprintf(w, "  %s%s: %s\n", page, r[1], r[2])
		}
	}
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// showColumns lists a document's 专栏 boxes, each with its projects under
// their group labels.
func showColumns(db *sql.DB, ref string, w io.Writer) error {
	id, err := findDocument(db, ref)
	if err != nil {
		return err
	}
	_, boxes, err := queryAll(db, `SELECT c.id, c.number, c.title, coalesce(s.label || ' ' || s.title, '')
		FROM columns c LEFT JOIN sections s ON s.id = c.section_id WHERE c.document_id = ? ORDER BY c.ord`, id)
	if err != nil {
		return err
	}
	if len(boxes) == 0 {
		fmt.Fprintln(w, "no 专栏 boxes")
		return nil
	}
	for _, b := range boxes {
		fmt.Fprintf(w, "专栏%v %v", b[1], b[2])
		if b[3] != "" {
			fmt.Fprintf(w, "  (in %v)", b[3])
		}
		fmt.Fprintln(w)
		_, projects, err := queryAll(db, `SELECT coalesce(group_name, ''), name FROM projects WHERE column_id = ? ORDER BY ord`, b[0])
		if err != nil {
			return err
		}
		group := ""
		for _, p := range projects {
			g := p[0].(string)
			indent := "  "
			if g != "" {
				if g != group {
					fmt.Fprintf(w, "  %s\n", g)
				}
				indent = "    "
			}
			group = g
			fmt.Fprintf(w, "%s- %v\n", indent, p[1])
		}
	}
	return nil
}
