package serve

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// planDoc is a document's metadata as the plan page heads it.
type planDoc struct {
	ID                                               int64
	Title, Source, SHA, Format                       string
	Region, Issuer, Number, Issued, Period, Encoding string
	Pages                                            int
}

// section is a heading with what stands under it before the next heading.
type section struct {
	ID           int64
	Level        int
	Label, Title string
	Children     []*section
	Paras        []*para
	Measures     []measure // measures not printed as a paragraph of their own
	Boxes        []*box
	Tables       []*table
}

// para is a paragraph cut into text and note markers; Lead is the title of
// the measure it opens (printed bold), Diags what the reader could not read
// on the pages just before it.
type para struct {
	ID    int64
	Page  int
	Lead  string
	Parts []textPart
	Diags []diag
	text  string
	notes []placedNote
}

type placedNote struct {
	at   int // byte offset in text just after the anchor
	note *note
}

// textPart is plain text, or (Note set) a link to a note.
type textPart struct {
	Text string
	Note *note
}

type measure struct{ Title, Text string }

type box struct {
	ID            int64
	Number        string
	Title, Body   string
	Groups        []projectGroup
	ProjectsCount int
}

type projectGroup struct {
	Name     string
	Projects []string
}

type table struct {
	ID, DocID    int64
	Label, Title string
	Notes        []string
	Grid         [][]gridCell
	Indicators   []indicator
}

type note struct {
	ID                       int64
	Number                   string
	Term, Anchor, Definition string
	Placed                   bool
}

type diag struct {
	Page          int
	Kind, Message string
}

// KindName is a diagnostic kind in the interface's language.
func (d diag) KindName() string {
	switch d.Kind {
	case "image_only":
		return "图片内容未读取"
	case "scanned":
		return "扫描页"
	case "garbled_text":
		return "乱码"
	case "unsupported_font":
		return "字体无法解码"
	case "bad_page":
		return "页面损坏"
	case "repaired":
		return "文件已修复"
	case "no_headings":
		return "没有标题"
	case "ocr":
		return "图像识别（OCR）：置信度与待核对项"
	case "watermark":
		return "水印已去除"
	case "not_a_plan":
		return "可能不是规划文本"
	}
	if strings.HasPrefix(d.Kind, "doubt_") {
		return "存疑：" + map[string]string{
			"doubt_numbering":  "编号不连续",
			"doubt_boxes":      "专栏缺失或为空",
			"doubt_tables":     "表格缺失或为空",
			"doubt_indicators": "有指标属性但无指标表",
			"doubt_title":      "未找到标题",
			"doubt_toc":        "目录未去除",
			"doubt_wrapper":    "网页或数据库外壳未去除",
		}[d.Kind]
	}
	return d.Kind
}

type planPage struct {
	Title    string
	Doc      planDoc
	Outline  []*section
	Sections []*section
	Preface  []*para
	// boxes and tables printed before the first heading
	LooseBoxes  []*box
	LooseTables []*table
	Notes       []*note
	Diags       []diag
	Tables      int
	Unparsed    int
	JSON        bool
}

func (s *Server) plan(w http.ResponseWriter, r *http.Request) error {
	id, err := s.docID(r)
	if err != nil {
		return err
	}
	p, err := loadPlan(r.Context(), s.db, id)
	if err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	p.JSON = s.exportJSON != nil
	return s.render(w, "plan", p)
}

