package extract_test

import (
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
			d, err := extract.Extract(filepath.Base(src[0]), data)
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
