package structure

import (
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// table reads a labelled table: the label block, its rows (cells of a
// tab-separated text, or printed lines), then the 注 lines under it.
func (p *parser) table(lb label.Label) {
	t := doc.Table{Section: p.chapter(), Label: lb.Tag, Title: strings.TrimSpace(lb.Rest)}
	p.i++
	var lines []tableLine
	inNotes := false
	for p.i < len(p.blocks) {
		b := p.blocks[p.i]
		text := strings.TrimSpace(b.Text)
		if isNoteStart(text) {
			inNotes = true
			t.Notes = append(t.Notes, noteText(strings.TrimSpace(text[strings.Index(text, "注")+len("注"):])))
			p.i++
			continue
		}
		if inNotes {
			nl := label.Parse(text)
			if nl.Kind == label.Arabic && nl.Number == len(t.Notes)+1 && b.Cells == nil {
				t.Notes = append(t.Notes, strings.TrimSpace(nl.Rest))
				p.i++
				continue
			}
			if b.Role == block.TableLine && len(t.Notes) > 0 {
				t.Notes[len(t.Notes)-1] += text
				p.i++
				continue
			}
			break
		}
		if b.Cells != nil {
			if !ruleRow(b.Cells) {
				t.Rows = append(t.Rows, b.Cells)
			}
			p.i++
			continue
		}
		if b.Role == block.TableLine {
			lines = append(lines, tableLine{text: text, width: block.Width(squash(text))})
			p.i++
			continue
		}
		break
	}
	if len(t.Rows) == 0 && len(lines) > 0 {
		header, n := splitHeader(lines)
		if len(header) > 1 {
			t.Rows = append([][]string{header}, rebuildRows(header, lines[n:])...)
		}
	}
	t.Indicators = indicators(&t, p.d.Meta.PeriodStart, p.d.Meta.PeriodEnd)
	p.d.Tables = append(p.d.Tables, t)
}

func isNoteStart(s string) bool {
	return strings.HasPrefix(s, "注：") || strings.HasPrefix(s, "注:") || strings.HasPrefix(s, "注 ")
}

// noteText removes a note's own number (1. or 1、) from its text.
func noteText(s string) string {
	s = strings.TrimSpace(s)
	if lb := label.Parse(s); lb.Kind == label.Arabic {
		return strings.TrimSpace(lb.Rest)
	}
	return s
}

// chapter is the section index of the top-level heading that contains the
// current position.
func (p *parser) chapter() int {
	if len(p.open) == 0 {
		return p.cur
	}
	return p.cur
}

// ruleRow reports whether a row is a ruling line (---- | ----), not data.
func ruleRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-—=| ") != "" {
			return false
		}
	}
	return true
}
