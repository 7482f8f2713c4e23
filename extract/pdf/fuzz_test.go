package pdf

import "testing"

// FuzzRead feeds damaged PDFs to the reader: it may refuse them, never
// panic or hang. Seeded with a hand-built PDF (text, a ruled table, a box).
func FuzzRead(f *testing.F) {
	c := func(s string) string { return cids(cjk, s) }
	f.Add(testPDF(f, cjk, []string{"BT /F2 12 Tf 72 700 Td " + c("总体要求") + " Tj ET"}, ""))
	f.Add(testPDF(f, cjk, []string{"72 700 m 400 700 l S 72 680 m 400 680 l S 72 680 m 72 700 l S 400 680 m 400 700 l S BT /F2 10 Tf 75 686 Td " + c("指标") + " Tj ET 72 400 328 100 re S"}, ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		Read(data)
	})
}
