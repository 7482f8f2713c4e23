package serve

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// chart is a baseline → target chart of one indicator across plans, drawn
// as SVG on the server: one row per plan, a grey dot at the baseline, a
// blue dot at the target, an arrow between them, the printed values beside.
type chart struct {
	Width, Height int
	Left, Right   int // x of the plot area
	Top, Bottom   int // y of the plot area
	Rows          []chartRow
	Ticks         []chartTick
	Unit          string
	Empty         bool // no value is a number
}

type chartRow struct {
	Y                  int
	Label, Sub         string
	HasBase, HasTarget bool
	XB, XT             float64
	XEnd               float64 // where the arrow's line stops, short of the target dot
	BaseText, TargText string
	Arrow              bool
}

type chartTick struct {
	X     float64
	Label string
}

// Chart geometry in pixels: a row per plan, labels to the left.
const (
	chartWidth  = 760
	chartLeft   = 250
	chartRight  = 720
	chartRowH   = 44
	chartTop    = 16
	chartAxisH  = 30
	labelMaxLen = 16 // characters of a plan's title shown beside its row
)

// makeChart lays out the chart of inds, one row each.
func makeChart(inds []indicator) chart {
	c := chart{Width: chartWidth, Left: chartLeft, Right: chartRight, Top: chartTop}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, in := range inds {
		if c.Unit == "" {
			c.Unit = in.Unit
		}
		for _, v := range []*ivalue{in.Baseline(), in.Target()} {
			if v != nil && v.Value.Valid {
				lo, hi = math.Min(lo, v.Value.Float64), math.Max(hi, v.Value.Float64)
			}
		}
	}
	c.Bottom = chartTop + chartRowH*len(inds)
	c.Height = c.Bottom + chartAxisH
	if math.IsInf(lo, 1) {
		c.Empty = true
		lo, hi = 0, 1
	}
	lo, hi, step := niceRange(lo, hi)
	x := func(v float64) float64 { // to a tenth of a pixel, which is all SVG needs
		return math.Round((float64(c.Left)+(v-lo)/(hi-lo)*float64(c.Right-c.Left))*10) / 10
	}
	for t := lo; t <= hi+step/2; t += step {
		c.Ticks = append(c.Ticks, chartTick{X: x(t), Label: strconv.FormatFloat(roundTo(t, step), 'f', -1, 64)})
	}
	for i, in := range inds {
		row := chartRow{Y: chartTop + chartRowH*i + chartRowH/2, Label: shorten(in.Region+" "+in.Document, labelMaxLen),
			Sub: fmt.Sprintf("文件 %d · %s", in.DocID, in.TableLabel)}
		if b := in.Baseline(); b != nil {
			row.BaseText = yearText(b)
			if b.Value.Valid {
				row.HasBase, row.XB = true, x(b.Value.Float64)
			}
		}
		if t := in.Target(); t != nil {
			row.TargText = yearText(t)
			if t.Value.Valid {
				row.HasTarget, row.XT = true, x(t.Value.Float64)
			}
		}
		row.Arrow = row.HasBase && row.HasTarget && math.Abs(row.XT-row.XB) > 12
		row.XEnd = row.XT - math.Copysign(6, row.XT-row.XB)
		c.Rows = append(c.Rows, row)
	}
	return c
}

// yearText is a value cell as the chart labels it: 2025：≥82.
func yearText(v *ivalue) string {
	if v.Year > 0 {
		return fmt.Sprintf("%d：%s", v.Year, v.Raw)
	}
	return v.Raw
}

// niceRange widens [lo, hi] to round ticks (1, 2 or 5 times a power of ten,
// about five of them), so that the axis reads at a glance.
func niceRange(lo, hi float64) (float64, float64, float64) {
	if hi == lo {
		pad := math.Max(math.Abs(hi)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag * 10
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	nlo := math.Floor(lo/step) * step
	nhi := math.Ceil(hi/step) * step
	if nhi == hi {
		nhi += step // room for the label of the largest value
	}
	if nlo == lo && lo != 0 {
		nlo -= step
	}
	return nlo, nhi, step
}

// roundTo removes the float noise of adding steps (0.30000000000000004).
func roundTo(v, step float64) float64 {
	digits := math.Max(0, -math.Floor(math.Log10(step))+1)
	p := math.Pow(10, digits)
	return math.Round(v*p) / p
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
