package structure

import (
	"strconv"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// boxParser reads a block that the reader marked as box text. The block
// that carries the 专栏 label opens a new box; the others go on with the
// newest box, even where body text stood between them (a box continued on
// a new page).
var boxParser = blockParser{
	name:    "box",
	trigger: func(in input) bool { return in.block().Role == block.Box },
	parse: func(p *parser, in input) int {
		if in.label.Kind == label.Box && in.block().Title {
			p.openBox(in.label)
			return 1
		}
		if len(p.d.Boxes) == 0 {
			p.d.Boxes = append(p.d.Boxes, doc.Box{Section: p.section()})
			p.boxTag = ""
		}
		c := &p.d.Boxes[len(p.d.Boxes)-1]
		if c.Body != "" {
			c.Body += "\n"
		}
		c.Body += in.text
		return 1
	},
}

func (p *parser) openBox(lb label.Label) {
	lb = p.gluedTitle(lb)
	title := strings.TrimSpace(lb.Rest)
	p.d.Boxes = append(p.d.Boxes, doc.Box{Section: p.section(), Number: lb.Number, Title: title})
	p.boxTag = lb.Tag
}

// gluedTitle takes back the digits of a title that starts with a number
// (专栏7 5G＋工业互联网…) where the print lost the space after the box's
// number and the label read them as its own (专栏75): boxes are numbered
// on from the last, so a number that jumps but starts with the next one is
// the next one and the title's digits.
func (p *parser) gluedTitle(lb label.Label) label.Label {
	n := len(p.d.Boxes)
	if n == 0 || p.d.Boxes[n-1].Number <= 0 {
		return lb
	}
	next := strconv.Itoa(p.d.Boxes[n-1].Number + 1)
	digits := strings.TrimPrefix(lb.Tag, "专栏")
	if lb.Number == p.d.Boxes[n-1].Number+1 || len(digits) <= len(next) || !strings.HasPrefix(digits, next) {
		return lb
	}
	lb.Number, _ = strconv.Atoi(next)
	lb.Rest = digits[len(next):] + lb.Rest
	lb.Text, lb.Tag = "专栏"+next, "专栏"+next
	return lb
}

// boxLabelWidth is the longest a line that opens a box can be, in em: 专栏
// and its number and title, which can fill two lines of a page; longer, it
// is a sentence that names a box.
const boxLabelWidth = 60

// boxLabelParser reads a box in text that does not mark boxes (one
// paragraph per line): the label line, then every block up to the next
// line that stands alone (block.AloneKind): a structural heading, box, table
// or annex.
var boxLabelParser = blockParser{
	name:    "box label",
	trigger: func(in input) bool { return in.label.Kind == label.Box && block.Width(in.text) < boxLabelWidth },
	parse:   (*parser).boxText,
}

func (p *parser) boxText(in input) int {
	lb := in.label
	p.openBox(lb)
	rest := in.rest()
	c := &p.d.Boxes[len(p.d.Boxes)-1]
	last := map[label.Kind]int{} // the box's own item numbers
	group := ""                  // the label of a box laid out as a grid, carried down merged cells
	i := 1
	for i < len(rest) {
		b := rest[i]
		if b.Role != block.Body && b.Role != block.Box {
			break
		}
		blb := label.Parse(b.Text)
		k := blb.Kind
		if block.AloneKind(k) {
			break
		}
		// a heading that goes on with the outline's numbering (三、 after
		// the open 二、) ends a box that has no closing mark, unless it goes
		// on with the box's own items
		if k.IsItem() {
			if last[k]+1 != blb.Number && p.continuesOutline(blb) {
				break
			}
			last[k] = blb.Number
		}
		if b.Cells == nil && (headerRun(rest[i:]) >= minHeaderRun || headerLines(rest[i:])) || indicatorHeader(b.Cells) {
			// an indicator table that fills the box (rows of cells, or
			// printed one cell per line by a scraped page): a table
			// labelled with the box's label
			if n := p.readTable(rest[i:], doc.Table{Section: p.section()}); n > 0 {
				t := &p.d.Tables[len(p.d.Tables)-1]
				t.Label, t.Title = lb.Tag, c.Title
				i += n
				continue
			}
		}
		t := strings.TrimSpace(b.Text)
		if b.Cells != nil {
			t = boxRow(b.Cells, &group)
			if t == "" {
				i++
				continue
			}
		}
		if c.Body != "" {
			c.Body += "\n"
		}
		c.Body += t
		i++
	}
	return i
}

// continuesOutline reports whether lb numbers the next heading of an open
// level of the outline (三、 where 二、 is open, （四） where （三） is).
func (p *parser) continuesOutline(lb label.Label) bool {
	for _, s := range p.open {
		sec := p.d.Sections[s.index]
		if sec.Kind == lb.Kind.String() && sec.Number+1 == lb.Number {
			return true
		}
	}
	return false
}

// boxRow reads one row of a box laid out as a grid (类别 | 细分 | 重点任务):
// the last cell lists the entries, the cell before it is the label they
// stand under, written "label：entries" as boxes print groups in text. A
// label merged over several rows is carried down in group. The grid's
// header row gives no text.
func boxRow(cells []string, group *string) string {
	var filled []string
	at := -1
	for i, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			filled = append(filled, c)
			at = i
		}
	}
	if len(filled) == 0 {
		return ""
	}
	header := true
	for _, c := range filled {
		header = header && isHeaderWord(squash(c))
	}
	if header {
		return ""
	}
	if len(filled) == 1 {
		if at < len(cells)-1 {
			*group = filled[0] // a label whose entries are on the rows below
			return ""
		}
		if *group == "" || len(cells) == 1 {
			return filled[0]
		}
		return *group + "：" + filled[0]
	}
	// the innermost label before the entries; a cell that describes (服务
	// 内容与目标: a sentence) labels nothing, and the label carried down
	// from a merged cell above stands
	for i := len(filled) - 2; i >= 0; i-- {
		if c := strings.TrimRight(filled[i], "：:"); groupCell(c) {
			*group = c
			break
		}
	}
	if *group == "" {
		return filled[len(filled)-1]
	}
	return *group + "：" + filled[len(filled)-1]
}

// groupCellWidth is the widest a grid cell that labels a group of entries
// is, in em: a field's name (幼有所育, 重点建设项目), not a description.
const groupCellWidth = 16

// groupCell reports whether a grid cell can label the entries beside it:
// short, and no sentence.
func groupCell(c string) bool {
	return block.Width(c) <= groupCellWidth && !strings.ContainsAny(c, "。；，")
}

// indicatorHeader reports whether cells are the header row of an
// indicator table.
func indicatorHeader(cells []string) bool {
	if cells == nil {
		return false
	}
	_, ok := findColumns(cells)
	return ok
}
