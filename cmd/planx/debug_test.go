package main

import (
	"strings"
	"testing"
)

// planx debug shows each stage on a real document: the reader's blocks
// and the parsed outline (the headings of corpus/gold's key for it).
func TestDebug(t *testing.T) {
	src := "../../corpus/shanghai-beidou-industry-3yr-action-plan-2021-2023.md"
	code, out, errs := runCmd(t, "debug", "blocks", src)
	if code != exitOK || !strings.Contains(out, "# format text") || !strings.Contains(out, "一、总体思路") {
		t.Fatalf("debug blocks: code %d, err %q, out starts %q", code, errs, clip(out, 200))
	}
	code, out, _ = runCmd(t, "debug", "tree", src)
	for _, want := range []string{"title: 上海市北斗产业高质量发展三年行动计划（2021-2023年）", "L1 #1 一、 总体思路", "L3 #4 4. 优化北斗时空智能云平台"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("debug tree: code %d, no %q", code, want)
		}
	}
	if code, _, _ := runCmd(t, "debug", "nonsense", src); code != exitUsage {
		t.Errorf("debug nonsense: code %d, want %d", code, exitUsage)
	}
	if code, _, errs := runCmd(t, "debug", "tree", "no-such-file.txt"); code != exitFailed || !strings.Contains(errs, "no-such-file.txt") {
		t.Errorf("debug of a missing file: code %d, err %q", code, errs)
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// The ingest summary counts the documents with doubts and names them; a
// document read whole gets none.
func TestIngestSummaryDoubts(t *testing.T) {
	db := t.TempDir() + "/p.db"
	code, out, errs := runCmd(t, "ingest", "--no-index", "--db", db,
		"../../corpus/anhui-industrial-internet-action-plan-2021-2023-pkulaw.txt", "../../corpus/jiangmen-public-services-14th-fyp.txt")
	if code != exitOK {
		t.Fatalf("ingest: code %d, err %q", code, errs)
	}
	all := out + errs
	if !strings.Contains(all, "1 documents with doubts") || !strings.Contains(all, "anhui-industrial-internet-action-plan-2021-2023-pkulaw.txt: doubt_wrapper") {
		t.Errorf("summary does not report the doubt:\n%s", all)
	}
	if strings.Contains(all, "jiangmen-public-services-14th-fyp.txt: doubt") {
		t.Errorf("a doubt on a document read whole:\n%s", all)
	}
}

// planx index --format json lists the documents it indexed, as numbers;
// a second run has nothing left to index.
func TestIndexJSON(t *testing.T) {
	db := t.TempDir() + "/p.db"
	if code, _, errs := runCmd(t, "ingest", "--quiet", "--no-index", "--db", db, "../../corpus/jiangmen-public-services-14th-fyp.txt"); code != exitOK {
		t.Fatal(errs)
	}
	if code, out, errs := runCmd(t, "index", "--db", db, "--format", "json"); code != exitOK || strings.TrimSpace(out) != `{"indexed":[1]}` {
		t.Errorf("index: code %d, out %q, err %q", code, out, errs)
	}
	if code, out, _ := runCmd(t, "index", "--db", db, "--format", "json"); code != exitOK || strings.TrimSpace(out) != `{"indexed":[]}` {
		t.Errorf("second index: code %d, out %q", code, out)
	}
	if code, _, _ := runCmd(t, "index", "--db", db, "--format", "yaml"); code != exitUsage {
		t.Errorf("an unknown format: code %d", code)
	}
}
