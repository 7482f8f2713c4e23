// Package extract turns the bytes of a plan document into its document tree:
// it detects the format, runs the reader registered for it (readers.go),
// and parses the blocks the reader produced.
//
//	bytes ─► decode.Sniff (format) ─► block.Reader (layout) ─► structure ─► doc.Document
package extract

import (
	"context"
	"errors"
	"fmt"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/doc"
	"planx/extract/normalize"
	"planx/extract/structure"
)

// ErrUnsupported is returned for formats planx does not read yet.
var ErrUnsupported = errors.New("unsupported format")

// ErrEmpty is returned for documents with no text.
var ErrEmpty = block.ErrEmpty

// Layout is what a reader made of a file before any structure is parsed.
type Layout = block.Layout

// Read runs the reader for the file's format (readers.go) and returns its
// blocks. name is the file name (for the format of text exports); data is
// the file's bytes.
func Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	if len(data) == 0 {
		return nil, ErrEmpty
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format := decode.Sniff(name, data)
	r, ok := readers[format]
	if !ok {
		switch format {
		case decode.OLE:
			return nil, fmt.Errorf("%w: a Word 97–2003 (.doc) or WPS file; planx reads .docx: save it as .docx or PDF", ErrUnsupported)
		case decode.Unknown:
			return nil, fmt.Errorf("%w: binary data that is not a PDF, Word or web page", ErrUnsupported)
		}
		return nil, fmt.Errorf("%w: %s documents are not read yet", ErrUnsupported, format)
	}
	l, err := r.Read(ctx, data)
	if err != nil {
		return nil, err
	}
	l.Format = format
	normalize.Layout(l)
	return l, nil
}

// Extract reads one document and parses its structure. name is the file
// name (for the format of text exports); data is the file's bytes. It
// returns the context's error when the context is cancelled before it is
// done, having stopped its work.
func Extract(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	return ExtractWith(ctx, name, data, Options{})
}

// ExtractWith is Extract with options (OCR of image boxes: ocr.go).
func ExtractWith(ctx context.Context, name string, data []byte, opt Options) (*doc.Document, error) {
	l, err := Read(ctx, name, data)
	if err != nil {
		return nil, err
	}
	opt.readImages(ctx, l)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := structure.ParseContext(ctx, l.Blocks)
	if err != nil {
		return nil, err
	}
	fillFromInfo(&d.Meta, l.Info)
	fillFromFile(&d.Meta, l.Meta)
	d.Source = name
	d.Format = string(l.Format)
	d.Pages = l.Pages
	d.Diagnostics = append(l.Diagnostics, d.Diagnostics...)
	d.Encoding = l.Encoding
	if len(d.Sections) == 0 {
		d.Diagnostics = append(d.Diagnostics, doc.Diagnostic{Kind: "no_headings", Message: "no headings found; the text is stored as paragraphs"})
	}
	return d, nil
}

// fillFromInfo completes metadata from what a web page's information table
// states, where the document's own text did not say.
func fillFromInfo(m *doc.Meta, info map[string]string) {
	if len(info) == 0 {
		return
	}
	if m.DocNumber == "" {
		m.DocNumber = info["文号"]
	}
	if m.Issuer == "" {
		m.Issuer = info["发布机构"]
	}
	if m.IssuedDate == "" {
		m.IssuedDate = structure.ISODate(info["成文日期"])
	}
}

// fillFromFile completes metadata from the file's properties where the
// document's own text did not say: the title only. The author a file names
// is whoever ran the software, not the issuer, and its dates are when the
// file was made, not when the plan was issued (block.Meta).
func fillFromFile(m *doc.Meta, f block.Meta) {
	if m.Title == "" {
		m.Title = f.Title
	}
}
