package main

import (
	"flag"
	"fmt"
	"io"

	"planx/schema"
)

// runNotes finds a term across the footnotes and 名词解释 glossaries of all
// plans: the entries whose term or definition mention it.
func runNotes(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("notes", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	format := fset.String("format", "table", "output format: table, csv, json or jsonl")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx notes [--db FILE] [--format table|csv|json|jsonl] TERM")
		fmt.Fprintln(stderr, "Finds a defined term in every plan's notes and glossary (名词解释); entries whose term matches come first.")
		fset.PrintDefaults()
	}
	pos, err := parseInterspersed(fset, args)
	if err != nil || len(pos) != 1 {
		fset.Usage()
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "planx notes: unknown format %q (table, csv, json, jsonl)\n", *format)
		return exitUsage
	}
	db, err := schema.OpenReadOnly(*dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	cols, rows, err := queryAll(db, `SELECT coalesce(d.title, d.source) AS document, n.number, n.term, n.anchor, n.definition
		FROM notes n JOIN documents d ON d.id = n.document_id
		WHERE n.term LIKE '%' || ?1 || '%' OR n.anchor LIKE '%' || ?1 || '%' OR n.definition LIKE '%' || ?1 || '%'
		ORDER BY (n.term LIKE '%' || ?1 || '%' OR n.anchor LIKE '%' || ?1 || '%') DESC, d.id, n.ord`, pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "planx notes: %v\n", err)
		return exitUsage
	}
	if err := writeRows(stdout, *format, cols, rows); err != nil {
		fmt.Fprintf(stderr, "planx notes: %v\n", err)
		return exitUsage
	}
	return exitOK
}
