package decode

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const sample = "第一章 基础环境\n“十四五”时期，推进基本公共服务均等化。𠀀\n"

func utf16Bytes(s string, big bool) []byte {
	u := utf16.Encode([]rune(s))
	out := []byte{0xff, 0xfe}
	if big {
		out = []byte{0xfe, 0xff}
	}
	for _, c := range u {
		if big {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(sample)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		enc  string
	}{
		{"utf-8", []byte(sample), "utf-8"},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), sample...), "utf-8"},
		{"utf-16le", utf16Bytes(sample, false), "utf-16"},
		{"utf-16be", utf16Bytes(sample, true), "utf-16"},
		{"gb18030 (four-byte character included)", []byte(gb), "gb18030"},
	}
	for _, tt := range tests {
		d, err := Decode(tt.in)
		if err != nil || d.Text != sample || d.Encoding != tt.enc {
			t.Errorf("%s: got %q, %q, %v; want the sample in %s", tt.name, d.Text, d.Encoding, err, tt.enc)
		}
	}
}

func TestDecodeRejectsBinary(t *testing.T) {
	bin := []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x11, 0x12, 0x13}
	if _, err := Decode(bin); !errors.Is(err, ErrNotText) {
		t.Errorf("binary bytes: err = %v, want ErrNotText", err)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data string
		want Format
	}{
		{"%PDF-1.7\n...", PDF},
		{"\xef\xbb\xbf%PDF-1.7\n...", PDF},
		{"HTTP/1.1 200 OK\r\n\r\n%PDF-1.7\n...", PDF},
		{"计划 %PDF- in prose", Text},
		{"PK\x03\x04\x14\x00", DOCX},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", OLE},
		{"<!DOCTYPE html><html><head>", HTML},
		{"\xef\xbb\xbf<html lang=zh>", HTML},
		{"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", HTML},
		{sample, Text},
		{"<<规划>>正文", Text},
		{"\x00\x01\x02\x03binary", Unknown},
		{string(utf16Bytes("<html><body>"+sample, false)), HTML},
		{string(utf16Bytes("<html><body>"+sample, true)[2:]), HTML},
		{string(utf16Bytes(sample, false)[2:]), Text},
	}
	for _, tt := range tests {
		if got := Sniff("x", []byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%q) = %q, want %q", tt.data[:min(len(tt.data), 12)], got, tt.want)
		}
	}
}

