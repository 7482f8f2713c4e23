package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// numbering turns Word's automatic numbering (numbering.xml) into the labels
// Word prints: 第一章, 一、, （一）, 1. … A plan saved from Word often holds its
// chapter labels only as numbering.
type numbering struct {
	abstract map[string]map[int]*level // abstractNumId → ilvl → level
	nums     map[string]string         // numId → abstractNumId
	counters map[string][]int          // numId → current counter per level
}

type level struct {
	start int
	fmt   string
	text  string
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string]map[int]*level{}, nums: map[string]string{}, counters: map[string][]int{}}
}

func (n *numbering) parse(data []byte) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var abs string
	var lv *level
	var num string
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
	return text
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
