package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
)

// note reads a page-foot note block: "N text".
func (p *parser) note(b block.Block) {
	t := strings.TrimSpace(b.Text)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n := 0
	for _, r := range t[:i] {
		n = n*10 + int(r-'0')
	}
	def := strings.TrimSpace(t[i:])
	p.d.Notes = append(p.d.Notes, doc.Note{Number: n, Definition: def, Section: p.cur})
}
