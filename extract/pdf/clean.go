package pdf

import (
	"fmt"
	"math"
)

// overprintEm is how close, in em of the glyph, two copies of the same
// character must stand to be one character drawn twice. Writers without a
// bold face of a font simulate one by drawing the text again a hair to the
// side (and shadows are drawn the same way); a real repeated character
// stands a whole advance away.
const overprintEm = 0.15

// dropOverprint keeps the first of two copies of a character drawn at
// (almost) the same place in the same size, in drawing order.
func dropOverprint(gs []glyph) []glyph {
	type cell struct {
		text   string
		size   int
		ix, iy int
	}
	seen := map[cell][]int{} // indices into kept
	kept := gs[:0]
	for _, g := range gs {
		tol := overprintEm * g.size
		if tol <= 0 {
			kept = append(kept, g)
			continue
		}
		k := cell{text: string(g.r), size: int(math.Round(g.size * 2)), ix: int(math.Floor(g.x / tol)), iy: int(math.Floor(g.y / tol))}
		dup := false
		for dx := -1; dx <= 1 && !dup; dx++ {
			for dy := -1; dy <= 1 && !dup; dy++ {
				n := k
				n.ix, n.iy = k.ix+dx, k.iy+dy
				for _, i := range seen[n] {
					if math.Abs(kept[i].x-g.x) <= tol && math.Abs(kept[i].y-g.y) <= tol {
						dup = true
						break
					}
				}
			}
		}
		if dup {
			continue
		}
		seen[k] = append(seen[k], len(kept))
		kept = append(kept, g)
	}
	return kept
}

// Watermarks (征求意见稿, 内部资料, 草案) are set many times the body size,
// one glyph at a time across the page, often at a slant or in pale grey;
// titles on a cover stay within about twice the body size, and a title's
// glyphs stand side by side.
const (
	// watermarkScale is how many times the body size an upright glyph in
	// ink must be, standing alone on its baseline, to be a watermark's.
	watermarkScale = 2.5
	// paleScale is how many times the body size a glyph drawn at a slant
	// or in pale grey must be.
	paleScale = 1.5
)

// dropWatermarks removes the glyphs of a watermark from the pages and says
// what it read, in one diagnostic. A watermark glyph is larger than the
// body text and either drawn at a slant or pale (paleScale), or far larger
// (watermarkScale) and alone on its baseline: no glyph of its size within
// 4 em beside it. The same watermark text must stand on at least half of
// the pages. Printed one glyph at a time, a watermark falls between the
// lines of the text under it and would cut paragraphs and table rows
// apart.
func dropWatermarks(pages []*page) []Diagnostic {
	body := bodySize(pages)
	marks := make([][]int, len(pages)) // per page: indices of watermark glyphs
	text := make([]string, len(pages)) // per page: their text, in drawing order
	count := map[string]int{}          // a watermark text → pages
	for p, pg := range pages {
		gs := pg.content.glyphs
		var big []int
		for i, g := range gs {
			if g.size >= paleScale*body && (g.tilted || g.light) || g.size >= watermarkScale*body {
				big = append(big, i)
			}
		}
		if len(big) == 0 || len(big) > 200 {
			continue // a page set in large type is not a watermark
		}
		var rs []rune
		for _, i := range big {
			g := gs[i]
			alone := true
			for _, j := range big {
				h := gs[j]
				if j != i && math.Abs(h.size-g.size) < 0.3*g.size &&
					math.Abs(h.y-g.y) < 0.3*g.size && math.Abs(h.x-g.x) < 4*g.size {
					alone = false
					break
				}
			}
			if alone || g.tilted || g.light {
				marks[p] = append(marks[p], i)
				rs = append(rs, g.r...)
			}
		}
		if len(rs) > 0 {
			text[p] = string(rs)
			count[text[p]]++
		}
	}
	var name string
	for t, n := range count {
		if n > count[name] || n == count[name] && t < name {
			name = t
		}
	}
	if name == "" || count[name]*2 < len(pages) || count[name] < 2 && len(pages) > 1 {
		return nil
	}
	first := 0
	for p, pg := range pages {
		if text[p] != name {
			continue
		}
		if first == 0 {
			first = pg.number
		}
		drop := map[int]bool{}
		for _, i := range marks[p] {
			drop[i] = true
		}
		kept := pg.content.glyphs[:0]
		for i, g := range pg.content.glyphs {
			if !drop[i] {
				kept = append(kept, g)
			}
		}
		pg.content.glyphs = kept
	}
	return []Diagnostic{{Page: first, Kind: "watermark",
		Message: fmt.Sprintf("a watermark “%s” is printed on %d of %d pages; it is left out of the text", name, count[name], len(pages))}}
}

// bodySize is the size of the body text: the most common glyph size, 12
// points where the pages have no text.
func bodySize(pages []*page) float64 {
	var sizes []float64
	for _, pg := range pages {
		for _, g := range pg.content.glyphs {
			sizes = append(sizes, g.size)
		}
	}
	if s := mode(sizes, 0.5); s > 0 {
		return s
	}
	return 12
}
