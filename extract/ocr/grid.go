package ocr

import (
	"image"
	"sort"
)

// segment is a run of ink along a rule: [a, b) at position at.
type segment struct{ at, a, b int }

// grid is the ruling of an image: the horizontal and vertical rules that
// are printed in it, as positions and the segments they are made of (a
// merged cell has no rule through it).
type grid struct {
	rows, cols []int     // y of the horizontal rules, x of the vertical ones
	hs, vs     []segment // their pieces
}

// rules finds the printed ruling lines of an image: runs of ink far longer
// than any stroke of a character (minRun pixels), on one pixel row
// (horizontal) or column (vertical); neighbouring lines of pixels are one
// rule (a rule 2–3 px thick after scanning or JPEG).
func rules(g *image.Gray, minH, minV int) grid {
	b := g.Bounds()
	var hs, vs []segment
	for y := b.Min.Y; y < b.Max.Y; y++ {
		hs = append(hs, runs(y, b.Min.X, b.Max.X, minH, func(x int) bool { return g.GrayAt(x, y).Y < dark })...)
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		vs = append(vs, runs(x, b.Min.Y, b.Max.Y, minV, func(y int) bool { return g.GrayAt(x, y).Y < dark })...)
	}
	var gr grid
	gr.hs, gr.rows = group(hs)
	gr.vs, gr.cols = group(vs)
	return gr
}

// runs lists the runs of ink at least min long along one line of pixels; a
// gap of one or two pixels (JPEG noise) does not end a run.
func runs(at, from, to, min int, ink func(int) bool) []segment {
	var out []segment
	start, gap := -1, 0
	for p := from; p <= to; p++ {
		if p < to && ink(p) {
			if start < 0 {
				start = p
			}
			gap = 0
			continue
		}
		if start >= 0 {
			gap++
			if gap <= 2 && p < to {
				continue
			}
			end := p - gap + 1
			if end-start >= min {
				out = append(out, segment{at, start, end})
			}
			start, gap = -1, 0
		}
	}
	return out
}

// group merges rule pieces on neighbouring lines of pixels into rules and
// returns the pieces (placed at their rule's position) and the positions.
func group(segs []segment) ([]segment, []int) {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].at < segs[j].at })
	var pos []int
	var out []segment
	last := -10
	for _, s := range segs {
		if s.at-last > 2 {
			pos = append(pos, s.at)
		}
		last = s.at
		s.at = pos[len(pos)-1]
		out = append(out, s)
	}
	return out, pos
}

// crosses reports whether a rule at position at (one of the grid's) runs
// through p along it: whether the cells on either side are separate there.
func crosses(segs []segment, at, p int) bool {
	for _, s := range segs {
		if s.at == at && s.a <= p+2 && s.b >= p-2 {
			return true
		}
	}
	return false
}

// cell is one cell of a ruled table, in pixels, with the rows and columns
// of the grid it covers.
type cell struct {
	r          image.Rectangle
	row, col   int
	rows, cols int // span
}

// cells lays out a table's cells between its rules: a cell runs on to the
// right while no vertical rule separates it, and down while no horizontal
// rule does (a merged 类别 cell).
func (gr grid) cells() []cell {
	nr, nc := len(gr.rows)-1, len(gr.cols)-1
	if nr < 1 || nc < 1 {
		return nil
	}
	taken := make([][]bool, nr)
	for i := range taken {
		taken[i] = make([]bool, nc)
	}
	var out []cell
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if taken[i][j] {
				continue
			}
			midY := (gr.rows[i] + gr.rows[i+1]) / 2
			j2 := j + 1
			for j2 < nc && !crosses(gr.vs, gr.cols[j2], midY) {
				j2++
			}
			midX := (gr.cols[j] + gr.cols[j+1]) / 2
			i2 := i + 1
			for i2 < nr && !crosses(gr.hs, gr.rows[i2], midX) {
				i2++
			}
			for a := i; a < i2; a++ {
				for c := j; c < j2; c++ {
					taken[a][c] = true
				}
			}
			out = append(out, cell{r: image.Rect(gr.cols[j], gr.rows[i], gr.cols[j2], gr.rows[i2]), row: i, col: j, rows: i2 - i, cols: j2 - j})
		}
	}
	return out
}
