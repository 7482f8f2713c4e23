package pdf

import (
	"io"
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// font is what planx needs of a PDF font: how many bytes a character code
// takes, the Unicode text of a code, and its advance width. It is built once
// per font object, never per text run.
type font struct {
	twoByte  bool
	widths   map[int]float64 // code (or CID) → width in 1/1000 em
	first    int
	simple   []float64 // simple fonts: Widths from FirstChar
	dw       float64   // default width
	cmap     *toUnicode
	encoding map[byte]rune // simple fonts without ToUnicode
	// usable is false where the font has no way to Unicode (no ToUnicode
	// and a composite encoding planx cannot read).
	usable bool
	name   string
}

// toUnicode is a parsed ToUnicode CMap: single codes and ranges.
type toUnicode struct {
	single map[uint32][]rune
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    []rune   // for a string destination: the first code's text
	arr    [][]rune // for an array destination: one text per code
}

func (m *toUnicode) lookup(code uint32) ([]rune, bool) {
	if r, ok := m.single[code]; ok {
		return r, true
	}
	for i := range m.ranges {
		g := &m.ranges[i]
		if code < g.lo || code > g.hi {
			continue
		}
		off := code - g.lo
		if g.arr != nil {
			if int(off) < len(g.arr) {
				return g.arr[off], true
			}
			return nil, false
		}
		if len(g.dst) == 0 {
			return nil, false
		}
		out := append([]rune(nil), g.dst...)
		out[len(out)-1] += rune(off)
		return out, true
	}
	return nil, false
}

func utf16Runes(s string) []rune {
	b := []byte(s)
	if len(b)%2 == 1 {
		return []rune(string(b))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return utf16.Decode(u)
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// parseToUnicode reads a ToUnicode CMap stream. CMaps are a small
// PostScript dialect; only bfchar and bfrange sections carry the mapping, so
// a tokenizer for hex strings, arrays, numbers and keywords is enough.
func parseToUnicode(v lpdf.Value) *toUnicode {
	m := &toUnicode{single: map[uint32][]rune{}}
	if checkStream(v) != nil {
		return m
	}
	rc := v.Reader()
	data, err := io.ReadAll(io.LimitReader(rc, 16<<20))
	rc.Close()
	if err != nil {
		return m
	}
	toks := cmapTokens(data)
	for i := 0; i < len(toks); i++ {
		switch toks[i].kw {
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i].kw != "endbfchar"; i += 2 {
				if toks[i].hex && toks[i+1].hex {
					m.single[codeOf(toks[i].s)] = utf16Runes(toks[i+1].s)
				}
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i].kw != "endbfrange"; {
				lo, hi := toks[i], toks[i+1]
				g := cmapRange{lo: codeOf(lo.s), hi: codeOf(hi.s)}
				i += 2
				if toks[i].kw == "[" {
					for i++; i < len(toks) && toks[i].kw != "]"; i++ {
						g.arr = append(g.arr, utf16Runes(toks[i].s))
					}
					i++
				} else {
					g.dst = utf16Runes(toks[i].s)
					i++
				}
				if lo.hex && hi.hex && g.hi >= g.lo && g.hi-g.lo <= 1<<20 {
					m.ranges = append(m.ranges, g)
				}
			}
		}
	}
	return m
}

type cmapToken struct {
	s   string // bytes of a hex string
	hex bool
	kw  string // keyword, or "[" / "]"
}

func cmapTokens(b []byte) []cmapToken {
	var out []cmapToken
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			i += 2
		case c == '<':
			j := i + 1
			var hexd []byte
			for j < len(b) && b[j] != '>' {
				if h := unhex(b[j]); h >= 0 {
					hexd = append(hexd, byte(h))
				}
				j++
			}
			if len(hexd)%2 == 1 {
				hexd = append(hexd, 0)
			}
			raw := make([]byte, len(hexd)/2)
			for k := range raw {
				raw[k] = hexd[2*k]<<4 | hexd[2*k+1]
			}
			out = append(out, cmapToken{s: string(raw), hex: true})
			i = j + 1
		case c == '[' || c == ']':
			out = append(out, cmapToken{kw: string(c)})
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			// a literal string (names in CIDSystemInfo): skip it
			depth := 0
			for ; i < len(b); i++ {
				if b[i] == '\\' {
					i++
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
			}
		case c <= ' ':
			i++
		default:
			j := i
			for j < len(b) && b[j] > ' ' && !strings.ContainsRune("<>[]()/%", rune(b[j])) {
				j++
			}
			if j == i {
				j++ // a lone / or delimiter
			}
			out = append(out, cmapToken{kw: string(b[i:j])})
			i = j
		}
	}
	return out
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// loadFont builds a font from its dictionary.
func loadFont(f lpdf.Value) *font {
	ft := &font{dw: 1000, name: f.Key("BaseFont").Name(), usable: true}
	if f.Key("Subtype").Name() == "Type0" {
		ft.twoByte = true
		enc := f.Key("Encoding")
		desc := f.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() != lpdf.Null {
			ft.dw = dw.Float64()
		}
		ft.widths = cidWidths(desc.Key("W"))
		if tu := f.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
			ft.cmap = parseToUnicode(tu)
		} else if name := enc.Name(); !strings.Contains(name, "UCS2") && !strings.Contains(name, "UTF16") {
			ft.usable = false // Identity-H with no ToUnicode: glyph ids only
		}
		return ft
	}
	ft.first = int(f.Key("FirstChar").Int64())
	w := f.Key("Widths")
	for i := 0; i < w.Len(); i++ {
		ft.simple = append(ft.simple, w.Index(i).Float64())
	}
	if mw := f.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() != lpdf.Null {
		ft.dw = mw.Float64()
	} else {
		ft.dw = 500
	}
	if tu := f.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		ft.cmap = parseToUnicode(tu)
	}
	ft.encoding = simpleEncoding(f.Key("Encoding"), f.Key("Subtype").Name())
	// A Type 3 font states its widths in glyph space, which its FontMatrix
	// maps to text space; other simple fonts use thousandths of an em.
	// Chromium's matrix is 0.001 (no change); cairo's is 1, with widths
	// such as 1.0 for a full-width character.
	if f.Key("Subtype").Name() == "Type3" {
		if m := f.Key("FontMatrix"); m.Len() == 6 {
			if a := m.Index(0).Float64(); a > 0 {
				k := a * 1000
				for i := range ft.simple {
					ft.simple[i] *= k
				}
				ft.dw *= k
			}
		}
	}
	return ft
}

