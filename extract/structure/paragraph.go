package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
)

// paragraphParser takes any block the parsers before it left: text of the
// innermost open section.
var paragraphParser = blockParser{
	name:    "paragraph",
	trigger: anyBlock,
	parse: func(p *parser, in input) int {
		p.paragraph(in.block(), in.text)
		return 1
	},
}

// paragraph adds text, read from block b, to the innermost open section:
// an entry of the glossary in a glossary annex, else a paragraph, without
// the note markers it carries.
func (p *parser) paragraph(b block.Block, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if p.inGlossary() && p.glossaryEntry(text) {
		return
	}
	p.blockMarkers(b)
	text = p.takeMarkers(text)
	p.bodySince = true
	p.d.Paragraphs = append(p.d.Paragraphs, doc.Paragraph{Section: p.section(), Text: text, Page: b.Page})
}

// glossaryWords name a glossary annex (名词解释, 术语解释, 名词注释, 释义 …).
var glossaryWords = []string{"名词", "术语", "释义"}

// inGlossary reports whether the innermost open section is, or is inside, a
// glossary annex.
func (p *parser) inGlossary() bool {
	for s := p.section(); s >= 0; s = p.d.Sections[s].Parent {
		if containsAny(p.d.Sections[s].Title, glossaryWords) {
			return true
		}
	}
	return false
}
