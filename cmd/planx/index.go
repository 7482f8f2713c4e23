package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"planx/extract/doc"
	"planx/schema"
	"planx/segment"
)

// segLoader loads the segmenter the first time a document needs it, so
// that a batch with nothing to index (every file unchanged, --no-index)
// never pays for the dictionary.
type segLoader struct {
	once sync.Once
	seg  *segment.Segmenter
	err  error
	// loaded, if set, is called once the dictionary is in memory
	loaded func()
}

func (l *segLoader) get() (*segment.Segmenter, error) {
	l.once.Do(func() {
		l.seg, l.err = segment.New()
		if l.err == nil && l.loaded != nil {
			l.loaded()
		}
	})
	return l.seg, l.err
}

// indexer connects the segmenter to storage for one document. prepare
// computes, in a worker, everything storing the document asks for — the
// indexed form of each text and the keywords of the document and of its
// measures — so that the single writer only inserts.
type indexer struct {
	seg   *segment.Segmenter
	terms []string // the document's own glossary terms, kept whole
	join  *segment.Joiner
	rank  *segment.Ranker
	chars map[string]string           // text → its indexed form
	kws   map[string][]schema.Keyword // text → its keywords
}

func newIndexer(seg *segment.Segmenter, d *doc.Document) *indexer {
	ix := &indexer{seg: seg, rank: segment.NewRanker(seg.IDF, seg.DefaultIDF())}
	for _, n := range d.Notes {
		if n.Term != "" {
			ix.terms = append(ix.terms, strings.Trim(n.Term, "“”\""))
		}
	}
	return ix
}

func (ix *indexer) cut(text string) []string {
	if ix.join == nil {
		ix.join = segment.NewJoiner(ix.terms)
	}
	return ix.join.Join(ix.seg.Cut(text))
}

// texts are what storing or re-indexing a document indexes: paragraphs in
// order, each measure's indexed text with its body, and the other texts.
type texts struct {
	paragraphs []string
	measures   []measureText
	others     []string // indicator and project names, notes
}

type measureText struct {
	text, title, body string
}

func documentTexts(d *doc.Document) texts {
	var t texts
	for _, p := range d.Paragraphs {
		t.paragraphs = append(t.paragraphs, p.Text)
	}
	for _, m := range d.Measures {
		t.measures = append(t.measures, measureText{schema.MeasureText(m), m.Title, m.Text})
	}
	for _, tb := range d.Tables {
		for _, in := range tb.Indicators {
			t.others = append(t.others, in.Name)
		}
	}
	for _, c := range d.Boxes {
		for _, p := range c.Projects {
			t.others = append(t.others, p.Name)
		}
	}
	for _, n := range d.Notes {
		t.others = append(t.others, schema.NoteText(n))
	}
	return t
}

// prepare cuts the document's texts and picks its keywords, in the form
// schema.Store and schema.Reindex ask for them.
func (ix *indexer) prepare(t texts) {
	ix.chars = map[string]string{}
	ix.kws = map[string][]schema.Keyword{}
	// each distinct text is cut once, into the numbers of its words that
	// can be keywords: a measure's text is made of paragraphs already cut
	ids := map[string][]int32{}
	cut := func(s string) []int32 {
		w, ok := ids[s]
		if !ok {
			w = ix.rank.IDs(ix.cut(s), nil)
			ids[s] = w
		}
		return w
	}
	var all strings.Builder
	covered := map[string]bool{}
	for _, m := range t.measures {
		for _, l := range strings.Split(m.body, "\n") {
			covered[l] = true
		}
	}
	parts := make([][]int32, 0, len(t.paragraphs))
	for _, p := range t.paragraphs {
		parts = append(parts, cut(p))
		all.WriteString(p)
		all.WriteByte('\n')
		if !covered[p] {
			ix.chars[p] = segment.Chars(p)
		}
	}
	ix.kws[all.String()] = ix.top(30, parts...)
	for _, m := range t.measures {
		ix.chars[m.text] = segment.Chars(m.text)
		parts = parts[:0]
		if m.text != m.body {
			parts = append(parts, cut(m.title))
		}
		for _, line := range strings.Split(m.body, "\n") {
			parts = append(parts, cut(line))
		}
		ix.kws[m.text] = ix.top(5, parts...)
	}
	for _, o := range t.others {
		ix.chars[o] = segment.Chars(o)
	}
}

