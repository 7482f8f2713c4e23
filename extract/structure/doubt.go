package structure

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

// The doubt checks read the finished document tree the way a careful
// reader checks a table of contents: numbering runs 1, 2, 3 at every level,
// every 专栏 and 表 the text refers to is somewhere, a plan that speaks of
// 约束性 targets has an indicator table, a plan has a title. A check that
// fails does not change what was extracted; it stores a diagnostic, so that
// nothing missing goes unnoticed.

// Doubt kinds, as stored in diagnostics.kind.
const (
	DoubtNumbering  = "doubt_numbering"  // a gap or a repeat in a level's numbering
	DoubtBoxes      = "doubt_boxes"      // a gap or repeat in 专栏 numbers, or a 专栏 the text names that no box holds
	DoubtTables     = "doubt_tables"     // a 表 the text names that no table holds, or a table whose rows were not read apart
	DoubtIndicators = "doubt_indicators" // 预期性/约束性 targets in the text and no indicator table
	DoubtTitle      = "doubt_title"      // no title found
	DoubtTOC        = "doubt_toc"        // headings that look like table-of-contents entries
	DoubtWrapper    = "doubt_wrapper"    // text before the document that looks like a web page's or database's wrapper
	DoubtOutline    = "doubt_outline"    // an item heading whose text runs on far longer than an item's (headings after it missed)
)

// IsDoubt reports whether a diagnostic kind is one of the doubt checks.
func IsDoubt(kind string) bool { return strings.HasPrefix(kind, "doubt_") }

var (
	boxRefRe   = regexp.MustCompile(`专栏\s*(\d{1,2})`)
	tableRefRe = regexp.MustCompile(`(?:^|[^\p{Han}]|[见如详])(附?)表\s*(\d{1,2}(?:\s*[-－—]\s*\d{1,2})?)(?:[^\d.%]|$)`)
	tocTailRe  = regexp.MustCompile(`(?:[.．…·。]{3,}|\s{2,})\s*\d{1,3}$`)
	wrapperRe  = regexp.MustCompile(`https?://|原文链接|法宝引证码|来源：|责任编辑|【字体|打印本页|关闭窗口|分享到`)
)

// doubts runs every check on the finished document and appends what it
// finds to d.Diagnostics.
func doubts(d *doc.Document) {
	add := func(kind, format string, args ...any) {
		d.Diagnostics = append(d.Diagnostics, doc.Diagnostic{Kind: kind, Message: fmt.Sprintf(format, args...)})
	}
	numberingDoubts(d, add)
	refDoubts(d, add)
	if d.Meta.Title == "" && len(d.Sections) > 0 {
		add(DoubtTitle, "no title found in the document's own text")
	}
	toc := 0
	var first string
	for _, s := range d.Sections {
		if tocTailRe.MatchString(s.Title) {
			toc++
			if first == "" {
				first = s.Label + s.Title
			}
		}
	}
	if toc >= 2 {
		add(DoubtTOC, "%d headings end in a page number, like table-of-contents entries (first: %q)", toc, first)
	}
	for _, p := range d.Paragraphs {
		if p.Section >= 0 {
			break
		}
		if m := wrapperRe.FindString(p.Text); m != "" {
			add(DoubtWrapper, "the text before the first heading has %q, which a web page or a database adds around a document: %q", m, clip(p.Text, 40))
			break
		}
	}
}

// numberingDoubts checks that the headings of each kind under one parent are
// numbered on from 1, or on from the last heading of that kind (numbering
// that runs on across sections), and that no number repeats.
func numberingDoubts(d *doc.Document, add func(kind, format string, args ...any)) {
	type key struct {
		parent int
		kind   string
	}
	prevIn := map[key]int{}        // last number under the parent
	lastOfKind := map[string]int{} // last number of the kind anywhere
	var gaps []string
	for _, s := range d.Sections {
		if s.Kind == label.Annex.String() || s.Number <= 0 {
			continue
		}
		k := key{s.Parent, s.Kind}
		prev, seen := prevIn[k]
		switch {
		case seen && s.Number == prev+1:
		case !seen && (s.Number == 1 || s.Number == lastOfKind[s.Kind]+1):
		case seen && s.Number <= prev && s.Number == 1 && s.Parent < 0:
			// a second document in the file starts its numbering again
		default:
			from := prev
			if !seen {
				from = lastOfKind[s.Kind]
			}
			gaps = append(gaps, fmt.Sprintf("%s%s after number %d", s.Label, clip(s.Title, 12), from))
		}
		prevIn[k] = s.Number
		lastOfKind[s.Kind] = s.Number
	}
	if len(gaps) > 0 {
		add(DoubtNumbering, "%d headings do not go on with their level's numbering, so a heading may be missing or misread: %s", len(gaps), strings.Join(first(gaps, 5), "; "))
	}
}

