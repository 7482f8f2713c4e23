package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The PDF benchmarks read the corpus PDFs with planx and, in the same run,
// with poppler's pdftotext -layout (the speed and quality yardstick), so the
// two are measured side by side on the same machine:
//
//	go test -tags sqlite_fts5 -run '^$' -bench PDF -benchtime 20x ./extract/pdf
//
// Each reports pages/s.

func corpusPDFs(b *testing.B) ([][]byte, []string, int) {
	paths, _ := filepath.Glob("../../corpus/*.pdf")
	if len(paths) == 0 {
		b.Fatal("no corpus PDFs")
	}
	var files [][]byte
	pages := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Read(data)
		if err != nil {
			b.Fatal(err)
		}
		pages += d.Pages
		files = append(files, data)
	}
	return files, paths, pages
}

func BenchmarkPDFPlanx(b *testing.B) {
	files, _, pages := corpusPDFs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := Read(f); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkPDFPdftotext(b *testing.B) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext (poppler-utils) is not installed")
	}
	_, paths, pages := corpusPDFs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range paths {
			if err := exec.Command(bin, "-layout", p, os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
