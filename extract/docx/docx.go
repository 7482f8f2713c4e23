// Package docx reads Word (.docx) plan documents into blocks with the
// standard library: the document part's paragraphs and runs, tables with
// merged cells (gridSpan, vMerge), automatic numbering turned into the labels
// Word prints (a 第一章 may exist only as numbering), raised runs and
// footnote references as note markers, footnotes as notes, and text boxes.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"planx/extract/block"
	"planx/extract/decode"
	"planx/extract/label"
)

// Limits that keep a hostile file (a zip bomb, a huge part) from exhausting
// memory. They are checked against the sizes the zip directory declares,
// before anything is unpacked, and again while reading.
//
// maxPart bounds one part planx reads (document.xml, footnotes, numbering,
// styles). Word writes some 10–30 bytes of XML per character of text, and
// the longest plans hold under a million characters: 64 MB is several
// times what such a plan's document.xml takes. Reading a part costs about
// four times its size in blocks and strings, so a part of 250 MB (a zip
// bomb of repeated paragraphs) needed over a gigabyte and was refused only
// by running out of it.
const (
	maxPart  = 64 << 20  // bytes of one uncompressed part
	maxTotal = 512 << 20 // bytes of all parts, images included
)

// ErrNotDocx is returned for a file that is not a Word document.
var ErrNotDocx = errors.New("not a Word (.docx) document")

// Reader reads Word (.docx) files (block.Reader).
type Reader struct{}

// Read reads a .docx file.
func (Reader) Read(_ context.Context, data []byte) (*block.Layout, error) {
	return Read(data)
}

// Read parses a .docx file. The layout's Meta holds the core properties the
// producer set (docProps/core.xml: title, creator, created, modified).
func Read(data []byte) (*block.Layout, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	parts := map[string]*zip.File{}
	var total uint64
	for _, f := range zr.File {
		parts[f.Name] = f
		total += f.UncompressedSize64
	}
	if total > maxTotal {
		return nil, fmt.Errorf("document parts unpack to %d MB, more than %d MB: refused", total>>20, maxTotal>>20)
	}
	main, ok := parts["word/document.xml"]
	if !ok {
		return nil, fmt.Errorf("%w: no word/document.xml", ErrNotDocx)
	}
	body, err := readPart(main)
	if err != nil {
		return nil, err
	}
	r := &reader{num: newNumbering(), notes: map[string]int{}, styles: styles{}}
	if f, ok := parts["word/numbering.xml"]; ok {
		if b, err := readPart(f); err == nil {
			r.num.parse(b)
		}
	}
	if f, ok := parts["word/styles.xml"]; ok {
		if b, err := readPart(f); err == nil {
			r.styles = parseStyles(b)
		}
	}
	var footnotes map[string]string
	if f, ok := parts["word/footnotes.xml"]; ok {
		if b, err := readPart(f); err == nil {
			footnotes = parseFootnotes(b)
		}
	}
	if err := r.parse(body); err != nil {
		return nil, fmt.Errorf("word/document.xml: %w", err)
	}
	// footnotes, in the order their references stand, as page-foot notes
	for _, id := range r.noteOrder {
		if t := strings.TrimSpace(footnotes[id]); t != "" {
			r.blocks = append(r.blocks, block.Block{Text: strconv.Itoa(r.notes[id]) + " " + t, Role: block.Footnote})
		}
	}
	l := &block.Layout{Format: decode.DOCX, Blocks: r.blocks}
	if f, ok := parts["docProps/core.xml"]; ok {
		if b, err := readPart(f); err == nil {
			l.Meta = coreProps(b)
		}
	}
	return l, nil
}

func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("%s unpacks to %d MB, more than %d MB: refused", f.Name, f.UncompressedSize64>>20, maxPart>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	// the header's size can lie; never read more than the bound
	b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if len(b) > maxPart {
		return nil, fmt.Errorf("%s unpacks to more than %d MB: refused", f.Name, maxPart>>20)
	}
	return b, nil
}

// reader walks document.xml.
type reader struct {
	blocks    []block.Block
	num       *numbering
	notes     map[string]int // footnote id → marker number
	noteOrder []string
	styles    styles
}

// para collects one paragraph's text.
type para struct {
	text    strings.Builder
	numID   string
	ilvl    int
	hasIlvl bool
	hasNum  bool
	style   string
}

