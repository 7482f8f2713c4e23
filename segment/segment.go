// Package segment cuts Chinese plan text into words as gse does, for
// keywords, and turns text and queries into the search index's form.
//
// The dictionary is gse's simplified-Chinese one, embedded (no files and no
// network at run time, safe in a -trimpath build), plus a plan-domain user
// dictionary shipped with planx (words such as 粤港澳大湾区, 婴幼儿照护, 医养结合
// that the stock dictionary splits). A Segmenter is loaded once and shared:
// cutting is safe for concurrent use; nothing is added to the dictionary after
// loading. Terms a document defines itself (its glossary) are honoured by
// joining the pieces they were cut into (Join), not by adding them to the
// shared dictionary.
package segment

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/go-ego/gse/hmm"
)

//go:embed zh_s.dict
var zhDict string

//go:embed plan.dict
var planDict string

// Segmenter cuts text into words.
type Segmenter struct {
	dict       *dict
	hmm        bool // gse's HMM for runs of unknown characters
	cutters    sync.Pool
	idf        *idfs
	idfDefault float64
}

// New loads the dictionaries (about 0.5 s). Call it once and share the
// result; cutting is safe for concurrent use.
func New() (*Segmenter, error) {
	d, err := newDict(zhDict, planDict)
	if err != nil {
		return nil, fmt.Errorf("load the segmentation dictionary: %w", err)
	}
	hmm.LoadModel()
	s := &Segmenter{dict: d}
	s.cutters.New = func() any { return &cutter{d: d} }
	s.idf, s.idfDefault = idfTable()
	return s, nil
}

// Cut returns the words of text, without white space and punctuation: the
// words gse's Cut(text, false) gives with the same dictionaries. HMM mode
// (gse's Cut(text, true)) joins runs of single characters the dictionary
// lacks into words; it is off because it costs about 40% of the cut's
// speed and changes no keyword of the corpus's top 50 (TestHMMQuality; the
// index does not use words at all).
func (s *Segmenter) Cut(text string) []string {
	c := s.cutters.Get().(*cutter)
	words := c.cut(text, s.hmm, nil)
	s.cutters.Put(c)
	out := words[:0]
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w == "" || isPunct(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func isPunct(w string) bool {
	for _, r := range w {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// Join merges consecutive words that together spell one of terms (a
// document's own glossary terms), longest first.
func Join(words []string, terms []string) []string {
	return NewJoiner(terms).Join(words)
}

// Joiner merges the words of a document's own terms; make one per document
// and use it for all of the document's texts.
type Joiner struct {
	terms    map[string]bool
	prefixes map[string]bool // every prefix of a term, to stop early
}

// NewJoiner prepares terms for Join.
func NewJoiner(terms []string) *Joiner {
	j := &Joiner{terms: map[string]bool{}, prefixes: map[string]bool{}}
	for _, t := range terms {
		t = strings.TrimSpace(t)
		r := []rune(t)
		if len(r) < 2 {
			continue
		}
		j.terms[t] = true
		for k := 1; k < len(r); k++ {
			j.prefixes[string(r[:k])] = true
		}
	}
	return j
}

// Join merges consecutive words that spell one of the terms, longest first.
func (j *Joiner) Join(words []string) []string {
	if len(j.terms) == 0 {
		return words
	}
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		best := 1
		acc := words[i]
		for k := i + 1; k < len(words) && j.prefixes[acc]; k++ {
			acc += words[k]
			if j.terms[acc] {
				best = k - i + 1
			}
		}
		if best == 1 {
			out = append(out, words[i])
		} else {
			out = append(out, strings.Join(words[i:i+best], ""))
		}
		i += best
	}
	return out
}
