// Package decode turns the bytes of a document into UTF-8 text and tells
// which format the bytes are in. Chinese plans circulate as UTF-8, UTF-16
// (Windows "Unicode" text) and GB18030/GBK; the format is read from the bytes,
// because file extensions lie.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

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
// UTF-16 text is recognised by its byte order mark first.
func looksBinary(data []byte) bool {
	if hasUTF16BOM(data) {
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

// ToUTF8 decodes data to UTF-8: UTF-8 with or without a byte order mark,
// UTF-16 with a byte order mark, and otherwise GB18030 (which includes GBK
// and GB2312). It returns the encoding it used.
func ToUTF8(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("byte order mark says UTF-8 but the bytes are not: %w", ErrNotText)
		}
		return string(data), "utf-8", nil
	case hasUTF16BOM(data):
		return decodeUTF16(data), "utf-16", nil
	case utf8.Valid(data):
		return string(data), "utf-8", nil
	}
	if looksBinary(data) {
		return "", "", ErrNotText
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrNotText, err)
	}
	// GB18030 maps every byte sequence somewhere; reject results that are
	// mostly replacement characters or controls.
	s := string(out)
	bad, total := 0, 0
	for _, r := range s {
		total++
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			bad++
		}
	}
	if total == 0 || bad*20 > total {
		return "", "", ErrNotText
	}
	return s, "gb18030", nil
}

func decodeUTF16(data []byte) string {
	big := data[0] == 0xfe
	data = data[2:]
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