// Damaged and stitched files from the web degrade instead of being refused:
// every line comes out in its own encoding, bytes valid in none are
// replaced, and warnings say what and how many.
func TestDecodeDegrades(t *testing.T) {
	orig, err := os.ReadFile("../../corpus/jiangmen-public-services-14th-fyp.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(orig, []byte("\n"))
	gbk := func(b []byte) []byte {
		out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// the middle of a character: the first byte of the 3-byte 中 after 50 KB
	mid := 50000 + bytes.IndexRune(orig[50000:], '中')
	oneBad := append(append(append([]byte{}, orig[:mid]...), 0xff), orig[mid:]...)

	cut := bytes.TrimRight(orig, "\n ") // ends in 。, three bytes
	var mixed []byte                    // lines 11, 13 and 15 in GBK, pasted into the UTF-8 text
	for i, l := range lines {
		if i == 10 || i == 12 || i == 14 {
			l = gbk(l)
		}
		mixed = append(mixed, l...)
	}
	var mostlyGBK []byte // one UTF-8 line (line 5) in a GBK text
	for i, l := range lines {
		if i != 4 {
			l = gbk(l)
		}
		mostlyGBK = append(mostlyGBK, l...)
	}
	le, be := utf16Bytes(string(orig), false)[2:], utf16Bytes(string(orig), true)[2:]

	tests := []struct {
		name     string
		in       []byte
		want     string // the text; "" means the original
		enc      string
		warnings []string // kind: start of message
	}{
		{"one bad byte in 140 KB of UTF-8", oneBad, string(orig[:mid]) + "\uFFFD" + string(orig[mid:]), "utf-8",
			[]string{"bad_bytes: 1 bytes valid in no encoding"}},
		{"cut in the middle of the last character", cut[:len(cut)-1], string(cut[:len(cut)-3]) + "\uFFFD\uFFFD", "utf-8",
			[]string{"bad_bytes: 2 bytes valid in no encoding replaced with U+FFFD (lines 4080)"}},
		{"three GBK lines in UTF-8", mixed, "", "utf-8", []string{"mixed_encoding: 3 lines are GB18030 in a UTF-8 document, each decoded in its own encoding (lines 11, 13, 15)"}},
		{"one UTF-8 line in GBK", mostlyGBK, "", "gb18030", []string{"mixed_encoding: 1 lines are UTF-8 in a GB18030 document, each decoded in its own encoding (lines 5)"}},
		{"GBK", gbk(orig), "", "gb18030", nil},
		{"UTF-16LE without BOM", le, "", "utf-16", nil},
		{"UTF-16BE without BOM", be, "", "utf-16", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = string(orig)
			}
			if Sniff("x.txt", tt.in) != Text {
				t.Fatalf("Sniff = %q, want text", Sniff("x.txt", tt.in))
			}
			d, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != want {
				t.Errorf("text differs from the original (%d vs %d bytes)", len(d.Text), len(want))
			}
			if d.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", d.Encoding, tt.enc)
			}
			var got []string
			for _, w := range d.Warnings {
				got = append(got, w.Kind+": "+w.Message)
			}
			if len(got) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %q", got, tt.warnings)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.warnings[i]) {
					t.Errorf("warning %q, want %q…", got[i], tt.warnings[i])
				}
			}
		})
	}
}

// A page is decoded by what its bytes are, whatever its <meta> declares,
// and a wrong declaration is reported.
func TestPageCharset(t *testing.T) {
	orig, err := os.ReadFile("../../corpus/jiangmen-public-services-14th-fyp.txt")
	if err != nil {
		t.Fatal(err)
	}
	body := string(orig[:3000])
	body = strings.ToValidUTF8(body, "")
	page := func(charset string) string {
		return `<html><head><meta charset="` + charset + `"></head><body><div class="article"><p>` + body + `</p></div></body></html>`
	}
	gbk := func(s string) []byte {
		out, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tests := []struct {
		name     string
		declared string
		in       []byte
		want     string
		enc      string
		warning  string
	}{
		{"declared gbk, bytes UTF-8", "gbk", []byte(page("gbk")), page("gbk"), "utf-8", "charset_mismatch: the page declares charset=gbk but its bytes are utf-8"},
		{"declared utf-8, bytes GBK", "utf-8", gbk(page("utf-8")), page("utf-8"), "gb18030", "charset_mismatch: the page declares charset=utf-8 but its bytes are gb18030"},
		{"declared gb2312, bytes GBK", "gb2312", gbk(page("gb2312")), page("gb2312"), "gb18030", ""},
		{"declared utf-16, bytes UTF-8", "utf-16", []byte(page("utf-16")), page("utf-16"), "utf-8", ""},
		{"declared utf-16, bytes UTF-16LE without BOM", "utf-16", utf16Bytes(page("utf-16"), false)[2:], page("utf-16"), "utf-16", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Page(tt.in, tt.declared)
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want || d.Encoding != tt.enc {
				t.Errorf("encoding %q (want %q), text equal: %v", d.Encoding, tt.enc, d.Text == tt.want)
			}
			var got string
			for _, w := range d.Warnings {
				got += w.Kind + ": " + w.Message
			}
			if !strings.HasPrefix(got, tt.warning) || (tt.warning == "") != (got == "") {
				t.Errorf("warnings %q, want %q", got, tt.warning)
			}
		})
	}
}
