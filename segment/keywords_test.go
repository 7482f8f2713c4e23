package segment

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// naiveKeywords is TF-IDF ranking written the plain way, a map per text,
// to hold the Ranker to.
func naiveKeywords(words []string, idf func(string) (float64, bool), def float64, n int) []Keyword {
	tf := map[string]int{}
	for _, w := range words {
		if utf8.RuneCountInString(w) < 2 || stopWords[w] || !hasHan(w) {
			continue
		}
		tf[w]++
	}
	var out []Keyword
	for w, c := range tf {
		v, ok := idf(w)
		if !ok {
			v = def
		}
		out = append(out, Keyword{w, float64(c) * v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Term < out[j].Term
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// One Ranker shared by every text of the corpus, each text ranked whole
// and in parts (as a measure is ranked from its paragraphs), gives the
// keywords a fresh count of each text gives: nothing of one text's count is
// left over into the next.
func TestRankerIsTFIDF(t *testing.T) {
	texts, err := corpusTexts()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := NewRanker(s.IDF, s.DefaultIDF())
	compared := 0
	check := func(i int, got, want []Keyword) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("text %d: %d keywords, want %d", i, len(got), len(want))
		}
		for k := range got {
			if got[k].Term != want[k].Term || got[k].Weight != math.Round(want[k].Weight*1000)/1000 {
				t.Fatalf("text %d: keyword %d is %v, want %v", i, k, got[k], want[k])
			}
		}
		compared += len(want)
	}
	for i, text := range texts {
		words := s.Cut(text)
		check(i, r.Top(5, r.IDs(words, nil)), naiveKeywords(words, s.IDF, s.DefaultIDF(), 5))
		var parts [][]int32
		var lineWords []string
		for _, line := range strings.Split(text, "\n") {
			w := s.Cut(line)
			lineWords = append(lineWords, w...)
			parts = append(parts, r.IDs(w, nil))
		}
		check(i, r.Top(30, parts...), naiveKeywords(lineWords, s.IDF, s.DefaultIDF(), 30))
	}
	if compared < 1000 {
		t.Errorf("only %d keywords compared", compared)
	}
}
func round3(v float64) float64 {
	k := Keywords([]string{"规划"}, func(string) (float64, bool) { return v, true }, 0, 1)
	_ = k
	return float64(int64(v*1000+0.5)) / 1000
}

// The IDF table gives every word of gse's list the IDF a map built from the
// list line by line gives (the last line of a word read twice wins), and
// unknown words the mean.
func TestIDFTable(t *testing.T) {
	want := map[string]float64{}
	var sum float64
	for _, line := range strings.Split(gse.ZhIdf, "\n") {
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(line[i+1:]), 64)
		if err != nil {
			continue
		}
		want[line[:i]] = v
		sum += v
	}
	tab, def := idfTable()
	if len(tab.entries) != len(want) {
		t.Errorf("%d words, want %d", len(tab.entries), len(want))
	}
	if def != sum/float64(len(want)) {
		t.Errorf("default IDF %v, want %v", def, sum/float64(len(want)))
	}
	for w, v := range want {
		if got, ok := tab.lookup(w); !ok || got != v {
			t.Fatalf("IDF of %q is %v, %v; want %v", w, got, ok, v)
		}
	}
	for _, w := range []string{"", "婴幼儿照护服务体系", "zzzz"} {
		if _, ok := want[w]; ok {
			continue
		}
		if v, ok := tab.lookup(w); ok {
			t.Errorf("%q, not in the list, has IDF %v", w, v)
		}
	}
}
