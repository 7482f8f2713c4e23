package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestOCRMode(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{{"auto", true}, {"on", true}, {"off", true}, {"yes", false}, {"", false}} {
		t.Run(tc.in, func(t *testing.T) {
			var m ocrMode
			if err := m.Set(tc.in); (err == nil) != tc.ok {
				t.Errorf("Set(%q) = %v", tc.in, err)
			}
		})
	}
}

// Without tesseract on PATH, auto says so once and goes on without OCR; on
// is an error; off does not look.
func TestOCREngineMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stderr bytes.Buffer
	e, err := ocrEngine("auto", &stderr)
	if e != nil || err != nil || !strings.Contains(stderr.String(), "tesseract with the chi_sim model is not installed") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("auto: engine %v, error %v, said %q", e, err, stderr.String())
	}
	stderr.Reset()
	if e, err := ocrEngine("on", &stderr); e != nil || err == nil || !strings.Contains(err.Error(), "apt-get install tesseract-ocr tesseract-ocr-chi-sim") {
		t.Errorf("on: engine %v, error %v", e, err)
	}
	if e, err := ocrEngine("off", &stderr); e != nil || err != nil || stderr.Len() != 0 {
		t.Errorf("off: engine %v, error %v, said %q", e, err, stderr.String())
	}
}
