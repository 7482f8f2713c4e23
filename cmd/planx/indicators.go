package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"planx/schema"
)

func runIndicators(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("indicators", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	docRef := fset.String("doc", "", "only this document (id or sha256 prefix)")
	attribute := fset.String("attribute", "", "only indicators with this attribute (预期性 or 约束性)")
	format := fset.String("format", "table", "output format: table, csv, json or jsonl")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx indicators [--db FILE] [--doc DOC] [--attribute 约束性] [--format table|csv|json|jsonl] [NAME]")
		fmt.Fprintln(stderr, "Lists indicators with their baseline and target; NAME filters by a part of the name.")
		fset.PrintDefaults()
	}
	pos, err := parseInterspersed(fset, args)
	if err != nil || len(pos) > 1 {
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "planx indicators: unknown format %q (table, csv, json, jsonl)\n", *format)
		return exitUsage
	}
	db, err := schema.OpenReadOnly(*dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	var where []string
	var qargs []any
	if *docRef != "" {
		id, err := findDocument(db, *docRef)
		if err != nil {
			fmt.Fprintf(stderr, "planx indicators: %v\n", err)
			return exitUsage
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
	q += " ORDER BY document_id, indicator_id"
	cols, rows, err := queryAll(db, q, qargs...)
	if err != nil {
		fmt.Fprintf(stderr, "planx indicators: %v\n", err)
		return exitUsage
	}
	if err := writeRows(stdout, *format, cols, rows); err != nil {
		fmt.Fprintf(stderr, "planx indicators: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func validFormat(f string) bool {
	switch f {
	case "table", "csv", "json", "jsonl":
		return true
	}
	return false
}
