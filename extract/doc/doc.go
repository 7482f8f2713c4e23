// Package doc defines the document tree that extraction produces and storage
// writes: metadata, the outline, paragraphs, measures, tables with their
// indicators, 专栏 boxes with their projects, notes and diagnostics.
// Sections are referred to by their index in Document.Sections; -1 means
// "no section".
package doc

// Document is one extracted plan.
type Document struct {
	Source   string // file name as given
	Format   string // text, html, pdf, docx
	Encoding string
	Pages    int
	Meta     Meta

	Sections    []Section
	Paragraphs  []Paragraph
	Measures    []Measure
	Tables      []Table
	Boxes       []Box
	Notes       []Note
	Diagnostics []Diagnostic
}

// Meta is what the document says about itself. Empty strings and zero years
// mean the document does not say.
type Meta struct {
	Title       string
	Region      string
	Issuer      string
	DocNumber   string
	IssuedDate  string // YYYY-MM-DD
	PeriodStart int
	PeriodEnd   int
}

// Section is one heading of the outline.
type Section struct {
	Parent int // index of the parent section, -1 for top level
	Level  int // depth in the heading tree, 1 = top level
	Number int // the heading's own ordinal
	Label  string
	Title  string
	Kind   string // label kind: chapter, section, han, …
}

// Paragraph is body text under a section.
type Paragraph struct {
	Section int
	Text    string
	Page    int
}

// Measure is a titled unit of plan text.
type Measure struct {
	Section int
	Title   string
	Text    string
}

// Table is a table with its logical rows; Rows[0] is the header.
type Table struct {
	Section    int
	Label      string
	Title      string
	Notes      []string
	Rows       [][]string
	Indicators []Indicator
}

// Indicator is one row of an indicator table.
type Indicator struct {
	Seq       int // 0 when the table has no 序号
	HasSeq    bool
	Category  string
	Name      string
	Unit      string
	Attribute string
	Values    []Value
}

// Value is one value cell of an indicator.
type Value struct {
	Column string // the column header as printed
	Year   int    // 0 when the header names no year
	Raw    string
	Parsed Parsed
}

// Parsed is the numeric reading of a value cell.
type Parsed struct {
	Op         string // "", "=", ">=", ">", "<=", "<", "~", "range"
	Value      *float64
	ValueMax   *float64
	Cumulative bool
	Qualifier  string
	Role       string // baseline, target, midterm, actual
}

// Box is a 专栏 box (the SQL table is named columns).
type Box struct {
	Section  int
	Number   int
	Title    string
	Body     string
	Projects []Project
}

// Project is an entry a box lists.
type Project struct {
	Group string
	Name  string
}

// Note is a footnote or glossary entry.
type Note struct {
	Number     int
	Term       string
	Anchor     string
	Definition string
	Section    int
}

// Diagnostic says what could not be read and why.
type Diagnostic struct {
	Page    int
	Kind    string
	Message string
}
