package main

import (
	"database/sql"
	"fmt"
	"io"
	"strconv"
	"strings"
)

func runShow(args []string, stdout, stderr io.Writer) int {
	c := newCmd("show", "Usage: planx show [--db FILE] [DOC [--columns]]\n"+
		"Without DOC, one line per document; with DOC (an id or a sha256 prefix), its outline.", false, stdout, stderr)
	columns := c.fs.Bool("columns", false, "with DOC: list its 专栏 boxes with their projects")
	pos, db, ok := c.start(args, 0, 1)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	var err error
	switch {
	case len(pos) == 0:
		err = listDocuments(db, stdout)
	case *columns:
		err = showColumns(db, pos[0], stdout)
	default:
		err = showDocument(db, pos[0], stdout)
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}

const countsSQL = `
	(SELECT count(*) FROM sections s WHERE s.document_id = d.id),
	(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),
	(SELECT count(*) FROM measures m WHERE m.document_id = d.id),
	(SELECT count(*) FROM tables t WHERE t.document_id = d.id),
	(SELECT count(*) FROM indicators i WHERE i.document_id = d.id),
	(SELECT count(*) FROM columns c WHERE c.document_id = d.id),
	(SELECT count(*) FROM projects j WHERE j.document_id = d.id),
	(SELECT count(*) FROM notes n WHERE n.document_id = d.id),
	(SELECT count(*) FROM diagnostics g WHERE g.document_id = d.id)`

func listDocuments(db *sql.DB, w io.Writer) error {
	cols, rows, err := queryAll(db, `SELECT d.id, d.title, `+fileName+` AS file, d.region,
		CASE WHEN d.period_start IS NULL THEN NULL ELSE d.period_start || '–' || d.period_end END AS period, d.format,`+
		countsSQL+` FROM documents d ORDER BY d.id`)
	if err != nil {
		return err
	}
	copy(cols[6:], []string{"sections", "paragraphs", "measures", "tables", "indicators", "boxes", "projects", "notes", "warnings"})
	return writeTable(w, cols, rows)
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
