package segment

import (
	"hash/maphash"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"planx/extract/vocab"
)

// stopWords are the verbs and fillers every plan repeats; as keywords they
// say nothing about a plan: the plan verbs (vocab.PlanVerbs: 加强, 推进,
// 完善, 提升 …) and the words below (建设, 发展, 体系 …).
var stopWords = map[string]bool{}

func init() {
	for _, w := range vocab.PlanVerbs() {
		stopWords[w] = true
	}
	for _, w := range strings.Fields(`建设 发展 坚持 不断 创新 保障 服务 工作 体系 机制 制度
		水平 能力 质量 重点 主要 相关 有关 各类 各级 全市 我市 全省 全国 以上 以下 年 个 等 和 与 及 的 了 在 为 是 对 将
		把 按照 通过 实现 形成 我国 目标 任务 规划 十四五 十三五 时期 期间 方面 领域 工程 项目 社会 公共 政府 部门 一批 一个
		到 年底 同时 其中 以及 基本 重要 有效 进行 提供 满足 需求 需要 作用 地区 城市 区域`) {
		stopWords[w] = true
	}
}

// Keyword is a word with its weight.
type Keyword struct {
	Term   string
	Weight float64
}

// idfs is gse's embedded IDF list ("word idf" per line) as a hash table of
// the words' places in the embedded text: about 6 MB, where a Go map from
// word to IDF took 14 MB of the heap every ingest keeps live, and a lookup
// as quick as the map's (a sorted table's binary search cost 6% of
// ingest's CPU: every document looks up thousands of words).
type idfs struct {
	text    string
	entries []idfEntry
	slots   []uint32 // 1 + an index into entries, 0 for an empty slot; a power of two long
	seed    maphash.Seed
}

type idfEntry struct {
	at, n uint32 // the word is text[at : at+n]
	v     float64
}

// slot is where w is in the table, or the empty slot where it would go.
func (t *idfs) slot(w string) int {
	mask := len(t.slots) - 1
	i := int(maphash.String(t.seed, w)) & mask
	for {
		k := t.slots[i]
		if k == 0 {
			return i
		}
		if e := t.entries[k-1]; t.text[e.at:e.at+e.n] == w {
			return i
		}
		i = (i + 1) & mask
	}
}

// lookup is the IDF of w.
func (t *idfs) lookup(w string) (float64, bool) {
	if k := t.slots[t.slot(w)]; k != 0 {
		return t.entries[k-1].v, true
	}
	return 0, false
}

// idfTable reads gse's embedded IDF list. A word listed twice keeps its
// last IDF; the IDF of unknown words is the sum of the list's IDFs over the
// number of distinct words.
func idfTable() (*idfs, float64) {
	t := &idfs{text: gse.ZhIdf, seed: maphash.MakeSeed()}
	lines := strings.Count(t.text, "\n") + 1
	size := 1
	for size < lines*3/2 { // at most two thirds full, so that probes stay short
		size *= 2
	}
	t.slots = make([]uint32, size)
	t.entries = make([]idfEntry, 0, lines)
	var sum float64
	for at := 0; at < len(t.text); {
		line := t.text[at:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		start := at
		at += len(line) + 1
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(line[i+1:]), 64)
		if err != nil {
			continue
		}
		sum += v
		s := t.slot(line[:i])
		if k := t.slots[s]; k != 0 {
			t.entries[k-1].v = v // the last line of a word wins
			continue
		}
		t.entries = append(t.entries, idfEntry{uint32(start), uint32(i), v})
		t.slots[s] = uint32(len(t.entries))
	}
	def := 10.0
	if len(t.entries) > 0 {
		def = sum / float64(len(t.entries))
	}
	return t, def
}

// Keywords ranks the words of a text by TF-IDF. idf gives a word's inverse
// document frequency; words it does not know get def (rare words are
// distinctive). Stop words, numbers and single characters are left out.
func Keywords(words []string, idf func(string) (float64, bool), def float64, n int) []Keyword {
	r := NewRanker(idf, def)
	return r.Top(n, r.IDs(words, nil))
}

// A Ranker ranks the keywords of the texts of one document. It numbers
// each distinct word of the document once, noting whether it can be a
// keyword and its IDF, so that ranking a text — the document, then each of
// its measures, which repeat its paragraphs' words — is counting numbers,
// not looking words up again. A Ranker is not safe for concurrent use.
type Ranker struct {
	idf   func(string) (float64, bool)
	def   float64
	ids   map[string]int32 // word → its number, −1 for a word that cannot be a keyword
	words []string         // by number
	idfs  []float64        // by number
	tf    []int32          // counts of the text being ranked, by number
}

// NewRanker makes a Ranker with an IDF table and the IDF of words it does
// not know, as Keywords takes them.
func NewRanker(idf func(string) (float64, bool), def float64) *Ranker {
	return &Ranker{idf: idf, def: def, ids: map[string]int32{}}
}

// IDs appends to out the numbers of the words that can be keywords, in
// order; the others are left out.
func (r *Ranker) IDs(words []string, out []int32) []int32 {
	for _, w := range words {
		id, ok := r.ids[w]
		if !ok {
			id = -1
			if utf8.RuneCountInString(w) >= 2 && !stopWords[w] && hasHan(w) {
				id = int32(len(r.words))
				v, known := r.idf(w)
				if !known {
					v = r.def
				}
				r.words = append(r.words, w)
				r.idfs = append(r.idfs, v)
				r.tf = append(r.tf, 0)
			}
			r.ids[w] = id
		}
		if id >= 0 {
			out = append(out, id)
		}
	}
	return out
}

// Top returns the n words of a text, given as the numbers IDs made of its
// words (in one slice or several), with the highest term frequency × IDF;
// ties go to the word that sorts first.
func (r *Ranker) Top(n int, ids ...[]int32) []Keyword {
	var distinct []int32
	for _, part := range ids {
		for _, id := range part {
			if r.tf[id] == 0 {
				distinct = append(distinct, id)
			}
			r.tf[id]++
		}
	}
	out := make([]Keyword, len(distinct))
	for i, id := range distinct {
		out[i] = Keyword{Term: r.words[id], Weight: float64(r.tf[id]) * r.idfs[id]}
		r.tf[id] = 0
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
	for i := range out {
		out[i].Weight = math.Round(out[i].Weight*1000) / 1000
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// IDF is the inverse document frequency of a word in gse's embedded table.
func (s *Segmenter) IDF(w string) (float64, bool) {
	return s.idf.lookup(w)
}

// DefaultIDF is the IDF given to a word the table does not know.
func (s *Segmenter) DefaultIDF() float64 { return s.idfDefault }
