package extract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"planx/extract"
	"planx/extract/doc"
)

// The gold tests extract every corpus document that planx reads and compare
// it with its hand-made answer key in corpus/gold, the way
// ../shared/eval/score does: F1 per kind, failing below the floor recorded in
// corpus/floors.json and printing what was missed.

type goldDoc struct {
	Document map[string]any `json:"document"`
	Outline  []struct {
		Level  int    `json:"level"`
		Number int    `json:"number"`
		Title  string `json:"title"`
		Path   []int  `json:"path"`
	} `json:"outline"`
	Measures []struct {
		Path  []int  `json:"path"`
		Title string `json:"title"`
	} `json:"measures"`
}

type floorsFile struct {
	Floors map[string]map[string]float64 `json:"floors"`
}

var space = regexp.MustCompile(`\s+`)

func normText(s string) string {
	return space.ReplaceAllString(norm.NFKC.String(s), "")
}

func normTitle(s string) string {
	return strings.TrimRight(normText(s), "。.;；:：")
}

// f1 matches gold keys with found keys as multisets.
func f1(gold, found []string) (float64, []string) {
	pool := map[string]int{}
	for _, k := range found {
		pool[k]++
	}
	tp := 0
	var miss []string
	for _, k := range gold {
		if pool[k] > 0 {
			pool[k]--
			tp++
		} else {
			miss = append(miss, k)
		}
	}
	if len(gold) == 0 && len(found) == 0 {
		return 1, nil
	}
	p, r := 0.0, 0.0
	if len(found) > 0 {
		p = float64(tp) / float64(len(found))
	}
	if len(gold) > 0 {
		r = float64(tp) / float64(len(gold))
	}
	for k, n := range pool {
		for ; n > 0; n-- {
			miss = append(miss, "extra "+k)
		}
	}
	if p+r == 0 {
		return 0, miss
	}
	return 2 * p * r / (p + r), miss
}

func sectionPath(d *doc.Document, i int) string {
	var parts []string
	for i >= 0 {
		parts = append([]string{fmt.Sprint(d.Sections[i].Number)}, parts...)
		i = d.Sections[i].Parent
	}
	return strings.Join(parts, ".")
}

func intPath(p []int) string {
	var s []string
	for _, n := range p {
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, ".")
}

// kindScore is the F1 of one kind and what was missed.
type kindScore struct {
	f1   float64
	miss []string
}

func scoreKinds(d *doc.Document, g *goldDoc) map[string]kindScore {
	out := map[string]kindScore{}
	// document: field accuracy over the fields the gold states.
	got := map[string]string{
		"title": d.Meta.Title, "region": d.Meta.Region, "issuer": d.Meta.Issuer,
		"doc_number": d.Meta.DocNumber, "issued_date": d.Meta.IssuedDate,
		"period_start": fmt.Sprint(d.Meta.PeriodStart), "period_end": fmt.Sprint(d.Meta.PeriodEnd),
	}
	n, ok := 0, 0
	var miss []string
	for k, v := range g.Document {
		if v == nil {
			continue
		}
		n++
		want := fmt.Sprint(v)
		if normText(got[k]) == normText(want) {
			ok++
		} else {
			miss = append(miss, fmt.Sprintf("%s: want %q got %q", k, want, got[k]))
		}
	}
	acc := 1.0
	if n > 0 {
		acc = float64(ok) / float64(n)
	}
	out["document"] = kindScore{acc, miss}

	var gk, fk []string
	for _, o := range g.Outline {
		p := o.Path
		if len(p) == 0 {
			p = []int{o.Number}
		}
		gk = append(gk, fmt.Sprintf("%d %s %s", o.Level, intPath(p), normTitle(o.Title)))
	}
	for i, s := range d.Sections {
		fk = append(fk, fmt.Sprintf("%d %s %s", s.Level, sectionPath(d, i), normTitle(s.Title)))
	}
	v, m := f1(gk, fk)
	out["outline"] = kindScore{v, m}

	gk, fk = nil, nil
	for _, ms := range g.Measures {
		gk = append(gk, intPath(ms.Path)+" "+normTitle(ms.Title))
	}
	for _, ms := range d.Measures {
		p := ""
		if ms.Section >= 0 {
			p = sectionPath(d, ms.Section)
		}
		fk = append(fk, p+" "+normTitle(ms.Title))
	}
	v, m = f1(gk, fk)
	out["measures"] = kindScore{v, m}
	return out
}

