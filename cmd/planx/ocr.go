package main

import (
	"fmt"
	"io"

	"planx/extract/ocr"
)

// ocrMode is the value of ingest's --ocr flag: whether boxes and tables
// that a PDF prints as images are read with Tesseract.
type ocrMode string

func (m *ocrMode) String() string { return string(*m) }

func (m *ocrMode) Set(s string) error {
	switch s {
	case "auto", "on", "off":
		*m = ocrMode(s)
		return nil
	}
	return fmt.Errorf("want auto, on or off")
}

// ocrEngine finds the OCR engine the mode asks for: nil for off; for auto,
// nil after saying once (on stderr) that tesseract is not installed; for
// on, an error when it is not.
func ocrEngine(m ocrMode, stderr io.Writer) (*ocr.Engine, error) {
	if m == "off" {
		return nil, nil
	}
	e, err := ocr.Find()
	if err == nil {
		return e, nil
	}
	if m == "on" {
		return nil, fmt.Errorf("--ocr on: %w", err)
	}
	fmt.Fprintf(stderr, "planx: boxes and tables printed as images are not read: %v\n", err)
	return nil, nil
}
