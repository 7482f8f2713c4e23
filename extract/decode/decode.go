// Package decode turns the bytes of a document into UTF-8 text and tells
// which format the bytes are in. Chinese plans circulate as UTF-8, UTF-16
// (Windows "Unicode" text) and GB18030/GBK; the format is read from the bytes,
// because file extensions lie.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Format is a document format planx can recognise.
type Format string

// Formats.
const (
	Text Format = "text"
	HTML Format = "html"
	PDF  Format = "pdf"
	DOCX Format = "docx"
	// OLE is a Microsoft compound file: Word 97–2003 (.doc), WPS (.wps) or
	// Excel (.xls). It is recognised so that it can be refused by name.
	OLE     Format = "ole"
	Unknown Format = ""
)

// Sniff reports the format of data. name is used only to tell a Markdown
// export from plain text; the bytes decide everything else.
func Sniff(name string, data []byte) Format {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")) || bytes.Contains(head, []byte("\n%PDF-")) || bytes.HasPrefix(head, []byte("\xef\xbb\xbf%PDF-")):
		// readers accept a header within the first 1024 bytes: a download
		// may carry a BOM or an HTTP header before it
		return PDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return DOCX
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return OLE
	}
	if big, ok := looksUTF16(head); ok || hasUTF16BOM(head) {
		// a UTF-16 page: look for its tags in its characters
		if !ok {
			big, head = head[0] == 0xfe, head[2:]
		}
		head = []byte(decodeUTF16(head, big))
	}
	trim := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trim)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		(bytes.HasPrefix(lower, []byte("<")) && htmlTags(lower)) {
		return HTML
	}
	if looksBinary(data) {
		return Unknown
	}
	return Text
}

// htmlTags reports whether the start of a file has the tags of a web page
// (a fragment may have no <html> or <body>).
func htmlTags(head []byte) bool {
	for _, t := range []string{"<body", "<head", "<meta", "<div", "<p>", "<p ", "<table", "<span", "<br", "<h1", "<h2", "<article"} {
		if bytes.Contains(head, []byte(t)) {
			return true
		}
	}
	return false
}

// looksBinary reports whether data has control bytes that no text file has.
// UTF-16 text is recognised first, by its byte order mark or its zero bytes.
func looksBinary(data []byte) bool {
	if hasUTF16BOM(data) {
		return false
	}
	if _, ok := looksUTF16(data); ok {
		return false
	}
	n := len(data)
	if n > 8192 {
		n = 8192
	}
	bad := 0
	for _, b := range data[:n] {
		if b == 0 {
			return true
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b {
			bad++
		}
	}
	return bad*100 > n
}

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
}

// ErrNotText is returned for bytes that are not text in any encoding planx
// reads.
var ErrNotText = errors.New("not text in UTF-8, UTF-16 or GB18030")

// Warning is something decoding repaired and the user should know: bytes
// replaced, lines in another encoding.
type Warning struct {
	Kind    string // bad_bytes, mixed_encoding, charset_mismatch
	Message string
}

// Decoded is text decoded to UTF-8, the encoding it was read as, and what
// decoding had to repair.
type Decoded struct {
	Text     string
	Encoding string
	Warnings []Warning
}

// Decode decodes data to UTF-8: UTF-8 with or without a byte order mark,
// UTF-16 with a byte order mark or recognised by its zero bytes, and
// otherwise GB18030 (which includes GBK and GB2312).
//
// Files from the web are often damaged or stitched together: a few bytes
// cut mid-character, a GBK paragraph pasted into a UTF-8 page. Such a file
// degrades instead of being refused: each line is read in the encoding its
// bytes are valid in, bytes valid in neither are replaced with U+FFFD, and
// both are reported as warnings with their counts. Only bytes that are
// mostly not text are refused (ErrNotText).
func Decode(data []byte) (Decoded, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case hasUTF16BOM(data):
		return Decoded{Text: decodeUTF16(data[2:], data[0] == 0xfe), Encoding: "utf-16"}, nil
	}
	if utf8.Valid(data) {
		return Decoded{Text: string(data), Encoding: "utf-8"}, nil
	}
	if big, ok := looksUTF16(data); ok {
		return Decoded{Text: decodeUTF16(data, big), Encoding: "utf-16"}, nil
	}
	if looksBinary(data) {
		return Decoded{}, ErrNotText
	}
	return byLine(data)
}

