package main

import (
	"flag"
	"fmt"
	"io"

	"planx/schema"
)

func runKeywords(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("keywords", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	measures := fset.Bool("measures", false, "list each measure's keywords instead of the document's")
	limit := fset.Int("limit", 30, "at most this many keywords (per measure with --measures)")
	format := fset.String("format", "table", "output format: table, csv, json or jsonl")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx keywords [--db FILE] [--measures] [--limit N] [--format F] DOC")
		fset.PrintDefaults()
	}
	pos, err := parseInterspersed(fset, args)
	if err != nil || len(pos) != 1 {
		fset.Usage()
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "planx keywords: unknown format %q\n", *format)
		return exitUsage
	}
	db, err := schema.OpenReadOnly(*dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	id, err := findDocument(db, pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "planx keywords: %v\n", err)
		return exitUsage
	}
	q := `SELECT term, weight FROM keywords WHERE document_id = ? AND measure_id IS NULL ORDER BY weight DESC LIMIT ?`
	if *measures {
		q = `SELECT m.title AS measure, group_concat(k.term, ' ') AS keywords FROM measures m
			JOIN (SELECT * FROM keywords ORDER BY weight DESC) k ON k.measure_id = m.id
			WHERE m.document_id = ? GROUP BY m.id ORDER BY m.ord LIMIT ?`
	}
	cols, rows, err := queryAll(db, q, id, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "planx keywords: %v\n", err)
		return exitUsage
	}
	if len(rows) == 0 {
		fmt.Fprintln(stderr, "planx keywords: no keywords stored (the document was ingested with --no-index; run planx index)")
	}
	if err := writeRows(stdout, *format, cols, rows); err != nil {
		return exitUsage
	}
	return exitOK
}
