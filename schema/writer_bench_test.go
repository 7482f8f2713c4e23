package schema

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"planx/segment"
)

// preparedIndexer is what ingest's workers hand the writer: every text's
// indexed form computed in advance, and keywords picked (here, a fixed
// list of the sizes ingest stores: 5 a measure, 30 a document).
type preparedIndexer struct {
	chars map[string]string
}

func (p preparedIndexer) Chars(t string) string {
	if c, ok := p.chars[t]; ok {
		return c
	}
	return segment.Chars(t)
}

func (p preparedIndexer) Keywords(_ string, n int) []Keyword {
	kw := make([]Keyword, n)
	for i := range kw {
		kw[i] = Keyword{fmt.Sprintf("词%d", i), float64(n - i)}
	}
	return kw
}

// writerDocs are the batch benchmark's documents (bench/gen: the corpus
// texts), n of them, each with its own hash, and their indexers.
func writerDocs(b *testing.B, n int) ([]corpusDoc, []preparedIndexer, int64) {
	all, err := corpusDocs()
	if err != nil {
		b.Fatal(err)
	}
	var seeds []corpusDoc
	for _, c := range all {
		if strings.HasSuffix(c.name, ".txt") {
			seeds = append(seeds, c)
		}
	}
	var docs []corpusDoc
	var ixs []preparedIndexer
	var bytes int64
	for i := 0; i < n; i++ {
		c := seeds[i%len(seeds)]
		c.sha = fmt.Sprintf("%s-%d", c.sha, i)
		ix := preparedIndexer{chars: map[string]string{}}
		for _, p := range c.d.Paragraphs {
			ix.chars[p.Text] = segment.Chars(p.Text)
		}
		for _, m := range c.d.Measures {
			ix.chars[MeasureText(m)] = segment.Chars(MeasureText(m))
		}
		docs = append(docs, c)
		ixs = append(ixs, ix)
		bytes += c.size
	}
	return docs, ixs, bytes
}

