package serve

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
)

func urlEscape(s string) string { return url.QueryEscape(s) }

// docRow is one plan in the documents list.
type docRow struct {
	ID                                                 int64
	Title, Source, Region, Issuer, Period, Format      string
	Sections, Paragraphs, Measures, Tables, Indicators int
	Boxes, Projects, Notes, Diagnostics, Unparsed      int
}

// Doubts is what a reader should check by hand: what the reader could not
// read (diagnostics) and value cells that were kept raw, not understood.
func (d docRow) Doubts() int { return d.Diagnostics + d.Unparsed }

// sortColumns are the columns the documents list sorts by, with their SQL
// (over the named columns of documentsSQL).
var sortColumns = map[string]string{
	"id":         "id",
	"title":      "coalesce(nullif(title, ''), source)",
	"region":     "region",
	"issuer":     "issuer",
	"period":     "coalesce(period_start, 0)",
	"format":     "format",
	"measures":   "measures",
	"indicators": "indicators",
	"boxes":      "boxes",
	"doubts":     "diagnostics + unparsed",
}

// documentsSQL lists every document with its counts, as named columns that
// the list can be sorted by.
const documentsSQL = `SELECT * FROM (SELECT d.id AS id, coalesce(d.title, '') AS title, d.source AS source,
		coalesce(d.region, '') AS region, coalesce(d.issuer, '') AS issuer,
		CASE WHEN d.period_start IS NULL THEN '' ELSE d.period_start || '–' || d.period_end END AS period, d.period_start AS period_start,
		d.format AS format,
		(SELECT count(*) FROM sections x WHERE x.document_id = d.id) AS sections,
		(SELECT count(*) FROM paragraphs x WHERE x.document_id = d.id) AS paragraphs,
		(SELECT count(*) FROM measures x WHERE x.document_id = d.id) AS measures,
		(SELECT count(*) FROM tables x WHERE x.document_id = d.id) AS tables,
		(SELECT count(*) FROM indicators x WHERE x.document_id = d.id) AS indicators,
		(SELECT count(*) FROM columns x WHERE x.document_id = d.id) AS boxes,
		(SELECT count(*) FROM projects x WHERE x.document_id = d.id) AS projects,
		(SELECT count(*) FROM notes x WHERE x.document_id = d.id) AS notes,
		(SELECT count(*) FROM diagnostics x WHERE x.document_id = d.id) AS diagnostics,
		(SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
		  WHERE i.document_id = d.id AND v.op IS NULL) AS unparsed
		FROM documents d)`

type option struct {
	Value, Label string
	Selected     bool
}

type documentsPage struct {
	Title                  string
	Docs                   []docRow
	Total                  int
	Region, Period, Format string
	Sort                   string
	Desc                   bool
	Regions, Periods       []option
	Formats                []option
}

// SortLink is the query that sorts by col, reversing the order when the list
// is already sorted by it.
func (p documentsPage) SortLink(col string) string {
	v := url.Values{}
	for k, x := range map[string]string{"region": p.Region, "period": p.Period, "format": p.Format} {
		if x != "" {
			v.Set(k, x)
		}
	}
	v.Set("sort", col)
	if col == p.Sort && !p.Desc {
		v.Set("desc", "1")
	}
	return "?" + v.Encode()
}

// Arrow marks the column the list is sorted by.
func (p documentsPage) Arrow(col string) string {
	if col != p.Sort {
		return ""
	}
	if p.Desc {
		return " ▼"
	}
	return " ▲"
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := documentsPage{Title: "规划文件", Region: q.Get("region"), Period: q.Get("period"), Format: q.Get("format"),
		Sort: q.Get("sort"), Desc: q.Get("desc") == "1"}
	order, ok := sortColumns[p.Sort]
	if !ok {
		p.Sort, order = "id", "id"
	}
	if p.Desc {
		order += " DESC"
	}
	rows, err := s.db.QueryContext(r.Context(), documentsSQL+` ORDER BY `+order+`, id`)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	regions, periods, formats := map[string]int{}, map[string]int{}, map[string]int{}
	for rows.Next() {
		var d docRow
		var start any
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.Region, &d.Issuer, &d.Period, &start, &d.Format,
			&d.Sections, &d.Paragraphs, &d.Measures, &d.Tables, &d.Indicators, &d.Boxes, &d.Projects, &d.Notes,
			&d.Diagnostics, &d.Unparsed); err != nil {
			return fmt.Errorf("list documents: %w", err)
		}
		p.Total++
		regions[d.Region]++
		periods[d.Period]++
		formats[d.Format]++
		if p.Region != "" && d.Region != p.Region || p.Period != "" && d.Period != p.Period || p.Format != "" && d.Format != p.Format {
			continue
		}
		p.Docs = append(p.Docs, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	p.Regions = options(regions, p.Region)
	p.Periods = options(periods, p.Period)
	p.Formats = options(formats, p.Format)
	return s.render(w, "documents", p)
}

// options lists a filter's values, sorted, each with how many documents
// have it. Documents that do not state the value are listed under 全部 only.
func options(counts map[string]int, selected string) []option {
	var out []option
	for _, v := range sortedKeys(counts) {
		if v == "" {
			continue
		}
		out = append(out, option{Value: v, Label: fmt.Sprintf("%s（%d）", v, counts[v]), Selected: v == selected})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
