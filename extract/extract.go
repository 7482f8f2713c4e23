// Package extract turns the bytes of a plan document into its document tree:
// it detects the format, runs the reader for it, and parses the blocks the
// reader produced.
//
//	bytes ─► decode (format, encoding) ─► reader (blocks) ─► structure ─► doc.Document
package extract

import (
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

// Extract reads one document. name is the file name (for the format of
// text exports); data is the file's bytes.
func Extract(name string, data []byte) (*doc.Document, error) {
	if len(data) == 0 {
		return nil, ErrEmpty
	}
	format := decode.Sniff(name, data)
	var blocks []block.Block
	var enc string
	var info map[string]string
	var diags []doc.Diagnostic
	pages := 0
	switch format {
	case decode.Text:
		s, e, err := decode.ToUTF8(data)
		if err != nil {
			return nil, err
		}
		enc = e
		if strings.TrimSpace(s) == "" {
			return nil, ErrEmpty
		}
		blocks = text.Read(s)
	case decode.HTML:
		pg, err := web.Read(data)
		if err != nil {
			return nil, err
		}
		blocks, enc, info = pg.Blocks, pg.Encoding, pg.Info
	case decode.DOCX:
		dx, err := docx.Read(data)
		if err != nil {
			return nil, err
		}
		blocks = dx.Blocks
	case decode.PDF:
		pd, err := pdf.Read(data)
		if err != nil {
			return nil, err
		}
		blocks, pages = pd.Blocks, pd.Pages
		for _, g := range pd.Diagnostics {
			diags = append(diags, doc.Diagnostic{Page: g.Page, Kind: g.Kind, Message: g.Message})
		}
	case decode.OLE:
		return nil, fmt.Errorf("%w: a Word 97–2003 (.doc) or WPS file; planx reads .docx: save it as .docx or PDF", ErrUnsupported)
	case decode.Unknown:
		return nil, fmt.Errorf("%w: binary data that is not a PDF, Word or web page", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: %s documents are not read yet", ErrUnsupported, format)
	}
	d := structure.Parse(blocks)
	fillFromInfo(&d.Meta, info)
	d.Source = name
	d.Format = string(format)
	d.Pages = pages
	d.Diagnostics = append(diags, d.Diagnostics...)
	d.Encoding = enc
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