// BenchmarkWriter measures ingest's writer alone, on the documents of
// `N=200 bench/run.sh` already extracted and cut: what the single writer
// can store per second is the ceiling of ingest with the index, whatever
// the workers do. MB/s is of the documents' file bytes, as ingest counts.
// The fts setups insert only the search index's rows, as the writer
// does (128 to a statement, 32 documents a transaction), into the same
// table, to show what FTS5 itself costs and what its settings change.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Writer -benchtime 1x ./schema
func BenchmarkWriter(b *testing.B) {
	const n = 200
	docs, ixs, bytes := writerDocs(b, n)
	// the search rows of each document, as the writer inserts them: a
	// rowid is the row's id in its own table times 8 plus its kind, and
	// each table numbers its rows on its own
	rows := make([][]any, n)
	var pid, mid int64
	for k, c := range docs {
		covered := map[string]bool{}
		for _, m := range c.d.Measures {
			for _, l := range strings.Split(m.Text, "\n") {
				covered[l] = true
			}
		}
		for _, p := range c.d.Paragraphs {
			pid++
			if !covered[p.Text] {
				rows[k] = append(rows[k], pid*8, ixs[k].Chars(p.Text))
			}
		}
		for _, m := range c.d.Measures {
			mid++
			rows[k] = append(rows[k], mid*8+1, ixs[k].Chars(MeasureText(m)))
		}
	}
	for _, s := range writerSetups {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(bytes)
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db, err := Open(filepath.Join(b.TempDir(), "w.db"))
				if err != nil {
					b.Fatal(err)
				}
				for _, q := range s.setup {
					if _, err := db.Exec(q); err != nil {
						b.Fatal(q, err)
					}
				}
				ctx := context.Background()
				began := cpuTime()
				b.StartTimer()
				var tx *Batch
				var pending []any
				for k, c := range docs {
					if tx == nil {
						if tx, err = BeginBatch(ctx, db); err != nil {
							b.Fatal(err)
						}
					}
					switch {
					case s.fts && s.savepoints:
						err = tx.whole(func() error {
							w := &writer{ctx: ctx, tx: tx.tx, stmts: tx.stmts}
							r := rows[k]
							if s.sorted {
								r = sortedRows(r)
							}
							w.insertMany(ftsInsert(s.trigram), "(?,?)", 2, ftsForm(s.trigram, r))
							return w.err
						})
						tx.Len++
					case s.fts:
						pending = append(pending, rows[k]...)
						tx.Len++
					default:
						opt := Options{}
						if s.index {
							opt.Index = ixs[k]
						}
						if s.keywords {
							opt.Keywords = ixs[k]
						}
						_, _, err = tx.Store(c.d, c.sha, c.size, opt)
					}
					if err != nil {
						b.Fatal(err)
					}
					if tx.Len >= 32 || k == len(docs)-1 {
						w := &writer{ctx: ctx, tx: tx.tx, stmts: tx.stmts}
						if s.sorted {
							pending = sortedRows(pending)
						}
						w.insertMany(ftsInsert(s.trigram), "(?,?)", 2, ftsForm(s.trigram, pending))
						if w.err != nil {
							b.Fatal(w.err)
						}
						pending = pending[:0]
						if err := tx.Commit(); err != nil {
							b.Fatal(err)
						}
						tx = nil
					}
				}
				for _, q := range s.end {
					if _, err := db.Exec(q); err != nil {
						b.Fatal(q, err)
					}
				}
				b.StopTimer()
				cpu += cpuTime() - began
				var segs int
				db.QueryRow(`SELECT count(*) FROM search_data`).Scan(&segs)
				b.ReportMetric(float64(segs), "fts-pages")
				db.Close()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time the process has used: on a shared machine, a
// steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sortedRows orders (rowid, text) pairs by rowid.
func sortedRows(r []any) []any {
	type row struct {
		rid  int64
		text any
	}
	list := make([]row, 0, len(r)/2)
	for i := 0; i < len(r); i += 2 {
		list = append(list, row{r[i].(int64), r[i+1]})
	}
	slices.SortFunc(list, func(a, b row) int { return cmp.Compare(a.rid, b.rid) })
	out := make([]any, 0, len(r))
	for _, x := range list {
		out = append(out, x.rid, x.text)
	}
	return out
}

// ftsInsert is the statement the fts setups insert with: into the
// search index, or into a trigram index of the texts themselves.
func ftsInsert(trigram bool) string {
	if trigram {
		return `INSERT INTO trigram (rowid, text) VALUES `
	}
	return `INSERT INTO search (rowid, text) VALUES `
}

// ftsForm gives the rows in the form the index takes: for the trigram
// index, the text without the spaces between its characters.
func ftsForm(trigram bool, rows []any) []any {
	if !trigram {
		return rows
	}
	out := make([]any, len(rows))
	for i, v := range rows {
		if t, ok := v.(string); ok {
			v = strings.ReplaceAll(t, " ", "")
		}
		out[i] = v
	}
	return out
}

func ftsConfig(key string, v int) string {
	return fmt.Sprintf(`INSERT INTO search (search, rank) VALUES ('%s', %d)`, key, v)
}

// writerSetups are the writer's settings compared by BenchmarkWriter.
var writerSetups = []struct {
	name       string
	index      bool // store documents with the index (else without)
	keywords   bool // store documents with keywords
	fts        bool // insert the index's rows only
	savepoints bool // with fts: a savepoint per document, as Batch.Store takes
	sorted     bool // with fts: rows inserted in the order of their rowids
	trigram    bool // with fts: the texts themselves into a trigram index
	setup, end []string
}{
	{name: "rows"},
	{name: "rows+keywords", keywords: true},
	{name: "rows+index", index: true, keywords: true},
	{name: "rows+index,hash16M", index: true, keywords: true, setup: []string{ftsConfig("hashsize", 16<<20)}},
	{name: "rows+index,merge4-16", index: true, keywords: true, setup: []string{ftsConfig("automerge", 4), ftsConfig("crisismerge", 16)}},
	{name: "rows+index,merge16-64", index: true, keywords: true, setup: []string{ftsConfig("automerge", 16), ftsConfig("crisismerge", 64)}},
	{name: "rows+index,merge0+optimize", index: true, keywords: true, setup: []string{ftsConfig("automerge", 0)},
		end: []string{`INSERT INTO search (search) VALUES ('optimize')`}},
	{name: "rows+index,pgsz16k", index: true, keywords: true, setup: []string{ftsConfig("pgsz", 16000)}},
	{name: "rows+index,cache64M", index: true, keywords: true, setup: []string{`PRAGMA cache_size = -65536`}},
	{name: "rows+index,checkpoint10k", index: true, keywords: true, setup: []string{`PRAGMA wal_autocheckpoint = 10000`}},
	{name: "rows+index,tempmem", index: true, keywords: true, setup: []string{`PRAGMA temp_store = MEMORY`}},
	{name: "rows+index,sync-off", index: true, keywords: true, setup: []string{`PRAGMA synchronous = OFF`}},
	{name: "fts-savepoints", fts: true, savepoints: true},
	{name: "fts-batch", fts: true, sorted: true},
	{name: "fts-batch,trigram", fts: true, sorted: true, trigram: true,
		setup: []string{`CREATE VIRTUAL TABLE trigram USING fts5(text, content='', tokenize='trigram')`}},
}
