// Package pdf reads plan documents published as PDF into blocks.
//
// It builds its own text layer on the object model and content-stream
// interpreter of github.com/ledongthuc/pdf: fonts are decoded once each
// (ToUnicode maps, W and Widths arrays), text and graphics state are followed
// through q/Q, cm and form XObjects, and every glyph is placed on the page.
// Glyphs are then grouped into lines by baseline and into paragraphs,
// headings, table rows, boxes and notes by their geometry (see layout.go).
// Each page is read under recover: one bad page is a diagnostic, not a
// failed document.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/doc"
)

// Diagnostic is something the reader could not read, and why: its kinds
// are image_only, garbled_text, unsupported_font, scanned, bad_page,
// repaired, watermark and over_limit.
type Diagnostic = doc.Diagnostic

// Reader reads PDF files (block.Reader).
type Reader struct{}

// Read reads a PDF; the context is looked at between pages.
func (Reader) Read(ctx context.Context, data []byte) (*block.Layout, error) {
	return read(ctx, data)
}

// ErrEncrypted is returned for a PDF that needs a password.
var ErrEncrypted = errors.New("the PDF is encrypted")

// maxPages bounds the pages read from one document.
const maxPages = 5000

// Read parses a PDF.
func Read(data []byte) (*block.Layout, error) {
	return read(context.Background(), data)
}

func read(ctx context.Context, data []byte) (l *block.Layout, err error) {
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, fmt.Errorf("damaged PDF: %v", r)
		}
	}()
	data = trimFile(data)
	if err := checkColumns(data); err != nil {
		return nil, fmt.Errorf("damaged PDF: %w", err)
	}
	var repaired string
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A PDF locked only against copying or printing (an owner
		// password, an empty user password) opens; one that needs a
		// password to open, or uses AES-256 (V=5), does not.
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return nil, fmt.Errorf("%w: it needs a password to open", ErrEncrypted)
		}
		if strings.Contains(strings.ToLower(err.Error()), "encrypt") {
			return nil, fmt.Errorf("%w with a method planx cannot read (%v); save an unprotected copy", ErrEncrypted, err)
		}
		fixed := rebuildXref(data)
		if fixed == nil {
			return nil, fmt.Errorf("damaged PDF: %w", err)
		}
		r2, err2 := lpdf.NewReader(bytes.NewReader(fixed), int64(len(fixed)))
		if err2 != nil {
			return nil, fmt.Errorf("damaged PDF: %w", err)
		}
		r = r2
		repaired = fmt.Sprintf("the file's cross-reference table could not be read (%v); it was rebuilt from the objects in the file", err)
	}
	var diags []Diagnostic
	if repaired != "" {
		diags = append(diags, Diagnostic{Kind: "repaired", Message: repaired})
	}
	l = &block.Layout{Format: decode.PDF, Meta: meta(r.Trailer().Key("Info"))}
	list, cut := pageTree(r)
	l.Pages = len(list)
	if cut {
		diags = append(diags, Diagnostic{Kind: "over_limit",
			Message: fmt.Sprintf("the page tree holds more than the %d pages planx reads (limit maxPages); the pages after page %d are not read", maxPages, len(list))})
	}
	fonts := &fontCache{byKey: map[string]*font{}}
	var pages []*page
	for i, pv := range list {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pg, err := readPage(pv, i+1, fonts)
		if err != nil {
			diags = append(diags, Diagnostic{Page: i + 1, Kind: "bad_page", Message: err.Error()})
			continue
		}
		for _, o := range pg.content.over {
			diags = append(diags, Diagnostic{Page: i + 1, Kind: "over_limit",
				Message: fmt.Sprintf("page %d: %s (limit %s); that part of the page is not read", i+1, o.detail, o.name)})
		}
		if pg.content.cut {
			diags = append(diags, Diagnostic{Page: i + 1, Kind: "bad_page",
				Message: fmt.Sprintf("page %d: a content stream ends inside a hex string and is not read", i+1)})
		}
		pages = append(pages, pg)
	}
	var images []placed
	l.Blocks, images, l.Diagnostics = layoutDocument(pages, diags)
	l.Images = imageInfo(data, images)
	return l, nil
}

// meta reads the document information dictionary: Title, Author,
// CreationDate and ModDate, where they are set.
func meta(info lpdf.Value) block.Meta {
	text := func(k string) string {
		if v := info.Key(k); v.Kind() == lpdf.String {
			return strings.TrimSpace(v.Text())
		}
		return ""
	}
	return block.Meta{Title: text("Title"), Author: text("Author"),
		Created: pdfDate(text("CreationDate")), Modified: pdfDate(text("ModDate"))}
}

// pdfDate turns a PDF date (D:20240527125543+08'00') into YYYY-MM-DD, or ""
// where it is not one.
func pdfDate(s string) string {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 8 {
		return ""
	}
	for _, c := range s[:8] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:8]
}

// pageList walks the page tree once, in order. The library's own lookup
// walks it again for every page and loops forever on a tree that contains
// itself (a damaged /Kids); this walk visits each inner node once and is
// bounded in depth and in nodes.
func pageList(r *lpdf.Reader) []lpdf.Value {
	list, _ := pageTree(r)
	return list
}

