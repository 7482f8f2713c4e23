package extract_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planx/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current program")

// TestGolden holds what each stage makes of every corpus document — the
// reader's blocks and the parsed tree — to the files in testdata/golden,
// so that a change to one rule shows, as a diff, everything it changes on
// real documents. After a deliberate change, run
//
//	go test ./extract -run Golden -update
//
// and review the diff of testdata/golden before committing it.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../corpus/*")
	for _, f := range files {
		name := filepath.Base(f)
		if st, err := os.Stat(f); err != nil || st.IsDir() || strings.HasSuffix(name, ".json") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			l, err := extract.Read(context.Background(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			var blocks bytes.Buffer
			extract.DumpBlocks(&blocks, l)
			d, err := extract.Extract(context.Background(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			var tree bytes.Buffer
			extract.DumpTree(&tree, d)
			for _, g := range []struct {
				ext string
				got []byte
			}{{".blocks", blocks.Bytes()}, {".tree", tree.Bytes()}} {
				path := filepath.Join("testdata", "golden", name+g.ext)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, g.got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./extract -run Golden -update to create it)", err)
				}
				if !bytes.Equal(want, g.got) {
					t.Errorf("%s differs from %s: %s (review, then -update)", name+g.ext, path, firstDiff(want, g.got))
				}
			}
		})
	}
}

// firstDiff describes the first line where two dumps differ.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ": want " + clipLine(w) + ", got " + clipLine(g)
		}
	}
	return "same lines"
}

func clipLine(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return "\"" + string(r[:80]) + "…\""
	}
	return "\"" + s + "\""
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
