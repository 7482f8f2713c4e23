package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF benchmarks read each corpus PDF with planx and, in the same run,
// with poppler's pdftotext -layout (the speed and quality yardstick), so the
// two are measured side by side on the same machine:
//
//	go test -run '^$' -bench PDF -benchtime 10x ./extract/pdf
//
// Each reports pages/s.

type corpusPDF struct {
	name  string
	path  string
	data  []byte
	pages int
}

func corpusPDFs(b *testing.B) []corpusPDF {
	paths, _ := filepath.Glob("../../corpus/*.pdf")
	if len(paths) == 0 {
		b.Fatal("no corpus PDFs")
	}
	var out []corpusPDF
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Read(data)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".pdf")
		out = append(out, corpusPDF{name: name, path: p, data: data, pages: d.Pages})
	}
	return out
}

// BenchmarkPDF reads each corpus PDF with planx and with pdftotext -layout
// (when installed), one sub-benchmark each, reporting pages/s.
func BenchmarkPDF(b *testing.B) {
	bin, _ := exec.LookPath("pdftotext")
	for _, f := range corpusPDFs(b) {
		b.Run("planx/"+f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Read(f.data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(f.pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
		b.Run("pdftotext/"+f.name, func(b *testing.B) {
			if bin == "" {
				b.Skip("pdftotext (poppler-utils) is not installed")
			}
			for i := 0; i < b.N; i++ {
				if err := exec.Command(bin, "-layout", f.path, os.DevNull).Run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(f.pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
