package block

import (
	"context"
	"errors"
	"fmt"

	"planx/extract/decode"
	"planx/extract/doc"
)

// Reader reads the files of one format into a Layout. Every reader reports
// the same facts in the same types, and nothing that is not a fact of the
// page: what the words mean is the structure parser's business.
//
// A reader honours ctx where its work is long; it returns ErrEmpty for a
// file with no text and wraps other errors with what it could not read.
type Reader interface {
	Read(ctx context.Context, data []byte) (*Layout, error)
}

// ErrEmpty is returned for documents with no text.
var ErrEmpty = errors.New("no text")

// Layout is what a reader made of a file before any structure is parsed:
// its blocks in reading order and what the format says about itself.
type Layout struct {
	Format   decode.Format
	Encoding string // the text's encoding, where the format has one to tell
	Pages    int    // 0 where the format has no pages
	// Info holds what a web page's information table states (文号, 成文日期,
	// 发布机构, 名称/标题), keyed by the label without its colon.
	Info map[string]string
	// Meta is what the file's own properties say about it.
	Meta        Meta
	Blocks      []Block
	Diagnostics []doc.Diagnostic
	// Images are pictures that stand where text is missing, for OCR.
	Images []Image
}

// Meta is what a file's properties (a PDF's document information
// dictionary, a Word file's docProps/core.xml) say about it. They are hints
// only: the producer proposes a template's name or the first line as the
// title, the author is whoever ran the software, and the dates are when the
// file was made, not when the plan was issued. The text's own statement
// wins.
type Meta struct {
	Title    string
	Author   string
	Created  string // YYYY-MM-DD
	Modified string // YYYY-MM-DD
}

// Warn keeps what decoding repaired as diagnostics.
func (l *Layout) Warn(ws []decode.Warning) {
	for _, w := range ws {
		l.Diagnostics = append(l.Diagnostics, doc.Diagnostic{Kind: w.Kind, Message: w.Message})
	}
}

// Image is a picture that stands on a page where text is missing: a box or
// a table printed as an image (what the image_only diagnostic reports). It
// carries what an OCR step needs: the stored bytes, how to decode them, and
// where the image stands, on the page and in the reading order.
type Image struct {
	Page int
	// At is the index in Layout.Blocks of the first block after the image:
	// blocks read from it go before that block.
	At int
	// X0, Y0, X1, Y1 are the image's placement on the page in points
	// (y up), so that Width/(X1-X0)*72 is its resolution in dpi.
	X0, Y0, X1, Y1 float64
	// Width and Height are its size in pixels.
	Width, Height int
	// Filter is how Data is encoded: DCTDecode (a JPEG file), or "" for
	// raw samples (Flate and other general filters already undone).
	Filter string
	// Components (1 gray, 3 RGB, 4 CMYK) and BitsPerComponent describe raw
	// samples.
	Components, BitsPerComponent int
	// Data are the bytes, after Load.
	Data []byte
	// Err says why the pixels could not be had (an unsupported filter, a
	// damaged stream); Data is then nil.
	Err string
	// Fetch reads the bytes into Data (or says in Err why it cannot): the
	// reader leaves them in the file, since only OCR needs them.
	Fetch func(*Image)
}

// Load reads the image's bytes into Data (or says in Err why it cannot).
func (im *Image) Load() {
	if im.Data != nil || im.Err != "" || im.Fetch == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			im.Data, im.Err = nil, fmt.Sprintf("image on page %d could not be read: %v", im.Page, r)
		}
	}()
	im.Fetch(im)
}

// DPI is the image's effective resolution across the page.
func (im Image) DPI() float64 {
	if w := im.X1 - im.X0; w > 0 {
		return float64(im.Width) / w * 72
	}
	return 0
}
