package pdf

import (
	"math"
	"sort"
	"strings"

	"planx/extract/block"
	"planx/extract/label"
)

// Tolerances of the ruling, in em of the body text. Rules are hairlines
// a fraction of a point thick, drawn in pieces (a browser draws each cell's
// border) and a little off from each other; a text line's glyphs stand a
// little inside them.
const (
	// ruleEm is how far apart two rules may lie and still be one border
	// (drawn in pieces, or drawn again on the next page), and how far a
	// line of text may overhang a region's border.
	ruleEm = 0.25
	// sameRuleEm is how far apart two horizontal rules may lie and be one
	// row rule.
	sameRuleEm = 0.1
	// hairEm is the slack of a rule's end or a baseline on a border.
	hairEm = 0.07
	// joinEm is how far a vertical rule may stop short of the horizontal
	// rules it joins.
	joinEm = 0.13
	// spanEm is how far a rule may reach past the region it belongs to.
	spanEm = 0.25
	// ruleWidthEm is the most a rule is thick (a thicker bar is a shape),
	// and minRuleEm the least a horizontal rule is long.
	ruleWidthEm = 0.13
	minRuleEm   = 1.3
	// minVRuleEm is the least a vertical rule is long (a row is at least
	// a line of text high), and minRegionEm the least height of a region.
	minVRuleEm  = 0.5
	minRegionEm = 0.5
	// minBoxEm is the least height of an outlined rectangle that frames
	// something (a thinner one is a bar).
	minBoxEm = 0.75
	// freeStrokeEm is the length beyond which a vertical stroke is a
	// border even if it touches no horizontal rule: longer than a glyph's
	// stroke.
	freeStrokeEm = 1.5
	// rowGap is the most a table row left outside the rules by a page
	// break stands from them, in em of its own size: a line of spacing.
	rowGap = 2.5
	// rowBelow is how far below a row's baseline, in em of its size, its
	// virtual bottom rule lies (the descent of its glyphs); cellBaseline
	// how far above a row rule a glyph's baseline may stand and still be
	// in the row below it; cellLine how far apart two baselines are, in
	// em, on separate lines of one cell.
	rowBelow, cellBaseline, cellLine = 0.4, 0.3, 0.4
)

// region is an area enclosed by ruling lines: a table (rules between its
// rows and columns) or a box (a border around text, as 专栏 are printed).
type region struct {
	x0, y0, x1, y1 float64
	rows           []float64 // y of the horizontal rules, top first
	cols           []float64 // x of the vertical rules, left first
	hs, vs         []rect    // the rule segments: a merged cell has none inside it
	em             float64   // the body text size: the unit of every tolerance
	// cutTop and cutBottom are whether a page break cut the region open
	// there (see cutSides): a row that the break cut in two goes on
	// across it.
	cutTop, cutBottom bool
}

// hRule reports whether a horizontal rule at rows[k] crosses x: whether the
// cells above and below are separate there.
func (r *region) hRule(k int, x float64) bool {
	for _, h := range r.hs {
		if r.crosses(h.y0, h.x0, h.x1, r.rows[k], x) {
			return true
		}
	}
	return false
}

// vRule reports whether a vertical rule at cols[k] crosses y.
func (r *region) vRule(k int, y float64) bool {
	for _, v := range r.vs {
		if r.crosses(v.x0, v.y0, v.y1, r.cols[k], y) {
			return true
		}
	}
	return false
}

// crosses reports whether a rule segment that lies at at and runs from lo
// to hi (across and along its direction) is part of the rule at pos and
// reaches p along it.
func (r *region) crosses(at, lo, hi, pos, p float64) bool {
	return math.Abs(at-pos) < sameRuleEm*r.em && lo <= p+hairEm*r.em && hi >= p-hairEm*r.em
}

func (r *region) contains(l *line) bool {
	return l.y > r.y0-hairEm*r.em && l.y < r.y1+hairEm*r.em && l.x0 > r.x0-ruleEm*r.em && l.x1 < r.x1+ruleEm*r.em
}

