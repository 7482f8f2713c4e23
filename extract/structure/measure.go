package structure

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"planx/extract/doc"
	"planx/extract/label"
)

// measures is the pass that finds the measures of the finished tree
// (GOLD.md), in document order:
//
//   - an item heading below the top level that has prose under it and no
//     headings of its own is a measure as well as a heading: its title
//     names the measure, its prose is the text;
//   - a paragraph that opens with a lead sentence (LeadSentence) is one,
//     except in a section that has sub-headings, where the text above them
//     is the section's introduction and states the premise of what
//     follows (现代化产业体系是中国式现代化的物质技术基础。…), and except a
//     lone lead under an item heading that is itself a measure: there the
//     heading names what its text does, and a short opening sentence is a
//     lead of its own only where several leads divide the item's text
//     (the four 完善…制度。 paragraphs of one item); a lone one is the first
//     of the item's actions, not a title.
func measures(d *doc.Document) {
	children := make([]int, len(d.Sections))
	prose := make([][]string, len(d.Sections))
	for _, s := range d.Sections {
		if s.Parent >= 0 {
			children[s.Parent]++
		}
	}
	front := 0 // paragraphs before the first section
	for _, para := range d.Paragraphs {
		if s := para.Section; s >= 0 {
			prose[s] = append(prose[s], para.Text)
		} else {
			front++
		}
	}
	// before[s] is how many paragraphs precede section s: text goes under
	// the newest section, so a section's paragraphs follow those of the
	// sections before it
	before := make([]int, len(d.Sections))
	for s := range d.Sections {
		if s == 0 {
			before[s] = front
		} else {
			before[s] = before[s-1] + len(prose[s-1])
		}
	}
	itemMeasure := func(s int) bool {
		sec := d.Sections[s]
		return sec.Level > 1 && isItemKind(sec.Kind) && children[s] == 0 && len(prose[s]) > 0
	}
	type at struct {
		m    doc.Measure
		pos  int  // paragraphs before it
		lead bool // a lead sentence, which comes before a heading at the same place
	}
	var found []at
	for s, sec := range d.Sections {
		if !itemMeasure(s) {
			continue
		}
		if n := chars(prose[s]); n > maxItemChars {
			d.Diagnostics = append(d.Diagnostics, doc.Diagnostic{Kind: DoubtOutline, Message: fmt.Sprintf(
				"the item %s%s runs on for %d characters, more than an item of a plan holds: the headings after it were probably not found; its text is kept as paragraphs, not as one measure",
				sec.Label, sec.Title, n)})
			continue
		}
		found = append(found, at{doc.Measure{Section: sec.Parent, Title: sec.Title, Text: strings.Join(prose[s], "\n")}, before[s], false})
	}
	leads := map[int]int{}
	var leadAt []at
	for i, para := range d.Paragraphs {
		if para.Section < 0 {
			continue
		}
		if title, ok := LeadSentence(para.Text); ok {
			leads[para.Section]++
			leadAt = append(leadAt, at{doc.Measure{Section: para.Section, Title: title, Text: para.Text}, i + 1, true})
		}
	}
	for _, l := range leadAt {
		s := l.m.Section
		if children[s] > 0 || leads[s] == 1 && itemMeasure(s) {
			continue
		}
		found = append(found, l)
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].pos != found[j].pos {
			return found[i].pos < found[j].pos
		}
		return found[i].lead && !found[j].lead
	})
	d.Measures = d.Measures[:0]
	for _, f := range found {
		d.Measures = append(d.Measures, f.m)
	}
}

// maxItemChars is the most text an item heading's measure can hold, in
// characters. An item of a plan (（三）推进标准化建设) is a few paragraphs,
// seldom over a page or two (GB/T 9704 prints about 600 characters a page);
// text running on for some thirty pages under one item means the headings
// after it were not recognised, and one measure holding all of it would be
// wrong (and, for a whole document read as one item, as large as the
// document).
const maxItemChars = 20000

