package pdf

import (
	"crypto/sha1"
	"fmt"
	"io"
	"math"

	lpdf "github.com/ledongthuc/pdf"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// scale is how much m enlarges lengths (the square root of its area scale).
func (m matrix) scale() float64 {
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}

// glyph is one character as placed on the page (user space, y up).
type glyph struct {
	r    []rune
	x, y float64 // the glyph origin on the baseline
	w    float64 // advance width
	size float64 // font size on the page
	font *font
	dir  turn // which way the text runs
	// tilted is set for text drawn at an angle that is not a multiple of
	// a right angle: a diagonal watermark or stamp, never body text.
	tilted bool
	// light is set for text painted pale grey or lighter.
	light bool
}

// turn is the direction of a line of text on the page, in quarter turns
// counterclockwise from left-to-right: a table set sideways on a portrait
// page runs up (1) or down (3).
type turn uint8

func direction(a, b float64) turn {
	switch {
	case math.Abs(a) >= math.Abs(b) && a >= 0:
		return 0
	case math.Abs(a) >= math.Abs(b):
		return 2
	case b > 0:
		return 1
	}
	return 3
}

// tilted reports whether the baseline direction (a, b) is more than about
// 5° away from the nearest axis: |sin 2θ| = 2|ab|/(a²+b²) exceeds sin 10°.
func tilted(a, b float64) bool {
	n := a*a + b*b
	return n > 0 && 2*math.Abs(a*b)/n > 0.17
}

// rect is a filled or stroked rectangle or line on the page: table rulings
// and box borders.
type rect struct {
	x0, y0, x1, y1 float64
	stroked        bool // drawn as an outline (S, s, B, b), not only filled
}

// image is where an image was drawn.
type image struct {
	x0, y0, x1, y1 float64
	obj            lpdf.Value // the image XObject, for its pixels (images.go)
}

// pageContent is what the content streams of a page draw.
type pageContent struct {
	// cut is set when a content stream ends inside a string: the
	// library's lexer would wait for its end forever, so it is not read.
	cut    bool
	glyphs []glyph
	rects  []rect
	images []image
	// fontsWithoutText counts glyphs of fonts with no Unicode mapping.
	unmapped int
	// over lists the limits the page went over, once each.
	over []overLimit
}

// exceed records that the page went over a limit, once per limit.
func (c *pageContent) exceed(name, detail string) {
	for _, o := range c.over {
		if o.name == name {
			return
		}
	}
	c.over = append(c.over, overLimit{name, detail})
}

// gstate is the graphics state that q and Q save and restore; the text
// state parameters (font, spacing, scaling, leading, rise) are part of it.
type gstate struct {
	ctm  matrix
	text textParams
	// fill is the lightness of the fill colour that text is painted
	// with, 0 for black to 1 for white.
	fill float64
}

// lightFill is the lightness from which text is pale grey or lighter, as
// watermarks are printed.
const lightFill = 0.75

// lightness is the lightness of a colour given by 1 (grey), 3 (RGB) or 4
// (CMYK) components; other counts (a pattern, a spot colour's tint) are
// read as black.
func lightness(c []float64) float64 {
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	switch len(c) {
	case 1:
		return clamp(c[0])
	case 3:
		return clamp(0.299*c[0] + 0.587*c[1] + 0.114*c[2])
	case 4:
		return clamp(1 - (0.299*c[0] + 0.587*c[1] + 0.114*c[2]) - c[3])
	}
	return 0
}

type textParams struct {
	font                                        *font
	size, charSp, wordSp, hscale, leading, rise float64
}

// tstate is the text object's state: its matrices, and the parameters in
// force.
type tstate struct {
	tm, tlm matrix
	*textParams
}

// interpreter runs content streams.
type interpreter struct {
	fonts *fontCache
	out   *pageContent
	depth int   // form XObjects being run
	bytes int64 // decoded content bytes of the page so far
	forms int   // form XObjects run on the page
}

// fontCache keeps each font object's decoder for the whole document, keyed
// by what identifies a font (subset fonts carry a unique prefix in their
// BaseFont).
type fontCache struct {
	byKey map[string]*font
}

func fontKey(f lpdf.Value) string {
	base := f.Key("BaseFont").Name()
	key := base + "|" + f.Key("Subtype").Name() + "|" + f.Key("Encoding").Name() + "|" +
		f.Key("FirstChar").String() + "|" + f.Key("LastChar").String() + "|" + f.Key("ToUnicode").Key("Length").String()
	// A subset font's name carries a tag of its own (ABCDEF+SimSun); fonts
	// without one (Type 3 fonts of a browser's print) are told apart by
	// their character map.
	if len(base) < 8 || base[6] != '+' {
		if tu := f.Key("ToUnicode"); tu.Kind() == lpdf.Stream && checkStream(tu) == nil {
			rc := tu.Reader()
			data, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			key += fmt.Sprintf("|%x", sha1.Sum(data))
		}
	}
	return key
}

func (c *fontCache) get(f lpdf.Value) *font {
	k := fontKey(f)
	if ft, ok := c.byKey[k]; ok {
		return ft
	}
	ft := loadFont(f)
	c.byKey[k] = ft
	return ft
}

// run interprets a content stream (or an array of them) with resources res
// under the transformation ctm.
func (in *interpreter) run(strm, res lpdf.Value, ctm matrix) {
	g := gstate{ctm: ctm, text: textParams{hscale: 1}}
	var gstack []gstate
	t := tstate{tm: identity, tlm: identity, textParams: &g.text}
	fonts := res.Key("Font")
	xobjects := res.Key("XObject")
	// Resolving an object re-reads it from the file, so each font name is
	// looked up once per content stream.
	byName := map[string]*font{}
	var path []rect // rectangles and lines of the current path
	var cur [2]float64
	size, over, cut := scanStream(strm, maxPageBytes-in.bytes)
	in.bytes += size
	if cut {
		in.out.cut = true
		return
	}
	if over != nil {
		in.out.exceed(over.name, over.detail)
		return
	}
	lpdf.Interpret(strm, func(stk *lpdf.Stack, op string) {
		// An operator takes its operands; what it leaves (the operands of
		// operators planx does not follow) would pile up on the stack.
		defer func() {
			for stk.Len() > 0 {
				stk.Pop()
			}
		}()
		args := func(n int) []float64 {
			out := make([]float64, n)
			for i := n - 1; i >= 0; i-- {
				out[i] = stk.Pop().Float64()
			}
			return out
		}
		switch op {
		case "q":
			if len(gstack) >= maxGStateDepth {
				in.out.exceed("maxGStateDepth", fmt.Sprintf("graphics states are saved (q) more than %d deep", maxGStateDepth))
				break
			}
			gstack = append(gstack, g)
		case "Q":
			if n := len(gstack); n > 0 {
				g = gstack[n-1]
				gstack = gstack[:n-1]
			}
		case "g", "rg", "k":
			g.fill = lightness(args(map[string]int{"g": 1, "rg": 3, "k": 4}[op]))
		case "sc", "scn":
			if n := stk.Len(); n == 1 || n == 3 || n == 4 {
				g.fill = lightness(args(n))
			} else {
				g.fill = 0
			}
		case "cs":
			g.fill = 0
		case "cm":
			a := args(6)
			g.ctm = matrix{a[0], a[1], a[2], a[3], a[4], a[5]}.mul(g.ctm)
		case "BT":
			t.tm, t.tlm = identity, identity
		case "Tf":
			size := stk.Pop().Float64()
			name := stk.Pop().Name()
			t.size = size
			ft, ok := byName[name]
			if !ok {
				if f := fonts.Key(name); f.Kind() == lpdf.Dict {
					ft = in.fonts.get(f)
				}
				byName[name] = ft
			}
			t.font = ft
		case "Tc":
			t.charSp = args(1)[0]
		case "Tw":
			t.wordSp = args(1)[0]
		case "Tz":
			t.hscale = args(1)[0] / 100
		case "TL":
			t.leading = args(1)[0]
		case "Ts":
			t.rise = args(1)[0]
		case "Td", "TD":
			a := args(2)
			if op == "TD" {
				t.leading = -a[1]
			}
			t.tlm = matrix{1, 0, 0, 1, a[0], a[1]}.mul(t.tlm)
			t.tm = t.tlm
		case "Tm":
			a := args(6)
			t.tlm = matrix{a[0], a[1], a[2], a[3], a[4], a[5]}
			t.tm = t.tlm
		case "T*":
			t.tlm = matrix{1, 0, 0, 1, 0, -t.leading}.mul(t.tlm)
			t.tm = t.tlm
		case "Tj":
			in.show(&t, g.ctm, g.fill >= lightFill, stk.Pop().RawString())
		case "'":
			s := stk.Pop().RawString()
			t.tlm = matrix{1, 0, 0, 1, 0, -t.leading}.mul(t.tlm)
			t.tm = t.tlm
			in.show(&t, g.ctm, g.fill >= lightFill, s)
		case "\"":
			s := stk.Pop().RawString()
			a := args(2)
			t.wordSp, t.charSp = a[0], a[1]
			t.tlm = matrix{1, 0, 0, 1, 0, -t.leading}.mul(t.tlm)
			t.tm = t.tlm
			in.show(&t, g.ctm, g.fill >= lightFill, s)
		case "TJ":
			arr := stk.Pop()
			for i := 0; i < arr.Len(); i++ {
				v := arr.Index(i)
				if v.Kind() == lpdf.String {
					in.show(&t, g.ctm, g.fill >= lightFill, v.RawString())
					continue
				}
				adj := v.Float64()
				t.tm = matrix{1, 0, 0, 1, -adj / 1000 * t.size * t.hscale, 0}.mul(t.tm)
			}
		case "re":
			a := args(4)
			x0, y0 := g.ctm.apply(a[0], a[1])
			x1, y1 := g.ctm.apply(a[0]+a[2], a[1]+a[3])
			path = append(path, normRect(x0, y0, x1, y1))
		case "m":
			a := args(2)
			cur[0], cur[1] = g.ctm.apply(a[0], a[1])
		case "l":
			a := args(2)
			x, y := g.ctm.apply(a[0], a[1])
			path = append(path, normRect(cur[0], cur[1], x, y))
			cur[0], cur[1] = x, y
		case "f", "F", "f*", "S", "s", "B", "B*", "b", "b*":
			stroked := op != "f" && op != "F" && op != "f*"
			for _, r := range path {
				r.stroked = stroked
				in.out.rects = append(in.out.rects, r)
			}
			path = path[:0]
		case "n":
			path = path[:0]
		case "Do":
			name := stk.Pop().Name()
			x := xobjects.Key(name)
			switch x.Key("Subtype").Name() {
			case "Image":
				x0, y0 := g.ctm.apply(0, 0)
				x1, y1 := g.ctm.apply(1, 1)
				r := normRect(x0, y0, x1, y1)
				in.out.images = append(in.out.images, image{r.x0, r.y0, r.x1, r.y1, x})
			case "Form":
				if in.depth >= maxFormDepth {
					in.out.exceed("maxFormDepth", fmt.Sprintf("form XObjects are nested more than %d deep", maxFormDepth))
					break
				}
				if in.forms >= maxFormCalls {
					in.out.exceed("maxFormCalls", fmt.Sprintf("the page runs more than %d form XObjects", maxFormCalls))
					break
				}
				in.forms++
				m := identity
				if mv := x.Key("Matrix"); mv.Len() == 6 {
					for i := 0; i < 6; i++ {
						m[i] = mv.Index(i).Float64()
					}
				}
				r := x.Key("Resources")
				if r.Kind() == lpdf.Null {
					r = res
				}
				in.depth++
				in.run(x, r, m.mul(g.ctm))
				in.depth--
			}
		}
	})
}

func normRect(x0, y0, x1, y1 float64) rect {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	return rect{x0: x0, y0: y0, x1: x1, y1: y1}
}

// show places the characters of a shown string.
func (in *interpreter) show(t *tstate, ctm matrix, light bool, s string) {
	f := t.font
	if f == nil {
		return
	}
	f.decode(s, func(text []rune, w float64, space bool) {
		trm := matrix{t.size * t.hscale, 0, 0, t.size, 0, t.rise}.mul(t.tm).mul(ctm)
		adv := w / 1000 * t.size
		tx := (adv + t.charSp) * t.hscale
		if space {
			tx += t.wordSp * t.hscale
		}
		m := t.tm.mul(ctm)
		if text == nil {
			in.out.unmapped++
		} else if len(in.out.glyphs) >= maxGlyphs {
			in.out.exceed("maxGlyphs", fmt.Sprintf("the page draws more than %d glyphs", maxGlyphs))
		} else {
			x, y := trm[4], trm[5]
			gl := glyph{r: append([]rune(nil), text...), x: x, y: y, w: adv * t.hscale * m.scale(), size: t.size * m.scale(), font: f,
				dir: direction(trm[0], trm[1]), tilted: tilted(trm[0], trm[1]), light: light}
			in.out.glyphs = append(in.out.glyphs, gl)
		}
		t.tm = matrix{1, 0, 0, 1, tx, 0}.mul(t.tm)
	})
}

// hexScanner follows the library's lexer over comments, literal strings
// and hex strings, byte by byte across chunks, and counts the operands
// before each operator. The library's lexer reads past the end of a stream
// as an endless run of newlines, and its hex-string loop does not stop
// there, so a stream cut inside <…> would never finish. (A literal string,
// a name or a keyword does stop at the end.)
type hexScanner struct {
	state  scanState
	depth  int  // nesting of ( ) in a literal string
	escape bool // the last byte in a literal string was a backslash
	word   bool // inside a number, name or keyword
	run    int  // operands since the last operator
	most   int  // the longest run
}

// operand counts one more operand before the next operator.
func (sc *hexScanner) operand() {
	sc.run++
	if sc.run > sc.most {
		sc.most = sc.run
	}
}

type scanState uint8

const (
	inToken scanState = iota
	inComment
	inLiteral
	afterLT // a < that may open a hex string or a dictionary
	inHex
)

func (sc *hexScanner) scan(p []byte) {
	for _, c := range p {
		switch sc.state {
		case inToken:
			switch c {
			case '%':
				sc.state = inComment
			case '(':
				sc.state, sc.depth = inLiteral, 1
				sc.operand()
			case '<':
				sc.state = afterLT
				sc.operand()
			case '/':
				sc.operand()
				sc.word = true
				continue
			case ' ', '\n', '\r', '\t', '\f', 0, '[', ']', '{', '}', '>', ')':
			default:
				if !sc.word {
					if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '\'' || c == '"' {
						sc.run = 0 // an operator takes its operands
					} else {
						sc.operand()
					}
				}
				sc.word = true
				continue
			}
			sc.word = false
		case inComment:
			if c == '\n' || c == '\r' {
				sc.state = inToken
			}
		case inLiteral:
			switch {
			case sc.escape:
				sc.escape = false
			case c == '\\':
				sc.escape = true
			case c == '(':
				sc.depth++
			case c == ')':
				if sc.depth--; sc.depth == 0 {
					sc.state = inToken
				}
			}
		case afterLT:
			switch c {
			case '<':
				sc.state = inToken
			case '>':
				sc.state = inToken
			default:
				sc.state = inHex
			}
		case inHex:
			if c == '>' {
				sc.state = inToken
			}
		}
	}
}
