package main

import (
	"io"
	"strings"
)

func runIndicators(args []string, stdout, stderr io.Writer) int {
	c := newCmd("indicators", "Usage: planx indicators [--db FILE] [--doc DOC] [--attribute 约束性] [--format table|csv|json|jsonl] [NAME]\n"+
		"Lists indicators with their baseline and target; NAME filters by a part of the name.", true, stdout, stderr)
	docRef := c.fs.String("doc", "", "only this document (id or sha256 prefix)")
	attribute := c.fs.String("attribute", "", "only indicators with this attribute (预期性 or 约束性)")
	pos, db, ok := c.start(args, 0, 1)
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
		where = append(where, "document_id = ?")
		qargs = append(qargs, id)
	}
	if *attribute != "" {
		where = append(where, "attribute = ?")
		qargs = append(qargs, *attribute)
	}
	if len(pos) == 1 {
		where = append(where, "name LIKE '%' || ? || '%'")
		qargs = append(qargs, pos[0])
	}
	q := `SELECT document, category, name, unit, baseline, target, attribute FROM indicator_flat`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return c.query(db, q+" ORDER BY document_id, indicator_id", qargs...)
}