// top is the n keywords of a text given as the numbers of its words.
func (ix *indexer) top(n int, ids ...[]int32) []schema.Keyword {
	var out []schema.Keyword
	for _, k := range ix.rank.Top(n, ids...) {
		out = append(out, schema.Keyword{Term: k.Term, Weight: k.Weight})
	}
	return out
}

func (ix *indexer) Chars(text string) string {
	if c, ok := ix.chars[text]; ok {
		return c
	}
	return segment.Chars(text)
}

func (ix *indexer) Keywords(text string, n int) []schema.Keyword {
	if k, ok := ix.kws[text]; ok {
		return k
	}
	return ix.top(n, ix.rank.IDs(ix.cut(text), nil))
}

// storedIndexer prepares the index of a stored document from the database
// (read-only connection), as newIndexer and prepare do for an extracted one.
func storedIndexer(ctx context.Context, db *sql.DB, seg *segment.Segmenter, id int64) (*indexer, error) {
	ix := &indexer{seg: seg, rank: segment.NewRanker(seg.IDF, seg.DefaultIDF())}
	var t texts
	read := func(q string, scan func(*sql.Rows) error) error {
		rows, err := db.QueryContext(ctx, q, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	var s string
	err := read(`SELECT text FROM paragraphs WHERE document_id = ? ORDER BY ord`, func(r *sql.Rows) error {
		err := r.Scan(&s)
		t.paragraphs = append(t.paragraphs, s)
		return err
	})
	if err == nil {
		err = read(`SELECT title, text FROM measures WHERE document_id = ? ORDER BY ord`, func(r *sql.Rows) error {
			var m doc.Measure
			err := r.Scan(&m.Title, &m.Text)
			t.measures = append(t.measures, measureText{schema.MeasureText(m), m.Title, m.Text})
			return err
		})
	}
	if err == nil {
		err = read(`SELECT text FROM search_source WHERE document_id = ? AND kind IN ('indicator', 'project', 'note')`, func(r *sql.Rows) error {
			err := r.Scan(&s)
			t.others = append(t.others, s)
			return err
		})
	}
	if err == nil {
		err = read(`SELECT term FROM notes WHERE document_id = ? AND term IS NOT NULL`, func(r *sql.Rows) error {
			err := r.Scan(&s)
			ix.terms = append(ix.terms, strings.Trim(s, "“”\""))
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read document %d to index it: %w", id, err)
	}
	ix.prepare(t)
	return ix, nil
}

func runIndex(args []string, stdout, stderr io.Writer) int {
	c := newCmd("index", "Usage: planx index [--db FILE] [--all] [--format text|json]\n"+
		"Builds the search index and keywords of documents ingested with --no-index.", false, stdout, stderr)
	all := c.fs.Bool("all", false, "rebuild every document's index, not only the documents that have none")
	format := c.fs.String("format", "text", "output: text, or json ({\"indexed\": [ids]})")
	if _, ok := c.args(args, 0, 0); !ok {
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "planx index: unknown format %q (text, json)\n", *format)
		return exitUsage
	}
	report := func(ids []int64) {
		if *format == "json" {
			if ids == nil {
				ids = []int64{}
			}
			json.NewEncoder(stdout).Encode(map[string]any{"indexed": ids})
			return
		}
		if len(ids) == 0 {
			fmt.Fprintln(stdout, "every document is indexed")
			return
		}
		fmt.Fprintf(stdout, "indexed %d documents\n", len(ids))
	}
	db, err := openWrite(*c.db, stderr)
	if err != nil {
		return exitUsage
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := schema.ResetStale(ctx, db); err != nil {
		return c.fail(err)
	}
	var ids []int64
	if *all {
		_, rows, err := queryAll(db, `SELECT id FROM documents ORDER BY id`)
		if err != nil {
			return c.fail(err)
		}
		for _, r := range rows {
			ids = append(ids, r[0].(int64))
		}
	} else if ids, err = schema.Unindexed(ctx, db); err != nil {
		return c.fail(err)
	}
	if len(ids) == 0 {
		report(nil)
		return exitOK
	}
	seg, err := segment.New()
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	for _, id := range ids {
		ix, err := storedIndexer(ctx, db, seg, id)
		if err != nil {
			return c.fail(err)
		}
		if err := schema.Reindex(ctx, db, id, ix, ix); err != nil {
			return c.fail(fmt.Errorf("document %d: %w", id, err))
		}
	}
	report(ids)
	return exitOK
}