// refDoubts checks the 专栏 and 表 numbers: boxes numbered on without gaps
// or repeats, and every box and table the text refers to found.
func refDoubts(d *doc.Document, add func(kind, format string, args ...any)) {
	boxes := map[int]bool{}
	var nums []int
	for _, c := range d.Boxes {
		if c.Number > 0 {
			if boxes[c.Number] {
				add(DoubtBoxes, "专栏%d is found twice", c.Number)
			}
			boxes[c.Number] = true
			nums = append(nums, c.Number)
		}
	}
	for i := 1; i < len(nums); i++ {
		if nums[i] > nums[i-1]+1 {
			add(DoubtBoxes, "专栏%d follows 专栏%d: the boxes between were not found", nums[i], nums[i-1])
		}
	}
	tables := map[string]bool{}
	for _, t := range d.Tables {
		tables[strings.ReplaceAll(t.Label, " ", "")] = true
		filled := 0
		for _, r := range t.Rows {
			if block.RowText(r) != "" {
				filled++
			}
		}
		name := strings.TrimSpace(t.Label + " " + t.Title)
		if t.Label == "" {
			name = strings.TrimSpace("an unlabelled table " + t.Title)
		}
		if filled < 2 {
			add(DoubtTables, "%s has no rows with text: its cells were not read", name)
		}
		if n := runTogether(t); n > 0 {
			add(DoubtTables, "a cell of %s holds %d attributes (预期性/约束性), one row's each: its rows were not read apart", name, n)
		}
	}
	for _, c := range d.Boxes {
		// a box that holds a table is whole: the table carries its label
		if strings.TrimSpace(c.Body) == "" && !tables[fmt.Sprintf("专栏%d", c.Number)] {
			add(DoubtBoxes, "专栏%d %s is empty: its text was not read (an image, or cut off by the source)", c.Number, c.Title)
		}
	}
	// each paragraph is searched on its own: a reference does not run from
	// one paragraph into the next, and joining them all would hold a copy
	// of the whole text (three, as the copy grows) for a moment
	missingBoxes := map[int]bool{}
	missingTables := map[string]bool{}
	attrs := 0
	// the patterns run only on paragraphs that hold their word: run on
	// every paragraph, they took a tenth of a batch's CPU
	for _, p := range d.Paragraphs {
		if strings.Contains(p.Text, "专栏") {
			for _, m := range boxRefRe.FindAllStringSubmatch(p.Text, -1) {
				if n := num(m[1]); !boxes[n] {
					missingBoxes[n] = true
				}
			}
		}
		if strings.Contains(p.Text, "表") {
			for _, m := range tableRefRe.FindAllStringSubmatch(p.Text, -1) {
				tag := m[1] + "表" + strings.NewReplacer(" ", "", "－", "-", "—", "-").Replace(m[2])
				if !tables[tag] {
					missingTables[tag] = true
				}
			}
		}
		attrs += strings.Count(p.Text, "预期性") + strings.Count(p.Text, "约束性")
	}
	if len(missingBoxes) > 0 {
		add(DoubtBoxes, "the text names %s, which no box holds (a box dropped, or printed as an image)", listNums("专栏", missingBoxes))
	}
	if len(missingTables) > 0 {
		var tags []string
		for t := range missingTables {
			tags = append(tags, t)
		}
		sort.Strings(tags)
		add(DoubtTables, "the text names %s, which no table holds", strings.Join(tags, ", "))
	}
	indicators := 0
	for _, t := range d.Tables {
		indicators += len(t.Indicators)
	}
	if indicators == 0 {
		if attrs >= 2 {
			add(DoubtIndicators, "the text speaks of 预期性/约束性 targets %d times, but no indicator table was found", attrs)
		}
	}
}

// runTogether is how many attribute words (预期性, 约束性) the fullest cell
// of a table holds, where that is more than rowsTogether: an indicator row
// has one attribute, so a cell with many holds the text of many rows that a
// table's rebuilding did not tell apart. It is 0 otherwise.
func runTogether(t doc.Table) int {
	most := 0
	for _, r := range t.Rows {
		for _, c := range r {
			if !strings.Contains(c, "性") {
				continue
			}
			most = max(most, strings.Count(c, "预期性")+strings.Count(c, "约束性"))
		}
	}
	if most <= rowsTogether {
		return 0
	}
	return most
}

// rowsTogether is the most attribute words one cell holds in a table read
// right: a note row may say which indicators are 约束性 and which 预期性,
// but no cell names three rows' attributes.
const rowsTogether = 2

func listNums(prefix string, set map[int]bool) string {
	var ns []int
	for n := range set {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%s%d", prefix, n))
	}
	return strings.Join(out, ", ")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