func TestGold(t *testing.T) {
	raw, err := os.ReadFile("../corpus/floors.json")
	if err != nil {
		t.Fatal(err)
	}
	var floors floorsFile
	if err := json.Unmarshal(raw, &floors); err != nil {
		t.Fatalf("corpus/floors.json: %v", err)
	}
	golds, _ := filepath.Glob("../corpus/gold/*.json")
	if len(golds) == 0 {
		t.Fatal("no answer keys in corpus/gold")
	}
	for _, gf := range golds {
		name := strings.TrimSuffix(filepath.Base(gf), ".json")
		kinds := floors.Floors[name]
		if len(kinds) == 0 {
			continue // a document planx does not read yet has no floors
		}
		t.Run(name, func(t *testing.T) {
			src, _ := filepath.Glob("../corpus/" + name + ".*")
			if len(src) != 1 {
				t.Fatalf("want one corpus file for %s, found %v", name, src)
			}
			data, err := os.ReadFile(src[0])
			if err != nil {
				t.Fatal(err)
			}
			d, err := extract.Extract(context.Background(), filepath.Base(src[0]), data)
			if err != nil {
				t.Fatal(err)
			}
			var g goldDoc
			gb, _ := os.ReadFile(gf)
			if err := json.Unmarshal(gb, &g); err != nil {
				t.Fatal(err)
			}
			got := scoreKinds(d, &g)
			for kind, floor := range kinds {
				r, ok := got[kind]
				if !ok {
					continue // scored by ../shared/eval/score in .ci/run
				}
				t.Logf("%s F1 %.3f (floor %.3f)", kind, r.f1, floor)
				if r.f1+1e-9 < floor {
					if len(r.miss) > 10 {
						r.miss = r.miss[:10]
					}
					t.Errorf("%s F1 %.3f is below the floor %.3f; misses:\n  %s", kind, r.f1, floor, strings.Join(r.miss, "\n  "))
				}
			}
		})
	}
}

