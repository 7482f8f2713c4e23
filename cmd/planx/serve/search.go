package serve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"planx/schema"
	"planx/segment"
)

// searchLimit is how many hits a search page shows, best first.
const searchLimit = 100

type searchPage struct {
	Title      string
	Query      string
	Kind       string
	Doc        int64
	Message    string // why there are no hits to show
	NoIndex    bool   // the database has no search index at all
	Unindexed  int    // documents without search rows
	DBPath     string
	Hits       int
	Plans      []hitPlan
	Kinds      []option
	HitsCapped bool
}

// hitPlan is the hits in one plan, grouped by heading in rank order.
type hitPlan struct {
	DocID    int64
	Document string
	Sections []hitSection
}

type hitSection struct {
	ID          int64
	Path, Title string // the labels down to the heading (第九章 第二节), and its title
	Hits        []hit
}

type hit struct {
	Kind  string
	Parts []mark
}

// mark is a piece of a hit's text; Hit pieces are the query's words.
type mark struct {
	Text string
	Hit  bool
}

// KindName is a hit's kind in the interface's language.
func (h hit) KindName() string { return kindNames[h.Kind] }

var kindNames = map[string]string{
	"paragraph": "段落", "measure": "措施", "indicator": "指标", "project": "项目", "note": "注释",
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	p := searchPage{Title: "搜索", Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), DBPath: s.dbPath}
	for _, k := range []string{"paragraph", "measure", "indicator", "project", "note"} {
		p.Kinds = append(p.Kinds, option{Value: k, Label: kindNames[k], Selected: k == p.Kind})
	}
	if p.Kind != "" && kindNames[p.Kind] == "" {
		return badRequest("没有 %q 这一类", p.Kind)
	}
	if d := q.Get("doc"); d != "" {
		id, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			return badRequest("文件编号 %q 不是数字", d)
		}
		p.Doc = id
	}
	st, err := schema.State(ctx, s.db)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	p.NoIndex = st.Documents > 0 && st.Indexed == 0
	p.Unindexed = st.Documents - st.Indexed
	if p.Query == "" || p.NoIndex {
		return s.render(w, "search", p)
	}
	match, err := segment.ParseQuery(p.Query)
	if errors.Is(err, segment.ErrEmptyQuery) {
		p.Message = "查询里没有可以搜索的字词。"
		return s.render(w, "search", p)
	}
	if err != nil {
		return badRequest("查询有误：%v", err)
	}
	hits, err := schema.Search(ctx, s.db, match, p.Kind, p.Doc, searchLimit)
	if err != nil {
		return err
	}
	p.Hits = len(hits)
	p.HitsCapped = len(hits) == searchLimit
	if len(hits) == 0 {
		p.Message = "没有找到。"
	}
	terms := queryTerms(p.Query)
	plans := map[int64]int{}
	type key struct{ doc, sec int64 }
	secs := map[key]int{}
	paths, err := sectionPaths(ctx, s.db, hits)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for _, h := range hits {
		pi, ok := plans[h.DocumentID]
		if !ok {
			pi = len(p.Plans)
			plans[h.DocumentID] = pi
			p.Plans = append(p.Plans, hitPlan{DocID: h.DocumentID, Document: h.Document})
		}
		plan := &p.Plans[pi]
		k := key{h.DocumentID, h.SectionID.Int64}
		si, ok := secs[k]
		if !ok {
			si = len(plan.Sections)
			secs[k] = si
			where := paths[h.SectionID.Int64]
			plan.Sections = append(plan.Sections, hitSection{ID: h.SectionID.Int64, Path: where.path, Title: where.title})
		}
		sec := &plan.Sections[si]
		sec.Hits = append(sec.Hits, hit{Kind: h.Kind, Parts: highlight(excerpt(h.Text, terms, 80), terms)})
	}
	return s.render(w, "search", p)
}

// queryTerms are the words of a query without its operators and quotes:
// what the hits are marked with.
func queryTerms(q string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == '　' || r == '"' || r == '“' || r == '”' }) {
		if f != "AND" && f != "OR" && f != "NOT" {
			out = append(out, f)
		}
	}
	return out
}

// excerpt cuts a long text to about n characters around the first place a
// term occurs.
func excerpt(text string, terms []string, n int) string {
	r := []rune(text)
	if len(r) <= n*2 {
		return text
	}
	at := -1
	for _, t := range terms {
		if i := strings.Index(text, t); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	start := 0
	if at >= 0 {
		start = max(0, len([]rune(text[:at]))-n/3)
	}
	end := min(len(r), start+n*2)
	out := string(r[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return out
}

// highlight cuts text into pieces, marking every occurrence of a term.
func highlight(text string, terms []string) []mark {
	var out []mark
	for len(text) > 0 {
		at, length := -1, 0
		for _, t := range terms {
			if t == "" {
				continue
			}
			if i := strings.Index(text, t); i >= 0 && (at < 0 || i < at || i == at && len(t) > length) {
				at, length = i, len(t)
			}
		}
		if at < 0 {
			out = append(out, mark{Text: text})
			break
		}
		if at > 0 {
			out = append(out, mark{Text: text[:at]})
		}
		out = append(out, mark{Text: text[at : at+length], Hit: true})
		text = text[at+length:]
	}
	return out
}

// sectionPlace is where a hit stands: the labels of its heading and the
// headings above (第三章 第二节 一、, as schema.SectionPath writes them) and
// the heading's title.
type sectionPlace struct{ path, title string }

// sectionPaths gives the place of every hit's section, from one query over
// the outlines of the plans hit rather than a query per heading.
func sectionPaths(ctx context.Context, db *sql.DB, hits []schema.Hit) (map[int64]sectionPlace, error) {
	docs := map[int64]bool{}
	var args []any
	for _, h := range hits {
		if h.SectionID.Valid && !docs[h.DocumentID] {
			docs[h.DocumentID] = true
			args = append(args, h.DocumentID)
		}
	}
	paths := map[int64]sectionPlace{}
	if len(args) == 0 {
		return paths, nil
	}
	type sec struct {
		parent       int64
		label, title string
	}
	secs := map[int64]sec{}
	err := each(ctx, db, `SELECT id, coalesce(parent_id, 0), coalesce(nullif(label, ''), title), title FROM sections
		WHERE document_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")+`)`, args, func(rows *sql.Rows) error {
		var id int64
		var s sec
		if err := rows.Scan(&id, &s.parent, &s.label, &s.title); err != nil {
			return err
		}
		secs[id] = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		id := h.SectionID.Int64
		if _, done := paths[id]; !h.SectionID.Valid || done {
			continue
		}
		var parts []string
		for at, depth := id, 0; at != 0 && depth < 10; depth++ {
			s, ok := secs[at]
			if !ok {
				break
			}
			parts = append([]string{s.label}, parts...)
			at = s.parent
		}
		paths[id] = sectionPlace{strings.Join(parts, " "), secs[id].title}
	}
	return paths, nil
}
