package pdf

import "golang.org/x/text/unicode/norm"

// Fonts often give the glyph of a common character the code point of the
// radical that looks the same (⼴ KANGXI RADICAL DOTTED CLIFF for 广, ⻚ CJK
// RADICAL C-SIMPLIFIED LEAF for 页): a browser printing a page maps glyphs to
// text that way. The Kangxi radicals have compatibility decompositions to
// the characters; the simplified radicals of the supplement do not, so they
// are listed here.
var radicalChars = map[rune]rune{
	0x2E8C: '小', 0x2EA0: '民', 0x2EB0: '纟', 0x2EC5: '见', 0x2EC6: '角', 0x2EC8: '讠', 0x2EC9: '贝',
	0x2ECB: '车', 0x2ECC: '辶', 0x2ED0: '钅', 0x2ED3: '长', 0x2ED4: '门', 0x2ED9: '韦', 0x2EDA: '页',
	0x2EDB: '风', 0x2EDC: '飞', 0x2EE0: '饣', 0x2EE2: '马', 0x2EE5: '鱼', 0x2EE6: '鸟', 0x2EE7: '卤',
	0x2EE8: '麦', 0x2EE9: '黄', 0x2EEA: '黾', 0x2EEC: '齐', 0x2EEE: '齿', 0x2EF0: '龙', 0x2EF3: '龟',
	// radicals that are also whole characters
	0x2E9C: '日', 0x2E9D: '月', 0x2E9F: '母', 0x2EA9: '王', 0x2EAB: '目', 0x2EB6: '羊', 0x2EB9: '老',
	0x2EC1: '虎', 0x2EC4: '西', 0x2ED7: '雨', 0x2ED8: '青', 0x2EDD: '食', 0x2EDF: '食', 0x2EE1: '首',
	0x2EE3: '骨', 0x2EE4: '鬼', 0x2EF1: '龜', 0x2EAC: '示', 0x2EBC: '月', 0x2ED1: '長', 0x2EEB: '齊',
}

// unifyRadicals replaces radical code points with the characters they stand
// for, in place. Two code points a font's map gives for the glyph of
// another character do not decompose to the character simplified Chinese
// uses, and are named here: ⼾ decomposes to the traditional 戶 (a
// browser's map sends the glyph of 户 to ⼾), and the dash of —— comes out
// as ― (HORIZONTAL BAR).
func unifyRadicals(rs []rune) []rune {
	for i, r := range rs {
		switch {
		case r == 0x2F3E:
			rs[i] = '户'
		case r == 0x2015:
			rs[i] = '—'
		case r >= 0x2F00 && r <= 0x2FD5:
			if s := []rune(norm.NFKC.String(string(r))); len(s) == 1 {
				rs[i] = s[0]
			}
		case r >= 0x2E80 && r <= 0x2EF3:
			if c, ok := radicalChars[r]; ok {
				rs[i] = c
			}
		}
	}
	return rs
}
