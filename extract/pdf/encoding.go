package pdf

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Simple fonts (one byte a character) without a ToUnicode map are read
// through their encoding: a base encoding named by the font, changed by a
// /Differences array of glyph names. Word and WPS write the Latin part of
// 仿宋_GB2312 or 楷体_GB2312 text this way, as a non-embedded TrueType font
// with WinAnsiEncoding, so the curly quotes, dashes and the ellipsis of a
// plan's prose are the codes 0x93 0x94 0x96 0x97 0x85, not Latin-1.

// baseEncoding returns the 256 characters of a named base encoding. A font
// that names none uses its built-in encoding: StandardEncoding for a Type 1
// font, and in practice WinAnsiEncoding for a TrueType font.
func baseEncoding(name, subtype string) [256]rune {
	var m [256]rune
	switch {
	case name == "MacRomanEncoding":
		for b := 0; b < 256; b++ {
			m[b] = charmap.Macintosh.DecodeByte(byte(b))
		}
	case name == "StandardEncoding" || name == "" && subtype == "Type1":
		for b := 32; b < 127; b++ {
			m[b] = rune(b)
		}
		m['\''], m['`'] = '’', '‘'
		for b, r := range standardHigh {
			m[b] = r
		}
	default: // WinAnsiEncoding, and what no name leaves to the font
		for b := 0; b < 256; b++ {
			m[b] = charmap.Windows1252.DecodeByte(byte(b))
		}
		// codes that Windows-1252 leaves undefined print as a bullet
		for _, b := range []byte{0x81, 0x8d, 0x8f, 0x90, 0x9d} {
			m[b] = '•'
		}
	}
	for b := 0; b < 32; b++ {
		m[b] = 0
	}
	return m
}

// standardHigh is StandardEncoding above 0x7e (PDF 32000-1, Annex D).
var standardHigh = map[byte]rune{
	0xa1: '¡', 0xa2: '¢', 0xa3: '£', 0xa4: '⁄', 0xa5: '¥', 0xa6: 'ƒ', 0xa7: '§', 0xa8: '¤',
	0xa9: '\'', 0xaa: '“', 0xab: '«', 0xac: '‹', 0xad: '›', 0xae: 'ﬁ', 0xaf: 'ﬂ',
	0xb1: '–', 0xb2: '†', 0xb3: '‡', 0xb4: '·', 0xb6: '¶', 0xb7: '•', 0xb8: '‚', 0xb9: '„',
	0xba: '”', 0xbb: '»', 0xbc: '…', 0xbd: '‰', 0xbf: '¿',
	0xc1: '`', 0xc2: '´', 0xc3: 'ˆ', 0xc4: '˜', 0xc5: '¯', 0xc6: '˘', 0xc7: '˙', 0xc8: '¨',
	0xca: '˚', 0xcb: '¸', 0xcd: '˝', 0xce: '˛', 0xcf: 'ˇ', 0xd0: '—',
	0xe1: 'Æ', 0xe3: 'ª', 0xe8: 'Ł', 0xe9: 'Ø', 0xea: 'Œ', 0xeb: 'º',
	0xf1: 'æ', 0xf5: 'ı', 0xf8: 'ł', 0xf9: 'ø', 0xfa: 'œ', 0xfb: 'ß',
}

// glyphNames are the Adobe Glyph List names of the characters a plan's
// Latin text and punctuation use; other names are read as uniXXXX, uXXXX
// or a single letter.
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "parenleft": '(', "parenright": ')', "asterisk": '*',
	"plus": '+', "comma": ',', "hyphen": '-', "period": '.', "slash": '/', "zero": '0', "one": '1',
	"two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8',
	"nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~',
	"quoteleft": '‘', "quoteright": '’', "quotedblleft": '“', "quotedblright": '”',
	"quotesinglbase": '‚', "quotedblbase": '„', "endash": '–', "emdash": '—', "ellipsis": '…',
	"bullet": '•', "periodcentered": '·', "middot": '·', "degree": '°', "plusminus": '±',
	"multiply": '×', "divide": '÷', "perthousand": '‰', "section": '§', "paragraph": '¶',
	"dagger": '†', "daggerdbl": '‡', "copyright": '©', "registered": '®', "trademark": '™',
	"guillemotleft": '«', "guillemotright": '»', "guilsinglleft": '‹', "guilsinglright": '›',
	"minus": '−', "fi": 'ﬁ', "fl": 'ﬂ', "sterling": '£', "yen": '¥', "Euro": '€', "cent": '¢',
	"nbspace": '\u00a0', "uni00A0": '\u00a0', "mu": 'µ', "micro": 'µ',
	"twosuperior": '²', "threesuperior": '³', "onesuperior": '¹',
	"circlecopyrt": '©', "arrowright": '→', "arrowleft": '←', "lessequal": '≤', "greaterequal": '≥',
	"notequal": '≠', "approxequal": '≈', "infinity": '∞',
}

// glyphRune reads a glyph name as a character.
func glyphRune(name string) (rune, bool) {
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if i := strings.IndexByte(name, '.'); i > 0 { // a variant: one.oldstyle
		return glyphRune(name[:i])
	}
	if len(name) == 1 {
		return rune(name[0]), true
	}
	hex := ""
	switch {
	case strings.HasPrefix(name, "uni") && len(name) == 7:
		hex = name[3:]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex = name[1:]
	default:
		return 0, false
	}
	var r rune
	for _, c := range hex {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + c - '0'
		case c >= 'A' && c <= 'F':
			r = r*16 + c - 'A' + 10
		case c >= 'a' && c <= 'f':
			r = r*16 + c - 'a' + 10
		default:
			return 0, false
		}
	}
	if r > 0x10ffff || r >= 0xd800 && r <= 0xdfff {
		return 0, false
	}
	return r, true
}
