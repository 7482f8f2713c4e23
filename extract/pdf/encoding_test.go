package pdf

import (
	"bytes"

	"fmt"
	lpdf "github.com/ledongthuc/pdf"
	"strings"
	"testing"
)

// Word and WPS print the Latin part of 仿宋_GB2312 / 楷体_GB2312 text
// through a non-embedded simple font with no ToUnicode map, so quotes,
// dashes, the ellipsis and the middle dot of plan prose (“十四五”, ——,
// 爱新觉罗·溥仪) are one-byte codes of the font's encoding. Each case is a
// page of a PDF built here, shown in one such font; the text must come out
// as the characters printed.
func TestSimpleFontEncodings(t *testing.T) {
	cases := []struct {
		name, font, show, want string
	}{
		{"WinAnsi TrueType", "/Subtype /TrueType /BaseFont /FangSong_GB2312 /Encoding /WinAnsiEncoding",
			`(\223\224\221\222\227\226\205\267 25.05% \260 \261 \327 \211)`, "“”‘’—–…· 25.05% ° ± × ‰"},
		{"WinAnsi with Differences", "/Subtype /TrueType /BaseFont /KaiTi_GB2312 /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /quotedblleft /quotedblright /emdash /ellipsis /periodcentered /uni2014 /uni00B7] >>",
			`(\001\002\003\004\005\006\007 A)`, "“”—…·—· A"},
		{"StandardEncoding", "/Subtype /Type1 /BaseFont /Times-Roman /Encoding /StandardEncoding",
			`(\252\272\140\047\320\261\274\264 2035)`, "“”‘’—–…· 2035"},
		{"MacRoman", "/Subtype /TrueType /BaseFont /SimSun /Encoding /MacRomanEncoding",
			`(\322\323\324\325\321\320\311\341 \241)`, "“”‘’—–…· °"},
		{"Type1 without Encoding", "/Subtype /Type1 /BaseFont /Helvetica",
			`(it's 1.5)`, "it’s 1.5"},
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	for _, c := range cases {
		n := len(objs)
		content := fmt.Sprintf("BT /F 12 Tf 100 700 Td %s Tj ET", c.show)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F %d 0 R >> >> /Contents %d 0 R >>", n+2, n+3),
			fmt.Sprintf("<< /Type /Font %s /FirstChar 0 /LastChar 255 /Widths [%s] >>", c.font, strings.Repeat("500 ", 256)),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		kids = append(kids, fmt.Sprintf("%d 0 R", n+1))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	r, err := openForTest(buildPDF(objs))
	if err != nil {
		t.Fatal(err)
	}
	list := pageList(r)
	fonts := &fontCache{byKey: map[string]*font{}}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg, err := readPage(list[i], i+1, fonts)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, l := range buildLines(pg) {
				b.WriteString(l.text)
			}
			if got := b.String(); got != c.want {
				t.Errorf("text = %q, want %q", got, c.want)
			}
		})
	}
}

// openForTest opens a PDF built by a test with the library's reader.
func openForTest(data []byte) (*lpdf.Reader, error) {
	return lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
}
