package serve

import "strings"

// gridCell is one printed cell of a table: merged cells span rows or
// columns; a covered position has no cell of its own.
type gridCell struct {
	Text             string
	ColSpan, RowSpan int
	Header           bool
}

// layoutGrid turns stored rows (row 0 the header; a merged cell's text in
// the first position it covers, "" in the others) back into the grid as
// printed. Two merges are how plan tables are printed, and only those are
// rebuilt, since an empty cell may also be just empty:
//   - a category row (一、人口发展) has one cell of text: it spans the row;
//   - a row without 序号 continues the indicator above it (a second
//     sub-indicator): its empty cells lie under the cells printed once for
//     both rows (序号, a shared target, the attribute), which span down.
func layoutGrid(rows [][]string) [][]gridCell {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	text := make([][]string, len(rows))
	for i, r := range rows {
		text[i] = make([]string, width)
		copy(text[i], r)
	}
	// origin[r][c] is the row of the cell that covers (r, c), -1 for a
	// position covered from the left.
	origin := make([][]int, len(rows))
	grid := make([][]*gridCell, len(rows))
	category := make([]bool, len(rows))
	for r := range text {
		origin[r] = make([]int, width)
		grid[r] = make([]*gridCell, width)
		filled := 0
		for _, t := range text[r] {
			if strings.TrimSpace(t) != "" {
				filled++
			}
		}
		category[r] = r > 0 && filled == 1 && width > 1
		continues := r > 1 && !category[r] && !category[r-1] && filled >= 2 && blank(text[r][0]) &&
			!blank(grid[origin[r-1][0]][0].Text)
		for c := 0; c < width; c++ {
			origin[r][c] = r
			t := text[r][c]
			if category[r] && strings.TrimSpace(t) != "" {
				grid[r][c] = &gridCell{Text: t, ColSpan: width - c, RowSpan: 1}
				for k := c + 1; k < width; k++ {
					origin[r][k] = -1
				}
				break
			}
			if continues && strings.TrimSpace(t) == "" {
				if o := origin[r-1][c]; o >= 0 && grid[o][c] != nil && !blank(grid[o][c].Text) {
					grid[o][c].RowSpan++
					origin[r][c] = o
					continue
				}
			}
			grid[r][c] = &gridCell{Text: t, ColSpan: 1, RowSpan: 1, Header: r == 0}
		}
	}
	out := make([][]gridCell, len(rows))
	for r := range grid {
		out[r] = []gridCell{}
		for _, g := range grid[r] {
			if g != nil {
				out[r] = append(out[r], *g)
			}
		}
	}
	return out
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
