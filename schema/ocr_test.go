package schema

import (
	"context"
	"path/filepath"
	"testing"

	"planx/extract/doc"
)

// A region read by OCR reaches the store as a diagnostic of kind ocr (a
// readable line, then the region as JSON, as extract/ocr writes it); the
// trigger files it into ocr_regions and ocr_lines and keeps the readable
// line. The region is 专栏1 of the State Council plan, two of its cells.
func TestOCRProvenance(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "ocr.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	msg := "专栏1 table read by OCR (tesseract 5.3.0, 113 dpi): 2 cells, confidence 0.78, 1 to review\n" +
		`{"page":3,"kind":"table","label":"专栏1","title":"“十四五”时期文物事业发展主要指标","engine":"tesseract","version":"5.3.0",` +
		`"dpi":112.55,"confidence":0.78,"needs_review":true,"lines":[` +
		`{"row":1,"col":0,"text":"资源管理","confidence":0.91,"needs_review":false},` +
		`{"row":8,"col":1,"text":"文物科技研发投入年均增长率（％）","confidence":0.65,"needs_review":true,"repair":"read as 文物科技研发投入年均增长率（狼）; the unit of a rate is ％"}]}`
	d := &doc.Document{Source: "state-council.pdf", Format: "pdf", Pages: 17,
		Diagnostics: []doc.Diagnostic{{Page: 3, Kind: "image_only", Message: "an image covers 45% of page 3"}, {Page: 3, Kind: "ocr", Message: msg}}}
	ctx := context.Background()
	for _, replace := range []bool{false, true} {
		if _, _, err := Store(ctx, db, d, "ab12", 100, Options{Replace: replace}); err != nil {
			t.Fatal(err)
		}
	}
	var n, review int
	var label, engine string
	var conf float64
	if err := db.QueryRow(`SELECT count(*), max(label), max(engine), max(confidence), max(needs_review) FROM ocr_regions`).Scan(&n, &label, &engine, &conf, &review); err != nil {
		t.Fatal(err)
	}
	if n != 1 || label != "专栏1" || engine != "tesseract" || conf != 0.78 || review != 1 {
		t.Errorf("ocr_regions: %d rows, %s %s %v %d; want one, 专栏1 tesseract 0.78 1 (a replaced document's rows go)", n, label, engine, conf, review)
	}
	var text, repair string
	if err := db.QueryRow(`SELECT count(*), text, repair FROM ocr_review`).Scan(&n, &text, &repair); err != nil {
		t.Fatal(err)
	}
	if n != 1 || text != "文物科技研发投入年均增长率（％）" || repair == "" {
		t.Errorf("ocr_review: %d rows, %q (%q); want the repaired cell", n, text, repair)
	}
	var m string
	if err := db.QueryRow(`SELECT message FROM diagnostics WHERE kind = 'ocr'`).Scan(&m); err != nil {
		t.Fatal(err)
	}
	if m != "专栏1 table read by OCR (tesseract 5.3.0, 113 dpi): 2 cells, confidence 0.78, 1 to review" {
		t.Errorf("the diagnostic keeps %q, want its readable line only", m)
	}
	if _, err := db.Exec(`DELETE FROM documents`); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM ocr_regions) + (SELECT count(*) FROM ocr_lines)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d OCR rows left after the document was deleted (%v)", n, err)
	}
}
