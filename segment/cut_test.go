package segment

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"

	"planx/extract"
)

// corpusTexts extracts every corpus document and returns the texts planx
// cuts: paragraphs, measure titles, indicator and project names, notes —
// and, to cover raw line breaks and layout, every line of the text files.
var corpusTexts = sync.OnceValues(func() ([]string, error) {
	files, err := filepath.Glob("../corpus/*.*")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, ".json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(f, ".txt") || strings.HasSuffix(f, ".md") {
			out = append(out, strings.Split(string(data), "\n")...)
		}
		d, err := extract.Extract(context.Background(), filepath.Base(f), data)
		if err != nil {
			return nil, err
		}
		for _, p := range d.Paragraphs {
			out = append(out, p.Text)
		}
		for _, m := range d.Measures {
			out = append(out, m.Title, m.Text)
		}
		for _, t := range d.Tables {
			for _, in := range t.Indicators {
				out = append(out, in.Name)
			}
		}
		for _, c := range d.Boxes {
			out = append(out, c.Title, c.Body)
			for _, p := range c.Projects {
				out = append(out, p.Name)
			}
		}
		for _, n := range d.Notes {
			out = append(out, n.Term+"："+n.Definition)
		}
	}
	return out, nil
})

// loadGse loads gse itself with the dictionaries planx uses.
func loadGse(t testing.TB) *gse.Segmenter {
	var g gse.Segmenter
	g.SkipLog = true
	if err := g.LoadDictEmbed("zh_s"); err != nil {
		t.Fatal(err)
	}
	if err := g.LoadDictStr(planDict); err != nil {
		t.Fatal(err)
	}
	return &g
}

// The dictionary copied from gse holds the words gse's own loader makes of
// gse's embedded dictionary, with the same frequencies, and planx's cut
// gives exactly gse's words, with and without HMM, on every text of the
// corpus.
func TestCutIsGse(t *testing.T) {
	if testing.Short() {
		t.Skip("loads gse's dictionary (5 s)")
	}
	texts, err := corpusTexts()
	if err != nil {
		t.Fatal(err)
	}
	g := loadGse(t)
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("dictionary", func(t *testing.T) {
		words := s.dict.words()
		if len(words) != g.Dict.NumTokens() {
			t.Errorf("%d words, gse has %d", len(words), g.Dict.NumTokens())
		}
		if s.dict.logTotal != logOf(g.Dict.TotalFreq()) {
			t.Errorf("total frequency differs from gse's")
		}
		for i := range g.Dict.Tokens {
			tok := &g.Dict.Tokens[i]
			w, ok := words[tok.Text()]
			if !ok || w != logOf(tok.Freq())-s.dict.logTotal {
				t.Fatalf("word %q: in planx's dictionary %v, weight %v; gse's freq %v", tok.Text(), ok, w, tok.Freq())
			}
		}
	})
	for _, withHMM := range []bool{true, false} {
		name := "hmm"
		if !withHMM {
			name = "nohmm"
		}
		t.Run(name, func(t *testing.T) {
			c := &cutter{d: s.dict}
			n := 0
			for _, text := range texts {
				want := g.Cut(text, withHMM)
				got := c.cut(text, withHMM, nil)
				if !slices.Equal(got, want) {
					t.Fatalf("cut of %q:\n got %q\nwant %q", text, got, want)
				}
				n += len(got)
			}
			t.Logf("%d texts, %d words identical to gse's", len(texts), n)
			if n < 100000 {
				t.Errorf("only %d words compared", n)
			}
		})
	}
}

func logOf(x float64) float64 { return math.Log(x) }
