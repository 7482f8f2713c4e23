package ocr

import (
	"context"
	"image"
	"os"
	"strings"
	"testing"

	"planx/extract/label"
	"planx/extract/pdf"
)

// The test images are two of the eleven 专栏 boxes that the State Council's
// 文物保护和科技创新 plan (../../corpus) prints as JPEGs, as stored in the
// PDF: 专栏1 (p. 3), the indicator table, and 专栏2 (p. 5), a numbered list.
// Expected values come from ../shared/eval/gold-ocr, read off the images
// by hand.

// jpegImage is a test image as the PDF reader hands it over, placed at dpi.
func jpegImage(t testing.TB, name string, w, h int, dpi float64) pdf.Image {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return pdf.Image{Page: 3, X0: 0, X1: float64(w) / dpi * 72, Y0: 0, Y1: float64(h) / dpi * 72,
		Width: w, Height: h, Filter: "DCTDecode", Data: data}
}

func engine(t testing.TB) *Engine {
	t.Helper()
	e, err := Find()
	if err != nil {
		t.Skipf("%v (CI installs it)", err)
	}
	return e
}

func TestGrid(t *testing.T) {
	g, err := decode(jpegImage(t, "box1-indicators-p3.jpg", 650, 857, 113))
	if err != nil {
		t.Fatal(err)
	}
	ch := 17 // int(113 dpi × 11 pt / 72)
	gr := rules(g, 3*ch, 3*ch)
	band, body := titleBand(g, gr, ch)
	if band.Empty() || band.Dy() < ch || band.Dy() > 3*ch {
		t.Fatalf("title band %v, want one line high", band)
	}
	// 类型 | 指标 | 2020年 | 2025年 | 属性: four rules inside the borders
	if got := innerCols(gr, g.Bounds(), ch); len(got) != 4 {
		t.Errorf("inner vertical rules at %v, want 4", got)
	}
	var rows []int
	for _, y := range gr.rows {
		if y >= body.Min.Y-2 {
			rows = append(rows, y)
		}
	}
	cells := grid{rows: rows, cols: gr.cols, hs: gr.hs, vs: gr.vs}.cells()
	// the merged 类型 cells span the rows of their category (gold-ocr:
	// 资源管理 3, 文物安全 4, 科技创新 6, 改革创新 1, 博物馆、纪念馆 3, 人才队伍 4)
	var spans []int
	for _, c := range cells {
		if c.col == 0 && c.row > 0 {
			spans = append(spans, c.rows)
		}
	}
	want := []int{3, 4, 6, 1, 3, 4}
	if len(spans) != len(want) {
		t.Fatalf("category spans %v, want %v", spans, want)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("category %d spans %d rows, want %d", i+1, spans[i], want[i])
		}
	}
	if n := len(cells); n != 5+21*4+6 {
		t.Errorf("%d cells, want %d (header, 21 rows of 4, 6 categories)", n, 5+21*4+6)
	}
}

