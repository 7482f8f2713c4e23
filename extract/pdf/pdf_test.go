package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"planx/extract/block"
)

// testPDF writes a PDF whose pages have the given content streams. Font F1
// is a simple WinAnsi font (Helvetica widths are not needed: every glyph is
// 500 units wide); font F2 is a composite Identity-H font whose ToUnicode
// map gives each CID the character at index CID-1 of cjk, 1000 units wide.
// No font program is embedded: text extraction needs only the maps.
func testPDF(t testing.TB, cjk string, pages []string, extraTrailer string) []byte {
	t.Helper()
	var objs []string
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	// ToUnicode CMap for F2
	var cm strings.Builder
	runes := []rune(cjk)
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cm, "%d beginbfchar\n", len(runes))
	for i, r := range runes {
		u := utf16.Encode([]rune{r})
		fmt.Fprintf(&cm, "<%04X> <", i+1)
		for _, c := range u {
			fmt.Fprintf(&cm, "%04X", c)
		}
		cm.WriteString(">\n")
	}
	cm.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	tu := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cm.Len(), cm.String()))
	f1 := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [" + strings.Repeat("500 ", 95) + "] /Encoding /WinAnsiEncoding >>")
	desc := add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
	f2 := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	pagesID := len(objs) + 1 + 2*len(pages) + 1 // filled in below
	var kids []string
	for _, c := range pages {
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>", pagesID, f1, f2, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	catalog := add("") // placeholder, set after Pages
	pid := add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	if pid != pagesID {
		t.Fatalf("object numbering: pages at %d, expected %d", pid, pagesID)
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pid)
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, extraTrailer, xref)
	return b.Bytes()
}

// cids writes text of the test font F2 as a hex string of CIDs.
func cids(cjk, text string) string {
	idx := map[rune]int{}
	for i, r := range []rune(cjk) {
		idx[r] = i + 1
	}
	var b strings.Builder
	b.WriteString("<")
	for _, r := range text {
		fmt.Fprintf(&b, "%04X", idx[r])
	}
	b.WriteString(">")
	return b.String()
}

func texts(bs []block.Block) []string {
	var out []string
	for _, b := range bs {
		s := b.Text
		if b.Cells != nil {
			s = "[" + strings.Join(b.Cells, "|") + "]"
		}
		switch b.Role {
		case block.Box:
			s = "box:" + s
		case block.Footnote:
			s = "note:" + s
		}
		out = append(out, s)
	}
	return out
}

const cjk = "第一章总体要求推进基本公共服务均等化全面落实国家标准。专栏重点工程甲乙丙丁项目指标单位年预期性约束性个"

