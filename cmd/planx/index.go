package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"planx/extract/doc"
	"planx/schema"
	"planx/segment"
)

// indexer connects the segmenter to storage for one document: its words
// honour the document's own glossary terms. prepare cuts the document's
// texts in advance (in a worker), so that storing them (in the single
// writer) only looks the words up.
type indexer struct {
	seg   *segment.Segmenter
	terms []string
	join  *segment.Joiner
	words map[string][]string         // text → its words, filled by prepare
	kws   map[string][]schema.Keyword // text → its keywords, filled by prepare
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
	if w, ok := ix.words[text]; ok {
		return w
	}
	if ix.join == nil {
		ix.join = segment.NewJoiner(ix.terms)
	}
	return ix.join.Join(ix.seg.Cut(text))
}

// prepare cuts every text that storing d will index, and picks the keywords
// of the document and of its measures, in the form schema.Store asks for
// them.
func (ix *indexer) prepare(d *doc.Document) {
	ix.words = map[string][]string{}
	ix.kws = map[string][]schema.Keyword{}
	add := func(t string) []string {
		w := ix.cut(t)
		ix.words[t] = w
		return w
	}
	var all strings.Builder
	var allWords []string
	for _, p := range d.Paragraphs {
		allWords = append(allWords, add(p.Text)...)
		all.WriteString(p.Text)
		all.WriteByte('\n')
	}
	ix.kws[all.String()] = ix.rank(allWords, 30)
	for _, m := range d.Measures {
		// a measure's text is made of paragraphs already cut: reuse their
		// words, and cut only the title and what is new
		text := schema.MeasureText(m)
		words, ok := ix.words[text]
		if !ok {
			if text != m.Text {
				words = append(words, add(m.Title)...)
			}
			for _, line := range strings.Split(m.Text, "\n") {
				words = append(words, add(line)...)
			}
			ix.words[text] = words
		}
		ix.kws[text] = ix.rank(words, 5)
	}
	for _, t := range d.Tables {
		for _, in := range t.Indicators {
			add(in.Name)
		}
	}
	for _, c := range d.Columns {
		for _, p := range c.Projects {
			add(p.Name)
		}
	}
	for _, n := range d.Notes {
		add(schema.NoteText(n))
	}
}

func (ix *indexer) rank(words []string, n int) []schema.Keyword {
	var out []schema.Keyword
	for _, k := range segment.Keywords(words, ix.seg.IDF, ix.seg.DefaultIDF(), n) {
		out = append(out, schema.Keyword{Term: k.Term, Weight: k.Weight})
	}
	return out
}

func (ix *indexer) Words(text string) string { return strings.Join(ix.cut(text), " ") }

func (ix *indexer) Chars(text string) string { return segment.Chars(text) }

func (ix *indexer) Keywords(text string, n int) []schema.Keyword {
	if k, ok := ix.kws[text]; ok {
		return k
	}
	return ix.rank(ix.cut(text), n)
}

func runIndex(args []string, stdout, stderr io.Writer) int {
	c := newCmd("index", "Usage: planx index [--db FILE] [--all]\n"+
		"Builds the search index and keywords of documents ingested with --no-index.", false, stdout, stderr)
	all := c.fs.Bool("all", false, "rebuild every document's index, not only the documents that have none")
	if _, ok := c.args(args, 0, 0); !ok {
		return exitUsage
	}
	db, err := openWrite(*c.db, stderr)
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
		return c.fail(err)
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
			return c.fail(err)
		}
		ix := &indexer{seg: seg}
		for _, t := range terms {
			ix.terms = append(ix.terms, strings.Trim(t[0].(string), "“”\""))
		}
		if err := schema.Reindex(ctx, db, id, ix, ix); err != nil {
			return c.fail(fmt.Errorf("document %d: %w", id, err))
		}
	}
	fmt.Fprintf(stdout, "indexed %d documents\n", len(rows))
	return exitOK
}
