package schema

import (
	"context"
	"database/sql"
	"fmt"

	"planx/extract/doc"
)

// A Batch stores several documents in one transaction, each whole: a
// document whose writing fails is rolled back to the savepoint taken
// before it, so the batch commits complete documents only, and a crash
// before the commit loses the batch, never part of a document. One commit
// for many documents saves the commit's page writes and lets the search
// index flush one segment instead of one per document.
type Batch struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	pg    bool
	// Len is the number of documents written since the batch began.
	Len int
}

// BeginBatch starts a batch.
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
		o, id, err = storeTx(b.ctx, b.tx, b.stmts, b.pg, d, sha, size, opt)
		return err
	})
	return o, id, err
}

// Reindex rebuilds a document's index as Reindex does, inside the batch.
func (b *Batch) Reindex(docID int64, ix Indexer, kw Keyworder) error {
	return b.whole(func() error { return reindexTx(b.ctx, b.tx, b.stmts, b.pg, docID, ix, kw) })
}

// whole runs write between a savepoint and its release, rolling back to
// the savepoint when write fails.
func (b *Batch) whole(write func() error) error {
	if _, err := b.tx.ExecContext(b.ctx, "SAVEPOINT document"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := write(); err != nil {
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

// Commit commits the batch.
func (b *Batch) Commit() error {
	for _, st := range b.stmts {
		st.Close()
	}
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback abandons the batch.
func (b *Batch) Rollback() error {
	for _, st := range b.stmts {
		st.Close()
	}
	return b.tx.Rollback()
}
