package schema

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"planx/extract/doc"
)

// A Batch stores several documents in one transaction, each whole: a
// document whose writing fails is rolled back to the savepoint taken
// before it, so the batch commits complete documents only, and a crash
// before the commit loses the batch, never part of a document. One commit
// for many documents saves the commit's page writes and lets the search
// index flush one segment instead of one per document.
//
// The search index's rows of the batch's documents are inserted when it
// commits, all at once and in rowid order: FTS5 writes what it holds as a
// segment at every savepoint, so rows inserted document by document made a
// segment (and in time a merge) a document.
type Batch struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	index []docIndex // the documents' search rows, inserted by Commit
	pg    bool
	// Len is the number of documents written since the batch began.
	Len int
}

// BeginBatch starts a batch.
//
// The statement journal of the documents' savepoints stays in a temporary
// file: in memory (temp_store) it cost the writer 10–15% less CPU in
// BenchmarkWriter but raised ingest's peak memory by about 18 MB (207 MB
// for 1,000 documents), and ingest's speed did not change.
func BeginBatch(ctx context.Context, db *sql.DB) (*Batch, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Batch{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, pg: isPostgres(db)}, nil
}

// Store writes d as Store does, inside the batch.
func (b *Batch) Store(d *doc.Document, sha string, size int64, opt Options) (Outcome, int64, error) {
	var o Outcome
	var id int64
	err := b.whole(func() error {
		var err error
		if !b.pg {
			opt.later = &b.index
		}
		o, id, err = storeTx(b.ctx, b.tx, b.stmts, b.pg, d, sha, size, opt)
		return err
	})
	return o, id, err
}

// Reindex rebuilds a document's index as Reindex does, inside the batch.
func (b *Batch) Reindex(docID int64, ix Indexer, kw Keyworder) error {
	later := &b.index
	if b.pg {
		later = nil
	}
	return b.whole(func() error { return reindexTx(b.ctx, b.tx, b.stmts, b.pg, later, docID, ix, kw) })
}

// whole runs write between a savepoint and its release, rolling back to
// the savepoint when write fails.
func (b *Batch) whole(write func() error) error {
	if _, err := b.tx.ExecContext(b.ctx, "SAVEPOINT document"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	held := slices.Clone(b.index) // a replaced document may drop rows of another
	if err := write(); err != nil {
		b.index = held
		if _, rerr := b.tx.ExecContext(b.ctx, "ROLLBACK TO document"); rerr != nil {
			return fmt.Errorf("%v; and rolling it back: %w", err, rerr)
		}
		b.tx.ExecContext(b.ctx, "RELEASE document")
		return err
	}
	if _, err := b.tx.ExecContext(b.ctx, "RELEASE document"); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	b.Len++
	return nil
}

// DocsPerTransaction is how many documents a batch on db should hold at
// most. On PostgreSQL it is one: several processes write at once, and a
// transaction that holds one new document waits for no other that could
// wait for it (two batches inserting the same files in different orders
// would deadlock).
func DocsPerTransaction(db *sql.DB, max int) int {
	if isPostgres(db) {
		return 1
	}
	return max
}

// Commit inserts the batch's search rows and commits the batch; when it
// fails, the batch is rolled back.
func (b *Batch) Commit() error {
	var rows []indexRow
	for _, d := range b.index {
		rows = append(rows, d.rows...)
	}
	w := &writer{ctx: b.ctx, tx: b.tx, stmts: b.stmts}
	w.insertIndex(rows)
	b.index = nil
	for _, st := range b.stmts {
		st.Close()
	}
	if w.err != nil {
		b.tx.Rollback()
		return w.err
	}
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback abandons the batch.
func (b *Batch) Rollback() error {
	b.index = nil
	for _, st := range b.stmts {
		st.Close()
	}
	return b.tx.Rollback()
}