func TestReadTable(t *testing.T) {
	e := engine(t)
	// the text layer under the image prints 12.27 in its note ③
	known := map[string]bool{"12.27": true, "2019": true, "5.4": true}
	bs, rg, err := readImage(context.Background(), e, jpegImage(t, "box1-indicators-p3.jpg", 650, 857, 113), known)
	if err != nil || rg == nil {
		t.Fatalf("read: %v %v", rg, err)
	}
	if rg.Kind != "table" || rg.Label != "专栏1" || rg.Title != "“十四五”时期文物事业发展主要指标" {
		t.Errorf("region %s %s %q", rg.Kind, rg.Label, rg.Title)
	}
	if lb := label.Parse(bs[0].Text); lb.Kind != label.Box || !bs[0].Title {
		t.Errorf("first block %q is not the box's title line", bs[0].Text)
	}
	gold := [][]string{
		{"类型", "指标", "2020年", "2025年", "属性"},
		{"资源管理", "全国重点文物保护单位数量（处）", "5058", "新增一批", "预期性"},
		{"", "省级文物保护单位数量（处）", "21000", "23500", "预期性"},
		{"", "馆藏文物数量（万件/套）", "5813.9", "6000", "预期性"},
		{"文物安全", "全国重点文物保护单位“四有”工作完成率（％）", "85", "100", "约束性"},
		{"", "省级文物保护单位“四有”工作完成率（％）", "80", "100", "约束性"},
		{"", "全国重点文物保护单位、省级文物保护单位“两线”纳入各级国土空间规划完成率（％）", "—", "100", "预期性"},
		{"", "将文物安全纳入本级政府考核评价体系的省（自治区、直辖市）政府数量（个）", "25", "31", "预期性"},
		{"科技创新", "文物科技研发投入年均增长率（％）", "—", "＞10", "预期性"},
		{"", "文物科研人员数量（人）", "33000", "41200", "预期性"},
		{"", "文物领域专利授权数量（项）", "3900", "5900", "预期性"},
		{"", "国家重点实验室数量（家）", "—", "1", "预期性"},
		{"", "国家文物局重点科研基地数量（家）", "33", "40—45", "预期性"},
		{"", "文物行业标准数量（项）", "110", "210", "预期性"},
		{"改革创新", "国家文物保护利用示范区数量（处）", "6", "30", "预期性"},
		{"博物馆、纪念馆", "全国备案博物馆数量（家）", "5788", "6500", "预期性"},
		{"", "年举办陈列展览数量（个）", "29000", "30000", "预期性"},
		{"", "年观众人数（亿人次）", "12.27", "14", "预期性"},
		{"人才队伍", "文物机构数量（个）", "11300", "12200", "预期性"},
		{"", "文物机构从业人员数量（万人）", "17.57", "19.5", "预期性"},
		{"", "考古从业人员数量（人）", "6000", "10000", "预期性"},
		{"", "文物保护勘察设计、施工人员数量（人）", "20000", "27000", "预期性"},
	}
	rows := bs[1:]
	if len(rows) != len(gold) {
		t.Fatalf("%d rows, want %d", len(rows), len(gold))
	}
	right, total := 0, 0
	for i, want := range gold {
		if len(rows[i].Cells) != len(want) {
			t.Errorf("row %d has %d cells, want %d", i, len(rows[i].Cells), len(want))
			continue
		}
		for j, w := range want {
			if w == "" {
				if rows[i].Cells[j] != "" {
					t.Errorf("row %d col %d = %q, want empty (merged cell)", i, j, rows[i].Cells[j])
				}
				continue
			}
			total++
			if rows[i].Cells[j] == w {
				right++
			} else {
				t.Logf("row %d col %d = %q, want %q", i, j, rows[i].Cells[j], w)
			}
		}
	}
	// the target for table cells is 0.90
	if float64(right) < 0.9*float64(total) {
		t.Errorf("%d of %d cells right, want at least 90%%", right, total)
	}
	// the header, the categories and the 属性 column are right without exception
	for i, want := range gold {
		for _, j := range []int{0, 4} {
			if rows[i].Cells[j] != want[j] {
				t.Errorf("row %d col %d = %q, want %q", i, j, rows[i].Cells[j], want[j])
			}
		}
	}
	reviewed := 0
	for _, l := range rg.Lines {
		if l.Repair != "" && !l.NeedsReview {
			t.Errorf("cell %d,%d repaired (%s) but not flagged for review", l.Row, l.Col, l.Repair)
		}
		if l.NeedsReview {
			reviewed++
		}
	}
	if reviewed == 0 || reviewed > total/3 {
		t.Errorf("%d of %d cells flagged for review", reviewed, total)
	}
}

