package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// bareLabelsParser reads 篇/章/节 labels printed on a line of their own,
// with the title on the next (第一章 / 基础环境), as text extraction and
// some pages print them. Text extraction that reads a page's label column
// before its title column prints a run of labels, then their titles in the
// same order (第二章 / 第一节 / 总体要求 / 指导思想).
var bareLabelsParser = blockParser{
	name: "bare labels",
	trigger: func(in input) bool {
		return in.label.Kind.IsStructural() && strings.TrimSpace(in.label.Rest) == "" && in.block().Cells == nil
	},
	parse: func(p *parser, in input) int {
		labels := bareLabels(in)
		n := len(labels)
		titles := titlesAfter(in.rest()[n:], n)
		if titles == nil {
			return 0
		}
		for k, lb := range labels {
			p.heading(lb, titles[k])
		}
		return 2 * n
	},
}

// maxBareLabels is the longest run of labels printed before their titles:
// one for each of 篇, 章 and 节.
const maxBareLabels = 3

// bareLabels returns the labels of the run of blocks, from in's block on,
// that are each a 篇/章/节 label alone: the first is in's own label, which
// the trigger checked.
func bareLabels(in input) []label.Label {
	labels := []label.Label{in.label}
	for _, b := range in.rest()[1:] {
		lb := label.Parse(strings.TrimSpace(b.Text))
		if len(labels) == maxBareLabels || b.Cells != nil || !lb.Kind.IsStructural() || strings.TrimSpace(lb.Rest) != "" {
			break
		}
		labels = append(labels, lb)
	}
	return labels
}

// titleWidth is the longest a heading's title can be, in em, where it is
// told from a sentence by its length alone: a title fills at most a line
// and a half of a page (28 characters to the line in an official
// document, GB/T 9704).
const titleWidth = 40

// shortTitleWidth is the longest a title can be, in em, where it stands on
// a line of its own after its label or runs into its paragraph: no more
// than a line of a page.
const shortTitleWidth = 30

// titlesAfter returns the first n blocks of bs when every one can be a
// heading's title (short, no sentence, no label), else nil.
func titlesAfter(bs []block.Block, n int) []string {
	if n == 0 || n > len(bs) {
		return nil
	}
	var titles []string
	for _, b := range bs[:n] {
		t := strings.TrimSpace(b.Text)
		if b.Cells != nil || t == "" || block.Width(t) > shortTitleWidth || strings.ContainsAny(t, "。，；：") || label.Parse(t).Kind != label.None {
			return nil
		}
		titles = append(titles, t)
	}
	return titles
}

// headingParser reads a block that starts with a heading label: a
// heading, and the paragraph that runs on after its title.
var headingParser = blockParser{
	name:    "heading",
	trigger: func(in input) bool { return in.label.Kind.IsHeading() },
	parse: func(p *parser, in input) int {
		lb := in.label
		title, rest, ok := headingTitle(lb)
		if !ok && lb.Kind.IsItem() && p.nextSibling(lb) {
			// the item after an item heading, numbered on from it, is
			// its sibling even where its title is a long sentence
			title, rest, ok = siblingTitle(lb)
		}
		if !ok {
			return 0
		}
		p.heading(lb, title)
		if rest != "" {
			p.paragraph(in.block(), rest)
		}
		return 1
	},
}

// nextSibling reports whether an item label goes on with the numbering of
// the innermost open heading of its kind, with nothing deeper open below it.
func (p *parser) nextSibling(lb label.Label) bool {
	n := len(p.open)
	if n == 0 || p.open[n-1].kind != lb.Kind {
		return false
	}
	return p.d.Sections[p.open[n-1].index].Number+1 == lb.Number
}

// siblingTitle splits an item that stands in a run of item headings: its
// first sentence is the title (without 。), the rest its paragraph.
func siblingTitle(lb label.Label) (title, rest string, ok bool) {
	r := strings.TrimSpace(strings.Trim(strings.TrimSpace(lb.Rest), "*"))
	i := strings.Index(r, "。")
	if i < 0 {
		i = len(r)
	}
	title = strings.TrimSpace(r[:i])
	if title == "" || block.Width(title) > longTitleWidth {
		return "", "", false
	}
	if i < len(r) {
		rest = strings.TrimSpace(r[i+len("。"):])
	}
	return title, rest, true
}

// longTitleWidth is the longest a title can be, in em, where its place in
// the numbering already makes it a heading: two lines of a page.
const longTitleWidth = 60

// headingTitle decides whether a block that starts with a heading label is a
// heading, and splits it into the title and the paragraph text that runs on
// after it (（一）指导思想。以习近平…).
func headingTitle(lb label.Label) (title, rest string, ok bool) {
	r := strings.TrimSpace(lb.Rest)
	r = strings.TrimSpace(strings.Trim(r, "*"))
	if r == "" {
		return "", "", false
	}
	if lb.Kind.IsStructural() {
		// a heading that stands alone (no sentence in it) is all title,
		// where it is as short as a title and has no clause
		if block.StandsAlone(lb, func(label.Kind) bool { return block.Width(r) <= titleWidth && !strings.Contains(r, "，") }) {
			return r, "", true
		}
		if i := strings.Index(r, "。"); i > 0 && block.Width(r[:i]) <= shortTitleWidth && !strings.Contains(r[:i], "，") {
			return r[:i], strings.TrimSpace(r[i+len("。"):]), true
		}
		return "", "", false
	}
	// Item headings: a short title on its own, or a short title that runs
	// into its paragraph.
	if i := strings.Index(r, "。"); i >= 0 && i+len("。") < len(r) {
		lead := strings.Trim(r[:i], "*")
		if block.Width(lead) <= shortTitleWidth && titleLike(lead) {
			return lead, strings.TrimSpace(strings.TrimLeft(r[i+len("。"):], "*")), true
		}
		return "", "", false
	}
	r = strings.TrimRight(r, "。")
	if block.Width(r) <= titleWidth && titleLike(r) && !strings.ContainsAny(r, "；：") {
		return r, "", true
	}
	return "", "", false
}

// titleLike reports whether s reads like a title rather than a sentence: no
// digits that would make it a target statement, no more than one comma.
func titleLike(s string) bool {
	if strings.Count(s, "，") > 1 || strings.ContainsAny(s, "：；") {
		return false
	}
	if strings.HasPrefix(s, "到20") || strings.HasPrefix(s, "至20") {
		return false
	}
	return true
}

// heading adds a heading to the outline, under the innermost open heading
// of an outer kind.
func (p *parser) heading(lb label.Label, title string) {
	// A heading repeated at the top of a page is one heading.
	if s := p.section(); s >= 0 && !p.bodySince {
		last := p.d.Sections[s]
		if last.Kind == lb.Kind.String() && last.Number == lb.Number && squash(last.Title) == squash(title) {
			return
		}
	}
	for len(p.open) > 0 && p.open[len(p.open)-1].kind >= lb.Kind {
		p.open = p.open[:len(p.open)-1]
	}
	parent := -1
	if len(p.open) > 0 {
		parent = p.open[len(p.open)-1].index
	}
	p.openSection(doc.Section{
		Parent: parent,
		Level:  len(p.open) + 1,
		Number: lb.Number,
		Label:  lb.Text,
		Title:  title,
		Kind:   lb.Kind.String(),
	}, lb.Kind)
}

// openSection adds s to the tree as the innermost open section.
func (p *parser) openSection(s doc.Section, kind label.Kind) {
	p.d.Sections = append(p.d.Sections, s)
	p.open = append(p.open, openSection{index: len(p.d.Sections) - 1, kind: kind})
	p.bodySince = false
}
