// Package hostile writes the hostile-input suite: files of the kinds a
// crawler brings home that once crashed planx, exhausted the machine's
// memory or ran for minutes — huge lines, damaged encodings, decompression
// bombs, PDF streams built to be expensive. They are generated, not
// committed: most are large and all are made of a few repeated pieces.
//
// Each case says what planx must do with it: store it (with a diagnostic
// where something was repaired) or refuse it with a per-file error; either
// way within the suite's time and memory ceilings.
package hostile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Case is one hostile file.
type Case struct {
	Name  string // file name
	About string // what it is, in a few words
	// Stored says the document must be stored, with Phrase in its text
	// when set; otherwise it must fail with a per-file error. Either allows
	// both: the case is about ending cleanly within the ceilings.
	Stored, Either bool
	Phrase         string
	// Warning is a diagnostic kind the document must carry when stored.
	Warning string
	// Isolate runs the case with ingest --isolate: a case that can take
	// more memory than the ceiling must end as a per-file error.
	Isolate bool
	// Scales names a case with the same content at a fiftieth of the
	// size: a large plan is held to linear time (at most 100 times as
	// long, where quadratic would be 2,500), not to the ceilings of
	// hostile files.
	Scales string
	write  func(w io.Writer, seed []byte) error
}

// phrase stands in the seed plan's opening (its fourth line, one of the
// lines the mixed-encoding case writes in GBK): a stored document must
// have it, not mojibake.
const phrase = "以人民为中心的发展思想"

// Cases lists the suite. scale (1 = the sizes of the issue) shrinks the
// large cases for a quick run.
func Cases(scale float64) []Case {
	mb := func(n float64) int { return max(1, int(n*scale*(1<<20))) }
	return []Case{
		// read in-process it is stored, split, in linear time but holds
		// about 800 MB; isolated it must end within the ceilings
		{Name: "one-line-100mb.txt", About: "100 MB of prose on one line", Either: true, Isolate: true,
			write: func(w io.Writer, seed []byte) error { return repeatTo(w, oneLine(seed), mb(100)) }},
		{Name: "one-line-20mb.txt", Phrase: phrase, About: "20 MB of prose on one line", Stored: true,
			write: func(w io.Writer, seed []byte) error { return repeatTo(w, oneLine(seed), mb(20)) }},
		{Name: "plan-1mb.txt", Phrase: phrase, About: "a plan repeated to 1 MB", Stored: true,
			write: func(w io.Writer, seed []byte) error { return repeatTo(w, seed, mb(1)) }},
		{Name: "plan-50mb.txt", Phrase: phrase, About: "a plan repeated to 50 MB", Stored: true, Scales: "plan-1mb.txt",
			write: func(w io.Writer, seed []byte) error { return repeatTo(w, seed, mb(50)) }},
		{Name: "bad-byte.txt", Phrase: phrase, About: "one invalid byte in UTF-8", Stored: true,
			write: func(w io.Writer, seed []byte) error {
				i := len(seed) / 2
				for i < len(seed) && seed[i] < 0xc0 { // the start of a character
					i++
				}
				_, err := w.Write(append(append(append([]byte{}, seed[:i]...), 0xff), seed[i:]...))
				return err
			}},
		{Name: "mixed-gbk-utf8.txt", Phrase: phrase, About: "GBK lines in a UTF-8 text", Stored: true,
			write: func(w io.Writer, seed []byte) error {
				for i, l := range bytes.SplitAfter(seed, []byte("\n")) {
					if i%7 == 3 {
						if g, err := simplifiedchinese.GBK.NewEncoder().Bytes(l); err == nil {
							l = g
						}
					}
					if _, err := w.Write(l); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: "utf16-no-bom.txt", Phrase: phrase, About: "UTF-16LE without byte order mark", Stored: true,
			write: func(w io.Writer, seed []byte) error {
				u := utf16.Encode([]rune(string(seed)))
				b := make([]byte, 2*len(u))
				for i, c := range u {
					b[2*i], b[2*i+1] = byte(c), byte(c>>8)
				}
				_, err := w.Write(b)
				return err
			}},
		// decode.Page reads both by their bytes (tested in extract/decode);
		// here they must end cleanly, whatever the HTML reader decodes with
		{Name: "declared-gbk-is-utf8.html", About: "a page declaring gbk, in UTF-8", Either: true, Isolate: true,
			write: func(w io.Writer, seed []byte) error { return page(w, "gbk", seed) }},
		{Name: "meta-utf16.html", About: "a UTF-8 page declaring utf-16", Either: true, Isolate: true,
			write: func(w io.Writer, seed []byte) error { return page(w, "utf-16", seed) }},
		{Name: "nested-50mb.html", About: "50 MB of nested elements", Either: true, Isolate: true,
			write: func(w io.Writer, seed []byte) error {
				io.WriteString(w, "<html><body>")
				return repeatTo(w, []byte("<div><span>"), mb(50))
			}},
		{Name: "random-1mb.txt", About: "1 MB of random bytes",
			write: func(w io.Writer, _ []byte) error {
				_, err := io.CopyN(w, rand.New(rand.NewSource(1)), int64(mb(1)))
				return err
			}},
		{Name: "bomb-250mb.docx", About: "document.xml unpacking to 250 MB", Either: true, Isolate: true,
			write: func(w io.Writer, seed []byte) error { return docxBomb(w, mb(250)) }},
		{Name: "predictor-columns.pdf", About: "Flate predictor with 10^12 columns", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				return pdf(w, "<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000000 >>", []byte("BT /F1 12 Tf 72 700 Td (x) Tj ET"), "")
			}},
		{Name: "predictor-4g.pdf", About: "Flate predictor with 2^32-1 columns", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				return pdf(w, "<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4294967295 >>", []byte("BT /F1 12 Tf 72 700 Td (x) Tj ET"), "")
			}},
		{Name: "deep-q.pdf", About: "3 million nested q", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				return pdf(w, "<< /Filter /FlateDecode", bytes.Repeat([]byte("q "), int(3e6*scale)), "")
			}},
		{Name: "operands.pdf", About: "5 million operands", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				return pdf(w, "<< /Filter /FlateDecode", append(bytes.Repeat([]byte("1 "), int(5e6*scale)), "Tj"...), "")
			}},
		{Name: "glyphs.pdf", About: "20 million glyphs on a page", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				body := "BT /F1 1 Tf 72 700 Td [(" + strings.Repeat("abcdefghij", int(2e6*scale)) + ")] TJ ET"
				return pdf(w, "<< /Filter /FlateDecode", []byte(body), "")
			}},
		// not scaled: the case is the page limit itself
		{Name: "pages-6000.pdf", About: "6,000 pages, over the 5,000 read", Stored: true, Warning: "over_limit",
			write: func(w io.Writer, _ []byte) error { return manyPages(w, 6000) }},
		{Name: "xobject-fanout.pdf", About: "a form XObject drawing itself twice", Either: true, Isolate: true,
			write: func(w io.Writer, _ []byte) error {
				return pdf(w, "<< /Filter /FlateDecode", []byte("/X1 Do"), "/X1 Do /X1 Do BT /F1 12 Tf (x) Tj ET")
			}},
	}
}