func (r *region) holds(g glyph) bool {
	cx := g.x + g.w/2
	return g.y > r.y0-hairEm*r.em && g.y < r.y1+hairEm*r.em && cx > r.x0 && cx < r.x1
}

// findRegions finds the ruled areas of a page. Horizontal rules of the same
// span are joined into one region where a vertical rule on either side
// connects them. All lengths are in em of the body text (em points), so
// that a table reads the same at any size of page and type.
func findRegions(pg *page, em float64) []*region {
	var hs, vs []rect
	for _, r := range pg.content.rects {
		w, h := r.x1-r.x0, r.y1-r.y0
		switch {
		case h < ruleWidthEm*em && w > minRuleEm*em:
			hs = append(hs, r)
		case w < ruleWidthEm*em && h > minVRuleEm*em:
			vs = append(vs, r)
		case w > minRuleEm*em && h > minBoxEm*em && r.stroked:
			// an outlined rectangle: its four edges are rules. (A filled
			// one is a background, such as the shading behind a line.)
			hs = append(hs, rect{x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y0}, rect{x0: r.x0, y0: r.y1, x1: r.x1, y1: r.y1})
			vs = append(vs, rect{x0: r.x0, y0: r.y0, x1: r.x0, y1: r.y1}, rect{x0: r.x1, y0: r.y0, x1: r.x1, y1: r.y1})
		}
	}
	if len(hs) == 0 {
		return nil
	}
	vs = bordersOnly(vs, hs, em)
	cuts := cutSides(hs, vs, em)
	hs = append(hs, cuts...)
	if len(hs) < 2 {
		return nil
	}
	hs = mergeRules(hs, em)
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].y0 > hs[j].y0 })
	connected := func(x, yTop, yBottom float64) bool {
		for _, v := range vs {
			if math.Abs(v.x0-x) < ruleEm*em && v.y1 >= yTop-joinEm*em && v.y0 <= yBottom+joinEm*em {
				return true
			}
		}
		return false
	}
	var out []*region
	var cur *region
	for _, h := range hs {
		// a rule inside the current region's span (a full row rule, or a
		// partial one beside a merged cell) goes on with it where a border
		// connects them
		if cur != nil && h.x0 > cur.x0-spanEm*em && h.x1 < cur.x1+spanEm*em {
			last := cur.rows[len(cur.rows)-1]
			if math.Abs(last-h.y0) < sameRuleEm*em {
				cur.hs = append(cur.hs, h)
				continue // the same row rule, in pieces or drawn twice
			}
			if connected(cur.x0, last, h.y0) || connected(cur.x1, last, h.y0) {
				cur.rows = append(cur.rows, h.y0)
				cur.hs = append(cur.hs, h)
				cur.y0 = h.y0
				continue
			}
		}
		cur = &region{x0: h.x0, x1: h.x1, y1: h.y0, y0: h.y0, rows: []float64{h.y0}, hs: []rect{h}, em: em}
		out = append(out, cur)
	}
	var regions []*region
	for _, rg := range out {
		if len(rg.rows) < 2 || rg.y1-rg.y0 < minRegionEm*em {
			continue
		}
		var xs []float64
		for _, v := range vs {
			if v.x0 >= rg.x0-ruleEm*em && v.x0 <= rg.x1+ruleEm*em && v.y1 > rg.y0+hairEm*em && v.y0 < rg.y1-hairEm*em {
				xs = append(xs, v.x0)
				rg.vs = append(rg.vs, v)
			}
		}
		xs = append(xs, rg.x0, rg.x1)
		sort.Float64s(xs)
		for _, x := range xs {
			if len(rg.cols) == 0 || x-rg.cols[len(rg.cols)-1] > ruleEm*em {
				rg.cols = append(rg.cols, x)
			}
		}
		has := false
		for _, g := range pg.content.glyphs {
			if rg.holds(g) {
				has = true
				break
			}
		}
		if has {
			// a row the break cut: the cut closes the region, and the
			// rules between its columns run on to it (a frame around more
			// than the table, cut open, is no row)
			for _, c := range cuts {
				for _, v := range rg.vs {
					if v.x0 < rg.x0+ruleEm*em || v.x0 > rg.x1-ruleEm*em {
						continue
					}
					rg.cutTop = rg.cutTop || math.Abs(c.y0-rg.y1) < sameRuleEm*em && math.Abs(v.y1-c.y0) < joinEm*em
					rg.cutBottom = rg.cutBottom || math.Abs(c.y0-rg.y0) < sameRuleEm*em && math.Abs(v.y0-c.y0) < joinEm*em
				}
			}
			regions = append(regions, rg)
		}
	}
	return regions
}

