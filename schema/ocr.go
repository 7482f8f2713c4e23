package schema

// ocrMigration adds the provenance of what planx read from images (OCR of
// 专栏 boxes and indicator tables that a PDF prints as pictures): one row
// per image read, with the engine, its version and a confidence, and one
// row per line of a box or cell of a table, with its confidence, the repair
// made to it and whether it needs review. The boxes, tables and indicators
// themselves are stored as any others; these tables say which came from an
// image and how sure the reading is.
//
// The document tree carries a region read by OCR as a diagnostic of kind
// ocr whose message is a readable first line followed by the region as
// JSON (extract/ocr.Region). A trigger files it here when the diagnostic
// is stored, in the document's own transaction, and keeps the readable
// line as the diagnostic's message; deleting the document deletes its
// regions. (So storing needs no code of its own; a document tree with a
// field for provenance would make the trigger unnecessary.)
const ocrMigration = `
CREATE TABLE ocr_regions (
	id           INTEGER PRIMARY KEY,
	document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	page         INTEGER,
	kind         TEXT NOT NULL,           -- box or table
	label        TEXT,                    -- the box's label: 专栏3
	title        TEXT,
	source       TEXT NOT NULL DEFAULT 'image',
	engine       TEXT NOT NULL,           -- tesseract
	version      TEXT,
	dpi          REAL,                    -- the image's effective resolution
	confidence   REAL,                    -- mean over its lines or cells, 0–1
	needs_review INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ocr_regions_document ON ocr_regions(document_id);
CREATE TABLE ocr_lines (
	id           INTEGER PRIMARY KEY,
	region_id    INTEGER NOT NULL REFERENCES ocr_regions(id) ON DELETE CASCADE,
	row_no       INTEGER NOT NULL,        -- line of a box; row of a table (0 = header)
	col_no       INTEGER NOT NULL,        -- column of a table; 0 in a box
	text         TEXT NOT NULL,
	confidence   REAL,
	needs_review INTEGER NOT NULL DEFAULT 0,
	repair       TEXT                     -- what was changed and why, NULL if nothing
);
CREATE INDEX ocr_lines_region ON ocr_lines(region_id);
CREATE TRIGGER ocr_provenance AFTER INSERT ON diagnostics
WHEN NEW.kind = 'ocr' AND instr(NEW.message, char(10)) > 0
	AND json_valid(substr(NEW.message, instr(NEW.message, char(10)) + 1))
BEGIN
	INSERT INTO ocr_regions (document_id, page, kind, label, title, engine, version, dpi, confidence, needs_review)
	SELECT NEW.document_id, NEW.page, json_extract(j, '$.kind'), json_extract(j, '$.label'), json_extract(j, '$.title'),
		json_extract(j, '$.engine'), json_extract(j, '$.version'), json_extract(j, '$.dpi'),
		json_extract(j, '$.confidence'), json_extract(j, '$.needs_review')
	FROM (SELECT substr(NEW.message, instr(NEW.message, char(10)) + 1) AS j);
	INSERT INTO ocr_lines (region_id, row_no, col_no, text, confidence, needs_review, repair)
	SELECT (SELECT max(id) FROM ocr_regions WHERE document_id = NEW.document_id),
		json_extract(l.value, '$.row'), json_extract(l.value, '$.col'), json_extract(l.value, '$.text'),
		json_extract(l.value, '$.confidence'), json_extract(l.value, '$.needs_review'), json_extract(l.value, '$.repair')
	FROM json_each(substr(NEW.message, instr(NEW.message, char(10)) + 1), '$.lines') AS l;
	UPDATE diagnostics SET message = substr(NEW.message, 1, instr(NEW.message, char(10)) - 1) WHERE id = NEW.id;
END;
-- the boxes and tables read from images, with what needs review
CREATE VIEW ocr_review AS
SELECT d.source, r.page, r.label, r.kind, l.row_no, l.col_no, l.text, l.confidence, l.repair
FROM ocr_lines l JOIN ocr_regions r ON r.id = l.region_id JOIN documents d ON d.id = r.document_id
WHERE l.needs_review;
`
