package main

import (
	"fmt"
	"io"
)

func runKeywords(args []string, stdout, stderr io.Writer) int {
	c := newCmd("keywords", "Usage: planx keywords [--db FILE] [--measures] [--limit N] [--format F] DOC", true, stdout, stderr)
	measures := c.fs.Bool("measures", false, "list each measure's keywords instead of the document's")
	limit := c.fs.Int("limit", 30, "at most this many keywords (measures with --measures)")
	pos, db, ok := c.start(args, 1, 1)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	id, err := findDocument(db, pos[0])
	if err != nil {
		return c.fail(err)
	}
	q := `SELECT term, weight FROM keywords WHERE document_id = ? AND measure_id IS NULL ORDER BY weight DESC LIMIT ?`
	if *measures {
		// the order inside the aggregate, so that both engines list
		// a measure's keywords alike (on PostgreSQL group_concat is
		// planx's own aggregate, see schema/postgres.go)
		q = `SELECT m.title AS measure, group_concat(k.term, ' ' ORDER BY k.weight DESC, k.term) AS keywords FROM measures m
			JOIN keywords k ON k.measure_id = m.id
			WHERE m.document_id = ? GROUP BY m.id, m.title, m.ord ORDER BY m.ord LIMIT ?`
	}
	cols, rows, err := queryAll(db, q, id, *limit)
	if err != nil {
		return c.fail(err)
	}
	if len(rows) == 0 {
		fmt.Fprintln(stderr, "planx keywords: no keywords stored (the document was ingested with --no-index; run planx index)")
	}
	return c.print(cols, rows)
}