// loadPlan reads everything the plan page shows, a query per table.
func loadPlan(ctx context.Context, db *sql.DB, id int64) (*planPage, error) {
	p := &planPage{}
	var (
		title, region, issuer, number, issued, enc sql.NullString
		start, end, pages                          sql.NullInt64
	)
	err := db.QueryRowContext(ctx, `SELECT title, source, sha256, format, region, issuer, doc_number, issued_date, period_start, period_end, encoding, pages
		FROM documents WHERE id = ?`, id).Scan(&title, &p.Doc.Source, &p.Doc.SHA, &p.Doc.Format, &region, &issuer, &number, &issued, &start, &end, &enc, &pages)
	if err != nil {
		return nil, err
	}
	p.Doc.ID = id
	p.Doc.Title, p.Doc.Region, p.Doc.Issuer, p.Doc.Number, p.Doc.Issued, p.Doc.Encoding = title.String, region.String, issuer.String, number.String, issued.String, enc.String
	p.Doc.Pages = int(pages.Int64)
	if start.Valid {
		p.Doc.Period = fmt.Sprintf("%d–%d", start.Int64, end.Int64)
	}
	p.Title = p.Doc.Title
	if p.Title == "" {
		p.Title = p.Doc.Source
	}

	byID := map[int64]*section{}
	err = each(ctx, db, `SELECT id, parent_id, level, coalesce(label, ''), title FROM sections WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		sec := &section{}
		var parent sql.NullInt64
		if err := rows.Scan(&sec.ID, &parent, &sec.Level, &sec.Label, &sec.Title); err != nil {
			return err
		}
		byID[sec.ID] = sec
		p.Sections = append(p.Sections, sec)
		if up := byID[parent.Int64]; parent.Valid && up != nil {
			up.Children = append(up.Children, sec)
		} else {
			p.Outline = append(p.Outline, sec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var paras []*para
	err = each(ctx, db, `SELECT id, section_id, text, coalesce(page, 0) FROM paragraphs WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		pa := &para{}
		var sec sql.NullInt64
		if err := rows.Scan(&pa.ID, &sec, &pa.text, &pa.Page); err != nil {
			return err
		}
		paras = append(paras, pa)
		if s := byID[sec.Int64]; sec.Valid && s != nil {
			s.Paras = append(s.Paras, pa)
		} else {
			p.Preface = append(p.Preface, pa)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, db, `SELECT section_id, title, text FROM measures WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		var sec sql.NullInt64
		var m measure
		if err := rows.Scan(&sec, &m.Title, &m.Text); err != nil {
			return err
		}
		s := byID[sec.Int64]
		if s == nil {
			return nil
		}
		for _, pa := range s.Paras {
			if pa.Lead == "" && m.Title != "" && strings.HasPrefix(pa.text, m.Title) {
				pa.Lead = m.Title
				return nil
			}
		}
		s.Measures = append(s.Measures, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := loadBoxes(ctx, db, id, byID, &p.LooseBoxes); err != nil {
		return nil, err
	}
	if p.Tables, p.Unparsed, err = loadTables(ctx, db, id, byID, &p.LooseTables); err != nil {
		return nil, err
	}
	err = each(ctx, db, `SELECT id, coalesce(number, ''), coalesce(term, ''), coalesce(anchor, ''), definition, section_id FROM notes WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		n := &note{}
		var sec sql.NullInt64
		if err := rows.Scan(&n.ID, &n.Number, &n.Term, &n.Anchor, &n.Definition, &sec); err != nil {
			return err
		}
		p.Notes = append(p.Notes, n)
		placeNote(n, byID[sec.Int64], paras)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, db, `SELECT coalesce(page, 0), kind, message FROM diagnostics WHERE document_id = ? ORDER BY id`, []any{id}, func(rows *sql.Rows) error {
		var d diag
		if err := rows.Scan(&d.Page, &d.Kind, &d.Message); err != nil {
			return err
		}
		p.Diags = append(p.Diags, d)
		placeDiag(d, paras)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, pa := range paras {
		pa.split()
	}
	return p, nil
}

// placeNote puts a note's marker after the first occurrence of its anchor
// (the words the marker was printed after), looking first in the note's own
// section, then in the whole text. A note without an anchor, or whose anchor
// is not found, is listed with the notes only.
func placeNote(n *note, sec *section, all []*para) {
	if n.Anchor == "" {
		return
	}
	try := func(list []*para) bool {
		for _, pa := range list {
			if i := strings.Index(pa.text, n.Anchor); i >= 0 {
				pa.notes = append(pa.notes, placedNote{i + len(n.Anchor), n})
				n.Placed = true
				return true
			}
		}
		return false
	}
	if sec != nil && try(sec.Paras) {
		return
	}
	try(all)
}

// placeDiag shows a diagnostic before the first paragraph read from its
// page or a later one (the paragraphs of PDFs know their page).
func placeDiag(d diag, all []*para) {
	if d.Page == 0 {
		return
	}
	for _, pa := range all {
		if pa.Page >= d.Page {
			pa.Diags = append(pa.Diags, d)
			return
		}
	}
}

// split cuts the paragraph's text into parts at its note markers and takes
// the measure title off the front, unless a marker falls inside it.
func (pa *para) split() {
	text := pa.text
	prev := 0
	// markers in text order; a paragraph rarely has more than a few
	for i := 1; i < len(pa.notes); i++ {
		for j := i; j > 0 && pa.notes[j].at < pa.notes[j-1].at; j-- {
			pa.notes[j], pa.notes[j-1] = pa.notes[j-1], pa.notes[j]
		}
	}
	for _, pn := range pa.notes {
		pa.Parts = append(pa.Parts, textPart{Text: text[prev:pn.at]}, textPart{Note: pn.note})
		prev = pn.at
	}
	pa.Parts = append(pa.Parts, textPart{Text: text[prev:]})
	if pa.Lead != "" {
		if strings.HasPrefix(pa.Parts[0].Text, pa.Lead) {
			pa.Parts[0].Text = pa.Parts[0].Text[len(pa.Lead):]
		} else {
			pa.Lead = ""
		}
	}
}

// loadBoxes reads the 专栏 boxes with their projects and hangs them under
// their sections; a box outside any section goes to loose.
func loadBoxes(ctx context.Context, db *sql.DB, id int64, byID map[int64]*section, loose *[]*box) error {
	boxes := map[int64]*box{}
	err := each(ctx, db, `SELECT id, section_id, coalesce(number, ''), coalesce(title, ''), coalesce(body, '') FROM columns WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		b := &box{}
		var sec sql.NullInt64
		if err := rows.Scan(&b.ID, &sec, &b.Number, &b.Title, &b.Body); err != nil {
			return err
		}
		boxes[b.ID] = b
		if s := byID[sec.Int64]; s != nil {
			s.Boxes = append(s.Boxes, b)
		} else {
			*loose = append(*loose, b)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return each(ctx, db, `SELECT column_id, coalesce(group_name, ''), name FROM projects WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		var col sql.NullInt64
		var group, name string
		if err := rows.Scan(&col, &group, &name); err != nil {
			return err
		}
		b := boxes[col.Int64]
		if b == nil {
			return nil
		}
		if n := len(b.Groups); n == 0 || b.Groups[n-1].Name != group {
			b.Groups = append(b.Groups, projectGroup{Name: group})
		}
		g := &b.Groups[len(b.Groups)-1]
		g.Projects = append(g.Projects, name)
		b.ProjectsCount++
		return nil
	})
}

// loadTables reads the tables with their rows and indicators and hangs them
// under their sections; it returns how many there are and how many value
// cells were not understood.
func loadTables(ctx context.Context, db *sql.DB, id int64, byID map[int64]*section, loose *[]*table) (int, int, error) {
	tables := map[int64]*table{}
	var order []*table
	err := each(ctx, db, `SELECT id, section_id, coalesce(label, ''), coalesce(title, ''), notes FROM tables WHERE document_id = ? ORDER BY ord`, []any{id}, func(rows *sql.Rows) error {
		t := &table{DocID: id}
		var sec sql.NullInt64
		var notes string
		if err := rows.Scan(&t.ID, &sec, &t.Label, &t.Title, &notes); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(notes), &t.Notes); err != nil {
			return fmt.Errorf("table %d: notes: %w", t.ID, err)
		}
		tables[t.ID] = t
		order = append(order, t)
		if s := byID[sec.Int64]; s != nil {
			s.Tables = append(s.Tables, t)
		} else {
			*loose = append(*loose, t)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	cells := map[int64][][]string{}
	err = each(ctx, db, `SELECT r.table_id, r.cells FROM table_rows r JOIN tables t ON t.id = r.table_id WHERE t.document_id = ? ORDER BY r.table_id, r.row_no`, []any{id}, func(rows *sql.Rows) error {
		var tid int64
		var raw string
		if err := rows.Scan(&tid, &raw); err != nil {
			return err
		}
		var row []string
		if err := json.Unmarshal([]byte(raw), &row); err != nil {
			return fmt.Errorf("table %d: cells: %w", tid, err)
		}
		cells[tid] = append(cells[tid], row)
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	for _, t := range order {
		t.Grid = layoutGrid(cells[t.ID])
	}
	inds, err := loadIndicators(ctx, db, `i.document_id = ?`, id)
	if err != nil {
		return 0, 0, err
	}
	unparsed := 0
	for _, in := range inds {
		if t := tables[in.TableID]; t != nil {
			t.Indicators = append(t.Indicators, in)
		}
		for _, v := range in.Values {
			if v.Doubt() {
				unparsed++
			}
		}
	}
	return len(order), unparsed, nil
}

// each runs a query and calls f for every row.
func each(ctx context.Context, db *sql.DB, q string, args []any, f func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
