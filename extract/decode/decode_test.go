package decode

import (
	"errors"
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

func TestToUTF8(t *testing.T) {
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
		got, enc, err := ToUTF8(tt.in)
		if err != nil || got != sample || enc != tt.enc {
			t.Errorf("%s: got %q, %q, %v; want the sample in %s", tt.name, got, enc, err, tt.enc)
		}
	}
}

func TestToUTF8RejectsBinary(t *testing.T) {
	bin := []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x11, 0x12, 0x13}
	if _, _, err := ToUTF8(bin); !errors.Is(err, ErrNotText) {
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
	}
	for _, tt := range tests {
		if got := Sniff("x", []byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%q) = %q, want %q", tt.data[:min(len(tt.data), 12)], got, tt.want)
		}
	}
}
