package structure

import (
	"sort"
	"strings"

	"planx/extract/doc"
)

// addMeasure records a measure at the current position in the document.
func (p *parser) addMeasure(m doc.Measure) {
	p.d.Measures = append(p.d.Measures, m)
	p.measureAt = append(p.measureAt, len(p.d.Paragraphs))
}

// closeSection is called when no more text can fall under section s. An
// item heading that has prose under it and no headings of its own becomes a
// measure (GOLD.md: item headings with prose are measures as well as
// headings).
func (p *parser) closeSection(s int) {
	mi, ok := p.itemMeasure[s]
	if !ok {
		return
	}
	delete(p.itemMeasure, s)
	if p.children[s] > 0 || len(p.prose[s]) == 0 {
		p.dropped[mi] = true
		return
	}
	p.d.Measures[mi].Text = strings.Join(p.prose[s], "\n")
}

// finishMeasures drops item headings that did not qualify and keeps the
// rest in document order.
func (p *parser) finishMeasures() {
	type at struct {
		m   doc.Measure
		pos int
	}
	var keep []at
	for i, m := range p.d.Measures {
		if !p.dropped[i] {
			keep = append(keep, at{m, p.measureAt[i]})
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return keep[i].pos < keep[j].pos })
	p.d.Measures = p.d.Measures[:0]
	for _, k := range keep {
		p.d.Measures = append(p.d.Measures, k.m)
	}
}