// byLine decodes text that is not valid UTF-8 one line at a time, each line
// in the encoding that reads it as Chinese text: a line is read both as
// UTF-8 (invalid bytes replaced) and as GB18030, and the reading with fewer
// replaced bytes and rare characters wins, UTF-8 on a tie. (A short GBK
// line can be valid UTF-8 by accident, and UTF-8 bytes are nearly always
// valid GB18030, but each then reads as rare characters.) The document's
// encoding is the one most of its lines are in.
func byLine(data []byte) (Decoded, error) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/2)
	var utf8Lines, gbLines, badBytes int
	var badAt, utf8At, gbAt []int // line numbers, for the warnings
	gb := simplifiedchinese.GB18030.NewDecoder()
	var u strings.Builder
	for n, rest := 1, data; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if ascii(line) {
			b.Write(line)
			continue
		}
		u.Reset()
		uBad := writeValidUTF8(&u, line)
		us := u.String()
		g, err := gb.Bytes(line)
		if err != nil {
			g = []byte(strings.ToValidUTF8(string(line), "\uFFFD"))
		}
		gs := string(g)
		gBad := strings.Count(gs, "\uFFFD")
		text, bad := us, uBad
		if unlikely(gs)+2*gBad < unlikely(us)+2*uBad {
			text, bad = gs, gBad
			gbLines++
			gbAt = append(gbAt, n)
		} else {
			utf8Lines++
			utf8At = append(utf8At, n)
		}
		if bad > 0 {
			badBytes += bad
			badAt = append(badAt, n)
		}
		b.WriteString(text)
	}
	s := b.String()
	total := utf8.RuneCountInString(s)
	if total == 0 || badBytes*20 > total || controls(s)*20 > total {
		return Decoded{}, ErrNotText
	}
	d := Decoded{Text: s, Encoding: "utf-8"}
	if gbLines > utf8Lines {
		d.Encoding = "gb18030"
	}
	if utf8Lines > 0 && gbLines > 0 {
		minority, at, other := "GB18030", gbAt, "UTF-8"
		if d.Encoding == "gb18030" {
			minority, at, other = "UTF-8", utf8At, "GB18030"
		}
		d.Warnings = append(d.Warnings, Warning{"mixed_encoding",
			fmt.Sprintf("%d lines are %s in a %s document, each decoded in its own encoding (lines %s)", len(at), minority, other, lineList(at))})
	}
	if badBytes > 0 {
		d.Warnings = append(d.Warnings, Warning{"bad_bytes",
			fmt.Sprintf("%d bytes valid in no encoding replaced with U+FFFD (lines %s)", badBytes, lineList(badAt))})
	}
	return d, nil
}

func ascii(line []byte) bool {
	for _, c := range line {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// unlikely counts the characters of s that are rare in Chinese text: those
// outside ASCII and GB2312, the national set of common characters (6,763
// hanzi and the usual punctuation and symbols). U+FFFD counts as well.
// Read in the wrong encoding, Chinese bytes become rare characters: UTF-8
// read as GBK gives GBK's extension hanzi, GBK read as UTF-8 gives Latin
// or Cyrillic letters.
func unlikely(s string) int {
	n := 0
	var buf [4]byte
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if r == utf8.RuneError || !inGB2312(r, buf[:]) {
			n++
		}
	}
	return n
}

// inGB2312 reports whether r is in GB2312: its GBK bytes are both in
// A1–FE, the GB2312 rows.
func inGB2312(r rune, buf []byte) bool {
	src := utf8.AppendRune(buf[:0], r)
	var dst [4]byte
	nDst, _, err := simplifiedchinese.GBK.NewEncoder().Transform(dst[:], src, true)
	return err == nil && nDst == 2 && dst[0] >= 0xa1 && dst[1] >= 0xa1
}

// writeValidUTF8 writes line with each invalid byte replaced by U+FFFD, so
// that the count of replacements (returned) is the count of bad bytes.
func writeValidUTF8(b *strings.Builder, line []byte) (bad int) {
	for len(line) > 0 {
		r, size := utf8.DecodeRune(line)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			bad++
		} else {
			b.Write(line[:size])
		}
		line = line[size:]
	}
	return bad
}

