package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// attachmentListParser reads the list of attachments that closes a notice
// or a plan (附件：1.… / 2.…): its entries name the annexes that follow;
// they are text, not headings of the outline.
var attachmentListParser = blockParser{
	name: "attachment list",
	trigger: func(in input) bool {
		if in.label.Kind != label.Annex || in.block().Cells != nil {
			return false // asked about every block: the label it has decides first
		}
		first := label.Parse(in.label.Rest)
		return (first.Kind == label.Arabic || first.Kind == label.ParenArabic) && first.Number == 1 || singleAttachment(in)
	},
	parse: func(p *parser, in input) int {
		kind := label.Parse(in.label.Rest).Kind
		rest := in.rest()
		p.paragraph(rest[0], rest[0].Text)
		if kind == label.None {
			return 1 // one attachment, unnumbered
		}
		n := 1
		for ; n < len(rest); n++ {
			nb := rest[n]
			lb := label.Parse(nb.Text)
			if nb.Cells != nil || lb.Kind != kind || lb.Number != n+1 || block.Width(strings.TrimSpace(nb.Text)) > captionWidth {
				break
			}
			p.paragraph(nb, nb.Text)
		}
		return n
	},
}

// attachmentReach is how many blocks after a notice's 附件：line the
// attachment it names may open: the signature, the date and a 此件公开发布
// line stand between.
const attachmentReach = 8

// singleAttachment reports whether in is the one, unnumbered entry of a
// notice's attachment list (附件：某某分工表): the attachment it names
// opens soon after, with 附件 and the same title on its line or the next,
// and the notice's signature or date stand between. (附件：名词解释 right
// above 附件 / 名词解释 is the annex's own label, printed twice.)
func singleAttachment(in input) bool {
	title := squash(in.label.Rest)
	if in.label.Number != 0 || title == "" || label.Parse(in.label.Rest).Kind != label.None {
		return false
	}
	rest := in.rest()
	for j := 2; j < len(rest) && j <= attachmentReach; j++ {
		lb := label.Parse(rest[j].Text)
		if lb.Kind != label.Annex {
			continue
		}
		if squash(lb.Rest) == title || lb.Rest == "" && j+1 < len(rest) && squash(rest[j+1].Text) == title {
			return true
		}
	}
	return false
}

// annexLabelWidth is the longest a line that opens an annex can be, in
// em: 附件 and a number, and at most a short title after them.
const annexLabelWidth = 30

// annexParser reads the label that opens an annex (附件2), with its title
// on the same line or the next.
var annexParser = blockParser{
	name: "annex",
	trigger: func(in input) bool {
		// a sentence that starts with 附件 (附件所列指标由…负责解释。)
		// speaks of an annex; it opens none
		return in.label.Kind == label.Annex && block.Width(in.text) < annexLabelWidth && in.block().Cells == nil && !strings.ContainsAny(in.text, "。；，")
	},
	parse: (*parser).annex,
}

func (p *parser) annex(in input) int {
	lb := in.label
	title := strings.TrimSpace(lb.Rest)
	n := 1
	if len(p.d.Sections) == 0 && len(p.d.Boxes) == 0 && lb.Number <= 1 {
		// 附件 before the document's first heading marks the plan as the
		// attachment of a notice that issued it (the notice printed
		// above, or left out of the file): what follows is the plan
		// itself, its title lines and preface belonging to no heading.
		return n
	}
	if rest := in.rest(); title == "" && len(rest) > 1 {
		next := strings.TrimSpace(rest[1].Text)
		if block.Width(next) <= captionWidth && label.Parse(next).Kind == label.None && !strings.ContainsAny(next, "。：") {
			title = next
			n++
		}
	}
	// 附件：名词解释 followed by 附件 / 名词解释 is one annex.
	if s := p.section(); s >= 0 && !p.bodySince {
		last := p.d.Sections[s]
		if last.Kind == label.Annex.String() && (title == "" || squash(last.Title) == squash(title)) {
			return n
		}
	}
	p.open = nil
	// an annex stands outside the outline's numbering: number 0, its
	// label (附件2) keeps the annex's own number (GOLD.md)
	p.openSection(doc.Section{Parent: -1, Level: 1, Number: 0, Label: lb.Text, Title: title, Kind: label.Annex.String()}, label.None)
	return n
}
