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
	// A part that really unpacks to more than maxPart is refused before it
	// is read; one within it is read.
	para := "<w:p><w:r><w:t>推进基本公共服务均等化。</w:t></w:r></w:p>"
	doc := func(n int) string {
		return `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			strings.Repeat(para, n/len(para)+1) + `</w:body></w:document>`
	}
	if _, err := Read(build(t, map[string]string{"word/document.xml": doc(maxPart)})); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("a %d MB document.xml: err = %v, want a refusal", maxPart>>20, err)
	}
	if l, err := Read(build(t, map[string]string{"word/document.xml": doc(1 << 20)})); err != nil || len(l.Blocks) == 0 {
		t.Errorf("a 1 MB document.xml: err = %v", err)
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

// Headings numbered through their style, as Chinese Word saves them: the
// heading paragraphs carry only <w:pStyle w:val="1"/>, the style 标题 1
// (styleId "1", name "heading 1") attaches numId 1, and numbering.xml links
// each level to its style (w:lvl/w:pStyle). The styles and numbering are cut
// from a Chinese Word template kept in a docx writer on GitHub (styles "a",
// "1", "2", "a6" Title; abstractNum 0 levels 0–1); the text is the opening
// of the corpus plan jiangmen-public-services-14th-fyp, its first paragraph
// cut where a page break cut it, before a heading. The Title paragraph is a
// styled but unnumbered heading.
func TestStyleNumbering(t *testing.T) {
	stylesXML := `<w:styles ` + ns + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:rsid w:val="00971FF4"/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="1Char"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="003221F4"/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="340" w:after="330" w:line="578" w:lineRule="auto"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="2Char"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:rsid w:val="003221F4"/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:spacing w:before="260" w:after="260" w:line="416" w:lineRule="auto"/><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="Char1"/><w:uiPriority w:val="10"/><w:qFormat/><w:rsid w:val="00C501FC"/><w:pPr><w:spacing w:before="240" w:after="60"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`</w:styles>`
	numberingXML := `<w:numbering ` + ns + `><w:abstractNum w:abstractNumId="0"><w:nsid w:val="5D861EAE"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="04090025"/>` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="1"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="432" w:hanging="432"/></w:pPr></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="576" w:hanging="576"/></w:pPr></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	styled := func(id, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + id + `"/></w:pPr>` + run(text) + `</w:p>`
	}
	body := styled("a6", "江门市公共服务“十四五”规划") +
		styled("1", "基础环境") +
		styled("2", "发展成就") +
		p(run("公共服务体系逐步完善。深入推进实施《江门市推进基本公共服务均等化实施方案（2009-2020 年）》，完善基本公共服务均等化推进机制，民生投入持续加大")) +
		styled("2", "主要问题") +
		styled("1", "总体要求")
	d, err := Read(build(t, map[string]string{
		"word/document.xml":  `<?xml version="1.0"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`,
		"word/styles.xml":    stylesXML,
		"word/numbering.xml": numberingXML,
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Text)
	}
	want := []string{
		"江门市公共服务“十四五”规划",
		"1 基础环境",
		"1.1 发展成就",
		"公共服务体系逐步完善。深入推进实施《江门市推进基本公共服务均等化实施方案（2009-2020 年）》，完善基本公共服务均等化推进机制，民生投入持续加大",
		"1.2 主要问题",
		"2 总体要求",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The core properties of the corpus Word file
// guangzhou-population-public-services-14th-fyp-word.docx (LibreOffice:
// empty creator, subject and description, a language and a revision) give
// the title only; empty and other fields are not hints.
func TestCoreProps(t *testing.T) {
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator></dc:creator><dc:description></dc:description><dc:language>en-US</dc:language><cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>0</cp:revision><dc:subject></dc:subject><dc:title>广州市人口发展及社会领域公共服务体系建设“十四五”规划</dc:title></cp:coreProperties>`
	d, err := Read(build(t, map[string]string{
		"word/document.xml": `<w:document ` + ns + `><w:body>` + p(run("正文。")) + `</w:body></w:document>`,
		"docProps/core.xml": core,
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := block.Meta{Title: "广州市人口发展及社会领域公共服务体系建设“十四五”规划"}
	if d.Meta != want {
		t.Errorf("Meta = %+v, want %+v", d.Meta, want)
	}
}

// Word itself writes the creator and W3CDTF times; the dates keep the day.
func TestCorePropsDates(t *testing.T) {
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>某市规划</dc:title><dc:creator>Administrator</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2021-03-04T02:05:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2021-03-09T10:00:00Z</dcterms:modified></cp:coreProperties>`
	d, err := Read(build(t, map[string]string{
		"word/document.xml": `<w:document ` + ns + `><w:body>` + p(run("正文。")) + `</w:body></w:document>`,
		"docProps/core.xml": core,
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := block.Meta{Title: "某市规划", Author: "Administrator", Created: "2021-03-04", Modified: "2021-03-09"}
	if d.Meta != want {
		t.Errorf("Meta = %+v, want %+v", d.Meta, want)
	}
}