// cutSides closes the frames that a page break cut open. A box or a table
// that runs onto the next page is drawn on each page as far as the page
// holds it: its top rule and its sides down to the foot of the text on the
// first page, its sides from the head of the text down to its bottom rule
// on the next, and no rule where the page cut it. Where both ends of a
// horizontal rule have a side hanging from it (or rising to it), the two
// sides end level with each other where the page's rulings end, and no
// rule stands there, the cut is a rule: the frame's open side. (Sides that
// end inside the page, with no rule, are a merged cell's.)
func cutSides(hs, vs []rect, em float64) []rect {
	if len(vs) == 0 {
		return nil
	}
	low, high := vs[0].y0, vs[0].y1 // where the page's rulings end
	for _, v := range vs {
		low, high = min(low, v.y0), max(high, v.y1)
	}
	// side finds a vertical rule at x that hangs from y (down) or rises
	// to it, and returns its other end
	side := func(x, y float64, down bool) (float64, bool) {
		for _, v := range vs {
			if math.Abs(v.x0-x) >= ruleEm*em {
				continue
			}
			switch {
			case down && math.Abs(v.y1-y) < joinEm*em && v.y0 < y-minRegionEm*em:
				return v.y0, true
			case !down && math.Abs(v.y0-y) < joinEm*em && v.y1 > y+minRegionEm*em:
				return v.y1, true
			}
		}
		return 0, false
	}
	ruled := func(y, x0, x1 float64) bool {
		for _, h := range hs {
			if math.Abs(h.y0-y) < ruleEm*em && h.x0 < x0+spanEm*em && h.x1 > x1-spanEm*em {
				return true
			}
		}
		return false
	}
	var cuts []rect
	for _, h := range hs {
		for _, down := range []bool{true, false} {
			edge := high
			if down {
				edge = low
			}
			l, okL := side(h.x0, h.y0, down)
			r, okR := side(h.x1, h.y0, down)
			if !okL || !okR || math.Abs(l-r) >= joinEm*em || math.Abs(l-edge) >= joinEm*em || ruled(l, h.x0, h.x1) {
				continue
			}
			cuts = append(cuts, rect{x0: h.x0, y0: l, x1: h.x1, y1: l})
		}
	}
	return cuts
}

// bordersOnly drops short vertical strokes that touch no horizontal rule.
// A table's vertical borders run from rule to rule; the strokes of glyphs
// drawn as outlines (bold text that a converter turned into paths) stand
// free inside the cells and would split them into columns.
func bordersOnly(vs, hs []rect, em float64) []rect {
	out := vs[:0]
	for _, v := range vs {
		if v.y1-v.y0 > freeStrokeEm*em || touchesRule(v, hs, em) {
			out = append(out, v)
		}
	}
	return out
}

func touchesRule(v rect, hs []rect, em float64) bool {
	d := ruleEm * em
	for _, h := range hs {
		if v.x0 >= h.x0-d && v.x0 <= h.x1+d && (math.Abs(h.y0-v.y0) < d || math.Abs(h.y0-v.y1) < d) {
			return true
		}
	}
	return false
}

