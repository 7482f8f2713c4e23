package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	objRe     = regexp.MustCompile(`(?:^|[\r\n\s])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	catalogRe = regexp.MustCompile(`/Type\s*/Catalog\b`)
	pageRe    = regexp.MustCompile(`/Type\s*/Page\b`)
	trailerRe = regexp.MustCompile(`/(Root|Info|Encrypt)\s+(\d+\s+\d+\s+R)`)
	idRe      = regexp.MustCompile(`/ID\s*(\[[^\]]*\])`)
)

// rebuildXref repairs a PDF whose cross-reference table is missing or
// wrong (a download cut short, a file edited by hand): it finds every
// "N G obj" in the file, as pdftotext and viewers do, and appends a fresh
// table and trailer. The trailer keeps the last one's /Root, /Info,
// /Encrypt and /ID, else takes the object that says /Type /Catalog. It
// returns nil when no catalog can be found. Objects packed in object
// streams are reachable only through their stream and stay lost where the
// file's own table is.
func rebuildXref(data []byte) []byte {
	type entry struct{ off, gen int }
	offsets := map[int]entry{}
	maxObj := 0
	for _, m := range objRe.FindAllSubmatchIndex(data, -1) {
		n, err1 := strconv.Atoi(string(data[m[2]:m[3]]))
		g, err2 := strconv.Atoi(string(data[m[4]:m[5]]))
		if err1 != nil || err2 != nil {
			continue
		}
		offsets[n] = entry{m[2], g} // a later definition (an incremental update) wins
		maxObj = max(maxObj, n)
	}
	// Object numbers run densely from 1; a huge number among few objects
	// is damage, and a table that long would cost more than the file.
	if len(offsets) == 0 || maxObj > 4*len(offsets)+10_000 {
		return nil
	}
	keys := map[string]string{}
	if i := bytes.LastIndex(data, []byte("trailer")); i >= 0 {
		tail := data[i:min(len(data), i+2048)]
		for _, m := range trailerRe.FindAllSubmatch(tail, -1) {
			keys[string(m[1])] = string(m[2])
		}
		if m := idRe.FindSubmatch(tail); m != nil {
			keys["ID"] = string(m[1])
		}
	}
	// the object defined last before a position
	type placed struct{ off, n int }
	var order []placed
	for n, e := range offsets {
		order = append(order, placed{e.off, n})
	}
	sort.Slice(order, func(i, j int) bool { return order[i].off < order[j].off })
	objectAt := func(pos int) int {
		i := sort.Search(len(order), func(i int) bool { return order[i].off >= pos })
		if i == 0 {
			return -1
		}
		return order[i-1].n
	}
	var extra bytes.Buffer // objects made up for a file cut before its catalog
	if keys["Root"] == "" {
		if loc := catalogRe.FindIndex(data); loc != nil {
			if n := objectAt(loc[0]); n >= 0 {
				keys["Root"] = fmt.Sprintf("%d %d R", n, offsets[n].gen)
			}
		}
	}
	if keys["Root"] == "" {
		// a download cut short loses the catalog and page tree that many
		// writers put last: a new tree lists the pages that survive
		var kids []string
		seen := map[int]bool{}
		for _, loc := range pageRe.FindAllIndex(data, -1) {
			if n := objectAt(loc[0]); n >= 0 && !seen[n] {
				seen[n] = true
				kids = append(kids, fmt.Sprintf("%d %d R", n, offsets[n].gen))
			}
		}
		if len(kids) == 0 {
			return nil
		}
		cat, pages := maxObj+1, maxObj+2
		maxObj += 2
		offsets[cat] = entry{len(data) + 1, 0}
		fmt.Fprintf(&extra, "%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", cat, pages)
		offsets[pages] = entry{len(data) + 1 + extra.Len(), 0}
		fmt.Fprintf(&extra, "%d 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", pages, strings.Join(kids, " "), len(kids))
		keys["Root"] = fmt.Sprintf("%d 0 R", cat)
	}
	var b bytes.Buffer
	b.Grow(len(data) + extra.Len() + 20*(maxObj+1) + 256)
	b.Write(data)
	b.WriteString("\n")
	b.Write(extra.Bytes())
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxObj+1)
	for n := 1; n <= maxObj; n++ {
		if e, ok := offsets[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s", maxObj+1, keys["Root"])
	for _, k := range []string{"Info", "Encrypt"} {
		if keys[k] != "" {
			fmt.Fprintf(&b, " /%s %s", k, keys[k])
		}
	}
	if keys["ID"] != "" {
		fmt.Fprintf(&b, " /ID %s", keys["ID"])
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", start)
	return b.Bytes()
}