// pageTree is pageList that also says whether the walk stopped at its
// bounds (maxPages pages, or a tree too deep or too large) with pages left
// unread.
func pageTree(r *lpdf.Reader) (list []lpdf.Value, cut bool) {
	var out []lpdf.Value
	visits := 0
	// An inner node's printed form names its kids by reference, so it tells
	// a node met twice (a damaged tree) from a new one. (Two leaves may
	// print alike: blank pages that share their content.)
	seen := map[string]bool{}
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		visits++
		if depth > 32 || visits > 4*maxPages || len(out) >= maxPages {
			cut = cut || v.Kind() == lpdf.Dict
			return
		}
		if v.Kind() != lpdf.Dict {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == lpdf.Array && v.Key("Type").Name() != "Page" {
			key := v.String()
			if seen[key] {
				return
			}
			seen[key] = true
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		out = append(out, v)
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return out, cut
}

// readPage interprets one page's content under recover.
func readPage(pv lpdf.Value, n int, fonts *fontCache) (pg *page, err error) {
	defer func() {
		if e := recover(); e != nil {
			pg, err = nil, fmt.Errorf("page %d could not be read: %v", n, e)
		}
	}()
	box := inherited(pv, "MediaBox")
	pg = &page{number: n, width: 595, height: 842}
	if box.Len() == 4 {
		pg.x0, pg.y0 = box.Index(0).Float64(), box.Index(1).Float64()
		pg.width = box.Index(2).Float64() - pg.x0
		pg.height = box.Index(3).Float64() - pg.y0
	}
	in := &interpreter{fonts: fonts, out: &pg.content}
	in.run(pv.Key("Contents"), inherited(pv, "Resources"), identity)
	turnUpright(pg)
	return pg, nil
}

// turnUpright turns a page whose text mostly runs up, down or upside down
// (a wide table set sideways on a portrait page, or a landscape page
// printed onto a portrait sheet) so that it reads left to right, with its
// rulings and images; the rest of the reader then sees an ordinary
// landscape page.
func turnUpright(pg *page) {
	var count [4]int
	for _, g := range pg.content.glyphs {
		count[g.dir]++
	}
	dir := turn(0)
	for d := turn(1); d < 4; d++ {
		if count[d] > count[dir] {
			dir = d
		}
	}
	if dir == 0 {
		return
	}
	move := func(x, y float64) (float64, float64) {
		switch dir {
		case 1:
			return y, -x
		case 3:
			return -y, x
		}
		return -x, -y
	}
	// Upright text on a turned page is its running header, footer or page
	// number, printed for the portrait sheet: dropped, not turned into a
	// column of single characters.
	c := &pg.content
	kept := c.glyphs[:0]
	for _, g := range c.glyphs {
		if g.dir == dir {
			g.x, g.y = move(g.x, g.y)
			kept = append(kept, g)
		}
	}
	c.glyphs = kept
	// a box turns corner by corner, and its corners swap
	moveRect := func(x0, y0, x1, y1 float64) rect {
		ax, ay := move(x0, y0)
		bx, by := move(x1, y1)
		return normRect(ax, ay, bx, by)
	}
	for i, r := range c.rects {
		n := moveRect(r.x0, r.y0, r.x1, r.y1)
		n.stroked = r.stroked
		c.rects[i] = n
	}
	for i, im := range c.images {
		n := moveRect(im.x0, im.y0, im.x1, im.y1)
		c.images[i] = image{n.x0, n.y0, n.x1, n.y1, im.obj}
	}
	b := moveRect(pg.x0, pg.y0, pg.x0+pg.width, pg.y0+pg.height)
	pg.x0, pg.y0, pg.width, pg.height = b.x0, b.y0, b.x1-b.x0, b.y1-b.y0
}

// trimFile undoes what downloads and newer writers do to a PDF that the
// library's strict checks refuse: bytes before %PDF- (a BOM, an HTTP
// header) and after the last %%EOF (padding, an appended page of HTML) are
// cut, since the file's offsets count from %PDF-; a PDF 2.0 header is read
// as 1.7, whose syntax 2.0 keeps.
func trimFile(data []byte) []byte {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 {
		data = data[i:]
	}
	// anything but line ends and spaces after the last %%EOF, however
	// short (a comment, NUL padding), makes the library refuse the file
	if i := bytes.LastIndex(data, []byte("%%EOF")); i >= 0 && len(bytes.TrimRight(data[i+len("%%EOF"):], "\r\n\t ")) > 0 {
		data = data[:i+len("%%EOF")]
	}
	if len(data) > 9 && bytes.HasPrefix(data, []byte("%PDF-")) &&
		(data[5] != '1' || data[6] != '.' || data[7] < '0' || data[7] > '7' || data[8] != '\n' && data[8] != '\r') {
		// same length, so that every offset still holds
		data = append([]byte("%PDF-1.7\n"), data[9:]...)
	}
	return data
}

// inherited looks a page attribute up the page tree (MediaBox, Resources and
// Rotate are inherited from the parent Pages nodes).
func inherited(v lpdf.Value, key string) lpdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return lpdf.Value{}
}
