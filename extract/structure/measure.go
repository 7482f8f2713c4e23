package structure

import (
	"sort"
	"strings"

	"planx/extract/doc"
	"planx/extract/label"
)

// addMeasure records a measure at the current position in the document.
func (p *parser) addMeasure(m doc.Measure) {
	p.d.Measures = append(p.d.Measures, m)
	p.measureAt = append(p.measureAt, len(p.d.Paragraphs))
	p.lead = append(p.lead, false)
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

// dropIntroLeads is called when section s gets its first sub-heading: the
// text above it is the section's introduction, which states the premise of
// what follows (现代化产业体系是中国式现代化的物质技术基础。…); its opening
// sentences are no leads (GOLD.md).
func (p *parser) dropIntroLeads(s int) {
	for i, m := range p.d.Measures {
		if p.lead[i] && m.Section == s {
			p.dropped[i] = true
		}
	}
}

// finishMeasures drops item headings that did not qualify and keeps the
// rest in document order.
//
// Under an item heading that is itself a measure, the heading names what its
// text does; a short opening sentence there is a lead of its own only where
// the item's text is divided by several leads (the four 完善…制度。 paragraphs
// of one item). A lone one is the first of the item's actions, not a title.
func (p *parser) finishMeasures() {
	leads := map[int]int{}
	for i, m := range p.d.Measures {
		if p.lead[i] {
			leads[m.Section]++
		}
	}
	for i, m := range p.d.Measures {
		if p.lead[i] && leads[m.Section] == 1 && p.itemWithMeasure(m.Section) {
			p.dropped[i] = true
		}
	}
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

// itemWithMeasure reports whether section s is an item heading that is also
// a measure (below the top level, prose and no headings under it).
func (p *parser) itemWithMeasure(s int) bool {
	if s < 0 {
		return false
	}
	sec := p.d.Sections[s]
	if sec.Level <= 1 || p.children[s] > 0 || len(p.prose[s]) == 0 {
		return false
	}
	switch sec.Kind {
	case label.Han.String(), label.ParenHan.String(), label.Arabic.String(), label.ParenArabic.String():
		return true
	}
	return false
}
