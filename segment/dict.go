package segment

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse/hmm"
)

// gse's Cut(text, hmm) finds the most probable path through the words of
// its dictionary: for every position, the dictionary words that start there
// (the DAG), then, from the end, the best route; runs of single characters
// go to its HMM. gse looks every prefix up from the trie's root, through
// string conversions and maps. dict does the same computation with a trie
// walked once per position and slices for the DAG and the route: the same
// words (TestCutIsGse checks every text of the corpus against gse itself),
// about ten times faster, and without gse's search-mode structures, which
// make up most of its memory.
//
// The dictionary is gse's simplified-Chinese one (zh_s.dict, a copy of
// gse's data/dict/zh/s_1.txt, Apache License 2.0), read by gse's rules.
type dict struct {
	// nodes of the trie; node 0 is the root. A node's children are
	// edges[first : first+count], sorted by rune.
	nodes []trieNode
	edges []trieEdge
	// rootChild gives the root's child for the runes of the CJK blocks
	// directly (most lookups start there); 0 is none.
	rootChild []uint32
	logTotal  float64
}

type trieNode struct {
	first, count uint32
	// weight is log(freq) − log(total) for a word, and −Inf for a prefix
	// that is no word (gse's log(0))
	weight float64
	word   bool
}

type trieEdge struct {
	r    rune
	node uint32
}

const cjkBase, cjkEnd = 0x3400, 0xA000

