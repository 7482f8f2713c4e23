package docx

import "testing"

// FuzzParse feeds arbitrary document.xml to the Word reader's parser.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<w:document ` + ns + `><w:body>` + p(run("第一章")) + `<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>` + p(run("甲")) + `</w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &reader{num: newNumbering(), notes: map[string]int{}}
		r.parse(data)
		r.num.parse(data)
		parseFootnotes(data)
	})
}
