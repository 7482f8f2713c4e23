package planx_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"planx"
)

// Ingest a directory of plans and ask which indicators they set, with the
// table and column each value comes from.
func Example() {
	dir, _ := os.MkdirTemp("", "planx")
	defer os.RemoveAll(dir)
	db, err := planx.Open(filepath.Join(dir, "plans.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	files, _ := planx.Files([]string{"corpus/jiangmen-public-services-14th-fyp.txt"}, nil)
	if _, err := db.Ingest(context.Background(), files, planx.Options{}); err != nil {
		log.Fatal(err)
	}
	rows, err := db.Query(`SELECT table_label, name, baseline, baseline_column, target, target_column
		FROM indicator_flat WHERE name LIKE '%预期寿命%'`)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, name, baseline, baseCol, target, targetCol string
		rows.Scan(&table, &name, &baseline, &baseCol, &target, &targetCol)
		fmt.Println(table, name, baseline, baseCol, target, targetCol)
	}
	// Output:
	// 表2-1 人均预期寿命 80.96 2020年 80.7 2025年
}

// Progress reports each file in input order as it is stored, with the id
// the document got and what was extracted; a file that cannot be read is a
// failed Result, and the batch goes on.
func ExampleDB_Ingest() {
	dir, _ := os.MkdirTemp("", "planx")
	defer os.RemoveAll(dir)
	db, err := planx.Open(filepath.Join(dir, "plans.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	files := []string{"corpus/jiangmen-public-services-14th-fyp.txt", empty, "corpus/national-digital-economy-14th-fyp.md"}
	sum, err := db.Ingest(context.Background(), files, planx.Options{
		Jobs: 2,
		Progress: func(r planx.Result) {
			if r.Err != nil {
				fmt.Println(r.Status, filepath.Base(r.Path))
				return
			}
			fmt.Println(r.Status, r.ID, r.Doc.Meta.Title, planx.Counts(r.Doc)["measures"], "measures")
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.Stored(), "stored,", sum.Counts[planx.Failed], "failed")
	// Output:
	// ingested 1 江门市公共服务“十四五”规划 151 measures
	// failed empty.txt
	// ingested 2 “十四五”数字经济发展规划 55 measures
	// 2 stored, 1 failed
}
