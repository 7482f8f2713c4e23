package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hostilePDF writes a one-page PDF whose page runs content (a stream
// dictionary's extra keys in dict, the stream bytes in data) with font F1
// (Helvetica, WinAnsi) and the form XObject X, which runs form.
func hostilePDF(dict, data, form string) []byte {
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data),
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(form), form),
	})
}

func deflate(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

const helloText = "BT /F1 12 Tf 72 700 Td (Hello plan) Tj ET"

// Each hostile page is read in bounded time and memory, with a diagnostic
// that names the limit; what the page draws within the limits is kept.
func TestLimits(t *testing.T) {
	cases := []struct {
		name, dict, data, form string
		limit                  string // the limit named in the diagnostic
		text                   bool   // whether Hello plan is still read
	}{
		{"predictor row longer than the stream", "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 900000 >>", deflate(helloText), "", "maxColumns", false},
		{"decoded stream over budget", "/Filter /FlateDecode", deflate(helloText + strings.Repeat(" ", maxStreamBytes)), "", "maxStreamBytes", false},
		{"q nested without end", "", strings.Repeat("q ", 100000) + helloText, "", "maxGStateDepth", true},
		{"operands without an operator", "", strings.Repeat("1 ", maxOperands+10) + helloText, "", "maxOperands", false},
		{"glyphs without end", "", "BT /F1 1 Tf (" + strings.Repeat("A", maxGlyphs+100) + ") Tj ET", "", "maxGlyphs", false},
		{"a form that runs itself", "", helloText + " /X Do", "/X Do", "maxFormDepth", true},
		{"a form that runs itself five times", "", helloText + " /X Do", "/X Do /X Do /X Do /X Do /X Do", "maxFormCalls", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			d, err := Read(hostilePDF(c.dict, c.data, c.form))
			if err != nil {
				t.Fatal(err)
			}
			if el := time.Since(start); el > 30*time.Second { // a shared machine is slow; endless is the failure
				t.Errorf("took %v", el)
			}
			var named []string
			for _, g := range d.Diagnostics {
				if g.Kind == "over_limit" {
					named = append(named, g.Message)
				}
			}
			if len(named) == 0 || !strings.Contains(strings.Join(named, "\n"), "limit "+c.limit+")") {
				t.Errorf("over_limit diagnostics %q, want one naming %s", named, c.limit)
			}
			got := strings.Contains(strings.Join(texts(d.Blocks), "|"), "Hello plan")
			if got != c.text {
				t.Errorf("text read = %v, want %v (blocks %q)", got, c.text, texts(d.Blocks))
			}
		})
	}
	// the library reads a cross-reference stream's predictor itself: a
	// /Columns past the limit anywhere in the file refuses it
	_, err := Read(hostilePDF("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >>", deflate(helloText), ""))
	if err == nil || !strings.Contains(err.Error(), "maxColumns") {
		t.Errorf("huge /Columns: err = %v, want one naming maxColumns", err)
	}
}
