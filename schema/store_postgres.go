package schema

import (
	"fmt"
	"sort"
	"strings"

	"planx/extract/doc"
)

// On PostgreSQL every statement is a round trip to the server, and a
// document has hundreds of rows: the writer reserves the ids of the rows
// other rows refer to in one query (reserveIDs), queues the rows, and sends
// them many to an INSERT (sendQueue) before any other statement and at the
// end of the document. The ids come from each table's own sequence, in
// order, so that one process ingesting a batch gives the ids SQLite gives.

// idTables are the tables whose ids other rows refer to.
var idTables = []string{"sections", "paragraphs", "measures", "columns", "projects", "tables", "indicators", "notes"}

// reserveIDs takes from their sequences the ids of d's rows in idTables.
func (w *writer) reserveIDs(d *doc.Document) {
	if w.err != nil {
		return
	}
	projects, indicators := 0, 0
	for _, c := range d.Boxes {
		projects += len(c.Projects)
	}
	for _, t := range d.Tables {
		indicators += len(t.Indicators)
	}
	counts := []any{len(d.Sections), len(d.Paragraphs), len(d.Measures), len(d.Boxes), projects, len(d.Tables), indicators, len(d.Notes)}
	var q strings.Builder
	for i, t := range idTables {
		if i > 0 {
			q.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&q, "SELECT %d, nextval(pg_get_serial_sequence('%s', 'id')) FROM generate_series(1, $%d::int)", i, t, i+1)
	}
	rows, err := w.tx.QueryContext(w.ctx, q.String(), counts...)
	if err != nil {
		w.err = fmt.Errorf("store: reserve ids: %w", err)
		return
	}
	defer rows.Close()
	w.ids = map[string][]int64{}
	for rows.Next() {
		var t int
		var id int64
		if err := rows.Scan(&t, &id); err != nil {
			w.err = fmt.Errorf("store: reserve ids: %w", err)
			return
		}
		w.ids[idTables[t]] = append(w.ids[idTables[t]], id)
	}
	if err := rows.Err(); err != nil {
		w.err = fmt.Errorf("store: reserve ids: %w", err)
	}
	for _, ids := range w.ids {
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	}
}

// insertPostgres queues a one-row INSERT into a table of idTables with the
// next reserved id, and returns the id.
func (w *writer) insertPostgres(query string, args []any) int64 {
	if w.err != nil {
		return 0
	}
	table := strings.Fields(query)[2] // INSERT INTO table (…
	var id int64
	if ids := w.ids[table]; len(ids) > 0 {
		id, w.ids[table] = ids[0], ids[1:]
	} else if err := w.tx.QueryRowContext(w.ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id'))`, table).Scan(&id); err != nil {
		w.err = fmt.Errorf("store: %w", err)
		return 0
	}
	q := strings.Replace(query, table+" (", table+" (id, ", 1)
	q = strings.Replace(q, "VALUES (", "VALUES (?,", 1)
	w.execPostgres(q, append([]any{id}, args...))
	return id
}

// pgInsert is a one-row INSERT statement and the arguments of the rows
// queued for it.
type pgInsert struct {
	head, row string // INSERT INTO t (…) VALUES, (?,?,…)
	width     int    // arguments per row
	args      []any
}

// execPostgres queues a one-row INSERT … VALUES (…), or sends the queue and
// runs any other statement. The rows of one statement are sent together,
// statements in the order they first came: a row refers only to rows of
// its own table or of tables whose rows came first (an indicator's values
// follow the indicator), so the rows they refer to are stored first.
func (w *writer) execPostgres(query string, args []any) {
	if w.err != nil {
		return
	}
	if i := strings.Index(query, "VALUES ("); strings.HasPrefix(query, "INSERT INTO ") && i > 0 {
		row := strings.TrimSpace(query[i+len("VALUES "):])
		if strings.Count(row, "(") == 1 && strings.HasSuffix(row, ")") && strings.Trim(row, "(?, \n\t)") == "" {
			head := query[:i+len("VALUES")]
			for k := range w.queue {
				if w.queue[k].head == head && w.queue[k].row == row {
					w.queue[k].args = append(w.queue[k].args, args...)
					return
				}
			}
			w.queue = append(w.queue, pgInsert{head: head, row: row, width: strings.Count(row, "?"), args: args})
			return
		}
	}
	w.sendQueue()
	if w.err != nil {
		return
	}
	if _, err := w.tx.ExecContext(w.ctx, query, args...); err != nil {
		w.err = fmt.Errorf("store: %w", err)
	}
}

// sendQueue inserts the queued rows, many to a statement: a power
// of two of them (at most 512, and 32767 arguments), so that the server
// and pgx keep a few prepared statements per table, not one per count.
func (w *writer) sendQueue() {
	for _, in := range w.queue {
		args := in.args
		for len(args) > 0 && w.err == nil {
			n, most := 1, min(512, 32767/in.width)
			for n*2 <= len(args)/in.width && n*2 <= most {
				n *= 2
			}
			q := in.head + " " + strings.TrimSuffix(strings.Repeat(in.row+",", n), ",")
			if _, err := w.tx.ExecContext(w.ctx, q, args[:n*in.width]...); err != nil {
				w.err = fmt.Errorf("store: %w", err)
			}
			args = args[n*in.width:]
		}
	}
	w.queue = w.queue[:0]
}
