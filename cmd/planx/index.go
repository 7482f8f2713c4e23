package main

import (
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
