package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Four ingest processes over overlapping lists of files on one new
// database: the schema is created once, every process ends without a
// failure, and every document is stored exactly once and complete.
func TestConcurrentIngests(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four ingest processes")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	seeds := []string{"../../corpus/jiangmen-public-services-14th-fyp.txt", "../../corpus/guangzhou-population-public-services-14th-fyp.txt"}
	const n = 24
	var files []string
	for i := 0; i < n; i++ {
		data, err := os.ReadFile(seeds[i%2])
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, []byte(fmt.Sprintf("\n附：第%d份\n", i))...) // different bytes, same plan
		p := filepath.Join(in, fmt.Sprintf("doc%02d.txt", i))
		os.WriteFile(p, data, 0o644)
		files = append(files, p)
	}
	clean := filepath.Join(dir, "clean.db")
	if code, _, errs := runCmd(t, "ingest", "--no-index", "--db", clean, in); code != exitOK {
		t.Fatal(errs)
	}
	want := docCounts(t, clean)

	shared := filepath.Join(dir, "shared.db")
	lists := make([][]string, 4)
	for p := range lists {
		// process p takes 12 files starting at 6p: every file is in two lists
		args := []string{"ingest", "--no-index", "--jobs", "1", "--db", shared}
		for i := 0; i < n/2; i++ {
			args = append(args, files[(6*p+i)%n])
		}
		lists[p] = args
	}
	outs, errs := runAtOnce(lists)
	ingested := 0
	for p := range outs {
		out := outs[p].String()
		if errs[p] != nil || strings.Contains(out, "failed:") {
			t.Errorf("process %d: %v\n%s", p, errs[p], out)
		}
		var a, b, c, d int
		last := strings.TrimSpace(out)
		last = last[strings.LastIndex(last, "\n")+1:]
		fmt.Sscanf(last, "%d ingested, %d unchanged, %d replaced, %d failed", &a, &b, &c, &d)
		ingested += a
	}
	if ingested != n {
		t.Errorf("the processes say they ingested %d documents, want %d", ingested, n)
	}
	got := docCounts(t, shared)
	if len(got) != len(want) {
		t.Errorf("%d documents stored, want %d", len(got), len(want))
	}
	for sha, c := range want {
		if got[sha] != c {
			t.Errorf("%s: %q, want %q", sha[:8], got[sha], c)
		}
	}
}

// runAtOnce runs planx (this test binary) once per argument list, all at
// the same time, and returns each process's output and error.
func runAtOnce(lists [][]string) ([]bytes.Buffer, []error) {
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, len(lists))
	errs := make([]error, len(lists))
	for p, args := range lists {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "PLANX_MAIN=1")
		cmd.Stdout, cmd.Stderr = &outs[p], &outs[p]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[p] = cmd.Run()
		}()
	}
	wg.Wait()
	return outs, errs
}