// cidWidths reads a CID font's W array: c [w1 w2 …] and cfirst clast w.
func cidWidths(w lpdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i < w.Len(); {
		c := int(w.Index(i).Int64())
		if i+1 >= w.Len() {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				out[c+k] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		last := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 1<<16; k++ {
			out[k] = wd
		}
		i += 3
	}
	return out
}

// simpleEncoding maps the bytes of a simple font without ToUnicode: the
// base encoding, with /Differences glyph names where they name a
// character.
func simpleEncoding(enc lpdf.Value, subtype string) map[byte]rune {
	name := enc.Name()
	if enc.Kind() == lpdf.Dict {
		name = enc.Key("BaseEncoding").Name()
	}
	base := baseEncoding(name, subtype)
	m := map[byte]rune{}
	for b, r := range base {
		if r != 0 {
			m[byte(b)] = r
		}
	}
	diffs := enc.Key("Differences")
	code := 0
	for i := 0; i < diffs.Len(); i++ {
		v := diffs.Index(i)
		if v.Kind() == lpdf.Integer {
			code = int(v.Int64())
			continue
		}
		if r, ok := glyphRune(v.Name()); ok && code >= 0 && code < 256 {
			m[byte(code)] = r
		}
		code++
	}
	return m
}

// decode splits a shown string into character codes and gives each code's
// text and width (1/1000 em). The callback's space flag marks the single-byte
// code 32, to which word spacing applies.
func (f *font) decode(s string, emit func(text []rune, width float64, space bool)) {
	step := 1
	if f.twoByte {
		step = 2
	}
	var buf [1]rune
	for i := 0; i+step <= len(s); i += step {
		var code uint32
		if step == 2 {
			code = uint32(s[i])<<8 | uint32(s[i+1])
		} else {
			code = uint32(s[i])
		}
		var text []rune
		if f.cmap != nil {
			if r, ok := f.cmap.lookup(code); ok {
				text = unifyRadicals(r)
			}
		}
		if text == nil && !f.twoByte {
			if r, ok := f.encoding[byte(code)]; ok {
				buf[0] = r
				text = buf[:]
			}
		}
		if text == nil && f.twoByte && !f.usable {
			text = nil
		} else if text == nil && f.twoByte {
			buf[0] = rune(code) // a UCS-2 encoding: the code is the character
			text = buf[:]
		}
		emit(text, f.width(int(code)), step == 1 && code == 32)
	}
}

func (f *font) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.widths[code]; ok {
			return w
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.simple) {
		return f.simple[i]
	}
	return f.dw
}