// controls counts the control characters no text has.
func controls(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			n++
		}
	}
	return n
}

// lineList lists the first line numbers, enough to find the places.
func lineList(at []int) string {
	const show = 5
	var parts []string
	for i, n := range at {
		if i == show {
			parts = append(parts, fmt.Sprintf("… %d more", len(at)-show))
			break
		}
		parts = append(parts, fmt.Sprint(n))
	}
	return strings.Join(parts, ", ")
}

// looksUTF16 recognises UTF-16 without a byte order mark (Windows
// "Unicode" text saved by tools that omit it): it has zero bytes (the high
// bytes of ASCII such as line ends and digits, no text in any 8-bit
// encoding has them), and read in one byte order nearly every character is
// text. big is that byte order.
func looksUTF16(data []byte) (big, ok bool) {
	n := min(len(data), 8192) &^ 1
	if n < 4 || bytes.IndexByte(data[:n], 0) < 0 {
		return false, false
	}
	score := func(big bool) float64 {
		text, total := 0, 0
		for _, r := range decodeUTF16(data[:n], big) {
			total++
			if textRune(r) {
				text++
			}
		}
		return float64(text) / float64(total)
	}
	le, be := score(false), score(true)
	if be > le {
		return true, be >= 0.95
	}
	return false, le >= 0.95
}

// textRune reports whether r is a character plans are written in: ASCII
// text, CJK ideographs and punctuation, full-width forms.
func textRune(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\t' || r == '\f':
		return true
	case r >= 0x20 && r < 0x7f:
		return true
	case r >= 0xa0 && r < 0x100, r >= 0x2000 && r < 0x2070, r >= 0x2100 && r < 0x2700:
		return true
	case r >= 0x3000 && r < 0xa000, r >= 0xf900 && r < 0xfb00, r >= 0xfe30 && r < 0xfe50, r >= 0xff00 && r < 0xfff0:
		return true
	case r >= 0x20000 && r < 0x30000:
		return true
	}
	return false
}

// decodeUTF16 decodes UTF-16 without its byte order mark.
func decodeUTF16(data []byte, big bool) string {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// Page decodes the bytes of a web page whose <meta> declares the charset
// declared ("" when it declares none). Declarations are often wrong — a
// template says gb2312 around a UTF-8 article, or utf-16 in a page whose
// <meta> could only be read because the page is not UTF-16 — so the bytes
// decide where they can: a byte order mark, valid UTF-8, UTF-16's zero
// bytes, or per line GB18030 (see Decode). Only a charset that is neither
// Unicode nor Chinese (big5, shift_jis…) is taken at its word, unless the
// bytes are valid UTF-8. A declaration the bytes contradict is reported
// (charset_mismatch).
func Page(data []byte, declared string) (Decoded, error) {
	label := strings.ToLower(strings.TrimSpace(declared))
	family := ""
	switch label {
	case "":
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		family = "utf-8"
	case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
		family = "utf-16"
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "chinese", "csgb2312", "iso-ir-58":
		family = "gb18030"
	default:
		if enc, err := htmlindex.Get(label); err == nil && !utf8.Valid(data) && !hasUTF16BOM(data) && !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			out, err := enc.NewDecoder().Bytes(data)
			if err != nil {
				return Decoded{}, fmt.Errorf("decode page as %s: %w", label, err)
			}
			return Decoded{Text: string(out), Encoding: label}, nil
		}
		family = label
	}
	d, err := Decode(data)
	if err != nil {
		return d, err
	}
	if family != "" && family != d.Encoding && !(family == "utf-16" && d.Encoding == "utf-8") {
		d.Warnings = append(d.Warnings, Warning{"charset_mismatch",
			fmt.Sprintf("the page declares charset=%s but its bytes are %s; read as %s", label, d.Encoding, d.Encoding)})
	}
	return d, nil
}
