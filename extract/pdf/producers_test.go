package pdf

import (
	"fmt"
	"strings"
	"testing"

	"planx/extract/block"
)

// hasBlock reports whether a block's text is exactly s.
func hasBlock(bs []block.Block, s string) bool {
	for _, b := range bs {
		if b.Text == s {
			return true
		}
	}
	return false
}

// The Changchun draft (Acrobat) carries the watermark 征求意见稿 on every
// page, five single glyphs eight times the body size that fall between body
// lines and table rows (corpus/gold remarks). They leave the text, once,
// with a diagnostic; the paragraphs, headings and the table around them come
// out whole.
func TestWatermark(t *testing.T) {
	_, d := readCorpusPDF(t, "changchun-weiman-palace-historic-district-conservation-plan-2023-2035-draft.pdf")
	var marks []Diagnostic
	for _, g := range d.Diagnostics {
		if g.Kind == "watermark" {
			marks = append(marks, g)
		}
	}
	if len(marks) != 1 || !strings.Contains(marks[0].Message, "“征求意见稿”") || !strings.Contains(marks[0].Message, "15 of 15 pages") {
		t.Fatalf("watermark diagnostics = %+v, want one naming 征求意见稿 on 15 of 15 pages", marks)
	}
	for _, want := range []string{
		"2.适用范围", // 见 stood between it and its paragraph
		"四、保护范围及保护控制措施",
		"1.历史文化街区保护区划",
		"伪满皇宫历史文化街区保护范围包括核心保护范围和建设控制地带，总面积25.05公顷。",
	} {
		t.Run(want, func(t *testing.T) {
			if !hasBlock(d.Blocks, want) {
				t.Errorf("no block %q", want)
			}
		})
	}
	// pp.12–15 are full-page drawings whose text layer is the watermark
	// alone: a diagnostic each and no block
	var drawings []int
	for _, g := range d.Diagnostics {
		if g.Kind == "scanned" && strings.Contains(g.Message, "full-page image") {
			drawings = append(drawings, g.Page)
		}
	}
	if fmt.Sprint(drawings) != "[12 13 14 15]" {
		t.Errorf("full-page image diagnostics on pages %v, want [12 13 14 15]", drawings)
	}
	for _, b := range d.Blocks {
		if b.Page >= 12 {
			t.Errorf("block on drawing page %d: %q", b.Page, b.Text)
		}
		for _, c := range strings.Split("征 求 意 见 稿", " ") {
			if b.Text == c || strings.HasSuffix(b.Text, " "+c) {
				t.Errorf("watermark glyph left in %q (page %d)", b.Text, b.Page)
			}
		}
	}
}

