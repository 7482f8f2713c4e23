package ocr

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"planx/extract/pdf"
)

// BenchmarkStateCouncil reads the State Council plan (17 pages, 11 boxes
// printed as images) with its text layer only, and with OCR of its images,
// and reports OCR seconds per image and per page beside it:
//
//	go test -tags sqlite_fts5 ./extract/ocr -run '^$' -bench StateCouncil -benchtime 1x
func BenchmarkStateCouncil(b *testing.B) {
	data, err := os.ReadFile("../../corpus/state-council-cultural-relics-tech-14th-fyp.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("text-only", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			d, err := pdf.Read(data)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(i+1)/float64(d.Pages), "s/page")
		}
	})
	b.Run("ocr", func(b *testing.B) {
		e := engine(b)
		var pages, images int
		var ocr time.Duration
		cpu0 := childCPU()
		for i := 0; i < b.N; i++ {
			d, err := pdf.Read(data)
			if err != nil {
				b.Fatal(err)
			}
			t := time.Now()
			Read(context.Background(), e, d.Images, d.Blocks)
			ocr += time.Since(t)
			pages += d.Pages
			images += len(d.Images)
		}
		b.ReportMetric(ocr.Seconds()/float64(images), "ocr-s/image")
		// tesseract's own CPU time: the wall time above grows with the
		// machine's load
		b.ReportMetric((childCPU()-cpu0).Seconds()/float64(images), "tesseract-cpu-s/image")
		b.ReportMetric(ocr.Seconds()/float64(pages), "ocr-s/page")
		b.ReportMetric(b.Elapsed().Seconds()/float64(pages), "s/page")
	})
}

// childCPU is the CPU time used by finished child processes (tesseract).
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
