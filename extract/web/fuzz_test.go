package web

import (
	"os"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the web page reader. Seeded with the
// test page and the start of the corpus page.
func FuzzRead(f *testing.F) {
	f.Add([]byte(page))
	if b, err := os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp-web.html"); err == nil {
		f.Add(b[:min(len(b), 8000)])
	}
	f.Add([]byte("<table><tr><td rowspan=3 colspan=2>甲<td>乙<tr><td>丙</table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Read(data)
	})
}