// The same draft's only table (三、3 保护对象) crosses from page 3 to page
// 4. On page 3 the header and first row span the category and sub-category
// columns, so no rule divides them; page 4 has the rule and repeats the
// header. The rows are the answer key's: one table of three columns, the
// repeated header gone, merged cells written in the first cell they cover.
func TestTableAcrossPages(t *testing.T) {
	_, d := readCorpusPDF(t, "changchun-weiman-palace-historic-district-conservation-plan-2023-2035-draft.pdf")
	var rows []string
	for _, b := range d.Blocks {
		if b.Cells != nil {
			rows = append(rows, strings.Join(b.Cells, "|"))
		}
	}
	want := []string{
		"保护对象分类||具体对象",
		"传统街巷||长利路、东九条街、光复路、东八条、长白路",
		"历史院落空间||伪满皇宫院墙围合而成的西部区、核心区、东部区与南部区的院落空间环境",
		"建筑|文物保护建筑|同德殿、书画楼、面点间、缉熙楼以及东南西厢房、中和门、勤民楼、日本宪兵室、嘉乐殿、怀远楼、宫内府（正房、东西厢房）、畅春轩、植秀轩、卤簿车库、近卫军营房等25栋建筑",
		"|传统风貌建筑|花窖、马厩、禁卫军营房等11栋建筑",
		"历史环境要素|构筑物|游泳池、御用防空洞、天照大神防空洞、院墙、门8座、碉堡11座",
		"|遗址|建国神庙遗址",
		"|园林景观|东御花园（养鱼池）、西御花园、假山",
		"历史文化要素||伪满皇宫街区范围内的历史事件等",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("table rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// The gov.cn page printed by a browser draws each heading twice at the same
// place (simulated bold). One copy is kept: the heading reads once and,
// being short again, ends its line's paragraph. The title, set 1.5 times the
// body size, is no watermark. A centred line that leaves a bracket open goes
// on on the next centred line.
func TestOverprint(t *testing.T) {
	_, d := readCorpusPDF(t, "cpc-15th-fyp-recommendations-govcn-browser-print.pdf")
	for _, want := range []string{
		"中共中央关于制定国民经济和",
		// the centred adoption line, wrapped inside its brackets
		"（二〇二五年十月二十三日中国共产党第二十届中央委员会第四次全体会议通过）",
		"一、“十五五”时期是基本实现社会主义现代化的关键时期",
		"三、建设现代化产业体系，巩固壮大实体经济根基",
	} {
		t.Run(want, func(t *testing.T) {
			if !hasBlock(d.Blocks, want) {
				t.Errorf("no block %q", want)
			}
		})
	}
	for _, g := range d.Diagnostics {
		if g.Kind == "watermark" {
			t.Errorf("watermark found in a document without one: %s", g.Message)
		}
	}
}

// scalePage multiplies every length of a page by k, as a printer that fits
// the same page to a larger or smaller sheet does.
func scalePage(pg *page, k float64) {
	pg.x0, pg.y0, pg.width, pg.height = pg.x0*k, pg.y0*k, pg.width*k, pg.height*k
	c := &pg.content
	for i := range c.glyphs {
		g := &c.glyphs[i]
		g.x, g.y, g.w, g.size = g.x*k, g.y*k, g.w*k, g.size*k
	}
	for i := range c.rects {
		r := &c.rects[i]
		r.x0, r.y0, r.x1, r.y1 = r.x0*k, r.y0*k, r.x1*k, r.y1*k
	}
	for i := range c.images {
		im := &c.images[i]
		im.x0, im.y0, im.x1, im.y1 = im.x0*k, im.y0*k, im.x1*k, im.y1*k
	}
}

// The reader measures in em of the body text and in fractions of the page,
// so the print of the Guangzhou plan (its ruled indicator table, 专栏 boxes,
// notes) and the Changchun draft (watermark, table across pages) read the
// same set at half, one and a half and twice the size.
func TestScaleFree(t *testing.T) {
	for _, name := range []string{
		"guangzhou-population-public-services-14th-fyp-print.pdf",
		"changchun-weiman-palace-historic-district-conservation-plan-2023-2035-draft.pdf",
	} {
		data, _ := readCorpusPDF(t, name)
		layout := func(k float64) []block.Block {
			r, err := openForTest(trimFile(data))
			if err != nil {
				t.Fatal(err)
			}
			fonts := &fontCache{byKey: map[string]*font{}}
			var pages []*page
			for i, pv := range pageList(r) {
				pg, err := readPage(pv, i+1, fonts)
				if err != nil {
					t.Fatal(err)
				}
				scalePage(pg, k)
				pages = append(pages, pg)
			}
			bs, _, _ := layoutDocument(pages, nil)
			return bs
		}
		want := layout(1)
		for _, k := range []float64{0.5, 1.5, 2} {
			t.Run(fmt.Sprintf("%s×%v", name[:10], k), func(t *testing.T) {
				got := layout(k)
				n := 0
				for i := 0; i < len(got) || i < len(want); i++ {
					var g, w string
					if i < len(got) {
						g = fmt.Sprint(got[i].Role, got[i].Text)
					}
					if i < len(want) {
						w = fmt.Sprint(want[i].Role, want[i].Text)
					}
					if g != w && n < 5 {
						t.Errorf("block %d = %q, want %q", i, g, w)
						n++
					}
				}
			})
		}
	}
}

// readPages reads the pages of a corpus PDF without laying them out.
func readPages(t *testing.T, name string) []*page {
	t.Helper()
	data, _ := readCorpusPDF(t, name)
	r, err := openForTest(trimFile(data))
	if err != nil {
		t.Fatal(err)
	}
	fonts := &fontCache{byKey: map[string]*font{}}
	var pages []*page
	for i, pv := range pageList(r) {
		pg, err := readPage(pv, i+1, fonts)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, pg)
	}
	return pages
}

// addLine draws text on a page in 9-point type from (x, y).
func addLine(pg *page, text string, x, y float64) {
	f := pg.content.glyphs[0].font
	for _, r := range text {
		w := 4.5
		if block.IsWide(r) {
			w = 9
		}
		pg.content.glyphs = append(pg.content.glyphs, glyph{r: []rune{r}, x: x, y: y, w: w, size: 9, font: f})
		x += w
	}
}

// A running title and a footer line printed on every sheet are furniture
// wherever they stand, not only in the top and bottom 8% of the page: the
// Changchun draft, whose body starts 11% below the top of its A4 pages,
// reads the same with a banner 70 points below the top of each page (8.3%
// of A4) and a URL line with the page number 72 points above the bottom;
// its last four pages are drawings of other sizes.
func TestRepeatedFurniture(t *testing.T) {
	name := "changchun-weiman-palace-historic-district-conservation-plan-2023-2035-draft.pdf"
	want, _, _ := layoutDocument(readPages(t, name), nil)
	pages := readPages(t, name)
	for i, pg := range pages {
		addLine(pg, "长春市自然资源局 首页 政务公开 公示公告", pg.x0+90, pg.y0+pg.height-70)
		addLine(pg, fmt.Sprintf("http://zrzyj.changchun.gov.cn/zwgk/gsgg/ %d/%d", i+1, len(pages)), pg.x0+90, pg.y0+72)
	}
	got, _, _ := layoutDocument(pages, nil)
	if len(got) != len(want) {
		t.Errorf("%d blocks, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i].Text != want[i].Text {
			t.Errorf("block %d = %q, want %q", i, got[i].Text, want[i].Text)
			break
		}
	}
}

// The interpreter marks text drawn at a slant and text painted pale, the
// two marks of a watermark that is not huge, whatever colour operator set
// the fill.
func TestTiltedAndPale(t *testing.T) {
	cases := []struct {
		name, content string
		tilted, light bool
	}{
		{"upright black", "BT /F1 12 Tf 72 700 Td (A) Tj ET", false, false},
		{"45 degrees, grey 0.85", "0.85 g BT /F1 40 Tf 0.707 0.707 -0.707 0.707 100 100 Tm (A) Tj ET", true, true},
		{"30 degrees, dark RGB", "0.2 0.2 0.2 rg BT /F1 40 Tf 0.866 0.5 -0.5 0.866 100 100 Tm (A) Tj ET", true, false},
		{"pale CMYK, restored by Q", "q 0 0 0 0.1 k Q BT /F1 12 Tf 72 700 Td (A) Tj ET", false, false},
		{"pale via scn", "/CS0 cs 0.9 0.9 0.9 scn BT /F1 12 Tf 72 700 Td (A) Tj ET", false, true},
		{"sideways (a right angle) is not tilted", "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (A) Tj ET", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := openForTest(hostilePDF("", c.content, ""))
			if err != nil {
				t.Fatal(err)
			}
			pg, err := readPage(pageList(r)[0], 1, &fontCache{byKey: map[string]*font{}})
			if err != nil {
				t.Fatal(err)
			}
			if len(pg.content.glyphs) != 1 {
				t.Fatalf("%d glyphs, want 1", len(pg.content.glyphs))
			}
			if g := pg.content.glyphs[0]; g.tilted != c.tilted || g.light != c.light {
				t.Errorf("tilted %v light %v, want %v %v", g.tilted, g.light, c.tilted, c.light)
			}
		})
	}
}

// A watermark set as one pale grey string (内部资料 at twice the body size,
// across the middle of every page over the text) or at a slant leaves the
// gov.cn print's text as it was, with one diagnostic naming it.
func TestPaleWatermark(t *testing.T) {
	name := "cpc-15th-fyp-recommendations-govcn-browser-print.pdf"
	want, _, _ := layoutDocument(readPages(t, name), nil)
	for _, tilt := range []bool{false, true} {
		t.Run(fmt.Sprintf("tilted %v", tilt), func(t *testing.T) {
			pages := readPages(t, name)
			for _, pg := range pages {
				f := pg.content.glyphs[0].font
				x, y := pg.x0+pg.width*0.35, pg.y0+pg.height*0.5
				for _, r := range "内部资料" {
					pg.content.glyphs = append(pg.content.glyphs, glyph{r: []rune{r}, x: x, y: y, w: 32, size: 32, font: f, light: !tilt, tilted: tilt})
					x += 32
					if tilt {
						x -= 9
						y += 23
					}
				}
			}
			got, _, diags := layoutDocument(pages, nil)
			if len(diags) != 1 || diags[0].Kind != "watermark" || !strings.Contains(diags[0].Message, "“内部资料”") {
				t.Errorf("diagnostics %+v, want one watermark naming 内部资料", diags)
			}
			if len(got) != len(want) {
				t.Errorf("%d blocks, want %d", len(got), len(want))
			}
			for i := 0; i < len(got) && i < len(want); i++ {
				if got[i].Text != want[i].Text {
					t.Errorf("block %d = %q, want %q", i, got[i].Text, want[i].Text)
					break
				}
			}
		})
	}
}
