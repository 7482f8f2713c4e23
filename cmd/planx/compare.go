package main

import (
	"context"
	"database/sql"
	"io"

	"planx/segment"
)

func runCompare(args []string, stdout, stderr io.Writer) int {
	c := newCmd("compare", "Usage: planx compare [--db FILE] [--all] [--format F] [PATTERN]\n"+
		"Groups the indicators that are the same measure across documents and lists them side by side; PATTERN filters by name.", true, stdout, stderr)
	all := c.fs.Bool("all", false, "also list indicators that only one document has")
	pos, ok := c.args(args, 0, 1)
	if !ok {
		return exitUsage
	}
	db, err := openWrite(*c.db, stderr)
	if err != nil {
		return exitUsage
	}
	defer db.Close()
	ctx := context.Background()
	if err := regroup(ctx, db); err != nil {
		return c.fail(err)
	}
	q := `SELECT c.group_id AS "group", c.name, c.unit, c.document_id AS doc, ` + docName + ` AS document, c.table_label AS "table",
		c.baseline, c.baseline_column, c.target, c.target_column, c.actual, c.actual_column, c.attribute
		FROM indicator_compare c JOIN documents d ON d.id = c.document_id
		WHERE (? OR (SELECT count(DISTINCT document_id) FROM indicator_compare x WHERE x.group_id = c.group_id) > 1)
		  AND (? = '' OR c.group_id IN (SELECT group_id FROM indicator_compare WHERE name LIKE '%' || ? || '%'))
		ORDER BY c.group_id, c.document_id, c.indicator_id`
	pattern := ""
	if len(pos) == 1 {
		pattern = pos[0]
	}
	return c.query(db, q, *all, pattern, pattern)
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
