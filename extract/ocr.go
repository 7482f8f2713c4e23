package extract

import (
	"context"
	"time"

	"planx/extract/doc"
	"planx/extract/ocr"
)

// Options say what Extract does beyond reading the text layer.
type Options struct {
	// OCR, when set, reads the boxes and tables that a PDF prints as
	// images where its text is missing (the image_only diagnostic).
	OCR *ocr.Engine
}

// ocrShare is the part of a document's remaining time that OCR may take,
// so that a document with many images keeps its text and the boxes read in
// time (the rest are reported) rather than failing as a whole.
const ocrShare = 0.75

// readImages runs OCR over the layout's image-only images and puts what it
// read into the blocks where each image stands.
func (o Options) readImages(ctx context.Context, l *Layout) {
	if o.OCR == nil || len(l.Images) == 0 {
		return
	}
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(float64(time.Until(dl))*ocrShare))
		defer cancel()
	}
	var diags []doc.Diagnostic
	l.Blocks, diags = ocr.Read(ctx, o.OCR, l.Images, l.Blocks)
	l.Diagnostics = append(l.Diagnostics, diags...)
}
