package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"planx/extract"
)

// FuzzExtract feeds arbitrary bytes through the whole text pipeline (decode,
// reader, structure). Extraction may reject the input with an error; it must
// never panic or hang. Seeded with the corpus texts and their beginnings.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("../corpus/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 4000)])
		f.Add(b[len(b)/2 : min(len(b), len(b)/2+3000)])
	}
	f.Add([]byte("第一章\n\n一、\n（一）。\n1.\n专栏1\n表1\n注：\n附件"))
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := extract.Extract(context.Background(), "fuzz.txt", data)
		if err != nil {
			return
		}
		for i, s := range d.Sections {
			if s.Parent >= i || s.Level < 1 {
				t.Fatalf("section %d has parent %d, level %d", i, s.Parent, s.Level)
			}
		}
		for _, p := range d.Paragraphs {
			if p.Section >= len(d.Sections) {
				t.Fatalf("paragraph under section %d of %d", p.Section, len(d.Sections))
			}
		}
	})
}