// newDict reads dictionaries in gse's format ("word freq [pos]" a line) by
// gse's rules: a word with a frequency below 2 or none is left out, a word
// of one character counts 2, ASCII letters are lower-cased, and a word
// already read keeps its first frequency.
func newDict(sources ...string) (*dict, error) {
	type entry struct {
		key  string
		freq float64
		at   int // line number over all sources
	}
	var entries []entry
	for _, src := range sources {
		for len(src) > 0 {
			line := src
			if i := strings.IndexByte(src, '\n'); i >= 0 {
				line, src = src[:i], src[i+1:]
			} else {
				src = ""
			}
			text, rest, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			freqText, _, _ := strings.Cut(rest, " ")
			text = strings.TrimSpace(text)
			v, err := strconv.ParseFloat(strings.TrimSpace(freqText), 64)
			if err != nil || v < 2 || text == "" {
				continue
			}
			if utf8.RuneCountInString(text) < 2 {
				v = 2
			}
			entries = append(entries, entry{asciiLower(text), v, len(entries)})
		}
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("the dictionary has no words")
	}
	// sorted by word (UTF-8 order is code point order), then by line, so
	// that the first line of a word read twice comes first and is kept
	slices.SortFunc(entries, func(a, b entry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.at - b.at
	})
	kept := make([]bool, len(entries))
	freqAt := make([]float64, len(entries))
	order := entries[:0]
	for i, e := range entries {
		if i > 0 && e.key == entries[i-1].key {
			continue
		}
		kept[e.at], freqAt[e.at] = true, e.freq
		order = append(order, e)
	}
	// the total in line order, as gse adds it up
	var total float64
	for at, k := range kept {
		if k {
			total += freqAt[at]
		}
	}
	// one node per distinct prefix: count them to allocate once
	nodes := 1
	for i, e := range order {
		common := 0
		if i > 0 {
			p := order[i-1].key
			for common < len(p) && common < len(e.key) && p[common] == e.key[common] {
				common++
			}
			for common > 0 && !utf8.RuneStart(e.key[common]) {
				common-- // back to the start of the rune they differ in
			}
		}
		nodes += utf8.RuneCountInString(e.key[common:])
	}
	d := &dict{logTotal: math.Log(total), rootChild: make([]uint32, cjkEnd-cjkBase),
		nodes: make([]trieNode, 1, nodes), edges: make([]trieEdge, 0, nodes-1)}
	d.nodes[0].weight = math.Inf(-1)
	// depth first; the children of a node are laid out together when the
	// node is reached; each stack entry is a node and the range of sorted
	// words below it
	type item struct {
		node, lo, hi, depth int // depth in bytes
	}
	stack := []item{{0, 0, len(order), 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo := it.lo
		if lo < it.hi && len(order[lo].key) == it.depth {
			lo++ // the word that ends at this node
		}
		d.nodes[it.node].first = uint32(len(d.edges))
		for lo < it.hi {
			w := order[lo].key
			r, size := utf8.DecodeRuneInString(w[it.depth:])
			hi := lo + 1
			for hi < it.hi && strings.HasPrefix(order[hi].key[it.depth:], w[it.depth:it.depth+size]) {
				hi++
			}
			child := len(d.nodes)
			n := trieNode{weight: math.Inf(-1)}
			if len(w) == it.depth+size {
				n.word = true
				n.weight = math.Log(order[lo].freq) - d.logTotal
			}
			d.nodes = append(d.nodes, n)
			d.edges = append(d.edges, trieEdge{r, uint32(child)})
			if it.node == 0 && r >= cjkBase && r < cjkEnd {
				d.rootChild[r-cjkBase] = uint32(child)
			}
			stack = append(stack, item{child, lo, hi, it.depth + size})
			lo = hi
		}
		d.nodes[it.node].count = uint32(len(d.edges)) - d.nodes[it.node].first
	}
	return d, nil
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// child is the node under n for r, 0 if none.
func (d *dict) child(n uint32, r rune) uint32 {
	if n == 0 && r >= cjkBase && r < cjkEnd {
		return d.rootChild[r-cjkBase]
	}
	nd := &d.nodes[n]
	e := d.edges[nd.first : nd.first+nd.count]
	lo, hi := 0, len(e)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if e[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(e) && e[lo].r == r {
		return e[lo].node
	}
	return 0
}

// lookup walks rs from the root: the node it ends at, 0 if it leaves the
// trie.
func (d *dict) lookup(rs []rune) uint32 {
	n := uint32(0)
	for _, r := range rs {
		if n = d.child(n, r); n == 0 {
			return 0
		}
	}
	return n
}

// cutter holds the buffers of one cut, reused from text to text.
type cutter struct {
	d      *dict
	runes  []rune
	best   []float64
	next   []int32
	single []rune
}

// route computes, for every position, the end of the word the best path
// takes there (gse's calc over getDag): the highest log probability, ties
// to the longer word; a position that starts no word is a word of one
// character.
func (c *cutter) route() {
	n := len(c.runes)
	c.best = append(c.best[:0], make([]float64, n+1)...)
	c.next = append(c.next[:0], make([]int32, n)...)
	d := c.d
	for k := n - 1; k >= 0; k-- {
		found := false
		bestF, bestI := 0.0, int32(0)
		node := uint32(0)
		for i := k; i < n; i++ {
			if node = d.child(node, c.runes[i]); node == 0 {
				break
			}
			nd := &d.nodes[node]
			if !nd.word {
				continue
			}
			f := nd.weight + c.best[i+1]
			if !found || bestF < f || bestF == f { // later i is longer
				bestF, bestI, found = f, int32(i), true
			}
		}
		if !found {
			// gse: log(1) for a character not in the dictionary, log(0)
			// for one that only begins words
			f := -d.logTotal + c.best[k+1]
			if d.child(0, c.runes[k]) != 0 {
				f = math.Inf(-1)
			}
			bestF, bestI = f, int32(k)
		}
		c.best[k], c.next[k] = bestF, bestI
	}
}

// cut returns the words of text as gse's Cut(text, withHMM) does (white
// space and punctuation included).
func (c *cutter) cut(text string, withHMM bool, out []string) []string {
	text = strings.ToLower(text)
	c.runes = c.runes[:0]
	for _, r := range text {
		c.runes = append(c.runes, r)
	}
	c.route()
	if withHMM {
		return c.emitHMM(out)
	}
	return c.emitPlain(out)
}

// emitHMM follows the route as gse's cutDAG: a run of single characters
// that is not itself a dictionary word goes to the HMM.
func (c *cutter) emitHMM(out []string) []string {
	buf := c.single[:0]
	flush := func() {
		switch {
		case len(buf) == 0:
		case len(buf) == 1:
			out = append(out, string(buf))
		default:
			if n := c.d.lookup(buf); n == 0 || !c.d.nodes[n].word {
				out = append(out, hmm.Cut(string(buf))...)
			} else {
				for _, r := range buf {
					out = append(out, string(r))
				}
			}
		}
		buf = buf[:0]
	}
	for x := 0; x < len(c.runes); {
		y := int(c.next[x]) + 1
		if y-x == 1 {
			buf = append(buf, c.runes[x])
		} else {
			flush()
			out = append(out, string(c.runes[x:y]))
		}
		x = y
	}
	flush()
	c.single = buf
	return out
}

// emitPlain follows the route as gse's cutDAGNoHMM: runs of single ASCII
// letters and digits are joined.
func (c *cutter) emitPlain(out []string) []string {
	var buf []rune
	for x := 0; x < len(c.runes); {
		y := int(c.next[x]) + 1
		if r := c.runes[x]; y-x == 1 && r < utf8.RuneSelf && isASCIIAlnum(byte(r)) {
			buf = append(buf, r)
			x = y
			continue
		}
		if len(buf) > 0 {
			out = append(out, string(buf))
			buf = nil
		}
		out = append(out, string(c.runes[x:y]))
		x = y
	}
	if len(buf) > 0 {
		out = append(out, string(buf))
	}
	return out
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// words is the trie's words, for tests.
func (d *dict) words() map[string]float64 {
	out := map[string]float64{}
	var walk func(n uint32, prefix []byte)
	walk = func(n uint32, prefix []byte) {
		nd := d.nodes[n]
		if nd.word {
			out[string(prefix)] = nd.weight
		}
		for _, e := range d.edges[nd.first : nd.first+nd.count] {
			walk(e.node, utf8.AppendRune(bytes.Clone(prefix), e.r))
		}
	}
	walk(0, nil)
	return out
}
