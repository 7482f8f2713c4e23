package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"

	"planx/segment"
)

func runCompare(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("compare", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	format := fset.String("format", "table", "output format: table, csv, json or jsonl")
	all := fset.Bool("all", false, "also list indicators that only one document has")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx compare [--db FILE] [--all] [--format F] [PATTERN]")
		fmt.Fprintln(stderr, "Groups the indicators that are the same measure across documents and lists them side by side; PATTERN filters by name.")
		fset.PrintDefaults()
	}
	pos, err := parseInterspersed(fset, args)
	if err != nil || len(pos) > 1 {
		fset.Usage()
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "planx compare: unknown format %q\n", *format)
		return exitUsage
	}
	db, err := openWrite(*dbPath, stderr)
	if err != nil {
		return exitUsage
	}
	defer db.Close()
	ctx := context.Background()
	if err := regroup(ctx, db); err != nil {
		fmt.Fprintf(stderr, "planx compare: %v\n", err)
		return exitUsage
	}
	q := `SELECT c.group_id AS "group", c.name, c.unit, c.document, c.table_label AS "table", c.baseline, c.target, c.attribute
		FROM indicator_compare c
		WHERE (? OR (SELECT count(DISTINCT document_id) FROM indicator_compare x WHERE x.group_id = c.group_id) > 1)
		  AND (? = '' OR c.group_id IN (SELECT group_id FROM indicator_compare WHERE name LIKE '%' || ? || '%'))
		ORDER BY c.group_id, c.document_id, c.indicator_id`
	pattern := ""
	if len(pos) == 1 {
		pattern = pos[0]
	}
	cols, rows, err := queryAll(db, q, *all, pattern, pattern)
	if err != nil {
		fmt.Fprintf(stderr, "planx compare: %v\n", err)
		return exitUsage
	}
	if err := writeRows(stdout, *format, cols, rows); err != nil {
		return exitUsage
	}
	return exitOK
}

// regroup recomputes indicator_groups for every indicator in the database,
// in one transaction.
func regroup(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT id, document_id, name, coalesce(unit, '') FROM indicators ORDER BY id`)
	if err != nil {
		return err
	}
	var refs []segment.IndicatorRef
	for rows.Next() {
		var r segment.IndicatorRef
		if err := rows.Scan(&r.ID, &r.Document, &r.Name, &r.Unit); err != nil {
			rows.Close()
			return err
		}
		refs = append(refs, r)
	}
	rows.Close()
	groups := segment.GroupIndicators(refs)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_groups`); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO indicator_groups (group_id, indicator_id) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, r := range refs {
		if _, err := stmt.ExecContext(ctx, refs[groups[i]].ID, r.ID); err != nil {
			return err
		}
	}
	return tx.Commit()
}
