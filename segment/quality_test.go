package segment

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// boundaries are the end offsets (in runes) of the words of a cut, over
// the text without white space and punctuation.
func boundaries(words []string) map[int]bool {
	b := map[int]bool{}
	n := 0
	for _, w := range words {
		n += len([]rune(w))
		b[n] = true
	}
	return b
}

// prf is the precision and recall of got's word boundaries against want's.
func prf(got, want []map[int]bool) (p, r float64) {
	tp, ng, nw := 0, 0, 0
	for i := range got {
		for k := range got[i] {
			if want[i][k] {
				tp++
			}
		}
		ng += len(got[i])
		nw += len(want[i])
	}
	return float64(tp) / float64(ng), float64(tp) / float64(nw)
}

// HMM off against HMM on (gse's Cut(text, true), what planx cut before):
// word boundaries and keywords on the corpus; and both against Debian's
// python3-jieba where it is installed. The figures are in the README.
func TestHMMQuality(t *testing.T) {
	texts, err := corpusTexts()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	s.hmm = true
	noHMM, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var on, off []map[int]bool
	var onWords, offWords []string
	var kept []string
	for _, text := range texts {
		a, b := s.Cut(text), noHMM.Cut(text)
		if strings.Join(a, "") != strings.Join(b, "") {
			continue // a decimal number: HMM mode keeps its point
		}
		kept = append(kept, text)
		on = append(on, boundaries(a))
		off = append(off, boundaries(b))
		onWords = append(onWords, a...)
		offWords = append(offWords, b...)
	}
	p, r := prf(off, on)
	t.Logf("HMM off vs on: boundary P %.3f R %.3f over %d texts (of %d)", p, r, len(kept), len(texts))
	texts = kept
	ka := Keywords(onWords, s.IDF, s.DefaultIDF(), 50)
	kb := Keywords(offWords, s.IDF, s.DefaultIDF(), 50)
	same := 0
	inB := map[string]bool{}
	for _, k := range kb {
		inB[k.Term] = true
	}
	var lost []string
	for _, k := range ka {
		if inB[k.Term] {
			same++
		} else {
			lost = append(lost, k.Term)
		}
	}
	t.Logf("corpus top-50 keywords: %d shared; only with HMM: %v", same, lost)
	if p < 0.9 || r < 0.9 {
		t.Errorf("HMM off moves more than 10%% of word boundaries: P %.3f R %.3f", p, r)
	}
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import jieba").Run() != nil {
		t.Log("python3-jieba not installed: no comparison with jieba")
		return
	}
	f, err := os.CreateTemp(t.TempDir(), "texts")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		f.WriteString(strings.ReplaceAll(text, "\n", " ") + "\n")
	}
	f.Close()
	out, err := exec.Command(py, "-c", `import sys, jieba
jieba.setLogLevel(60)
for line in open(sys.argv[1], encoding="utf-8"):
    print("\t".join(jieba.cut(line.rstrip("\n"), HMM=True)))`, f.Name()).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(texts) {
		t.Fatalf("jieba gave %d lines for %d texts", len(lines), len(texts))
	}
	var jb, on2, off2 []map[int]bool
	for i, l := range lines {
		var words []string
		for _, w := range strings.Split(l, "\t") {
			if w = strings.TrimSpace(w); w != "" && !isPunct(w) {
				words = append(words, strings.ToLower(w))
			}
		}
		if strings.Join(words, "") != strings.Join(s.Cut(texts[i]), "") {
			continue // jieba keeps other symbols
		}
		jb = append(jb, boundaries(words))
		on2 = append(on2, on[i])
		off2 = append(off2, off[i])
	}
	t.Logf("jieba comparison over %d texts", len(jb))
	p, r = prf(on2, jb)
	t.Logf("HMM on vs jieba: boundary P %.3f R %.3f", p, r)
	p, r = prf(off2, jb)
	t.Logf("HMM off vs jieba: boundary P %.3f R %.3f", p, r)
}
