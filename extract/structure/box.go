package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// box reads a block that the reader marked as box text. The block that
// carries the 专栏 label opens a new box; the others go on with the open box,
// even where body text stood between them (a box continued on a new page).
func (p *parser) box() {
	b := p.blocks[p.i]
	p.i++
	t := strings.TrimSpace(b.Text)
	if lb := label.Parse(t); lb.Kind == label.Box && b.Title {
		p.openColumn(lb)
		return
	}
	if p.openBox < 0 {
		p.d.Boxes = append(p.d.Boxes, doc.Box{Section: p.cur})
		p.openBox, p.openBoxTag = len(p.d.Boxes)-1, ""
	}
	c := &p.d.Boxes[p.openBox]
	if c.Body != "" {
		c.Body += "\n"
	}
	c.Body += t
}

func (p *parser) openColumn(lb label.Label) {
	title := strings.TrimSpace(lb.Rest)
	p.d.Boxes = append(p.d.Boxes, doc.Box{Section: p.cur, Number: lb.Number, Title: title})
	p.openBox, p.openBoxTag = len(p.d.Boxes)-1, lb.Tag
}

// boxText reads a box in text that does not mark boxes (one paragraph per
// line): the label line, then every block up to the next structural heading,
// box, table or annex.
func (p *parser) boxText(lb label.Label) {
	p.openColumn(lb)
	p.i++
	c := &p.d.Boxes[p.openBox]
	last := map[label.Kind]int{} // the box's own item numbers
	group := ""                  // the label of a box laid out as a grid, carried down merged cells
	for p.i < len(p.blocks) {
		b := p.blocks[p.i]
		if b.Role != block.Body && b.Role != block.Box {
			break
		}
		blb := label.Parse(b.Text)
		k := blb.Kind
		if k == label.Part || k == label.Chapter || k == label.Section || k == label.Box || k == label.Table || k == label.Annex {
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
		if b.Cells == nil && (p.headerRun(p.i) >= 3 || p.headerLines(p.i)) {
			// an indicator table that fills the box (printed one cell per
			// line by a scraped page): a table labelled with the box's label
			p.readTable(doc.Table{Section: p.cur, Label: lb.Tag, Title: c.Title})
			continue
		}
		t := strings.TrimSpace(b.Text)
		if b.Cells != nil {
			t = boxRow(b.Cells, &group)
			if t == "" {
				p.i++
				continue
			}
		}
		if c.Body != "" {
			c.Body += "\n"
		}
		c.Body += t
		p.i++
	}
}

// continuesOutline reports whether lb numbers the next heading of an open
// level of the outline (三、 where 二、 is open, （四） where （三） is).
func (p *parser) continuesOutline(lb label.Label) bool {
	for _, s := range p.open {
		sec := p.d.Sections[s]
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
	// the innermost label before the entries
	*group = strings.TrimRight(filled[len(filled)-2], "：:")
	return *group + "：" + filled[len(filled)-1]
}