// Write writes every case into dir; seed is a real plan in UTF-8 text that
// the text cases are made of.
func Write(dir string, seed []byte, scale float64) ([]Case, error) {
	cases := Cases(scale)
	for _, c := range cases {
		f, err := os.Create(filepath.Join(dir, c.Name))
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		err = c.write(bw, seed)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", c.Name, err)
		}
	}
	return cases, nil
}

func oneLine(seed []byte) []byte {
	return bytes.Join(bytes.Fields(seed), nil)
}

// repeatTo writes piece again and again, n bytes in all (cut at a
// character boundary).
func repeatTo(w io.Writer, piece []byte, n int) error {
	for n > 0 {
		p := piece
		if len(p) > n {
			p = p[:n]
			for len(p) > 0 && p[len(p)-1] >= 0x80 {
				p = p[:len(p)-1]
			}
			if len(p) == 0 {
				return nil
			}
		}
		if _, err := w.Write(p); err != nil {
			return err
		}
		n -= len(p)
	}
	return nil
}

func page(w io.Writer, charset string, seed []byte) error {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="` + charset + `"><title>规划</title></head><body><div class="article">`)
	for _, l := range strings.Split(string(seed), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString("<p>" + l + "</p>\n")
		}
	}
	b.WriteString("</div></body></html>")
	_, err := io.WriteString(w, b.String())
	return err
}

// docxBomb writes a DOCX whose document.xml unpacks to n bytes of
// paragraphs.
func docxBomb(w io.Writer, n int) error {
	z := zip.NewWriter(w)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
	}
	for _, f := range files {
		fw, err := z.Create(f.name)
		if err != nil {
			return err
		}
		io.WriteString(fw, f.body)
	}
	fw, err := z.Create("word/document.xml")
	if err != nil {
		return err
	}
	io.WriteString(fw, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	if err := repeatTo(fw, []byte("<w:p><w:r><w:t>推进基本公共服务均等化。</w:t></w:r></w:p>"), n); err != nil {
		return err
	}
	io.WriteString(fw, `</w:body></w:document>`)
	return z.Close()
}

// manyPages writes a PDF of n pages, each with a line of its own.
func manyPages(w io.Writer, n int) error {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
	var kids strings.Builder
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("BT /F1 12 Tf 72 %d Td (Measure %d of the plan, item %d.) Tj ET", 100+i%600, i+1, i*7%1000)
		kids.WriteString(fmt.Sprintf("%d 0 R ", len(objs)+1))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", len(objs)+2),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(body), body))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return writePDF(w, objs)
}

// pdf writes a one-page PDF whose content stream has the dictionary dict
// (without its closing >>) and the content body, Flate-compressed; form,
// when set, is the content of a form XObject /X1 the page can draw.
func pdf(w io.Writer, dict string, body []byte, form string) error {
	deflate := func(b []byte) []byte {
		var buf bytes.Buffer
		z := zlib.NewWriter(&buf)
		z.Write(b)
		z.Close()
		return buf.Bytes()
	}
	content := deflate(body)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
		fmt.Sprintf("%s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	f := deflate([]byte(form))
	objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(f), f))
	return writePDF(w, objs)
}

// writePDF writes objects 1… with a cross-reference table; object 1 is the
// catalog.
func writePDF(w io.Writer, objs []string) error {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	_, err := w.Write(b.Bytes())
	return err
}
