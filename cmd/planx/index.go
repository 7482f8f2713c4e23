package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"planx/extract/doc"
	"planx/schema"
	"planx/segment"
)

// indexer connects the segmenter to storage for one document: its words
// honour the document's own glossary terms.
type indexer struct {
	seg   *segment.Segmenter
	terms []string
}

func newIndexer(seg *segment.Segmenter, d *doc.Document) *indexer {
	ix := &indexer{seg: seg}
	for _, n := range d.Notes {
		if n.Term != "" {
			ix.terms = append(ix.terms, strings.Trim(n.Term, "“”\""))
		}
	}
	return ix
}

func (ix *indexer) cut(text string) []string {
	return segment.Join(ix.seg.Cut(text), ix.terms)
}

func (ix *indexer) Words(text string) string { return strings.Join(ix.cut(text), " ") }

func (ix *indexer) Chars(text string) string { return segment.Chars(text) }

func (ix *indexer) Keywords(text string, n int) []schema.Keyword {
	var out []schema.Keyword
	for _, k := range segment.Keywords(ix.cut(text), ix.seg.IDF, ix.seg.DefaultIDF(), n) {
		out = append(out, schema.Keyword{Term: k.Term, Weight: k.Weight})
	}
	return out
}

func runIndex(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("index", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	all := fset.Bool("all", false, "rebuild every document's index, not only the documents that have none")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx index [--db FILE] [--all]")
		fmt.Fprintln(stderr, "Builds the search index and keywords of documents ingested with --no-index.")
		fset.PrintDefaults()
	}
	if pos, err := parseInterspersed(fset, args); err != nil || len(pos) > 0 {
		return exitUsage
	}
	db, err := openWrite(*dbPath, stderr)
	if err != nil {
		return exitUsage
	}
	defer db.Close()
	ctx := context.Background()
	q := `SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search s WHERE s.document_id = d.id) ORDER BY id`
	if *all {
		q = `SELECT id FROM documents ORDER BY id`
	}
	_, rows, err := queryAll(db, q)
	if err != nil {
		fmt.Fprintf(stderr, "planx index: %v\n", err)
		return exitUsage
	}
	if len(rows) == 0 {
		fmt.Fprintln(stdout, "every document is indexed")
		return exitOK
	}
	seg, err := segment.New()
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	for _, r := range rows {
		id := r[0].(int64)
		_, terms, err := queryAll(db, `SELECT term FROM notes WHERE document_id = ? AND term IS NOT NULL`, id)
		if err != nil {
			fmt.Fprintf(stderr, "planx index: %v\n", err)
			return exitUsage
		}
		ix := &indexer{seg: seg}
		for _, t := range terms {
			ix.terms = append(ix.terms, strings.Trim(t[0].(string), "“”\""))
		}
		if err := schema.Reindex(ctx, db, id, ix, ix); err != nil {
			fmt.Fprintf(stderr, "planx index: document %d: %v\n", id, err)
			return exitUsage
		}
	}
	fmt.Fprintf(stdout, "indexed %d documents\n", len(rows))
	return exitOK
}
