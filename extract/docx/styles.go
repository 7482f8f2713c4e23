package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// style is what a paragraph style says about the paragraphs that use it:
// the numbering it attaches (Word numbers headings through their style, so
// the paragraph itself carries no numPr) and whether it is a heading.
type style struct {
	basedOn string
	numID   string
	ilvl    int // -1 where the style names no level
	hasNum  bool
	heading bool // heading 1–9, 标题 1–9, Title, or an outline level
}

// styles maps styleId → style, read from word/styles.xml.
type styles map[string]*style

func parseStyles(data []byte) styles {
	out := styles{}
	dec := partDecoder(data)
	var cur *style
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = nil
				if attr(t, "type") == "paragraph" {
					cur = &style{ilvl: -1}
					out[attr(t, "styleId")] = cur
				}
			case "name":
				if cur != nil {
					cur.heading = cur.heading || headingName(attr(t, "val"))
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "numId":
				if cur != nil {
					cur.numID, cur.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if cur != nil {
					cur.ilvl, _ = strconv.Atoi(attr(t, "val"))
				}
			case "outlineLvl":
				// level 9 is body text
				if v, err := strconv.Atoi(attr(t, "val")); cur != nil && err == nil && v >= 0 && v < 9 {
					cur.heading = true
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
}

// headingName reports whether a style name is one of Word's heading styles,
// in English or as Chinese Word names them.
func headingName(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "title" || n == "标题" {
		return true
	}
	for _, p := range []string{"heading ", "标题 "} {
		if rest, ok := strings.CutPrefix(n, p); ok {
			if v, err := strconv.Atoi(rest); err == nil && v >= 1 && v <= 9 {
				return true
			}
		}
	}
	return false
}

// resolve follows a style's basedOn chain (at most 20 steps: a chain may
// loop) and returns the numbering it attaches and whether it is a heading.
func (s styles) resolve(id string) (numID string, ilvl int, hasNum, heading bool) {
	ilvl = -1
	for i := 0; i < 20 && id != ""; i++ {
		st := s[id]
		if st == nil {
			break
		}
		heading = heading || st.heading
		if !hasNum && st.hasNum {
			numID, hasNum = st.numID, true
		}
		if ilvl < 0 && st.ilvl >= 0 {
			ilvl = st.ilvl
		}
		id = st.basedOn
	}
	return numID, ilvl, hasNum, heading
}
