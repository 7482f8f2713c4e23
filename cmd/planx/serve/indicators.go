package serve

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"planx/segment"
)

// indicator is one indicator row with its value cells.
type indicator struct {
	ID, DocID, TableID           int64
	Seq                          string
	Category, Name, Unit, Attr   string
	Document, Region, TableLabel string
	Values                       []ivalue
}

// ivalue is one value cell: raw as printed, and parsed where understood.
type ivalue struct {
	Column, Raw, Op, Role, Qualifier string
	Year                             int
	Value, Max                       sql.NullFloat64
	Cumulative                       bool
}

// Doubt reports a cell that was kept raw: not a number, or not understood.
func (v ivalue) Doubt() bool { return v.Op == "" }

// Baseline is the indicator's first baseline cell, nil if none.
func (in indicator) Baseline() *ivalue {
	for i := range in.Values {
		if in.Values[i].Role == "baseline" {
			return &in.Values[i]
		}
	}
	return nil
}

// Target is the indicator's last target cell (the end of the plan period),
// nil if none.
func (in indicator) Target() *ivalue {
	for i := len(in.Values) - 1; i >= 0; i-- {
		if in.Values[i].Role == "target" {
			return &in.Values[i]
		}
	}
	return nil
}

// loadIndicators reads the indicators that match where (a condition on i,
// the indicators table) with their documents and values, in document order.
func loadIndicators(ctx context.Context, db *sql.DB, where string, args ...any) ([]indicator, error) {
	var out []indicator
	at := map[int64]int{}
	err := each(ctx, db, `SELECT i.id, i.document_id, coalesce(i.table_id, 0), coalesce(i.seq, ''), coalesce(i.category, ''), i.name,
		coalesce(i.unit, ''), coalesce(i.attribute, ''), coalesce(d.title, d.source), coalesce(d.region, ''), coalesce(t.label, '')
		FROM indicators i JOIN documents d ON d.id = i.document_id LEFT JOIN tables t ON t.id = i.table_id
		WHERE `+where+` ORDER BY i.document_id, i.ord`, args, func(rows *sql.Rows) error {
		var in indicator
		if err := rows.Scan(&in.ID, &in.DocID, &in.TableID, &in.Seq, &in.Category, &in.Name, &in.Unit, &in.Attr, &in.Document, &in.Region, &in.TableLabel); err != nil {
			return err
		}
		at[in.ID] = len(out)
		out = append(out, in)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	err = each(ctx, db, `SELECT v.indicator_id, v.column_label, coalesce(v.year, 0), v.raw, coalesce(v.op, ''), v.value, v.value_max,
		v.cumulative, coalesce(v.qualifier, ''), coalesce(v.role, '')
		FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE `+where+` ORDER BY v.indicator_id, v.ord`, args, func(rows *sql.Rows) error {
		var id int64
		var v ivalue
		if err := rows.Scan(&id, &v.Column, &v.Year, &v.Raw, &v.Op, &v.Value, &v.Max, &v.Cumulative, &v.Qualifier, &v.Role); err != nil {
			return err
		}
		if k, ok := at[id]; ok {
			out[k].Values = append(out[k].Values, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicator values: %w", err)
	}
	return out, nil
}

// facet is one filter of the indicators page with the values it offers.
type facet struct {
	Key, Label string
	Values     []facetValue
}

type facetValue struct {
	Value, Label, Link string
	Count              int
	Selected           bool
}

type indicatorsPage struct {
	Title   string
	Facets  []facet
	Rows    []indicator
	Shown   int
	Matched int
	Total   int
	Query   string
	Filters map[string]string
	Clear   string
}

// maxIndicatorRows bounds the list; facets narrow it further.
const maxIndicatorRows = 300

// facetKeys are the indicators page's filters, in the order shown.
var facetKeys = []struct{ key, label string }{
	{"attribute", "属性"}, {"year", "目标年份"}, {"category", "类别"}, {"unit", "单位"}, {"region", "地区"},
}

// facetValues are an indicator's values for a facet (a year facet can have
// several: every year the indicator has a target for).
func facetValues(in indicator, key string) []string {
	switch key {
	case "attribute":
		return []string{in.Attr}
	case "category":
		return []string{in.Category}
	case "unit":
		return []string{in.Unit}
	case "region":
		return []string{in.Region}
	case "year":
		var ys []string
		for _, v := range in.Values {
			if v.Role == "target" && v.Year > 0 {
				ys = append(ys, strconv.Itoa(v.Year))
			}
		}
		return ys
	}
	return nil
}

func (s *Server) indicators(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := indicatorsPage{Title: "指标", Query: strings.TrimSpace(q.Get("q")), Filters: map[string]string{}}
	for _, f := range facetKeys {
		if v := q.Get(f.key); v != "" {
			p.Filters[f.key] = v
		}
	}
	all, err := loadIndicators(r.Context(), s.db, `1 = 1`)
	if err != nil {
		return err
	}
	p.Total = len(all)
	matches := func(in indicator, except string) bool {
		if p.Query != "" && !strings.Contains(in.Name, p.Query) {
			return false
		}
		for key, want := range p.Filters {
			if key == except {
				continue
			}
			found := false
			for _, v := range facetValues(in, key) {
				if v == want {
					found = true
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	for _, f := range facetKeys {
		counts := map[string]int{}
		for _, in := range all {
			if matches(in, f.key) {
				seen := map[string]bool{}
				for _, v := range facetValues(in, f.key) {
					if v != "" && !seen[v] {
						counts[v]++
						seen[v] = true
					}
				}
			}
		}
		fc := facet{Key: f.key, Label: f.label}
		for _, v := range sortedKeys(counts) {
			fc.Values = append(fc.Values, facetValue{Value: v, Label: v, Count: counts[v], Selected: p.Filters[f.key] == v,
				Link: p.link(f.key, v)})
		}
		p.Facets = append(p.Facets, fc)
	}
	for _, in := range all {
		if matches(in, "") {
			p.Matched++
			if len(p.Rows) < maxIndicatorRows {
				p.Rows = append(p.Rows, in)
			}
		}
	}
	p.Shown = len(p.Rows)
	p.Clear = "/indicators"
	return s.render(w, "indicators", p)
}

// link is the page's URL with key set to v (or unset, when it is the value
// already chosen).
func (p indicatorsPage) link(key, v string) string {
	vals := make([]string, 0, 12)
	if p.Query != "" {
		vals = append(vals, "q="+urlEscape(p.Query))
	}
	for _, f := range facetKeys {
		x := p.Filters[f.key]
		if f.key == key {
			if x == v {
				continue
			}
			x = v
		}
		if x != "" {
			vals = append(vals, f.key+"="+urlEscape(x))
		}
	}
	return "/indicators?" + strings.Join(vals, "&")
}

// compareGroup is one indicator as several plans state it.
type compareGroup struct {
	Name    string
	Unit    string
	Members []indicator
	Chart   chart
	Docs    int
}

type comparePage struct {
	Title  string
	Query  string
	Groups []compareGroup
	Single int // groups left out because only one plan has them
	More   int // groups left out beyond maxCompareGroups
}

// maxCompareGroups bounds the charts of one compare page.
const maxCompareGroups = 20

// compare shows, for one indicator (?id=) or every indicator whose name
// contains ?name=, the same indicator in every plan that has it: a chart of
// baseline and target per plan and the table of values. Indicators are
// grouped in memory with the rules of `planx compare` (segment.GroupIndicators),
// so the page works on a read-only database.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	name := strings.TrimSpace(q.Get("name"))
	idText := q.Get("id")
	p := comparePage{Title: "指标对比", Query: name}
	if name == "" && idText == "" {
		return s.render(w, "compare", p)
	}
	var want int64
	if idText != "" {
		var err error
		if want, err = strconv.ParseInt(idText, 10, 64); err != nil {
			return badRequest("指标编号 %q 不是数字", idText)
		}
	}
	refs, groups, err := s.groups.get(r.Context(), s.db)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	members := map[int][]int64{}
	var picked []int
	seen := map[int]bool{}
	for i, ref := range refs {
		g := groups[i]
		members[g] = append(members[g], ref.ID)
		if (want != 0 && ref.ID == want || name != "" && strings.Contains(ref.Name, name)) && !seen[g] {
			seen[g] = true
			picked = append(picked, g)
		}
	}
	if want != 0 && len(picked) == 0 {
		return notFound("没有编号为 %d 的指标", want)
	}
	// plans per group, from the grouping itself: groups that only one plan
	// has are left out of a search by name, the rest shown most plans first
	plans := map[int][]int64{}
	for i, ref := range refs {
		if !slices.Contains(plans[groups[i]], ref.Document) {
			plans[groups[i]] = append(plans[groups[i]], ref.Document)
		}
	}
	var shown []int
	for _, g := range picked {
		if name != "" && len(plans[g]) < 2 && len(picked) > 1 {
			p.Single++
			continue
		}
		shown = append(shown, g)
	}
	sort.SliceStable(shown, func(i, j int) bool { return len(plans[shown[i]]) > len(plans[shown[j]]) })
	if len(shown) > maxCompareGroups {
		p.More = len(shown) - maxCompareGroups
		shown = shown[:maxCompareGroups]
	}
	for _, g := range shown {
		ids := members[g]
		holders := make([]string, len(ids))
		args := make([]any, len(ids))
		for i, id := range ids {
			holders[i], args[i] = "?", id
		}
		inds, err := loadIndicators(r.Context(), s.db, `i.id IN (`+strings.Join(holders, ",")+`)`, args...)
		if err != nil {
			return err
		}
		if len(inds) == 0 {
			continue // removed since the grouping: the next request regroups
		}
		p.Groups = append(p.Groups, compareGroup{Name: inds[0].Name, Unit: inds[0].Unit, Members: inds,
			Docs: len(plans[g]), Chart: makeChart(inds)})
	}
	if p.Query == "" && len(p.Groups) > 0 {
		p.Query = p.Groups[0].Name
	}
	return s.render(w, "compare", p)
}

// groupCache keeps the indicator groups of the database: grouping compares
// names pair by pair and takes most of a second on a few hundred
// indicators, so it is done again only when the indicators change (a
// document ingested or replaced while the server runs).
type groupCache struct {
	mu     sync.Mutex
	key    [3]int64 // count, largest id and sum of ids of the indicators
	refs   []segment.IndicatorRef
	groups []int
}

// get returns every indicator and its group number (see
// segment.GroupIndicators), in the order of their ids.
func (c *groupCache) get(ctx context.Context, db *sql.DB) ([]segment.IndicatorRef, []int, error) {
	var key [3]int64
	if err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0), coalesce(sum(id), 0) FROM indicators`).Scan(&key[0], &key[1], &key[2]); err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refs != nil && key == c.key {
		return c.refs, c.groups, nil
	}
	refs := []segment.IndicatorRef{}
	err := each(ctx, db, `SELECT id, document_id, name, coalesce(unit, '') FROM indicators ORDER BY id`, nil, func(rows *sql.Rows) error {
		var ref segment.IndicatorRef
		if err := rows.Scan(&ref.ID, &ref.Document, &ref.Name, &ref.Unit); err != nil {
			return err
		}
		refs = append(refs, ref)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	c.key, c.refs, c.groups = key, refs, segment.GroupIndicators(refs)
	return c.refs, c.groups, nil
}

// Warm groups the indicators ahead of the first compare page, which would
// otherwise wait most of a second for it.
func (s *Server) Warm(ctx context.Context) error {
	_, _, err := s.groups.get(ctx, s.db)
	return err
}
