package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"planx/extract"
	"planx/extract/doc"
	"planx/schema"
	"planx/segment"
)

// maxFileSize bounds the size of one input file; larger files are refused
// with an error instead of exhausting memory.
const maxFileSize = 512 << 20

func runIngest(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", "plans.db", "database `file`")
	replace := fset.Bool("replace", false, "re-extract documents that are already stored")
	quiet := fset.Bool("quiet", false, "print only failures and the summary")
	timeout := fset.Duration("timeout", 2*time.Minute, "give up on a document whose extraction takes longer than this")
	noIndex := fset.Bool("no-index", false, "skip the search index and keywords (faster; planx index builds them later)")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx ingest [--db FILE] [--replace] [--quiet] PATH...")
		fmt.Fprintln(stderr, "PATH is a file, a directory (read recursively), a glob, or - for a list of paths on standard input.")
		fset.PrintDefaults()
	}
	paths, err := parseInterspersed(fset, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		fset.Usage()
		return exitUsage
	}
	files, missing := expand(paths, os.Stdin)
	db, err := schema.Open(*dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()

	ctx := context.Background()
	var seg *segment.Segmenter
	if !*noIndex {
		if seg, err = segment.New(); err != nil {
			fmt.Fprintf(stderr, "planx: %v\n", err)
			return exitUsage
		}
	}
	var sum summary
	for _, m := range missing {
		sum.fail(m.path, m.err)
		fmt.Fprintf(stderr, "failed     %s: %v\n", m.path, m.err)
	}
	for _, f := range files {
		start := time.Now()
		res, err := ingestFile(ctx, db, f, *replace, *timeout, seg)
		if err != nil {
			sum.fail(f, err)
			fmt.Fprintf(stderr, "failed     %s: %v\n", f, err)
			continue
		}
		sum.count(res.outcome)
		if !*quiet {
			fmt.Fprintf(stdout, "%-10s %s%s (%.2fs)\n", res.outcome, f, res.describe(), time.Since(start).Seconds())
		}
	}
	sum.print(stdout)
	if len(sum.failures) > 0 {
		return exitFailed
	}
	return exitOK
}

type result struct {
	outcome schema.Outcome
	doc     *doc.Document
}

func (r result) describe() string {
	if r.doc == nil {
		return ""
	}
	d := r.doc
	s := fmt.Sprintf(": %s, %d sections, %d paragraphs, %d measures, %d tables, %d boxes, %d notes",
		d.Format, len(d.Sections), len(d.Paragraphs), len(d.Measures), len(d.Tables), len(d.Columns), len(d.Notes))
	if len(d.Diagnostics) > 0 {
		s += fmt.Sprintf(", %d warnings", len(d.Diagnostics))
	}
	return s
}

// ingestFile reads, extracts and stores one file. Extraction runs under
// recover so that a bug on one odd document is that document's error, not
// the end of the batch.
func ingestFile(ctx context.Context, db *sql.DB, path string, replace bool, timeout time.Duration, seg *segment.Segmenter) (res result, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return res, err
	}
	if info.Size() > maxFileSize {
		return res, fmt.Errorf("file is %d MB, more than the %d MB planx reads", info.Size()>>20, maxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return res, err
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if !replace {
		ok, err := schema.Exists(ctx, db, sha)
		if err != nil {
			return res, err
		}
		if ok {
			return result{outcome: schema.Unchanged}, nil
		}
	}
	d, err := extractWithin(filepath.Base(path), data, timeout)
	if err != nil {
		return res, err
	}
	d.Source = path
	opt := schema.Options{Replace: replace}
	if seg != nil {
		ix := newIndexer(seg, d)
		opt.Index, opt.Keywords = ix, ix
	}
	outcome, _, err := schema.Store(ctx, db, d, sha, int64(len(data)), opt)
	if err != nil {
		return res, err
	}
	return result{outcome: outcome, doc: d}, nil
}

// extractWithin runs the extraction with a time limit, so that one
// pathological document cannot stall a batch. (The abandoned extraction
// finishes in the background; its result is dropped.)
func extractWithin(name string, data []byte, timeout time.Duration) (*doc.Document, error) {
	type outcome struct {
		d   *doc.Document
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		d, err := safeExtract(name, data)
		done <- outcome{d, err}
	}()
	select {
	case o := <-done:
		return o.d, o.err
	case <-time.After(timeout):
		return nil, fmt.Errorf("extraction took longer than %v: gave up", timeout)
	}
}

func safeExtract(name string, data []byte) (d *doc.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal error while extracting (please report): %v", r)
		}
	}()
	return extract.Extract(name, data)
}

type missingPath struct {
	path string
	err  error
}

// expand turns the command's PATH arguments into a sorted list of files:
// directories are walked, globs are matched, "-" reads paths from stdin.
// Paths that name nothing are returned as errors, so that the batch goes on.
func expand(args []string, stdin io.Reader) ([]string, []missingPath) {
	var files []string
	var missing []missingPath
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	var visit func(p string)
	visit = func(p string) {
		info, err := os.Stat(p)
		if err != nil {
			if matches, gerr := filepath.Glob(p); gerr == nil && len(matches) > 0 && matches[0] != p {
				for _, m := range matches {
					visit(m)
				}
				return
			}
			missing = append(missing, missingPath{p, fmt.Errorf("no such file or directory")})
			return
		}
		if !info.IsDir() {
			add(p)
			return
		}
		var found []string
		filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				missing = append(missing, missingPath{q, err})
				return nil
			}
			if e.IsDir() {
				if q != p && strings.HasPrefix(e.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() || !documentName(e.Name()) {
				return nil
			}
			found = append(found, q)
			return nil
		})
		sort.Strings(found)
		for _, q := range found {
			add(q)
		}
	}
	for _, a := range args {
		if a == "-" {
			sc := bufio.NewScanner(stdin)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			for sc.Scan() {
				if l := strings.TrimSpace(sc.Text()); l != "" {
					visit(l)
				}
			}
			continue
		}
		visit(a)
	}
	return files, missing
}

type failure struct {
	path string
	err  error
}

type summary struct {
	counts   map[schema.Outcome]int
	failures []failure
}

func (s *summary) count(o schema.Outcome) {
	if s.counts == nil {
		s.counts = map[schema.Outcome]int{}
	}
	s.counts[o]++
}

func (s *summary) fail(path string, err error) {
	s.failures = append(s.failures, failure{path, err})
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "%d ingested, %d unchanged, %d replaced, %d failed\n",
		s.counts[schema.Inserted], s.counts[schema.Unchanged], s.counts[schema.Replaced], len(s.failures))
	for _, f := range s.failures {
		fmt.Fprintf(w, "  failed: %s: %v\n", f.path, f.err)
	}
}

// documentExts are the file endings a directory walk picks up; a file named
// on the command line is read whatever its name.
var documentExts = map[string]bool{
	"": true, ".txt": true, ".text": true, ".md": true, ".markdown": true, ".htm": true, ".html": true,
	".shtml": true, ".xhtml": true, ".pdf": true, ".docx": true,
}

func documentName(name string) bool {
	return documentExts[strings.ToLower(filepath.Ext(name))]
}
