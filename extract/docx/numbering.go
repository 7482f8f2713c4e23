package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numbering turns Word's automatic numbering (numbering.xml) into the labels
// Word prints: 第一章, 一、, （一）, 1. … A plan saved from Word often holds its
// chapter labels only as numbering.
type numbering struct {
	abstract map[string]map[int]*level // abstractNumId → ilvl → level
	// styleLevel is the level a paragraph style is linked to (w:lvl/w:pStyle):
	// abstractNumId → styleId → ilvl
	styleLevel map[string]map[string]int
	nums       map[string]string // numId → abstractNumId
	counters   map[string][]int  // numId → current counter per level
}

type level struct {
	start int
	fmt   string
	text  string
	suff  string // what follows the number: tab (the default), space or nothing
}

// styleLevelOf is the level of numID that paragraph style styleID is linked
// to, -1 if none.
func (n *numbering) styleLevelOf(numID, styleID string) int {
	if l, ok := n.styleLevel[n.nums[numID]][styleID]; ok {
		return l
	}
	return -1
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string]map[int]*level{}, styleLevel: map[string]map[string]int{}, nums: map[string]string{}, counters: map[string][]int{}}
}

func (n *numbering) parse(data []byte) {
	dec := partDecoder(data)
	var abs string
	var lv *level
	var num string
	ilvl := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			abs = attr(se, "abstractNumId")
			n.abstract[abs] = map[int]*level{}
		case "lvl":
			i, _ := strconv.Atoi(attr(se, "ilvl"))
			ilvl = i
			lv = &level{start: 1, fmt: "decimal"}
			if m := n.abstract[abs]; m != nil && i >= 0 && i < 9 {
				m[i] = lv
			}
		case "start":
			if lv != nil {
				lv.start, _ = strconv.Atoi(attr(se, "val"))
			}
		case "numFmt":
			if lv != nil {
				lv.fmt = attr(se, "val")
			}
		case "lvlText":
			if lv != nil {
				lv.text = attr(se, "val")
			}
		case "suff":
			if lv != nil {
				lv.suff = attr(se, "val")
			}
		case "pStyle":
			if lv != nil && abs != "" {
				if n.styleLevel[abs] == nil {
					n.styleLevel[abs] = map[string]int{}
				}
				n.styleLevel[abs][attr(se, "val")] = ilvl
			}
		case "num":
			num = attr(se, "numId")
		case "abstractNumId":
			if num != "" {
				n.nums[num] = attr(se, "val")
			}
		}
	}
}

// label advances the counter of (numID, ilvl) and returns the printed label,
// "" where the numbering is not known or prints nothing.
func (n *numbering) label(numID string, ilvl int) string {
	levels := n.abstract[n.nums[numID]]
	lv := levels[ilvl]
	if lv == nil || ilvl < 0 || ilvl > 8 || lv.fmt == "none" || lv.fmt == "bullet" {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = -1
		}
		n.counters[numID] = c
	}
	if c[ilvl] < 0 {
		c[ilvl] = lv.start
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < 9; i++ {
		c[i] = -1 // deeper levels start again
	}
	text := lv.text
	for i := 0; i <= ilvl; i++ {
		v := c[i]
		if v < 0 {
			if l := levels[i]; l != nil {
				v = l.start
			}
		}
		f := lv.fmt
		if l := levels[i]; l != nil {
			f = l.fmt
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), format(v, f))
	}
	// Word prints a tab or a space after the number; where the label ends
	// in a digit or letter (1.2, A) it would otherwise run into the title
	if r := lastRune(text); lv.suff != "nothing" && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
		text += " "
	}
	return text
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// format writes n in a Word number format.
func format(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand":
		return hanNumeral(n)
	case "upperLetter":
		if n >= 1 && n <= 26 {
			return string(rune('A' + n - 1))
		}
	case "lowerLetter":
		if n >= 1 && n <= 26 {
			return string(rune('a' + n - 1))
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	}
	return strconv.Itoa(n)
}

// hanNumeral writes 1..999 as Chinese numerals (一, 十, 十四, 二十一, 一百零二).
func hanNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n <= 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		b.WriteString(digits[h] + "百")
		if t == 0 && u > 0 {
			b.WriteString("零")
		}
	}
	if t > 0 {
		if !(t == 1 && h == 0) {
			b.WriteString(digits[t])
		}
		b.WriteString("十")
	}
	if u > 0 {
		b.WriteString(digits[u])
	}
	return b.String()
}
