package pdf

import (
	"bytes"
	"fmt"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"
)

// Limits on what one document or page may make the reader allocate or do.
// A PDF is a program: a few kilobytes can ask for a gigabyte row buffer,
// expand to gigabytes of content, or nest q and form XObjects without end.
// Each limit is far above what a printed plan needs (a page of text is a
// few hundred kilobytes and a few thousand glyphs); what goes over it is
// not read, and an over_limit diagnostic names the limit.
const (
	// maxColumns bounds the /Columns of a Flate or LZW predictor: the
	// decoder allocates a row of that many bytes before it reads any
	// data. A row can also be no longer than the stream can expand to
	// (flateRatio times its length).
	maxColumns = 1 << 20
	flateRatio = 1032 // the most deflate expands its input
	// maxStreamBytes bounds the decoded size of one content stream, and
	// maxPageBytes that of all the content streams a page runs, form
	// XObjects included.
	maxStreamBytes = 64 << 20
	maxPageBytes   = 256 << 20
	// maxOperands bounds the operands before one operator; the
	// interpreter keeps them all on its stack.
	maxOperands = 1 << 16
	// maxGStateDepth bounds the nesting of q (saved graphics states).
	maxGStateDepth = 256
	// maxGlyphs bounds the glyphs kept from one page.
	maxGlyphs = 1 << 17
	// maxFormDepth bounds the nesting of form XObjects, and maxFormCalls
	// the form XObjects one page runs in all (a form that draws itself
	// twice at each of eight levels would run 256 times).
	maxFormDepth = 8
	maxFormCalls = 1 << 12
)

// overLimit is a limit that a page went over, for its diagnostic.
type overLimit struct {
	name   string // the constant
	detail string
}

// checkStream refuses a stream whose decoding parameters would make the
// decoder allocate more than the stream can hold: a predictor row of
// /Columns bytes (times /Colors and /BitsPerComponent) that is not
// positive, over maxColumns, or longer than the stream decodes to.
func checkStream(v lpdf.Value) error {
	params := v.Key("DecodeParms")
	var list []lpdf.Value
	if params.Kind() == lpdf.Array {
		for i := 0; i < params.Len() && i < 16; i++ {
			list = append(list, params.Index(i))
		}
	} else {
		list = append(list, params)
	}
	length := v.Key("Length").Int64()
	for _, p := range list {
		if p.Kind() != lpdf.Dict || p.Key("Predictor").Int64() < 2 {
			continue
		}
		cols := int64(1)
		if c := p.Key("Columns"); c.Kind() != lpdf.Null {
			cols = c.Int64()
		}
		colors, bpc := int64(1), int64(8)
		if c := p.Key("Colors"); c.Kind() != lpdf.Null {
			colors = c.Int64()
		}
		if b := p.Key("BitsPerComponent"); b.Kind() != lpdf.Null {
			bpc = b.Int64()
		}
		if cols < 1 || colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || cols > maxColumns {
			return fmt.Errorf("a stream's predictor has /Columns %d (/Colors %d, /BitsPerComponent %d), outside the limit maxColumns = %d", cols, colors, bpc, maxColumns)
		}
		if row := (cols*colors*bpc + 7) / 8; row > flateRatio*(length+1) {
			return fmt.Errorf("a stream of %d bytes has predictor rows of %d bytes, more than it can decode to", length, row)
		}
	}
	return nil
}

// checkColumns looks at every /Columns written in the file's bytes, as
// the library's own reading of cross-reference streams meets them before
// planx can look: a value over maxColumns refuses the file.
func checkColumns(data []byte) error {
	key := []byte("/Columns")
	for i := 0; ; {
		j := bytes.Index(data[i:], key)
		if j < 0 {
			return nil
		}
		i += j + len(key)
		k := i
		for k < len(data) && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' || data[k] == '\t') {
			k++
		}
		start := k
		for k < len(data) && k-start < 20 && (data[k] >= '0' && data[k] <= '9' || data[k] == '-') {
			k++
		}
		if n, err := strconv.ParseInt(string(data[start:k]), 10, 64); err == nil && (n > maxColumns || n < 0) {
			return fmt.Errorf("a predictor /Columns %d is outside the limit maxColumns = %d", n, maxColumns)
		}
	}
}

// scanStream decodes a content stream (or array of them) once, in chunks,
// without keeping it, and reports its decoded size and whether it may be
// interpreted: it must end outside any hex string (the library's lexer
// would wait for the end of one forever), stay within budget bytes, and
// give no operator more than maxOperands operands.
func scanStream(strm lpdf.Value, budget int64) (size int64, over *overLimit, cut bool) {
	var sc hexScanner
	read := func(v lpdf.Value) {
		if over != nil {
			return
		}
		if err := checkStream(v); err != nil {
			over = &overLimit{"maxColumns", err.Error()}
			return
		}
		var buf [32 << 10]byte
		r := v.Reader()
		defer r.Close()
		var n0 int64
		for {
			n, err := r.Read(buf[:])
			sc.scan(buf[:n])
			size += int64(n)
			n0 += int64(n)
			switch {
			case n0 > maxStreamBytes:
				over = &overLimit{"maxStreamBytes", fmt.Sprintf("a content stream decodes to more than %d MiB", maxStreamBytes>>20)}
			case size > budget:
				over = &overLimit{"maxPageBytes", fmt.Sprintf("the page's content streams decode to more than %d MiB", maxPageBytes>>20)}
			case sc.most > maxOperands:
				over = &overLimit{"maxOperands", fmt.Sprintf("a content stream gives an operator more than %d operands", maxOperands)}
			}
			if over != nil || err != nil || n == 0 {
				return
			}
		}
	}
	if strm.Kind() == lpdf.Array {
		for i := 0; i < strm.Len(); i++ {
			read(strm.Index(i))
		}
	} else {
		read(strm)
	}
	return size, over, cut || sc.state == inHex || sc.state == afterLT
}
