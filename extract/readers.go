package extract

import (
	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/docx"
	"planx/extract/pdf"
	"planx/extract/text"
	"planx/extract/web"
)

// readers holds the reader of each format that decode.Sniff tells. A new
// format is a package with a type that implements block.Reader, and a line
// here.
var readers = map[decode.Format]block.Reader{
	decode.Text: text.Reader{},
	decode.HTML: web.Reader{},
	decode.DOCX: docx.Reader{},
	decode.PDF:  pdf.Reader{},
}