// partDecoder reads an XML part of a Word file leniently (Strict off): an
// unknown entity or a tag left open by the program that wrote the file
// does not stop the reading, since what can be read is worth more than an
// error.
func partDecoder(data []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	return dec
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// parse reads the body. Tables are read into a grid; paragraphs outside
// tables become blocks.
func (r *reader) parse(data []byte) error {
	dec := partDecoder(data)
	var (
		paras     []*para // open paragraphs (a text box opens one inside another)
		tables    []*table
		runRaised bool
		inRun     bool
		runText   strings.Builder
		skip      int // depth inside mc:Fallback, which repeats mc:Choice
		depth     int
	)
	cur := func() *para {
		if len(paras) == 0 {
			return nil
		}
		return paras[len(paras)-1]
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 500 {
				return errors.New("elements nested more than 500 deep")
			}
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback":
				skip = 1
			case "p":
				paras = append(paras, &para{})
			case "numId":
				if p := cur(); p != nil {
					p.numID, p.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if p := cur(); p != nil {
					p.ilvl, _ = strconv.Atoi(attr(t, "val"))
					p.hasIlvl = true
				}
			case "pStyle":
				if p := cur(); p != nil {
					p.style = attr(t, "val")
				}
			case "r":
				inRun, runRaised = true, false
				runText.Reset()
			case "vertAlign":
				if attr(t, "val") == "superscript" {
					runRaised = true
				}
			case "position":
				if v, _ := strconv.Atoi(attr(t, "val")); v > 0 && inRun {
					runRaised = true
				}
			case "tab":
				if inRun {
					runText.WriteString(" ")
				}
			case "br", "cr":
				if inRun && attr(t, "type") != "page" {
					runText.WriteString("\n")
				}
			case "footnoteReference", "endnoteReference":
				id := attr(t, "id")
				if _, seen := r.notes[id]; !seen {
					r.notes[id] = len(r.notes) + 1
					r.noteOrder = append(r.noteOrder, id)
				}
				if p := cur(); p != nil {
					p.text.WriteString(block.Superscript(strconv.Itoa(r.notes[id])))
				}
			case "tbl":
				tables = append(tables, &table{})
			case "tr":
				if tb := top(tables); tb != nil {
					tb.rows = append(tb.rows, nil)
				}
			case "tc":
				if tb := top(tables); tb != nil && len(tb.rows) > 0 {
					tb.rows[len(tb.rows)-1] = append(tb.rows[len(tb.rows)-1], &tcell{span: 1})
				}
			case "gridSpan":
				if c := top(tables).lastCell(); c != nil {
					c.span, _ = strconv.Atoi(attr(t, "val"))
					if c.span < 1 || c.span > 100 {
						c.span = 1
					}
				}
			case "vMerge":
				if c := top(tables).lastCell(); c != nil {
					c.merge = true
					c.restart = attr(t, "val") == "restart"
				}
			}
		case xml.CharData:
			if skip == 0 && inRun {
				runText.Write(t)
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t", "delText":
			case "r":
				if p := cur(); p != nil {
					s := runText.String()
					if runRaised {
						s = block.Superscript(strings.TrimSpace(s))
					}
					p.text.WriteString(s)
				}
				runText.Reset()
				inRun = false
			case "p":
				p := cur()
				paras = paras[:len(paras)-1]
				if p == nil {
					continue
				}
				text := p.text.String()
				numID, ilvl, hasNum, heading := r.styles.resolve(p.style)
				if p.hasNum {
					// the paragraph's own numbering wins (numId 0 removes
					// the style's)
					numID, hasNum = p.numID, true
				}
				switch {
				case p.hasIlvl:
					ilvl = p.ilvl
				case hasNum && r.num.styleLevelOf(numID, p.style) >= 0:
					ilvl = r.num.styleLevelOf(numID, p.style)
				case ilvl < 0:
					ilvl = 0
				}
				if hasNum {
					if lbl := r.num.label(numID, ilvl); lbl != "" && label.Parse(text).Kind == label.None {
						text = lbl + text
					}
				}
				if tb := top(tables); tb != nil {
					if c := tb.lastCell(); c != nil {
						c.paras = append(c.paras, text)
						continue
					}
				}
				// a text box's paragraphs (inside another paragraph) are
				// blocks of their own
				r.addText(text, block.Body, heading)
			case "tbl":
				tb := tables[len(tables)-1]
				tables = tables[:len(tables)-1]
				if outer := top(tables); outer != nil {
					// a table nested in a cell: its text joins the cell
					if c := outer.lastCell(); c != nil {
						c.paras = append(c.paras, tb.text())
					}
					continue
				}
				r.addTable(tb)
			}
		}
	}
	return nil
}

