package extract

import (
	"context"

	"planx/extract/doc"
	"planx/extract/ocr"
)

// Options say what Extract does beyond reading the text layer.
type Options struct {
	// OCR, when set, reads the boxes and tables that a PDF prints as
	// images where its text is missing (the image_only diagnostic).
	OCR *ocr.Engine
	// Context bounds the OCR processes; nil is context.Background().
	Context context.Context
}

// readImages runs OCR over the layout's image-only images and puts what it
// read into the blocks where each image stands.
func (o Options) readImages(l *Layout) {
	if o.OCR == nil || len(l.Images) == 0 {
		return
	}
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var diags []doc.Diagnostic
	l.Blocks, diags = ocr.Read(ctx, o.OCR, l.Images, l.Blocks)
	l.Diagnostics = append(l.Diagnostics, diags...)
}
