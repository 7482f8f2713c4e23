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
	if lb := label.Parse(t); lb.Kind == label.Column && b.Line {
		p.openColumn(lb)
		return
	}
	if p.column < 0 {
		p.d.Columns = append(p.d.Columns, doc.Column{Section: p.cur})
		p.column = len(p.d.Columns) - 1
	}
	c := &p.d.Columns[p.column]
	if c.Body != "" {
		c.Body += "\n"
	}
	c.Body += t
}

func (p *parser) openColumn(lb label.Label) {
	title := strings.TrimSpace(lb.Rest)
	p.d.Columns = append(p.d.Columns, doc.Column{Section: p.cur, Number: lb.Number, Title: title})
	p.column = len(p.d.Columns) - 1
}

// columnText reads a box in text that does not mark boxes (one paragraph per
// line): the label line, then every block up to the next structural heading,
// box, table or annex.
func (p *parser) columnText(lb label.Label) {
	p.openColumn(lb)
	p.i++
	c := &p.d.Columns[p.column]
	for p.i < len(p.blocks) {
		b := p.blocks[p.i]
		if b.Role != block.Body && b.Role != block.Box {
			break
		}
		k := label.Parse(b.Text).Kind
		if k == label.Part || k == label.Chapter || k == label.Section || k == label.Column || k == label.Table || k == label.Annex {
			break
		}
		t := strings.TrimSpace(b.Text)
		if b.Cells != nil {
			t = block.RowText(b.Cells)
		}
		if c.Body != "" {
			c.Body += "\n"
		}
		c.Body += t
		p.i++
	}
}