func TestReadBox(t *testing.T) {
	e := engine(t)
	bs, rg, err := readImage(context.Background(), e, jpegImage(t, "box2-list-p5.jpg", 650, 503, 114), nil)
	if err != nil || rg == nil {
		t.Fatalf("read: %v %v", rg, err)
	}
	if rg.Kind != "box" || rg.Label != "专栏2" || rg.Title != "文物资源管理与安全督察" {
		t.Errorf("region %s %s %q", rg.Kind, rg.Label, rg.Title)
	}
	// five numbered items, one paragraph each, named by the phrase before ：
	leads := []string{"中华文化资源普查工程（文物专项）", "不可移动文物资源规划体系建设", "馆藏一级文物数字化保护利用", "博物馆征藏体系建设", "文物平安工程"}
	paras := bs[1:]
	if len(paras) != len(leads) {
		for _, b := range paras {
			t.Log(b.Text)
		}
		t.Fatalf("%d paragraphs, want %d", len(paras), len(leads))
	}
	right := 0
	for i, p := range paras {
		lb := label.Parse(p.Text)
		if lb.Kind != label.Arabic || lb.Number != i+1 {
			t.Errorf("paragraph %d starts %q", i+1, p.Text[:min(len(p.Text), 20)])
			continue
		}
		lead, _, _ := strings.Cut(lb.Rest, "：")
		if strings.TrimSpace(lead) == leads[i] {
			right++
		} else {
			t.Logf("item %d lead %q, want %q", i+1, lead, leads[i])
		}
	}
	if right < 4 {
		t.Errorf("%d of 5 lead phrases right, want at least 4", right)
	}
	if !strings.HasSuffix(paras[4].Text, "监测装备配置。") {
		t.Errorf("last paragraph ends %q", paras[4].Text[max(0, len(paras[4].Text)-30):])
	}
}

// An image without a 专栏 title bar (a figure, a map; here the body of a
// box cut below its title) gives no box.
func TestFigureNoBox(t *testing.T) {
	im := jpegImage(t, "box2-list-p5.jpg", 650, 503, 114)
	g, err := decode(im)
	if err != nil {
		t.Fatal(err)
	}
	ch := 17
	gr := rules(g, 3*ch, 3*ch)
	band, _ := titleBand(g, gr, ch)
	body := g.SubImage(image.Rect(0, band.Max.Y+3, g.Bounds().Dx(), g.Bounds().Dy())).(*image.Gray)
	sub := toGray(body)
	gr = rules(sub, 3*ch, 3*ch)
	if b, _ := titleBand(sub, gr, ch); !b.Empty() {
		t.Errorf("title band %v found in an image with no title bar", b)
	}
}

// grayImage is g as the PDF reader hands over an image of raw samples.
func grayImage(g *image.Gray, dpi float64) pdf.Image {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	return pdf.Image{Page: 5, X1: float64(w) / dpi * 72, Y1: float64(h) / dpi * 72, Width: w, Height: h,
		Components: 1, BitsPerComponent: 8, Data: toGray(g).Pix}
}

// With tesseract: the body of 专栏2 cut below its title gives no box (its
// first line is not a 专栏 title); the same box with its title bar whitened
// and its rule gone (a box printed without a bar) is read whole, its first
// line the title.
func TestUntitled(t *testing.T) {
	e := engine(t)
	g, err := decode(jpegImage(t, "box2-list-p5.jpg", 650, 503, 114))
	if err != nil {
		t.Fatal(err)
	}
	ch := 17
	band, _ := titleBand(g, rules(g, 3*ch, 3*ch), ch)
	body := toGray(g.SubImage(image.Rect(0, band.Max.Y+3, 650, 503)))
	if _, rg, err := readImage(context.Background(), e, grayImage(body, 114), nil); rg != nil || err != nil {
		t.Errorf("a box body without its title: region %+v, error %v; want nothing", rg, err)
	}
	bare := image.NewGray(g.Bounds())
	copy(bare.Pix, g.Pix)
	for y := band.Min.Y; y < band.Max.Y+3; y++ {
		for x := band.Min.X; x < band.Max.X; x++ {
			if v := bare.GrayAt(x, y).Y; v >= 150 || y >= band.Max.Y-2 {
				bare.Pix[y*bare.Stride+x] = 255
			}
		}
	}
	bs, rg, err := readImage(context.Background(), e, grayImage(bare, 114), nil)
	if err != nil || rg == nil {
		t.Fatalf("a box without a title bar: region %v, error %v", rg, err)
	}
	if rg.Label != "专栏2" || rg.Title != "文物资源管理与安全督察" || len(bs) != 6 {
		t.Errorf("read %s %q with %d blocks, want 专栏2 文物资源管理与安全督察 and 5 paragraphs", rg.Label, rg.Title, len(bs))
	}
}