// mergeRules joins horizontal rules on one line that touch or overlap: a
// browser draws a table's borders cell by cell.
func mergeRules(hs []rect, em float64) []rect {
	sort.SliceStable(hs, func(i, j int) bool {
		if math.Abs(hs[i].y0-hs[j].y0) > hairEm*em {
			return hs[i].y0 > hs[j].y0
		}
		return hs[i].x0 < hs[j].x0
	})
	var out []rect
	for _, h := range hs {
		if n := len(out); n > 0 && math.Abs(out[n-1].y0-h.y0) <= hairEm*em && h.x0 <= out[n-1].x1+ruleEm*em {
			if h.x1 > out[n-1].x1 {
				out[n-1].x1 = h.x1
			}
			continue
		}
		out = append(out, h)
	}
	return out
}

// region emits a ruled area: a box as box paragraphs, a table as rows of
// cells.
func (e *emitter) region(pg *page, rg *region, firstOnPage bool) {
	e.flush()
	var lines []line
	for _, l := range pg.lines {
		if l.inRegion && rg.contains(&l) {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return
	}
	if len(rg.cols) <= 2 && (len(rg.rows) <= 2 || label.Parse(lines[0].text).Kind == label.Box) {
		e.box(lines, firstOnPage)
		return
	}
	grid := e.grid(pg, rg)
	if len(grid) == 0 {
		return
	}
	cols := rg.cols
	// a table that a page break cut goes on at the top of the next page
	if firstOnPage && e.lastRow >= 0 && e.lastRow == len(e.out)-1 {
		grid, cols = e.continueTable(grid, cols)
	} else {
		e.tableStart = len(e.out)
	}
	e.tableCols = cols
	// a row that a page break cut in two goes on at the top of the page:
	// the break cut the frames open on both pages, or the row fills only
	// some of the cells of the row before it
	cutRow := e.cutBottom && rg.cutTop
	e.cutBottom = rg.cutBottom
	if firstOnPage && e.lastRow >= 0 && e.lastRow == len(e.out)-1 && len(grid) > 0 &&
		(cutRow && len(e.out[e.lastRow].Cells) == len(grid[0]) || continues(e.out[e.lastRow].Cells, grid[0])) {
		last := e.out[e.lastRow].Cells
		for k, c := range grid[0] {
			if c != "" {
				last[k] += c
			}
		}
		e.out[e.lastRow].Text = block.RowText(last)
		grid = grid[1:]
	}
	for _, row := range grid {
		e.out = append(e.out, block.Block{Text: block.RowText(row), Cells: row, Page: pg.number})
		e.lastRow = len(e.out) - 1
	}
}

// continueTable fits the rows of a table's next page to the rows already
// emitted. Where a merged cell hides a column rule on one page and not on
// the other (the header and first row span two columns on one page, the
// next page has rows that split them), the page with fewer rules is laid
// out in the other's columns: each cell goes to the column whose left rule
// it starts at, as a merged cell's text goes to the first cell it covers.
// A header row that the page repeats is not a row.
func (e *emitter) continueTable(grid [][]string, cols []float64) ([][]string, []float64) {
	prev := e.tableCols
	tol := ruleEm * e.m.size
	switch {
	case len(prev) == len(cols):
	case len(prev) < len(cols) && subset(prev, cols, tol):
		for i := e.tableStart; i <= e.lastRow; i++ {
			row := regrid(e.out[i].Cells, prev, cols, tol)
			e.out[i].Cells, e.out[i].Text = row, block.RowText(row)
		}
	case len(prev) > len(cols) && subset(cols, prev, tol):
		for i, row := range grid {
			grid[i] = regrid(row, cols, prev, tol)
		}
		cols = prev
	default:
		e.tableStart = len(e.out)
		return grid, cols
	}
	if len(grid) > 0 && sameCells(grid[0], e.out[e.tableStart].Cells) {
		grid = grid[1:]
	}
	return grid, cols
}

// subset reports whether every x in a has one in b within tol.
func subset(a, b []float64, tol float64) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if math.Abs(x-y) <= tol {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// regrid lays a row of cells bounded by the rules from out in the columns
// bounded by the rules to (a superset): each cell goes to the column that
// starts at its left rule, the columns it also covers stay empty.
func regrid(row []string, from, to []float64, tol float64) []string {
	out := make([]string, len(to)-1)
	for k, c := range row {
		if k >= len(from) {
			break
		}
		for j := 0; j < len(out); j++ {
			if math.Abs(to[j]-from[k]) <= tol {
				out[j] = c
				break
			}
		}
	}
	return out
}

func sameCells(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(strings.Fields(a[i]), "") != strings.Join(strings.Fields(b[i]), "") {
			return false
		}
	}
	return true
}

// continues reports whether row, the first on a page, is the rest of the row
// before the page break: it fills only cells that that row fills too, and
// at most half of them.
func continues(prev, row []string) bool {
	if prev == nil || len(prev) != len(row) {
		return false
	}
	filled := 0
	for k, c := range row {
		if c == "" {
			continue
		}
		filled++
		if prev[k] == "" {
			return false
		}
	}
	return filled > 0 && filled*2 <= len(row) && row[0] == ""
}

// grid reads a table's cells: each glyph goes to the cell whose rules
// enclose it; a cell's lines are joined.
func (e *emitter) grid(pg *page, rg *region) [][]string {
	nr, nc := len(rg.rows)-1, len(rg.cols)-1
	if nr < 1 || nc < 1 {
		return nil
	}
	cells := make([][][]glyph, nr)
	for i := range cells {
		cells[i] = make([][]glyph, nc)
	}
	for _, l := range pg.lines {
		if !l.inRegion || !rg.contains(&l) {
			continue
		}
		for _, g := range l.glyphs {
			i := sort.Search(nr, func(k int) bool { return rg.rows[k+1] < g.y+g.size*cellBaseline })
			cx := g.x + g.w/2
			j := sort.Search(nc, func(k int) bool { return rg.cols[k+1] > cx })
			if i >= nr || j >= nc {
				continue
			}
			// a merged cell: its text belongs to the first cell it covers
			for j > 0 && !rg.vRule(j, (rg.rows[i]+rg.rows[i+1])/2) {
				j--
			}
			for i > 0 && !rg.hRule(i, (rg.cols[j]+rg.cols[j+1])/2) {
				i--
			}
			cells[i][j] = append(cells[i][j], g)
		}
	}
	var out [][]string
	for _, row := range cells {
		texts := make([]string, nc)
		empty := true
		for j, gs := range row {
			texts[j] = cellText(pg.number, gs)
			if texts[j] != "" {
				empty = false
			}
		}
		if !empty {
			out = append(out, texts)
		}
	}
	return out
}

// cellText writes the glyphs of one cell, line by line, the lines joined.
func cellText(pageNo int, gs []glyph) string {
	if len(gs) == 0 {
		return ""
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(gs[i].y-gs[j].y) > gs[i].size*cellLine {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	var b strings.Builder
	var cur []glyph
	flushLine := func() {
		if len(cur) > 0 {
			l := makeLine(pageNo, cur)
			b.WriteString(block.Glue(b.String(), strings.TrimSpace(l.text)))
			cur = nil
		}
	}
	for _, g := range gs {
		if len(cur) > 0 && math.Abs(cur[0].y-g.y) > g.size*cellLine {
			flushLine()
		}
		cur = append(cur, g)
	}
	flushLine()
	return strings.TrimSpace(b.String())
}

// box emits the text inside a box border as box paragraphs, laid out by
// the box's own margins.
func (e *emitter) box(lines []line, firstOnPage bool) {
	sub := &emitter{m: e.m, lastRow: -1}
	left, right := lines[0].x0, lines[0].x1
	for _, l := range lines {
		left = math.Min(left, l.x0)
		right = math.Max(right, l.x1)
	}
	sub.m.left, sub.m.right = left, right
	if len(lines) > 1 && label.Parse(lines[0].text).Kind == label.Box && wrappedTitle(lines[0], lines[1], left, right, e.m) {
		// a title too long for one line goes on, centred, on the next
		title := lines[0]
		title.text += lines[1].text
		title.x0, title.x1 = math.Min(title.x0, lines[1].x0), math.Max(title.x1, lines[1].x1)
		lines = append([]line{title}, lines[2:]...)
	}
	for i, l := range lines {
		sub.line(l, i == 0)
		if i == 0 && label.Parse(l.text).Kind == label.Box {
			sub.flush() // the box's title line stands alone
		}
	}
	sub.flush()
	for k, b := range sub.out {
		// a box continued from the page before: its cut paragraph goes on
		if n := len(e.out); k == 0 && firstOnPage && n > 0 && e.out[n-1].Role == block.Box && !block.EndsSentence(e.out[n-1].Text) &&
			label.Parse(b.Text).Kind == label.None && label.Parse(e.out[n-1].Text).Kind != label.Box {
			e.out[n-1].Text += b.Text
			continue
		}
		b.Role = block.Box
		b.Title = label.Parse(b.Text).Kind == label.Box
		e.out = append(e.out, b)
	}
	e.lastRow = -1
}

// titleFill is how much of a box's width, as a share, a title line fills
// that wrapped: it ran to the box's sides.
const titleFill = 0.8

// wrappedTitle reports whether next is the rest of a box's title line t: t
// fills the box, both are centred in it (next shorter), in one size, and
// next stands right under t.
func wrappedTitle(t, next line, left, right float64, m metrics) bool {
	mid := (left + right) / 2
	centred := func(l line) bool { return math.Abs((l.x0+l.x1)/2-mid) < centreSlack*m.size }
	return t.x1-t.x0 >= titleFill*(right-left) && centred(t) && centred(next) && next.x1-next.x0 < t.x1-t.x0 &&
		next.x0 > left+centreInset*m.size && math.Abs(t.size-next.size) <= sizeStep*m.size && t.page == next.page &&
		t.y-next.y < titleGap*m.pitch
}

// extendRegion takes in a table row that a page break left outside its
// rules: a browser or word processor continuing a table on a new page does
// not always draw the rule above the first row (or below the last). A line
// right above (below) the region, laid out in its columns, becomes a row of
// its own, bounded by virtual rules.
func extendRegion(pg *page, rg *region) {
	if len(rg.cols) < 3 {
		return // a box, not a table
	}
	inCols := func(l line) bool {
		if len(l.segs) < 2 || l.x0 < rg.x0-ruleEm*rg.em || l.x1 > rg.x1+ruleEm*rg.em {
			return false
		}
		return true
	}
	addRow := func(y float64, top bool) {
		rule := rect{x0: rg.x0, y0: y, x1: rg.x1, y1: y}
		rg.hs = append(rg.hs, rule)
		lo, hi := y, rg.y0
		if top {
			lo, hi = rg.y1, y
			rg.rows = append([]float64{y}, rg.rows...)
			rg.y1 = y
		} else {
			rg.rows = append(rg.rows, y)
			rg.y0 = y
		}
		for _, x := range rg.cols {
			rg.vs = append(rg.vs, rect{x0: x, y0: lo, x1: x, y1: hi})
		}
	}
	// the nearest line above, then the nearest below
	var above, below *line
	for i := range pg.lines {
		l := &pg.lines[i]
		if l.y > rg.y1 && (above == nil || l.y < above.y) {
			above = l
		}
		if l.y < rg.y0 && (below == nil || l.y > below.y) {
			below = l
		}
	}
	if above != nil && inCols(*above) && above.y-rg.y1 < rowGap*above.size {
		addRow(above.top+joinEm*rg.em, true)
	}
	if below != nil && inCols(*below) && rg.y0-below.y < rowGap*below.size {
		addRow(below.y-below.size*rowBelow, false)
	}
}
