package main

import (
	"fmt"
	"io"
	"strings"
)

// docName is the SQL that names document d in listings (which also show
// its id): its title, or, where another document has the same title (one
// plan ingested as text, web page and PDF) or it has none, the file name of
// its source, so that rows are never indistinguishable.
const docName = `CASE WHEN d.title IS NULL OR (SELECT count(*) FROM documents x WHERE x.title = d.title) > 1
	THEN ` + fileName + ` ELSE d.title END`

// fileName is the SQL for the file name of document d's source, without
// its directory.
const fileName = `substr(d.source, length(rtrim(d.source, replace(d.source, '/', ''))) + 1)`

func runIndicators(args []string, stdout, stderr io.Writer) int {
	c := newCmd("indicators", "Usage: planx indicators [--db FILE] [--doc DOC] [--attribute 约束性|预期性] [--format table|csv|json|jsonl] [--bom] [--crlf] [NAME]\n"+
		"Lists indicators with the table they stand in, their baseline, target and actual value, and the column each comes from;\n"+
		"NAME filters by a part of the name. A review table (the previous plan's 完成情况) has actual values, never targets.", true, stdout, stderr)
	docRef := c.fs.String("doc", "", "only this document (id or sha256 prefix)")
	attribute := c.fs.String("attribute", "", "only indicators with this attribute: 预期性 or 约束性")
	pos, ok := c.args(args, 0, 1)
	if !ok {
		return exitUsage
	}
	if *attribute != "" && *attribute != "预期性" && *attribute != "约束性" {
		fmt.Fprintf(stderr, "planx indicators: unknown --attribute %q (预期性 or 约束性)\n", *attribute)
		return exitUsage
	}
	db, ok := c.openRO()
	if !ok {
		return exitUsage
	}
	defer db.Close()
	var where []string
	var qargs []any
	if *docRef != "" {
		id, err := findDocument(db, *docRef)
		if err != nil {
			return c.fail(err)
		}
		where = append(where, "f.document_id = ?")
		qargs = append(qargs, id)
	}
	if *attribute != "" {
		where = append(where, "f.attribute = ?")
		qargs = append(qargs, *attribute)
	}
	if len(pos) == 1 {
		where = append(where, "f.name LIKE '%' || ? || '%'")
		qargs = append(qargs, pos[0])
	}
	q := `SELECT f.document_id AS doc, ` + docName + ` AS document, f.table_label AS "table", f.category, f.name, f.unit,
		f.baseline, f.baseline_column, f.target, f.target_column, f.target_direction AS direction, f.actual, f.actual_column, f.attribute
		FROM indicator_flat f JOIN documents d ON d.id = f.document_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return c.query(db, q+" ORDER BY f.document_id, f.indicator_id", qargs...)
}
