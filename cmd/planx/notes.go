package main

import "io"

// runNotes finds a term across the footnotes and 名词解释 glossaries of all
// plans: the entries whose term or definition mention it.
func runNotes(args []string, stdout, stderr io.Writer) int {
	c := newCmd("notes", "Usage: planx notes [--db FILE] [--format table|csv|json|jsonl] TERM\n"+
		"Finds a defined term in every plan's notes and glossary (名词解释); entries whose term matches come first.", true, stdout, stderr)
	pos, db, ok := c.start(args, 1, 1)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	return c.query(db, `SELECT d.id AS doc, `+docName+` AS document, n.number, n.term, n.anchor, n.definition
		FROM notes n JOIN documents d ON d.id = n.document_id
		WHERE n.term LIKE '%' || ?1 || '%' OR n.anchor LIKE '%' || ?1 || '%' OR n.definition LIKE '%' || ?1 || '%'
		ORDER BY CASE WHEN n.term LIKE '%' || ?1 || '%' OR n.anchor LIKE '%' || ?1 || '%' THEN 0 ELSE 1 END, d.id, n.ord`, pos[0])
}