// addText adds a paragraph, a block a line; heading says the paragraph has
// a heading style.
func (r *reader) addText(text string, role block.Role, heading bool) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(strings.NewReplacer("\u3000", " ", "\u00a0", " ").Replace(line)), " ")
		if line == "" {
			continue
		}
		b := block.Block{Text: line, Role: role, Heading: heading}
		b.Title = role == block.Box && label.Parse(line).Kind == label.Box
		r.blocks = append(r.blocks, b)
	}
}

type tcell struct {
	paras          []string
	span           int
	merge, restart bool
}

type table struct {
	rows [][]*tcell
}

func top(ts []*table) *table {
	if len(ts) == 0 {
		return nil
	}
	return ts[len(ts)-1]
}

func (t *table) lastCell() *tcell {
	if t == nil || len(t.rows) == 0 {
		return nil
	}
	row := t.rows[len(t.rows)-1]
	if len(row) == 0 {
		return nil
	}
	return row[len(row)-1]
}

func (t *table) text() string {
	var parts []string
	for _, row := range t.rows {
		for _, c := range row {
			parts = append(parts, c.paras...)
		}
	}
	return strings.Join(parts, "\n")
}

// addTable adds a table: a one-cell table or one that opens with a 专栏
// label is a box; otherwise its rows, with merged cells' text in the first
// cell they cover only.
func (r *reader) addTable(t *table) {
	cells := 0
	for _, row := range t.rows {
		cells += len(row)
	}
	if cells == 0 {
		return
	}
	first := ""
	if len(t.rows[0]) > 0 && len(t.rows[0][0].paras) > 0 {
		first = strings.TrimSpace(t.rows[0][0].paras[0])
	}
	if cells == 1 || label.Parse(first).Kind == label.Box {
		for _, row := range t.rows {
			for _, c := range row {
				for _, p := range c.paras {
					r.addText(p, block.Box, false)
				}
			}
		}
		return
	}
	width := 0
	for _, row := range t.rows {
		w := 0
		for _, c := range row {
			w += c.span
		}
		if w > width {
			width = w
		}
	}
	for _, row := range t.rows {
		line := make([]string, 0, width)
		for _, c := range row {
			text := ""
			if !c.merge || c.restart {
				text = cellText(c.paras)
			}
			line = append(line, text)
			for k := 1; k < c.span; k++ {
				line = append(line, "")
			}
		}
		for len(line) < width {
			line = append(line, "")
		}
		r.blocks = append(r.blocks, block.Block{Text: block.RowText(line), Cells: line})
	}
}

// cellText joins a cell's paragraphs: nothing between CJK text.
func cellText(paras []string) string {
	var lines []string
	for _, p := range paras {
		if p = strings.Join(strings.Fields(strings.ReplaceAll(p, "\u3000", " ")), " "); p != "" {
			lines = append(lines, p)
		}
	}
	return block.JoinLines(lines)
}

// parseFootnotes reads footnotes.xml: id → text.
func parseFootnotes(data []byte) map[string]string {
	out := map[string]string{}
	dec := partDecoder(data)
	id := ""
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "footnote", "endnote":
				id = attr(t, "id")
				b.Reset()
			case "t":
				inText = true
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "footnote", "endnote":
				out[id] = b.String()
			}
		}
	}
	return out
}

// coreProps reads docProps/core.xml: title, creator, created and modified,
// where they are not empty.
func coreProps(data []byte) block.Meta {
	var m block.Meta
	dec := partDecoder(data)
	name := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name = t.Name.Local
		case xml.CharData:
			s := strings.TrimSpace(string(t))
			switch name {
			case "title":
				m.Title = s
			case "creator":
				m.Author = s
			case "created":
				m.Created = isoDate(s)
			case "modified":
				m.Modified = isoDate(s)
			}
		case xml.EndElement:
			name = ""
		}
	}
	return m
}

// isoDate is the date of a W3CDTF time (2022-05-18T08:00:00Z), or "".
func isoDate(s string) string {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	for i, c := range s[:10] {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return ""
		}
	}
	return s[:10]
}
