package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"planx/extract/block"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

func build(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(inner string) string  { return `<w:p>` + inner + `</w:p>` }
func run(text string) string { return `<w:r><w:t>` + text + `</w:t></w:r>` }
func numbered(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>` + run(text) + `</w:p>`
}

// A document whose chapter and item labels exist only as numbering, with a
// raised-run marker, a footnote, a table with merged cells, a one-cell box
// and a text box.
func TestRead(t *testing.T) {
	numberingXML := `<w:numbering ` + ns + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章 "/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%2、"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	body := p(run("某市养老服务“十四五”规划")) +
		numbered("5", "0", "发展基础") +
		numbered("5", "1", "主要成就") +
		p(run("全面推进医养结合")+`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>3</w:t></w:r>`+run("。")) +
		p(run("见脚注")+`<w:r><w:footnoteReference w:id="7"/></w:r>`+run("。")) +
		numbered("5", "1", "主要问题") +
		numbered("5", "0", "总体要求") +
		`<w:tbl><w:tr><w:tc>` + p(run("类别")) + `</w:tc><w:tc>` + p(run("指标")) + `</w:tc><w:tc>` + p(run("2025年")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + p(run("民生")) + `</w:tc><w:tc>` + p(run("养老床位")) + `</w:tc><w:tc>` + p(run("100")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>` + p("") + `</w:tc><w:tc>` + p(run("护理型床位占比")) + `</w:tc><w:tc>` + p(run("≥55")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>` + p(run("注：合计")) + `</w:tc></w:tr></w:tbl>` +
		`<w:tbl><w:tr><w:tc>` + p(run("专栏1 重点工程")) + p(run("甲工程、乙工程。")) + `</w:tc></w:tr></w:tbl>` +
		p(`<w:r><mc:AlternateContent><mc:Choice><w:txbxContent>`+p(run("文本框内容。"))+`</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>`+p(run("文本框内容。"))+`</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>`)
	data := build(t, map[string]string{
		"word/document.xml":  `<?xml version="1.0"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": numberingXML,
		"word/footnotes.xml": `<w:footnotes ` + ns + `><w:footnote w:id="7"><w:p>` + run("脚注的正文。") + `</w:p></w:footnote></w:footnotes>`,
	})
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		s := b.Text
		if b.Cells != nil {
			s = "[" + strings.Join(b.Cells, "|") + "]"
		}
		if b.Role == block.Box {
			s = "box:" + s
		}
		if b.Role == block.Footnote {
			s = "note:" + s
		}
		got = append(got, s)
	}
	want := []string{
		"某市养老服务“十四五”规划",
		"第一章 发展基础",
		"一、主要成就",
		"全面推进医养结合³。",
		"见脚注¹。",
		"二、主要问题",
		"第二章 总体要求",
		"[类别|指标|2025年]",
		"[民生|养老床位|100]",
		"[|护理型床位占比|≥55]",
		"[注：合计||]",
		"box:专栏1 重点工程",
		"box:甲工程、乙工程。",
		"文本框内容。",
		"note:1 脚注的正文。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadBadFiles(t *testing.T) {
	if _, err := Read([]byte("this is not a zip")); !errors.Is(err, ErrNotDocx) {
		t.Errorf("not a zip: err = %v", err)
	}
	if _, err := Read(build(t, map[string]string{"x.txt": "hello"})); !errors.Is(err, ErrNotDocx) {
		t.Errorf("a zip without word/document.xml: err = %v", err)
	}
	// A zip bomb: a part whose header says it unpacks to 1 GB.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	small := []byte("<w:document/>")
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store,
		CompressedSize64: uint64(len(small)), UncompressedSize64: 1 << 30, CRC32: crc32.ChecksumIEEE(small)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(small)
	zw.Close()
	if _, err := Read(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("zip bomb: err = %v, want a refusal", err)
	}
	// Malformed XML gives an error, not a panic.
	if _, err := Read(build(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p><w:r><w:t>半截"})); err == nil {
		t.Error("truncated XML: no error")
	}
}

func TestHanNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 14: "十四", 20: "二十", 21: "二十一", 102: "一百零二", 110: "一百一十"} {
		if got := hanNumeral(n); got != want {
			t.Errorf("hanNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}
