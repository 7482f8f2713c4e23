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
	"errors"
	"fmt"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"planx/extract/block"
)

// Diagnostic is something the reader could not read, and why.
type Diagnostic struct {
	Page    int
	Kind    string // image_only, garbled_text, unsupported_font, scanned, encrypted, bad_page
	Message string
}

// Document is what Read finds in a PDF.
type Document struct {
	Blocks      []block.Block
	Pages       int
	Diagnostics []Diagnostic
	Info        map[string]string // the document information dictionary: Title, Author, …
}

// ErrEncrypted is returned for a PDF that needs a password.
var ErrEncrypted = errors.New("the PDF is encrypted")

// maxPages bounds the pages read from one document.
const maxPages = 5000

// Read parses a PDF.
func Read(data []byte) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("damaged PDF: %v", r)
		}
	}()
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
		return nil, fmt.Errorf("damaged PDF: %w", err)
	}
	doc = &Document{Info: map[string]string{}}
	info := r.Trailer().Key("Info")
	for _, k := range info.Keys() {
		if v := info.Key(k); v.Kind() == lpdf.String {
			doc.Info[k] = v.Text()
		}
	}
	n := r.NumPage()
	if n > maxPages {
		n = maxPages
	}
	doc.Pages = n
	fonts := &fontCache{byKey: map[string]*font{}}
	var pages []*page
	for i := 1; i <= n; i++ {
		pg, err := readPage(r, i, fonts)
		if err != nil {
			doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Page: i, Kind: "bad_page", Message: err.Error()})
			continue
		}
		pages = append(pages, pg)
	}
	doc.Blocks, doc.Diagnostics = layoutDocument(pages, doc.Diagnostics)
	return doc, nil
}

// readPage interprets one page's content under recover.
func readPage(r *lpdf.Reader, n int, fonts *fontCache) (pg *page, err error) {
	defer func() {
		if e := recover(); e != nil {
			pg, err = nil, fmt.Errorf("page %d could not be read: %v", n, e)
		}
	}()
	p := r.Page(n)
	if p.V.IsNull() {
		return nil, fmt.Errorf("page %d is missing", n)
	}
	box := inherited(p.V, "MediaBox")
	pg = &page{number: n, width: 595, height: 842}
	if box.Len() == 4 {
		pg.x0, pg.y0 = box.Index(0).Float64(), box.Index(1).Float64()
		pg.width = box.Index(2).Float64() - pg.x0
		pg.height = box.Index(3).Float64() - pg.y0
	}
	in := &interpreter{fonts: fonts, out: &pg.content}
	in.run(p.V.Key("Contents"), p.Resources(), identity)
	return pg, nil
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
