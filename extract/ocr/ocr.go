// Package ocr reads what a PDF prints as pictures where its text is
// missing: 专栏 boxes and indicator tables set as images. It finds the
// printed ruling lines of a table, crops each cell, runs Tesseract (an
// external program, one process per image over the list of its crops),
// rebuilds rows and columns from the grid, repairs the confusions the
// recogniser typically makes in plan tables and flags what needs a human
// look. The result is reader blocks, so that the structure parser makes
// columns, projects, tables and indicators of them as of any text.
package ocr

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"regexp"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
	"planx/extract/pdf"
)

// MinDPI is the resolution floor: below it characters are under ~11 px and
// the recogniser's output is not worth storing.
const MinDPI = 85

// Region is what was read from one image, for the provenance tables: which
// engine read it, how sure it was, and what needs review.
type Region struct {
	Page        int     `json:"page"`
	Kind        string  `json:"kind"`  // box or table
	Label       string  `json:"label"` // the box's label: 专栏3
	Title       string  `json:"title"`
	Engine      string  `json:"engine"`
	Version     string  `json:"version"`
	DPI         float64 `json:"dpi"`
	Confidence  float64 `json:"confidence"` // mean over lines or cells, 0–1
	NeedsReview bool    `json:"needs_review"`
	Lines       []Line  `json:"lines"`
}

// Line is one line of a box or one cell of a table as read, with the
// recogniser's confidence and the repairs made to it.
type Line struct {
	Row         int     `json:"row"`
	Col         int     `json:"col"` // 0 for box lines
	Text        string  `json:"text"`
	Confidence  float64 `json:"confidence"`
	NeedsReview bool    `json:"needs_review"`
	Repair      string  `json:"repair,omitempty"` // what was changed and why
}

// reviewBelow is the confidence under which a line or cell is flagged.
const reviewBelow = 0.75

// ProvenanceKind is the diagnostic kind that carries a Region to the store
// (see schema/ocr.go): a readable first line, then the Region as JSON.
const ProvenanceKind = "ocr"

// Read runs OCR over the images a PDF reader found where text is missing,
// and returns the blocks with what was read inserted where each image
// stands, with diagnostics: one per region read (its provenance), and one
// for each image skipped and why.
func Read(ctx context.Context, e *Engine, ims []pdf.Image, blocks []block.Block) ([]block.Block, []doc.Diagnostic) {
	var diags []doc.Diagnostic
	out := make([]block.Block, 0, len(blocks))
	next := 0
	known := numbers(blocks)
	for _, im := range ims {
		at := min(max(im.At, next), len(blocks))
		out = append(out, blocks[next:at]...)
		next = at
		if ctx.Err() != nil {
			diags = append(diags, doc.Diagnostic{Page: im.Page, Kind: "ocr_skipped", Message: fmt.Sprintf("the image on page %d was not read: the time for OCR of this document ran out", im.Page)})
			continue
		}
		bs, rg, err := readImage(ctx, e, im, known)
		if err != nil {
			diags = append(diags, doc.Diagnostic{Page: im.Page, Kind: "ocr_skipped", Message: err.Error()})
			continue
		}
		if rg == nil {
			continue
		}
		out = append(out, bs...)
		diags = append(diags, provenance(*rg))
	}
	out = append(out, blocks[next:]...)
	return out, diags
}

// provenance is the diagnostic that hands a region to the store.
func provenance(rg Region) doc.Diagnostic {
	review := 0
	for _, l := range rg.Lines {
		if l.NeedsReview {
			review++
		}
	}
	js, _ := json.Marshal(rg)
	return doc.Diagnostic{Page: rg.Page, Kind: ProvenanceKind, Message: fmt.Sprintf(
		"%s %s read by OCR (%s %s, %.0f dpi): %d %s, confidence %.2f, %d to review\n%s",
		rg.Label, rg.Kind, rg.Engine, rg.Version, rg.DPI, len(rg.Lines), map[bool]string{true: "cells", false: "lines"}[rg.Kind == "table"],
		rg.Confidence, review, js)}
}

// errSkip is an image that is not read, and why.
type errSkip struct{ why string }

func (e errSkip) Error() string { return e.why }