// chars is the number of characters in texts.
func chars(texts []string) int {
	n := 0
	for _, t := range texts {
		n += utf8.RuneCountInString(t)
	}
	return n
}

// isItemKind reports whether a section's kind is that of an item heading
// (一、, （一）, 1., （1）).
func isItemKind(kind string) bool {
	switch kind {
	case label.Han.String(), label.ParenHan.String(), label.Arabic.String(), label.ParenArabic.String():
		return true
	}
	return false
}

// Lengths of a lead sentence, in characters. A lead names an action in a
// few words (推进标准化建设, 强化就业优先政策): four characters at least (a
// verb and its object), and no longer than a line of a page (28
// characters, GB/T 9704), beyond which it is a statement.
const (
	leadMinChars = 4
	leadMaxChars = 30
	// leadListChars is the longest a lead that lists with 、 can be: a
	// list of two or three short objects (完善就业、创业政策); longer, it is
	// a sentence that enumerates.
	leadListChars = 20
	// leadClauseChars is the longest each of two clauses of a lead can
	// be (保障基本，动态发展), and bulletClauseChars that of a —— bullet's
	// headline, which plans write as a list of longer headlines
	// (促进消费投资，内需规模实现新突破).
	leadClauseChars   = 8
	bulletClauseChars = 12
	// actionClauseChars is the longest each of two clauses of a lead can
	// be where both open with a plan verb: two actions, named as a bullet
	// names them (完善凝聚服务群众工作机制，夯实社会治理群众基础).
	actionClauseChars = 12
	// leadRestChars is the least text after a lead for it to open a
	// paragraph: a lead with nothing after it is a heading or a slogan.
	leadRestChars = 4
)

// LeadSentence returns the lead sentence that opens a paragraph of plan
// text, without its 。: a short sentence that names what the paragraph does
// (推进标准化建设。全面落实…). A label ending in ：, a sentence with numbers
// or several clauses, or a paragraph with nothing after the sentence has no
// lead.
func LeadSentence(text string) (string, bool) {
	t := strings.TrimSpace(text)
	bullet := strings.TrimLeft(t, "—－- ") != t
	t = strings.TrimLeft(t, "—－- ")
	t = strings.TrimPrefix(t, "**")
	i := strings.Index(t, "。")
	if i <= 0 {
		return "", false
	}
	lead := strings.TrimSpace(strings.Trim(t[:i], "*"))
	rest := strings.TrimSpace(strings.TrimLeft(t[i+len("。"):], "*"))
	if utf8.RuneCountInString(rest) < leadRestChars {
		return "", false
	}
	n := utf8.RuneCountInString(lead)
	if n < leadMinChars || n > leadMaxChars {
		return "", false
	}
	if strings.ContainsAny(lead, "：:；;0123456789《》（）()[]【】") {
		return "", false
	}
	if strings.Count(lead, "、") > 0 && n > leadListChars {
		return "", false
	}
	if c := strings.Count(lead, "，"); c > 1 {
		return "", false
	} else if c == 1 {
		// Two short clauses can make a lead; a bullet's are longer.
		maxClause := leadClauseChars
		if bullet {
			maxClause = bulletClauseChars
		}
		parts := strings.Split(lead, "，")
		if startsWithVerb(parts[0]) && startsWithVerb(parts[1]) {
			// two actions, each a verb and its object (发挥积极财政政策
			// 作用，增强财政可持续性): a lead up to a longer clause
			maxClause = max(maxClause, actionClauseChars)
		}
		for _, part := range parts {
			if utf8.RuneCountInString(part) > maxClause {
				return "", false
			}
		}
	}
	for _, w := range []string{"我市", "我省", "全市", "全省", "全国", "其中", "同时", "此外", "目前", "近年来", "截至", "本规划", "规划", "期间", "时期"} {
		if strings.HasPrefix(lead, w) {
			return "", false
		}
	}
	return lead, true
}
