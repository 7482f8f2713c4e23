package extract

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
)

// The dumps print what a stage of extraction produced as plain text, one
// line a unit, for planx debug and for the golden files that hold every
// corpus document's blocks and tree (go test ./extract -run Golden -update).

var roleNames = map[block.Role]string{block.Body: "body", block.Box: "box", block.Footnote: "foot", block.TableLine: "tline"}

// DumpBlocks writes a reader's blocks: page, role, flags, then the cells of
// a table row or the text.
func DumpBlocks(w io.Writer, l *Layout) {
	fmt.Fprintf(w, "# format %s, encoding %s, %d pages, %d blocks\n", l.Format, l.Encoding, l.Pages, len(l.Blocks))
	keys := make([]string, 0, len(l.Info))
	for k := range l.Info {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "# info %s = %s\n", k, l.Info[k])
	}
	for _, g := range l.Diagnostics {
		fmt.Fprintf(w, "# diagnostic p%d %s: %s\n", g.Page, g.Kind, g.Message)
	}
	for i, b := range l.Blocks {
		var flags []string
		if b.Heading {
			flags = append(flags, "heading")
		}
		if b.Title {
			flags = append(flags, "title")
		}
		for _, m := range b.Markers {
			flags = append(flags, fmt.Sprintf("marker%d@%d", m.Number, m.At))
		}
		text := b.Text
		if b.Cells != nil {
			text = "| " + strings.Join(b.Cells, " | ") + " |"
		}
		fmt.Fprintf(w, "%4d p%-3d %-5s %-10s %s\n", i, b.Page, roleNames[b.Role], strings.Join(flags, ","), text)
	}
}

// DumpTree writes the parsed document: metadata, the outline with each
// section's measures and paragraphs (clipped), tables, boxes with their
// projects, notes and diagnostics.
func DumpTree(w io.Writer, d *doc.Document) {
	m := d.Meta
	fmt.Fprintf(w, "title: %s\nregion: %s\nissuer: %s\ndoc_number: %s\nissued: %s\nperiod: %d–%d\n",
		m.Title, m.Region, m.Issuer, m.DocNumber, m.IssuedDate, m.PeriodStart, m.PeriodEnd)
	paras := map[int][]doc.Paragraph{}
	for _, p := range d.Paragraphs {
		paras[p.Section] = append(paras[p.Section], p)
	}
	measures := map[int][]doc.Measure{}
	for _, ms := range d.Measures {
		measures[ms.Section] = append(measures[ms.Section], ms)
	}
	show := func(sec int, indent string) {
		for _, ms := range measures[sec] {
			fmt.Fprintf(w, "%s  * measure: %s\n", indent, ms.Title)
		}
		for _, p := range paras[sec] {
			fmt.Fprintf(w, "%s  ¶ %s\n", indent, clip(p.Text, 60))
		}
	}
	show(-1, "")
	for i, s := range d.Sections {
		indent := strings.Repeat("  ", s.Level-1)
		fmt.Fprintf(w, "%s[%d] L%d #%d %s %s\n", indent, i, s.Level, s.Number, s.Label, s.Title)
		show(i, indent)
	}
	for _, t := range d.Tables {
		fmt.Fprintf(w, "table %q %q in section %d: %d rows, %d indicators\n", t.Label, t.Title, t.Section, len(t.Rows), len(t.Indicators))
		for _, r := range t.Rows {
			fmt.Fprintf(w, "  | %s |\n", strings.Join(r, " | "))
		}
	}
	for _, c := range d.Boxes {
		fmt.Fprintf(w, "box 专栏%d %s in section %d: %d projects\n", c.Number, c.Title, c.Section, len(c.Projects))
		for _, p := range c.Projects {
			fmt.Fprintf(w, "  - [%s] %s\n", p.Group, p.Name)
		}
	}
	for _, n := range d.Notes {
		fmt.Fprintf(w, "note %d term=%q anchor=%q: %s\n", n.Number, n.Term, n.Anchor, clip(n.Definition, 60))
	}
	for _, g := range d.Diagnostics {
		fmt.Fprintf(w, "diagnostic p%d %s: %s\n", g.Page, g.Kind, g.Message)
	}
}

// clip shortens s to n characters for a one-line view.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