// readImage reads one image: a box (title and text) or a table in a box.
// An image without a 专栏 title (a map, a figure, a photo) gives nothing;
// a box without a title bar is read whole, its first line the title.
func readImage(ctx context.Context, e *Engine, im pdf.Image, known map[string]bool) ([]block.Block, *Region, error) {
	dpi := im.DPI()
	if dpi < MinDPI {
		return nil, nil, errSkip{fmt.Sprintf("the image on page %d is %.0f dpi, under the %d dpi that OCR needs: not read", im.Page, dpi, MinDPI)}
	}
	g, err := decode(im)
	if err != nil {
		return nil, nil, errSkip{fmt.Sprintf("the image on page %d could not be decoded for OCR: %v", im.Page, err)}
	}
	// character height in pixels: plan text is printed at 9–12 pt
	ch := int(dpi * 11 / 72)
	gr := rules(g, 3*ch, 3*ch)
	b := g.Bounds()
	band, body := titleBand(g, gr, ch)
	rg := &Region{Page: im.Page, Engine: "tesseract", Version: e.Version, DPI: dpi}
	if band.Empty() {
		return untitled(ctx, e, g, body, rg, ch)
	}
	inner := innerCols(gr, b, ch)
	var rows []int
	for _, y := range gr.rows {
		if y >= body.Min.Y-2 {
			rows = append(rows, y)
		}
	}
	table := len(inner) >= 2 && len(rows) >= 4
	crops := []*image.Gray{crop(g, band, 2, 200)}
	var cells []cell
	if table {
		tg := grid{rows: rows, cols: gr.cols, hs: gr.hs, vs: gr.vs}
		for _, c := range tg.cells() {
			if c.r.Dx() < ch || c.r.Dy() < ch/2 {
				continue
			}
			cells = append(cells, c)
		}
		for _, c := range cells {
			crops = append(crops, crop(g, c.r.Inset(3), 2, 255))
		}
	} else {
		crops = append(crops, crop(g, body.Inset(3), 1, 255))
	}
	words, err := e.recognise(ctx, crops)
	if err != nil {
		return nil, nil, errSkip{fmt.Sprintf("page %d: %v", im.Page, err)}
	}
	titleLines := lines(words[0])
	title := ""
	for _, l := range titleLines {
		title += l.text
	}
	lb := label.Parse(title)
	if lb.Kind != label.Box {
		return nil, nil, nil // not a 专栏: a figure or a photo with a caption
	}
	// a title never starts with a closing quote or a stop: specks on the
	// title bar read as one
	rg.Label, rg.Title = lb.Tag, strings.TrimLeft(strings.TrimSpace(lb.Rest), "”’\"'`.,，、·:：")
	head := block.Block{Text: lb.Tag + " " + rg.Title, Page: im.Page, Role: block.Box, Title: true}
	out := []block.Block{head}
	if table {
		rg.Kind = "table"
		out = append(out, tableBlocks(rg, g, cells, words[1:], im.Page, ch, known)...)
	} else {
		rg.Kind = "box"
		out = append(out, boxBlocks(rg, lines(words[1]), im.Page, ch)...)
	}
	rg.finish()
	return out, rg, nil
}

// untitled reads an image with no title bar as a box whose first line is
// its 专栏 title; an image whose first line is not (a map, a figure, a
// photo with a caption) gives nothing.
func untitled(ctx context.Context, e *Engine, g *image.Gray, body image.Rectangle, rg *Region, ch int) ([]block.Block, *Region, error) {
	words, err := e.recognise(ctx, []*image.Gray{crop(g, body.Inset(3), 1, 255)})
	if err != nil {
		return nil, nil, errSkip{fmt.Sprintf("page %d: %v", rg.Page, err)}
	}
	ls := lines(words[0])
	if len(ls) == 0 {
		return nil, nil, nil
	}
	lb := label.Parse(ls[0].text)
	if lb.Kind != label.Box {
		return nil, nil, nil
	}
	rg.Kind, rg.Label, rg.Title = "box", lb.Tag, strings.TrimLeft(strings.TrimSpace(lb.Rest), "”’\"'`.,，、·:：")
	out := []block.Block{{Text: lb.Tag + " " + rg.Title, Page: rg.Page, Role: block.Box, Title: true}}
	out = append(out, boxBlocks(rg, ls[1:], rg.Page, ch)...)
	rg.finish()
	return out, rg, nil
}

// finish sets the region's confidence (the mean of its lines') and its
// review flag (any line flagged).
func (rg *Region) finish() {
	var sum float64
	for _, l := range rg.Lines {
		sum += l.Confidence
		if l.NeedsReview {
			rg.NeedsReview = true
		}
	}
	if len(rg.Lines) > 0 {
		rg.Confidence = sum / float64(len(rg.Lines))
	}
}

// titleBand finds the title bar at the top of a box: the band above the
// first rule across the image that stands at least a line of text below
// the top border. body is the rest, inside the borders.
func titleBand(g *image.Gray, gr grid, ch int) (band, body image.Rectangle) {
	b := g.Bounds()
	top := b.Min.Y
	for _, y := range gr.rows {
		if y > b.Min.Y+ch/2 {
			break
		}
		top = y + 1
	}
	left, right := b.Min.X, b.Max.X
	for _, x := range gr.cols {
		if x < b.Min.X+ch {
			left = x + 1
		}
		if x > b.Max.X-ch && right == b.Max.X {
			right = x
		}
	}
	for _, y := range gr.rows {
		if y < top+ch || y > top+4*ch {
			continue
		}
		if spanned(gr.hs, y) < b.Dx()*8/10 {
			continue
		}
		return image.Rect(left, top, right, y), image.Rect(left, y+1, right, b.Max.Y)
	}
	return image.Rectangle{}, image.Rect(left, top, right, b.Max.Y)
}

// spanned is the length of the rule at position at.
func spanned(segs []segment, at int) int {
	n := 0
	for _, s := range segs {
		if s.at == at {
			n += s.b - s.a
		}
	}
	return n
}

// innerCols are the vertical rules inside the box's borders.
func innerCols(gr grid, b image.Rectangle, ch int) []int {
	var out []int
	for _, x := range gr.cols {
		if x > b.Min.X+ch && x < b.Max.X-ch {
			out = append(out, x)
		}
	}
	return out
}

var number = regexp.MustCompile(`\d+(?:\.\d+)?`)

// numbers are the numbers written in the text layer, to check the numbers
// read from images against.
func numbers(blocks []block.Block) map[string]bool {
	out := map[string]bool{}
	for _, b := range blocks {
		for _, n := range number.FindAllString(b.Text, -1) {
			out[n] = true
		}
	}
	return out
}
