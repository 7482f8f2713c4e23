// Package extract turns the bytes of a plan document into its document tree:
// it detects the format, runs the reader for it, and parses the blocks the
// reader produced.
//
//	bytes ─► decode (format, encoding) ─► reader (blocks) ─► structure ─► doc.Document
package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/doc"
	"planx/extract/docx"
	"planx/extract/pdf"
	"planx/extract/structure"
	"planx/extract/text"
	"planx/extract/web"
)

// ErrUnsupported is returned for formats planx does not read yet.
var ErrUnsupported = errors.New("unsupported format")

// ErrEmpty is returned for documents with no text.
var ErrEmpty = errors.New("no text")

// Layout is what a reader made of a file before any structure is parsed:
// its blocks in reading order and what the format says about itself.
type Layout struct {
	Format      decode.Format
	Encoding    string
	Pages       int
	Info        map[string]string // a web page's information table
	Blocks      []block.Block
	Diagnostics []doc.Diagnostic
	Images      []pdf.Image // a PDF's images where text is missing, for OCR
}

// Read runs the reader for the file's format and returns its blocks. name is
// the file name (for the format of text exports); data is the file's bytes.
func Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	if len(data) == 0 {
		return nil, ErrEmpty
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := &Layout{Format: decode.Sniff(name, data)}
	switch l.Format {
	case decode.Text:
		dec, err := decode.Decode(data)
		if err != nil {
			return nil, err
		}
		l.Encoding = dec.Encoding
		l.warn(dec.Warnings)
		if strings.TrimSpace(dec.Text) == "" {
			return nil, ErrEmpty
		}
		var diags []doc.Diagnostic
		l.Blocks, diags = text.ReadReport(dec.Text)
		l.Diagnostics = append(l.Diagnostics, diags...)
	case decode.HTML:
		pg, err := web.Read(data)
		if err != nil {
			return nil, err
		}
		l.Blocks, l.Encoding, l.Info = pg.Blocks, pg.Encoding, pg.Info
		l.warn(pg.Warnings)
	case decode.DOCX:
		dx, err := docx.Read(data)
		if err != nil {
			return nil, err
		}
		l.Blocks = dx.Blocks
	case decode.PDF:
		pd, err := pdf.Read(data)
		if err != nil {
			return nil, err
		}
		l.Blocks, l.Pages, l.Images = pd.Blocks, pd.Pages, pd.Images
		for _, g := range pd.Diagnostics {
			l.Diagnostics = append(l.Diagnostics, doc.Diagnostic{Page: g.Page, Kind: g.Kind, Message: g.Message})
		}
	case decode.OLE:
		return nil, fmt.Errorf("%w: a Word 97–2003 (.doc) or WPS file; planx reads .docx: save it as .docx or PDF", ErrUnsupported)
	case decode.Unknown:
		return nil, fmt.Errorf("%w: binary data that is not a PDF, Word or web page", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: %s documents are not read yet", ErrUnsupported, l.Format)
	}
	return l, nil
}

// warn keeps what decoding repaired as diagnostics.
func (l *Layout) warn(ws []decode.Warning) {
	for _, w := range ws {
		l.Diagnostics = append(l.Diagnostics, doc.Diagnostic{Kind: w.Kind, Message: w.Message})
	}
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