// A page with a chapter heading (centred), a paragraph of two lines with a
// superscript note marker and a page number, drawn the way word processors
// draw: text state set inside q/Q (the character spacing must not leak),
// TJ adjustments, a Tm per line.
func TestReadText(t *testing.T) {
	c := func(s string) string { return cids(cjk, s) }
	page := strings.Join([]string{
		"q BT /F2 16 Tf 1 0 0 1 249 780 Tm " + c("第一章") + " Tj ET Q",
		"q BT /F2 12 Tf 5 Tc 1 0 0 1 300 760 Tm " + c("要求") + " Tj ET Q", // Tc inside q/Q
		"BT /F2 12 Tf 1 0 0 1 72 740 Tm [" + c("推进基本公共服务均等化") + " -120 " + c("全面落实") + "] TJ ET",
		// a superscript marker: smaller and raised
		"BT /F1 7 Tf 1 0 0 1 254 745 Tm (1) Tj ET",
		"BT /F2 12 Tf 1 0 0 1 72 723 Tm " + c("国家标准。") + " Tj ET",
		"BT /F1 10 Tf 1 0 0 1 292 30 Tm (- 3 -) Tj ET", // page number
	}, "\n")
	data := testPDF(t, cjk, []string{page}, "")
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(texts(d.Blocks), "\n")
	for _, want := range []string{"第一章", "要求", "推进基本公共服务均等化全面落实¹", "国家标准。"} {
		if !strings.Contains(got, want) {
			t.Errorf("blocks lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "- 3 -") {
		t.Errorf("the page number was kept:\n%s", got)
	}
	if d.Pages != 1 || len(d.Diagnostics) != 0 {
		t.Errorf("pages %d, diagnostics %v", d.Pages, d.Diagnostics)
	}
}

// A ruled table with a merged cell, and a bordered box with a 专栏 label.
func TestReadTableAndBox(t *testing.T) {
	c := func(s string) string { return cids(cjk, s) }
	var b strings.Builder
	// table: 3 columns (x 72, 200, 300, 400), rows at y 700, 680, 660, 640
	for _, y := range []int{700, 680, 660, 640} {
		fmt.Fprintf(&b, "72 %d m 400 %d l S\n", y, y)
	}
	fmt.Fprintf(&b, "72 640 m 72 700 l S\n400 640 m 400 700 l S\n")
	fmt.Fprintf(&b, "200 640 m 200 700 l S\n")
	fmt.Fprintf(&b, "300 680 m 300 700 l S\n300 640 m 300 660 l S\n") // the middle row merges columns 2 and 3
	cell := func(x, y int, s string) {
		fmt.Fprintf(&b, "BT /F2 10 Tf 1 0 0 1 %d %d Tm %s Tj ET\n", x, y, c(s))
	}
	cell(75, 686, "指标")
	cell(205, 686, "单位")
	cell(305, 686, "年")
	cell(75, 666, "甲")
	cell(205, 666, "预期性约束性")
	cell(75, 646, "乙")
	cell(205, 646, "个")
	cell(305, 646, "丙")
	// a box: an outlined rectangle around a labelled title and a line
	fmt.Fprintf(&b, "72 400 328 100 re S\n")
	cell(150, 480, "专栏一重点工程")
	cell(80, 450, "甲项目乙项目。")
	d, err := Read(testPDF(t, cjk, []string{b.String()}, ""))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[指标|单位|年]", "[甲|预期性约束性|]", "[乙|个|丙]", "box:专栏一重点工程", "box:甲项目乙项目。"}
	if got := texts(d.Blocks); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadBadFiles(t *testing.T) {
	good := testPDF(t, cjk, []string{"BT /F2 12 Tf 72 700 Td " + cids(cjk, "总体要求") + " Tj ET"}, "")
	if _, err := Read(good); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	if _, err := Read(testPDF(t, cjk, []string{"BT ET"}, "/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> /ID [(a) (a)]")); !errors.Is(err, ErrEncrypted) {
		t.Errorf("an encrypted PDF: err = %v, want ErrEncrypted", err)
	}
	// Every truncation and a run of damaged bytes: an error or a document,
	// never a panic.
	for n := 0; n < len(good); n += 7 {
		Read(good[:n])
	}
	for i := 0; i+8 < len(good); i += 13 {
		bad := append([]byte(nil), good...)
		copy(bad[i:], "\x00\xff(<[/")
		Read(bad)
	}
}

// The corpus PDFs: the State Council plan's eleven 专栏 boxes are images
// (corpus/gold remarks list their pages); the print of the Guangzhou plan
// has its 表2 as a ruled table whose row 15 and its sub-row share merged
// cells.
func TestCorpusPDFs(t *testing.T) {
	data, err := os.ReadFile("../../corpus/state-council-cultural-relics-tech-14th-fyp.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, g := range d.Diagnostics {
		if g.Kind == "image_only" {
			pages = append(pages, g.Page)
		}
	}
	if fmt.Sprint(pages) != "[3 5 7 8 9 10 12 13 14 15 17]" {
		t.Errorf("image_only pages = %v, want the 11 box pages", pages)
	}
	data, err = os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp-print.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err = Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, b := range d.Blocks {
		if b.Cells != nil && (strings.HasPrefix(b.Cells[0], "15") || strings.HasPrefix(b.Cells[1], "农村常住居民")) {
			rows = append(rows, strings.Join(b.Cells, "|"))
		}
	}
	want := "15|城市常住居民人均可支配收入年均增速|%|7.9|与经济增长基本同步|预期性\n|农村常住居民人均可支配收入年均增速|%|10.1||"
	if strings.Join(rows, "\n") != want {
		t.Errorf("merged rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), want)
	}
	// words of a Latin name keep their spaces, which the print leaves as
	// gaps narrower than a Chinese space (the answer key's note 70)
	spaced := false
	for _, b := range d.Blocks {
		spaced = spaced || strings.Contains(b.Text, "Institute of Experimental Psychology")
	}
	if !spaced {
		t.Errorf("Institute of Experimental Psychology lost its spaces")
	}
}

// Browsers print Chinese with Type 3 fonts that have no name and map glyphs
// to radical code points (⼴ for 广, ⻘ for 青): two such fonts must not be
// taken for one, and radicals come out as the characters.
func TestType3AndRadicals(t *testing.T) {
	// ⻝ (EAT ONE) is how Chromium prints 食 in 粮食 (a browser print of a
	// plan's indicator table)
	if got := string(unifyRadicals([]rune("⼴州⼈⼝⻘年⻚粮⻝⼾籍20―59岁"))); got != "广州人口青年页粮食户籍20—59岁" {
		t.Errorf("unifyRadicals = %q", got)
	}
	cmap := func(r rune) string {
		return fmt.Sprintf("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar\n<41> <%04X>\nendbfchar\nendcmap end end\n", r)
	}
	a, b := cmap('⼴'), cmap('州') // the same length, different maps
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T1 4 0 R /T2 5 0 R >> >> /Contents 8 0 R >>",
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /CharProcs << >> /Encoding << /Differences [65 /a] >> /FirstChar 65 /LastChar 65 /Widths [1000] /ToUnicode 6 0 R >>",
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /CharProcs << >> /Encoding << /Differences [65 /a] >> /FirstChar 65 /LastChar 65 /Widths [1000] /ToUnicode 7 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(a), a),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(b), b),
	}
	content := "BT /T1 12 Tf 100 700 Td (A) Tj ET BT /T2 12 Tf 112 700 Td (A) Tj ET"
	d, err := Read(buildPDF(append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(texts(d.Blocks), "|"); got != "广州" {
		t.Errorf("text = %q, want 广州", got)
	}

	// cairo's Type 3 fonts: FontMatrix 1, widths in glyph space (1.0 for a
	// full-width character). "AA" must advance 24 points at 12 points, so
	// the word shown at 124 follows on with no gap.
	objs[3] = "<< /Type /Font /Subtype /Type3 /FontMatrix [1 0 0 -1 0 0] /FontBBox [0 0 1 1] /CharProcs << >> /Encoding << /Differences [65 /a] >> /FirstChar 65 /LastChar 65 /Widths [1] /ToUnicode 6 0 R >>"
	content = "BT /T1 12 Tf 100 700 Td (AA) Tj ET BT /T2 12 Tf 124 700 Td (A) Tj ET"
	d, err = Read(buildPDF(append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(texts(d.Blocks), "|"); got != "广广州" {
		t.Errorf("text with FontMatrix 1 = %q, want 广广州", got)
	}
}

// buildPDF writes objects 1… into a PDF file with a cross-reference table;
// object 1 is the catalog.
func buildPDF(objs []string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return buf.Bytes()
}

// Cell borders run from rule to rule; a glyph stroke drawn as a path (bold
// text re-rendered by cairo) floats inside a cell and is no column rule.
func TestBordersOnly(t *testing.T) {
	hs := []rect{{x0: 50, y0: 700, x1: 550, y1: 700}, {x0: 50, y0: 680, x1: 550, y1: 680}}
	vs := []rect{
		{x0: 200, y0: 680, x1: 200, y1: 700}, // a border from rule to rule
		{x0: 320, y0: 684, x1: 320, y1: 695}, // the stroke of a glyph
		{x0: 400, y0: 600, x1: 400, y1: 680}, // a long border that ends on one rule
		{x0: 450, y0: 500, x1: 450, y1: 530}, // long: a rule of some other table
	}
	got := bordersOnly(vs, hs, 16)
	var xs []float64
	for _, v := range got {
		xs = append(xs, v.x0)
	}
	if len(xs) != 3 || xs[0] != 200 || xs[1] != 400 || xs[2] != 450 {
		t.Errorf("kept verticals at %v, want [200 400 450]", xs)
	}
}

// A frame a page break cut open (a browser's print of a 专栏 that runs
// onto the next page: its top rule and its sides down to the foot of the
// text, no bottom rule) is closed where its sides end; the sides of a
// merged cell, which end inside the page on no rule, are not. The rects
// are a Chromium print's, in points.
func TestCutSides(t *testing.T) {
	top := []rect{{x0: 57.7, y0: 175.5, x1: 554.2, y1: 176.3}}
	sides := []rect{{x0: 57.7, y0: 27.8, x1: 58.5, y1: 176.3}, {x0: 553.5, y0: 27.8, x1: 554.2, y1: 176.3}}
	cuts := cutSides(top, sides, 12)
	if len(cuts) != 1 || cuts[0].y0 != 27.8 || cuts[0].x0 != 57.7 || cuts[0].x1 != 554.2 {
		t.Errorf("cuts of a box's first page = %+v, want one rule at 27.8", cuts)
	}
	// the next page: sides from the head of the text down to the bottom rule
	bottom := []rect{{x0: 57.7, y0: 697.5, x1: 554.2, y1: 698.3}}
	sides = []rect{{x0: 57.7, y0: 697.5, x1: 58.5, y1: 764.3}, {x0: 553.5, y0: 697.5, x1: 554.2, y1: 764.3}}
	if cuts := cutSides(bottom, sides, 12); len(cuts) != 1 || cuts[0].y0 != 764.3 {
		t.Errorf("cuts of a box's second page = %+v, want one rule at 764.3", cuts)
	}
	// a merged cell: its sides run two rows down, to 300, while the
	// table's rules go on to 200
	hs := []rect{{x0: 100, y0: 400, x1: 200, y1: 400}, {x0: 50, y0: 200, x1: 300, y1: 200}}
	vs := []rect{{x0: 100, y0: 300, x1: 100, y1: 400}, {x0: 200, y0: 300, x1: 200, y1: 400}, {x0: 50, y0: 200, x1: 50, y1: 400}}
	if cuts := cutSides(hs, vs, 12); len(cuts) != 0 {
		t.Errorf("cuts of a merged cell = %+v, want none", cuts)
	}
	// a frame closed on the page is left as it is
	closed := append(top, rect{x0: 57.7, y0: 27.8, x1: 554.2, y1: 28.5})
	if cuts := cutSides(closed, []rect{{x0: 57.7, y0: 27.8, x1: 58.5, y1: 176.3}, {x0: 553.5, y0: 27.8, x1: 554.2, y1: 176.3}}, 12); len(cuts) != 0 {
		t.Errorf("cuts of a closed frame = %+v, want none", cuts)
	}
}

// testdata/owner-locked.pdf and password.pdf are one LibreOffice PDF (a
// 表1 of 18 indicators) saved with an owner password only, and with a
// password to open (both RC4).
func TestEncrypted(t *testing.T) {
	data, err := os.ReadFile("testdata/owner-locked.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(data)
	if err != nil {
		t.Fatalf("owner-locked PDF: %v", err)
	}
	if d.Pages != 3 || !strings.Contains(strings.Join(texts(d.Blocks), "|"), "表1") {
		t.Errorf("owner-locked PDF: %d pages, text %.60q", d.Pages, strings.Join(texts(d.Blocks), "|"))
	}
	data, err = os.ReadFile("testdata/password.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(data); !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), "needs a password") {
		t.Errorf("password PDF: err = %v, want ErrEncrypted saying it needs a password", err)
	}
}

// A table set sideways on a portrait page: two lines whose text runs up
// the page (and, turned the other way, down), the first line nearer the
// page's left edge for text running up; an upright page number at the
// foot. The lines come out left to right in reading order; the page
// number, printed for the portrait sheet, is dropped.
func TestSidewaysPage(t *testing.T) {
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n5 beginbfchar\n<41> <5E7F>\n<42> <5DDE>\n<43> <4EBA>\n<44> <53E3>\n<31> <0031>\nendbfchar\nendcmap end end\n"
	font := "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /CharProcs << >> /Encoding << /Differences [49 /one 65 /a /b /c /d] >> /FirstChar 49 /LastChar 68 /Widths [500 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1000 1000 1000 1000] /ToUnicode 5 0 R >>"
	for _, tc := range []struct {
		name, content string
	}{
		{"up", "BT /T1 12 Tf 0 1 -1 0 100 300 Tm (AB) Tj 0 1 -1 0 118 300 Tm (CD) Tj ET BT /T1 10 Tf 300 30 Td (1) Tj ET"},
		{"down", "BT /T1 12 Tf 0 -1 1 0 500 500 Tm (AB) Tj 0 -1 1 0 482 500 Tm (CD) Tj ET BT /T1 10 Tf 300 30 Td (1) Tj ET"},
	} {
		objs := []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T1 4 0 R >> >> /Contents 6 0 R >>",
			font,
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cm), cm),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(tc.content), tc.content),
		}
		d, err := Read(buildPDF(objs))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(texts(d.Blocks), "|"); got != "广州人口" && got != "广州|人口" {
			t.Errorf("%s: text = %q, want 广州 then 人口 and no page number", tc.name, got)
		}
	}
}

// What downloads and newer writers do to a PDF: a BOM or an HTTP header
// before %PDF-, HTML after %%EOF, a PDF 2.0 header. Each variant reads as
// the file itself does.
func TestDamagedEnvelope(t *testing.T) {
	orig, want := readCorpusPDF(t, "state-council-cultural-relics-tech-14th-fyp.pdf")
	wantText := strings.Join(texts(want.Blocks), "|")
	v20 := append([]byte("%PDF-2.0\n"), orig[9:]...)
	for name, data := range map[string][]byte{
		"bom":         append([]byte("\xef\xbb\xbf"), orig...),
		"http header": append([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n"), orig...),
		"html after":  append(append([]byte{}, orig...), []byte("\n<html><body>"+strings.Repeat("下载 ", 100)+"</body></html>\n")...),
		"pdf 2.0":     v20,
		// short tails the library's own check refuses
		"comment after": append(append([]byte{}, orig...), []byte("\n% variant 17\n")...),
		"nul padding":   append(append([]byte{}, orig...), make([]byte, 16)...),
	} {
		d, err := Read(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if d.Pages != want.Pages || strings.Join(texts(d.Blocks), "|") != wantText {
			t.Errorf("%s: %d pages, text differs from the file's own", name, d.Pages)
		}
		for _, g := range d.Diagnostics {
			if g.Kind == "repaired" {
				t.Errorf("%s: repaired (%s): the envelope was not taken off", name, g.Message)
			}
		}
	}
}

// A file whose cross-reference offsets are wrong (bytes inserted after the
// header) reads whole from a rebuilt table; one cut short keeps the pages
// before the cut. Both say that the file was repaired.
func TestRepairXref(t *testing.T) {
	orig, want := readCorpusPDF(t, "state-council-cultural-relics-tech-14th-fyp.pdf")
	repaired := func(d *block.Layout) bool {
		for _, g := range d.Diagnostics {
			if g.Kind == "repaired" {
				return true
			}
		}
		return false
	}
	shifted := append(append(append([]byte{}, orig[:9]...), []byte("% a line a broken tool inserted\n")...), orig[9:]...)
	d, err := Read(shifted)
	if err != nil {
		t.Fatalf("shifted offsets: %v", err)
	}
	if d.Pages != want.Pages || strings.Join(texts(d.Blocks), "|") != strings.Join(texts(want.Blocks), "|") || !repaired(d) {
		t.Errorf("shifted offsets: %d pages of %d, repaired %v, text equal %v", d.Pages, want.Pages, repaired(d),
			strings.Join(texts(d.Blocks), "|") == strings.Join(texts(want.Blocks), "|"))
	}
	d, err = Read(orig[:len(orig)*7/10])
	if err != nil {
		t.Fatalf("cut short: %v", err)
	}
	if d.Pages == 0 || d.Pages >= want.Pages || len(d.Blocks) == 0 || !repaired(d) {
		t.Errorf("cut short: %d pages of %d, %d blocks, repaired %v", d.Pages, want.Pages, len(d.Blocks), repaired(d))
	}
	if _, err := Read(orig[:2000]); err == nil {
		t.Errorf("a file cut before any page: no error")
	}
}

// Two inputs that made the library loop forever: a content stream cut
// inside a hex string (its lexer reads past the end as newlines) and a
// page tree that lists itself among its kids. Both must return, the first
// with a bad_page diagnostic.
func TestNoEndlessLoop(t *testing.T) {
	inTime := func(name string, data []byte) *block.Layout {
		t.Helper()
		done := make(chan *block.Layout, 1)
		go func() {
			d, _ := Read(data)
			done <- d
		}()
		select {
		case d := <-done:
			return d
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Read did not return", name)
		}
		return nil
	}
	d := inTime("cut hex string", testPDF(t, cjk, []string{"BT /F2 12 Tf 72 700 Td <00280029"}, ""))
	if d == nil || len(d.Diagnostics) == 0 || d.Diagnostics[0].Kind != "bad_page" {
		t.Errorf("cut hex string: want a bad_page diagnostic, got %+v", d)
	}
	inTime("page tree in a loop", buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>",
	}))
}

// Which stream endings would leave the library's lexer inside a hex
// string, fed whole and one byte at a time.
func TestHexScanner(t *testing.T) {
	for in, closed := range map[string]bool{
		"BT (a<b) Tj ET":       true,  // a < inside a literal string
		"BT <0028> Tj ET":      true,  // a closed hex string
		"<< /A 1 >> BDC EMC":   true,  // a dictionary
		"% <00 a comment\nQ":   true,  // a < inside a comment
		"BT (a\\)<b) Tj ET":    true,  // an escaped parenthesis
		"BT /F1 1 Tf <0028":    false, // cut inside a hex string
		"BT /F1 1 Tf <":        false, // cut right after <
		"BT (unclosed <00 ...": true,  // the library ends a literal string at the end
	} {
		var whole, bytewise hexScanner
		whole.scan([]byte(in))
		for i := 0; i < len(in); i++ {
			bytewise.scan([]byte{in[i]})
		}
		for name, sc := range map[string]hexScanner{"whole": whole, "byte by byte": bytewise} {
			if got := sc.state != inHex && sc.state != afterLT; got != closed {
				t.Errorf("%q (%s): closed = %v, want %v", in, name, got, closed)
			}
		}
	}
}

// readCorpusPDF reads a PDF of corpus/ and returns its bytes and what Read
// makes of it.
func readCorpusPDF(t *testing.T, name string) ([]byte, *block.Layout) {
	t.Helper()
	data, err := os.ReadFile("../../corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, d
}

// The document information dictionary is the layout's metadata: the
// corpus PDF printed from Word names its author and dates (D:20241231030444)
// and no title; one printed by a browser has the page's title.
func TestMeta(t *testing.T) {
	for _, c := range []struct {
		file string
		want block.Meta
	}{
		{"state-council-cultural-relics-tech-14th-fyp.pdf", block.Meta{Author: "Administrator", Created: "2024-12-31", Modified: "2024-12-31"}},
		{"guangzhou-population-public-services-14th-fyp-print.pdf", block.Meta{Title: "广州市人口发展及社会领域公共服务体系建设“十四五”规划", Created: "2026-11-23"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			_, d := readCorpusPDF(t, c.file)
			if d.Meta != c.want {
				t.Errorf("Meta = %+v, want %+v", d.Meta, c.want)
			}
		})
	}
}

// A browser's print (testdata/chromium-split-row-and-box.pdf, from the
// .html beside it: chromium --headless --print-to-pdf) cuts a table row and
// a 专栏 box at page breaks and draws no rule at either cut. The row is one
// row, each cell's text whole, and every line of the box is box text; the
// box's title, too long for one line, is whole and apart from its first
// item.
func TestBrowserPageCuts(t *testing.T) {
	data, err := os.ReadFile("testdata/chromium-split-row-and-box.pdf")
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var box []block.Block
	for _, b := range l.Blocks {
		if b.Cells != nil {
			rows = append(rows, b.Cells)
		}
		if strings.Contains(b.Text, "专栏2") || len(box) > 0 && len(box) < 4 {
			box = append(box, b)
		}
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4 (title, header, 幼有所育, 弱有所扶): %q", len(rows), rows)
	}
	last := rows[3]
	if last[0] != "弱有所扶" || last[1] != "为城乡居民尤其是困难群体的基本生活提供物质帮助，保障残疾人等特殊群体有尊严地生活和平等参与社会发展。" ||
		!strings.HasPrefix(last[2], "最低生活保障、") || !strings.HasSuffix(last[2], "残疾人最低生活保障（共计8项）") {
		t.Errorf("the row cut by the page = %q", last)
	}
	if len(box) != 4 || !box[0].Title || box[0].Text != "专栏2：“十四五”时期江门市实施妇幼健康保护、孕育照护、托育服务增量提质和儿童健康促进主要行动" ||
		!strings.HasPrefix(box[1].Text, "1.妇幼健康保护工程。") {
		t.Fatalf("box blocks %+v, want its title and three items", box)
	}
	for _, b := range box {
		if b.Role != block.Box {
			t.Errorf("%q is not box text", b.Text)
		}
	}
}

// A note at a page's foot opens with its number: digits, a circled
// number, 注, or the number raised as Word prints a footnote's (¹).
func TestFootnoteLike(t *testing.T) {
	for s, want := range map[string]bool{
		"1 基本公共服务：是指…":         true,
		"¹包括最低生活保障家庭和低收入家庭儿童。": true,
		"①数据来源于市统计局。":          true,
		"注：[]为五年累计数。":          true,
		"加强基本公共服务标准化建设。":       false,
	} {
		if got := footnoteLike(s); got != want {
			t.Errorf("footnoteLike(%q) = %v, want %v", s, got, want)
		}
	}
}
