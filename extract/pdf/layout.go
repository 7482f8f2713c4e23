package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"planx/extract/block"
)

// page is one page's drawing and, after layout, its lines.
type page struct {
	number                int
	x0, y0, width, height float64
	content               pageContent
	lines                 []line
	regions               []*region
}

// line is a row of glyphs on one baseline, left to right.
type line struct {
	page   int
	x0, x1 float64
	y      float64 // baseline, y up
	top    float64 // y of the tallest glyph top
	size   float64 // the line's font size (the most common)
	text   string
	segs   []seg // pieces separated by wide gaps (table cells)
	glyphs []glyph
	// inRegion is true for a line inside a ruled table or box.
	inRegion bool
}

// seg is a run of glyphs without a wide gap.
type seg struct {
	x0, x1 float64
	text   string
}

// The geometry of glyphs on a line, in em of the glyphs' own size.
const (
	// baselineSlack is how far apart two glyphs' baselines may lie, in em
	// of the larger, on one line.
	baselineSlack = 0.3
	// supRise is the most a superscript is raised, in em of the line
	// below, and supSize the largest it is relative to that line's type.
	supRise, supSize = 0.9, 0.85
	// sameSize is how far apart two sizes may be, as a share, and count as
	// one type size.
	sameSize = 0.02
	// cellGap is the least gap, in em, between two cells of a table
	// printed without rules: two characters of white.
	cellGap = 2
	// spaceGap is the least gap, in em, that is a space between words,
	// and latinGap the least between two Latin letters: a Latin font's
	// space is a quarter em or less (a browser draws none, only the gap),
	// where kerning moves letters by a few hundredths of an em.
	spaceGap = 0.28
	latinGap = 0.15
	// spacedCJK is the widest gap, in em, inside letter-spaced Chinese
	// (目　录, a justified line), and mixedGap the widest between Chinese
	// and the digits beside it, which word processors set a quarter em
	// apart (门8座): neither is a space.
	spacedCJK, mixedGap = 1.2, 0.45
	// ascent is the height of a glyph above its baseline, in em.
	ascent = 0.8
)

// buildLines groups a page's glyphs into lines. A glyph clearly smaller than
// the line it stands on and raised above its baseline is a superscript (a
// note marker) and is written as a superscript digit.
func buildLines(pg *page) []line {
	gs := pg.content.glyphs
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(gs[i].y-gs[j].y) > 0.5 {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	// cluster baselines: glyphs of a line share a baseline within a fraction
	// of their size
	type cluster struct {
		y, size float64
		gs      []glyph
	}
	var cls []*cluster
	for _, g := range gs {
		if isBlank(g.r) {
			continue
		}
		var best *cluster
		for k := len(cls) - 1; k >= 0 && k >= len(cls)-6; k-- {
			c := cls[k]
			if math.Abs(c.y-g.y) <= baselineSlack*math.Max(c.size, g.size) {
				best = c
				break
			}
		}
		if best == nil {
			best = &cluster{y: g.y, size: g.size}
			cls = append(cls, best)
		}
		best.gs = append(best.gs, g)
		if g.size > best.size {
			best.size = g.size
		}
	}
	// attach raised small clusters (superscripts) to the line below them
	var lines []line
	for i, c := range cls {
		if i+1 < len(cls) && isSuperscriptCluster(c.gs, c.size) {
			below := cls[i+1]
			if rise := c.y - below.y; rise > 0 && rise < below.size*supRise && c.size < below.size*supSize {
				for _, g := range c.gs {
					g.r = superscriptRunes(g.r)
					g.y = below.y
					below.gs = append(below.gs, g)
				}
				c.gs = nil
				continue
			}
		}
	}
	for _, c := range cls {
		if len(c.gs) == 0 {
			continue
		}
		lines = append(lines, makeLine(pg.number, c.gs))
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })
	return lines
}

func isBlank(r []rune) bool {
	for _, c := range r {
		if !unicode.IsSpace(c) && c != 0 {
			return false
		}
	}
	return true
}

func isSuperscriptCluster(gs []glyph, size float64) bool {
	if len(gs) > 8 {
		return false
	}
	for _, g := range gs {
		for _, r := range g.r {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// superscriptRunes writes a raised cluster's digits as superscript digits.
func superscriptRunes(rs []rune) []rune {
	return []rune(block.Superscript(string(rs)))
}

// makeLine orders a line's glyphs and writes its text: nothing between
// touching glyphs, a space where the gap is a space wide, and a new segment
// where it is wider than two characters.
func makeLine(pageNo int, gs []glyph) line {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	// the most common size, as drawn: sizes within 2% of each other count
	// as one
	type bin struct {
		n    int
		size float64
	}
	var sizes []bin
	for _, g := range gs {
		if isSup(g.r) {
			continue
		}
		found := false
		for i := range sizes {
			if math.Abs(sizes[i].size-g.size) <= sameSize*g.size {
				sizes[i].n++
				found = true
				break
			}
		}
		if !found && len(sizes) < 16 {
			sizes = append(sizes, bin{1, g.size})
		}
	}
	size, bestN := 0.0, -1
	for _, b := range sizes {
		if b.n > bestN || b.n == bestN && b.size > size {
			size, bestN = b.size, b.n
		}
	}
	if size == 0 {
		size = gs[0].size
	}
	l := line{page: pageNo, x0: gs[0].x, y: gs[0].y, size: size, glyphs: gs}
	var b, sb strings.Builder
	segStart := gs[0].x
	prevEnd := gs[0].x
	var prevRune rune
	for i, g := range gs {
		if i > 0 {
			gap := g.x - prevEnd
			switch {
			case gap > cellGap*size:
				l.segs = append(l.segs, seg{x0: segStart, x1: prevEnd, text: sb.String()})
				sb.Reset()
				segStart = g.x
				b.WriteByte(' ')
			case gap > spaceGap*size && !isSup(g.r) && !(block.IsWide(prevRune) && block.IsWide(g.r[0]) && gap < spacedCJK*size) &&
				!(block.IsWide(prevRune) != block.IsWide(g.r[0]) && gap < mixedGap*size):
				// a space where the gap is one; letter-spaced Chinese
				// (目　录, a justified line) keeps its characters together,
				// and so do Chinese and the digits beside it, which word
				// processors set a quarter em apart (门8座)
				b.WriteByte(' ')
				sb.WriteByte(' ')
			case gap > latinGap*size && isLetter(prevRune) && isLetter(g.r[0]):
				b.WriteByte(' ') // words of a Latin name (Institute of …)
				sb.WriteByte(' ')
			}
		}
		for _, r := range g.r {
			b.WriteRune(r)
			sb.WriteRune(r)
			prevRune = r
		}
		if end := g.x + g.w; end > prevEnd || i == 0 {
			prevEnd = end
		}
		if t := g.y + g.size*ascent; t > l.top {
			l.top = t
		}
	}
	l.segs = append(l.segs, seg{x0: segStart, x1: prevEnd, text: sb.String()})
	l.x1 = prevEnd
	l.text = b.String()
	return l
}

// isSup reports whether a glyph's text begins with a superscript digit.
func isSup(r []rune) bool {
	return len(r) > 0 && block.IsSuperscript(r[0])
}

// isLetter reports whether r is a Latin letter.
func isLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }
