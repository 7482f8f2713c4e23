// Package structure parses the blocks that a reader produced into a plan's
// document tree: metadata, the outline, paragraphs, measures, tables, 专栏
// boxes and notes.
//
// Parsing has two stages, in the manner of go/parser and of goldmark's
// block parsers. First the block parsers of the registry (registry.go),
// each in its own file with its vocabulary, read the blocks into the
// section tree: every block goes to the parser of the highest priority
// whose trigger it meets and that takes it. Then passes over the finished
// tree add what needs the whole of it: measures, note links, the projects
// of boxes, and the doubt checks.
//
// Its rules describe how Chinese plans are written (heading numbering, lead
// sentences, box and table labels), never one document.
package structure

import (
	"context"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// Parse builds the document tree from blocks.
func Parse(blocks []block.Block) *doc.Document {
	d, _ := ParseContext(context.Background(), blocks)
	return d
}

// ParseContext builds the document tree from blocks, and stops with the
// context's error when it is cancelled (a per-document timeout).
func ParseContext(ctx context.Context, blocks []block.Block) (*doc.Document, error) {
	p := &parser{d: &doc.Document{}}
	lead, body := unwrap(blocks)
	p.d.Meta = meta(lead, body)
	p.toc = findTOCs(body)
	if err := p.parseBlocks(ctx, body); err != nil {
		return nil, err
	}
	// the passes over the finished tree
	measures(p.d)
	linkNotes(p.d.Notes, p.markers)
	for i := range p.d.Boxes {
		p.d.Boxes[i].Projects = Projects(p.d.Boxes[i].Body)
	}
	for i := range p.d.Tables {
		t := &p.d.Tables[i]
		t.Indicators = indicators(t, p.d.Meta.PeriodStart, p.d.Meta.PeriodEnd)
	}
	doubts(p.d)
	return p.d, nil
}

// checkEvery is how many blocks the parser reads between looks at its
// context.
const checkEvery = 512

// parser is the state the block parsers share while they build the tree.
// The position in the blocks is not part of it: each block parser is given
// where to read (an input) and returns how many blocks it read.
type parser struct {
	// d is the section tree being built. Its sections are linked by
	// Parent and appended in document order, and text always goes under
	// the newest section, so the innermost open section is the last one
	// (see section).
	d *doc.Document

	// open are the headings that text or a deeper heading can still fall
	// under, outermost first.
	open []openSection

	// bodySince is whether text has followed the newest heading: a
	// heading repeated at the top of a page before any text is the same
	// heading.
	bodySince bool

	// toc are the tables of contents, [from, to) in blocks each, which
	// the parser skips (found before parsing: see findTOCs).
	toc [][2]int

	// boxTag is the label of the newest 专栏 as a table inside it takes
	// it (专栏3), "" for a box with no number.
	boxTag string

	// markers are the note markers of the body, in order, for the pass
	// that links notes to them; marked holds their numbers, for the notes
	// printed after the text (endnoteParser).
	markers []marker
	marked  map[int]bool
}

// openSection is a section of the outline that is still open.
type openSection struct {
	index int        // in d.Sections
	kind  label.Kind // its label's kind; None for an annex, which closes everything
}

// section is the index of the innermost open section, -1 before the first.
func (p *parser) section() int { return len(p.d.Sections) - 1 }

// parseBlocks reads the document's own blocks (see unwrap) with the
// registered block parsers.
func (p *parser) parseBlocks(ctx context.Context, blocks []block.Block) error {
	for at, n := 0, 0; at < len(blocks); n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		_, took := p.parseBlock(newInput(blocks, at))
		at += took
	}
	p.open = nil
	return ctx.Err()
}

// parseBlock gives the block at in to the block parsers in order of
// priority and returns the name of the one that took it and how many
// blocks it read.
func (p *parser) parseBlock(in input) (string, int) {
	for _, bp := range registry {
		if !bp.trigger(in) {
			continue
		}
		if n := bp.parse(p, in); n > 0 {
			return bp.name, n
		}
	}
	panic("structure: no block parser took a block") // the paragraph parser takes any
}

func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}
