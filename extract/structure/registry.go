package structure

import (
	"sort"
	"strings"

	"planx/extract/block"
	"planx/extract/label"
)

// A blockParser reads one kind of block run into the section tree (after
// goldmark's parser.BlockParser). Its trigger looks at one block only and
// says whether the kind can start there; parse reads from that block on
// and returns how many blocks it took, or 0 where a closer look shows the
// run is not of its kind after all, leaving the block to the parsers of
// lower priority. A parse that returns 0 changes nothing.
type blockParser struct {
	name    string
	trigger func(in input) bool
	parse   func(p *parser, in input) int
}

// input is where a block parser reads: the document's blocks, read-only,
// and the position of the block it is given, with that block's trimmed
// text and label worked out once.
type input struct {
	blocks []block.Block
	at     int
	text   string      // blocks[at].Text without the space around it
	label  label.Label // the label that text starts with
}

func newInput(blocks []block.Block, at int) input {
	t := strings.TrimSpace(blocks[at].Text)
	return input{blocks: blocks, at: at, text: t, label: label.Parse(t)}
}

// block is the block to read.
func (in input) block() block.Block { return in.blocks[in.at] }

// rest is the blocks from the one to read to the end of the document.
func (in input) rest() []block.Block { return in.blocks[in.at:] }

// prev is the block before the one to read.
func (in input) prev() (block.Block, bool) {
	if in.at == 0 {
		return block.Block{}, false
	}
	return in.blocks[in.at-1], true
}

// registry lists the block parsers with their priorities: a block goes to
// the parser of the lowest number that takes it. The order is the
// precedence of the kinds: what the reader marked (a page-foot note, box
// text, a table line) comes before what the text says, a table of contents
// before everything it looks like, labels of tables, boxes and annexes
// before the headings they could be read as, and a paragraph last.
var registry = byPriority([]prioritized{
	{10, footnoteParser},       // note.go: a page-foot note the reader marked
	{20, boxParser},            // box.go: text the reader marked as inside a 专栏 frame
	{30, looseTableParser},     // table.go: table lines no 表 label introduced
	{40, tocParser},            // toc.go: a table of contents (目录)
	{50, tableLabelParser},     // table.go: 表1 and the table under it
	{60, boxLabelParser},       // box.go: 专栏1 in text that does not mark boxes
	{70, attachmentListParser}, // annex.go: 附件：1.… 2.… listing the annexes
	{80, annexParser},          // annex.go: 附件2 and its title
	{90, noteListParser},       // note.go: 注：① … ② … under a figure or table
	{95, endnoteParser},        // note.go: ¹ and a note after the text, its marker in the body
	{100, headerRunParser},     // table.go: a table printed one cell per line
	{110, rowParser},           // table.go: a row of cells: a table, or a paragraph
	{120, bareLabelsParser},    // heading.go: 第一章 / 总体要求 on two lines
	{130, headingParser},       // heading.go: a heading of the outline
	{1000, paragraphParser},    // paragraph.go: any other block
})

// prioritized is a block parser with its priority.
type prioritized struct {
	priority int
	blockParser
}

func byPriority(ps []prioritized) []blockParser {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].priority < ps[j].priority })
	out := make([]blockParser, len(ps))
	for i, p := range ps {
		out[i] = p.blockParser
	}
	return out
}

// anyBlock is the trigger of a parser that is asked about every block.
func anyBlock(input) bool { return true }