func TestResolutionFloor(t *testing.T) {
	// the same image placed three times as large: 38 dpi
	_, rg, err := readImage(context.Background(), &Engine{Path: "/nonexistent"}, jpegImage(t, "box2-list-p5.jpg", 650, 503, 38), nil)
	if rg != nil || err == nil || !strings.Contains(err.Error(), "dpi") {
		t.Errorf("a 38 dpi image: region %v, error %v; want it skipped for its resolution", rg, err)
	}
}

func TestRepairText(t *testing.T) {
	// misreadings seen on the State Council plan's boxes, and the printed text
	tests := []struct{ name, in, want string }{
		{"enumeration comma read as a stop", "全国重点文物保护单位.省级文物保护单位", "全国重点文物保护单位、省级文物保护单位"},
		{"closing quote read as opening", "“两线“纳入各级国土空间规划", "“两线”纳入各级国土空间规划"},
		{"ASCII quotes", `国家重点研发计划"文物保护利用科技创新"研发任务`, "国家重点研发计划“文物保护利用科技创新”研发任务"},
		{"opening quote read as <", "构建<国家一省一市县”三级", "构建“国家一省一市县”三级"},
		{"ASCII colon and brackets", "中华文化资源普查工程(文物专项):组织开展", "中华文化资源普查工程（文物专项）：组织开展"},
		{"percent in brackets", "完成率（%)", "完成率（%）"},
		{"Latin text untouched", "GDP (2020): 3.2", "GDP (2020): 3.2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := repairText(tc.in); got != tc.want {
				t.Errorf("repairText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRepairColumns(t *testing.T) {
	// cells as the recogniser read them from 专栏1, and as printed
	rows := [][]string{
		{"类型", "指标", "2020年", "2025年", "属性"},
		{"文物安全", "全国重点文物保护单位“四有”工作？完成率（吧）", "85", "100", "约東性"},
		{"科技创新", "文物科技研发投入年均增长率（狼）", "一", "二10", "预期性"},
		{"", "国家文物局重点科研基地数量（家）", "33", "40一45", "预期性"},
		{"", "年观众人数（亿人次）", "12278", "14", "预期"},
	}
	want := [][]string{
		{"类型", "指标", "2020年", "2025年", "属性"},
		{"文物安全", "全国重点文物保护单位“四有”工作完成率（％）", "85", "100", "约束性"},
		{"科技创新", "文物科技研发投入年均增长率（％）", "—", "＞10", "预期性"},
		{"", "国家文物局重点科研基地数量（家）", "33", "40—45", "预期性"},
		{"", "年观众人数（亿人次）", "12.27", "14", "预期性"},
	}
	fixes := repairColumns(rows, map[string]bool{"12.27": true})
	for i := range want {
		for j := range want[i] {
			t.Run(want[i][j], func(t *testing.T) {
				if rows[i][j] != want[i][j] {
					t.Errorf("row %d col %d = %q, want %q", i, j, rows[i][j], want[i][j])
				}
			})
		}
	}
	if len(fixes) != 8 {
		t.Errorf("%d repairs recorded, want 8: %v", len(fixes), fixes)
	}
}

func TestParseTSV(t *testing.T) {
	// two crops of tesseract 5.3.0's tsv output; level 5 rows are words
	out := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t120\t80\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t34\t24\t26\t27\t96.5\t资源\n" +
		"5\t1\t1\t1\t2\t1\t34\t60\t26\t27\t91.0\t管理\n" +
		"5\t2\t1\t1\t1\t1\t30\t20\t40\t25\t88.0\t5058\n"
	ws := parseTSV([]byte(out), 2)
	if len(ws[0]) != 2 || len(ws[1]) != 1 {
		t.Fatalf("words per crop %d, %d; want 2, 1", len(ws[0]), len(ws[1]))
	}
	ls := lines(ws[0])
	if len(ls) != 2 || ls[0].text != "资源" || ls[1].text != "管理" || ls[0].conf < 0.96 {
		t.Errorf("lines %+v", ls)
	}
}