type goldIndicator struct {
	Table     string            `json:"table"`
	Seq       *int              `json:"seq"`
	Category  *string           `json:"category"`
	Name      string            `json:"name"`
	Unit      *string           `json:"unit"`
	Values    map[string]string `json:"values"`
	Attribute *string           `json:"attribute"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// State Council pages scraped from gov.cn print a table one cell per line.
// This test prints the two tables of the Guangzhou web text that way (each
// tab-separated cell on a line of its own, empty cells left out, as such
// pages do) and checks that the indicators of the answer key come back.
func TestOneCellPerLineTable(t *testing.T) {
	raw, err := os.ReadFile("../corpus/guangzhou-population-public-services-14th-fyp.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.Contains(l, "\t") {
			b.WriteString(l + "\n")
			continue
		}
		for _, c := range strings.Split(l, "\t") {
			if c = strings.TrimSpace(c); c != "" && strings.Trim(c, "-") != "" {
				b.WriteString(c + "\n")
			}
		}
	}
	d, err := extract.Extract(context.Background(), "one-cell.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Indicators []goldIndicator `json:"indicators"`
	}
	gb, _ := os.ReadFile("../corpus/gold/guangzhou-population-public-services-14th-fyp.json")
	json.Unmarshal(gb, &g)
	var want, got []string
	// 表2 has 序号 and category rows 一、…; 表1 has neither 序号 nor
	// ordinals: its categories are lines of their own.
	for _, in := range g.Indicators {
		seq := 0
		if in.Seq != nil {
			seq = *in.Seq
		}
		var vals []string
		for _, k := range []string{"2020", "2025", "2020年目标值", "2020年完成值"} {
			vals = append(vals, normText(in.Values[k]))
		}
		want = append(want, fmt.Sprintf("%s|%d|%s|%s|%s|%s|%s", in.Table, seq, str(in.Category), normText(in.Name), normText(str(in.Unit)),
			strings.Join(vals, "/"), str(in.Attribute)))
	}
	for _, tab := range d.Tables {
		for _, in := range tab.Indicators {
			byCol := map[string]string{}
			for _, v := range in.Values {
				// the key names 表2's values by year, 表1's (two 2020
				// columns) by header
				if tab.Label == "表2" {
					byCol[fmt.Sprint(v.Year)] = v.Raw
				} else {
					byCol[normText(v.Column)] = v.Raw
				}
			}
			var vals []string
			for _, k := range []string{"2020", "2025", "2020年目标值", "2020年完成值"} {
				vals = append(vals, normText(byCol[k]))
			}
			got = append(got, fmt.Sprintf("%s|%d|%s|%s|%s|%s|%s", tab.Label, in.Seq, in.Category, normText(in.Name), normText(in.Unit),
				strings.Join(vals, "/"), in.Attribute))
		}
	}
	score, miss := f1(want, got)
	if score < 0.98 {
		if len(miss) > 8 {
			miss = miss[:8]
		}
		t.Errorf("indicators of a one-cell-per-line table: F1 %.3f (want ≥ 0.98); misses:\n  %s", score, strings.Join(miss, "\n  "))
	}
}

// The doubt checks must not cry wolf: on the corpus documents that planx
// reads whole (every kind of their keys at 1.000), none may fire.
func TestNoDoubtsOnWholeDocuments(t *testing.T) {
	for _, name := range []string{
		"guangzhou-population-public-services-14th-fyp.txt",
		"guangzhou-population-public-services-14th-fyp-web.html",
		"guangzhou-population-public-services-14th-fyp-word.docx",
		"guangzhou-population-public-services-14th-fyp-print.pdf",
		"guangzhou-population-public-services-14th-fyp-browser.pdf",
		"jiangmen-public-services-14th-fyp.txt",
		"state-council-cultural-relics-tech-14th-fyp.pdf",
		"shanghai-beidou-industry-3yr-action-plan-2021-2023.md",
		"national-expand-domestic-demand-strategy-2022-2035.md",
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../corpus/" + name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := extract.Extract(context.Background(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range d.Diagnostics {
				if strings.HasPrefix(g.Kind, "doubt_") {
					t.Errorf("%s: %s", g.Kind, g.Message)
				}
			}
		})
	}
}

// The doubt checks hold on real documents whose structure came out wrong:
// a database export with its wrapper left in; a city's plan as its CMS
// stores it, where heading 2 is glued to a table flattened into one line;
// and the text that pdftotext -layout makes of the Changchun draft, where
// the watermark's glyphs break the 四、 heading.
func TestDoubtsOnRealCases(t *testing.T) {
	for _, tc := range []struct{ path, kind, says string }{
		{"../corpus/anhui-industrial-internet-action-plan-2021-2023-pkulaw.txt", "doubt_wrapper", "法宝引证码"},
		{"testdata/doubts/shanghai-preschool-plan-cms-fragment.html", "doubt_numbering", "3．园舍建设任务重"},
		{"testdata/doubts/changchun-draft-pdftotext-layout.txt", "doubt_numbering", "五、分类保护与整治措施"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			data, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := extract.Extract(context.Background(), filepath.Base(tc.path), data)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, g := range d.Diagnostics {
				if g.Kind == tc.kind && strings.Contains(g.Message, tc.says) {
					return
				}
				kinds = append(kinds, g.Kind+": "+g.Message)
			}
			t.Errorf("no %s naming %q; diagnostics:\n%s", tc.kind, tc.says, strings.Join(kinds, "\n"))
		})
	}
}
