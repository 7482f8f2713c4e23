package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"planx/schema"
)

// Limits of planx query, so that a query typed by mistake (an unbounded
// recursive CTE, a cross join of the paragraphs) ends with a message
// instead of taking the machine.
const (
	defaultMaxRows      = 100000
	defaultQueryTimeout = 60 * time.Second
	queryHeapLimit      = 256 << 20 // bytes SQLite may allocate
)

func runQuery(args []string, stdout, stderr io.Writer) int {
	c := newCmd("query", "Usage: planx query [--db FILE] [--format table|csv|json|jsonl] [--max-rows N] [--timeout D] SQL\n"+
		"Runs one read-only statement (SELECT, WITH, VALUES, EXPLAIN or PRAGMA); anything that would write is refused.", true, stdout, stderr)
	maxRows := c.fs.Int("max-rows", defaultMaxRows, "stop after this many rows (0: no limit)")
	timeout := c.fs.Duration("timeout", defaultQueryTimeout, "stop a query that runs longer than this (0: no limit)")
	pos, ok := c.args(args, 1, -1)
	if !ok {
		return exitUsage
	}
	db, err := schema.OpenReadOnlyLimited(*c.db, schema.ReadLimits{HeapBytes: queryHeapLimit})
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	cols, rows, cut, err := readQuery(db, strings.Join(pos, " "), *maxRows, *timeout)
	if err != nil {
		return c.fail(err)
	}
	code := c.print(cols, rows)
	if cut {
		fmt.Fprintf(stderr, "planx query: stopped after %d rows (--max-rows); the query has more\n", *maxRows)
	}
	return code
}

// readQuery runs one read-only statement typed by a user (see
// schema.CheckReadStatement) on a read-only connection, within timeout
// (0: none), and returns at most maxRows rows (0: all); cut reports that
// there were more.
func readQuery(db *sql.DB, q string, maxRows int, timeout time.Duration) (cols []string, rows [][]any, cut bool, err error) {
	if err := schema.CheckReadStatement(q); err != nil {
		return nil, nil, false, err
	}
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var src queryer = db
	if schema.IsPostgresDB(db) {
		// a READ ONLY transaction (the connection's default, asked
		// again), with the server stopping the statement at the timeout
		tx, err := schema.BeginReadOnly(ctx, db, timeout)
		if err != nil {
			return nil, nil, false, err
		}
		defer tx.Rollback()
		src = tx
	}
	cols, rows, cut, err = queryRows(ctx, src, q, maxRows)
	switch {
	case err != nil && (ctx.Err() == context.DeadlineExceeded || strings.Contains(err.Error(), "statement timeout")):
		return nil, nil, false, fmt.Errorf("query ran longer than %v (--timeout): stopped", timeout)
	case err != nil && (strings.Contains(err.Error(), "not authorized") || strings.Contains(err.Error(), "readonly") ||
		strings.Contains(err.Error(), "read-only transaction")):
		return nil, nil, false, fmt.Errorf("refused on a readonly connection: the statement would change the database or the connection (%v)", err)
	case err != nil && strings.Contains(err.Error(), "out of memory"):
		return nil, nil, false, fmt.Errorf("query needed more than %d MB: stopped", queryHeapLimit>>20)
	}
	return cols, rows, cut, err
}

// queryAll runs a query and returns its column names and rows, with values
// as Go values (nil, int64, float64, string).
func queryAll(db *sql.DB, q string, args ...any) ([]string, [][]any, error) {
	cols, rows, _, err := queryRows(context.Background(), db, q, 0, args...)
	return cols, rows, err
}

// queryer runs queries: a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// queryRows is queryAll with a context and at most max rows (0: all); cut
// reports that there were more.
func queryRows(ctx context.Context, db queryer, q string, max int, args ...any) (cols []string, out [][]any, cut bool, err error) {
	rs, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, false, err
	}
	defer rs.Close()
	cols, err = rs.Columns()
	if err != nil {
		return nil, nil, false, err
	}
	for rs.Next() {
		if max > 0 && len(out) == max {
			return cols, out, true, nil
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, nil, false, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, vals)
	}
	return cols, out, false, rs.Err()
}

func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return fmt.Sprintf("%g", x)
	default:
		return fmt.Sprint(x)
	}
}

func writeRows(w io.Writer, format string, cols []string, rows [][]any) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(cols)
		for _, r := range rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cellString(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "json", "jsonl":
		objs := make([]map[string]any, len(rows))
		for i, r := range rows {
			m := make(map[string]any, len(cols))
			for j, c := range cols {
				m[c] = r[j]
			}
			objs[i] = m
		}
		if format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(objs)
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, o := range objs {
			if err := enc.Encode(orderedRow(cols, o)); err != nil {
				return err
			}
		}
		return nil
	default:
		return writeTable(w, cols, rows)
	}
}

// orderedRow keeps a JSON line's keys in the query's column order.
type jsonRow struct {
	cols []string
	m    map[string]any
}

func orderedRow(cols []string, m map[string]any) jsonRow { return jsonRow{cols, m} }

func (r jsonRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c)
		v, err := marshalNoEscape(r.m[c])
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimRight(b.String(), "\n")), nil
}

// writeTable prints rows as an aligned text table. Widths count CJK
// characters as two columns, as a terminal shows them; long cells are cut.
func writeTable(w io.Writer, cols []string, rows [][]any) error {
	const maxCell = 60
	cells := make([][]string, 0, len(rows)+1)
	cells = append(cells, cols)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			s := strings.ReplaceAll(cellString(v), "\n", " ")
			rec[i] = truncate(s, maxCell)
		}
		cells = append(cells, rec)
	}
	widths := make([]int, len(cols))
	for _, rec := range cells {
		for i, c := range rec {
			if n := displayWidth(c); n > widths[i] {
				widths[i] = n
			}
		}
	}
	for n, rec := range cells {
		var b strings.Builder
		for i, c := range rec {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(rec)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if n == 0 {
			var sep strings.Builder
			for i := range rec {
				if i > 0 {
					sep.WriteString("  ")
				}
				sep.WriteString(strings.Repeat("-", widths[i]))
			}
			fmt.Fprintln(w, sep.String())
		}
	}
	fmt.Fprintf(w, "(%d rows)\n", len(rows))
	return nil
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r == '“' || r == '”') {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func truncate(s string, max int) string {
	if displayWidth(s) <= max {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := displayWidth(string(r))
		if n+w > max-1 {
			break
		}
		b.WriteRune(r)
		n += w
	}
	return b.String() + "…"
}
