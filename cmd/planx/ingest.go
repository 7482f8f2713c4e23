package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"planx/extract"
	"planx/extract/doc"
	"planx/schema"
)

// memoryLimit is the soft limit the garbage collector keeps the heap under
// during a batch.
const memoryLimit = 280 << 20

// maxFileSize bounds the size of one input file; larger files are refused
// with an error instead of exhausting memory.
const maxFileSize = 512 << 20

// ingestOptions are the flags of planx ingest.
type ingestOptions struct {
	db       string
	replace  bool
	quiet    bool
	json     bool
	noIndex  bool
	jobs     int
	timeout  time.Duration
	progress bool
	stats    bool
}

func runIngest(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var o ingestOptions
	fset.StringVar(&o.db, "db", "plans.db", "database `file`")
	fset.BoolVar(&o.replace, "replace", false, "re-extract documents that are already stored")
	fset.BoolVar(&o.quiet, "quiet", false, "print only failures and the summary")
	fset.BoolVar(&o.json, "json", false, "print one JSON line per document (file, sha256, status, seconds, counts, warnings)")
	fset.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up on a document whose extraction takes longer than this")
	fset.BoolVar(&o.noIndex, "no-index", false, "skip the search index and keywords (faster; planx index builds them later)")
	fset.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "documents read and extracted at once")
	fset.BoolVar(&o.stats, "stats", false, "print throughput, time per stage and peak memory at the end")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: planx ingest [--db FILE] [--jobs N] [--replace] [--no-index] [--quiet|--json] PATH...")
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
	if o.jobs < 1 {
		o.jobs = 1
	}
	files, missing := expand(paths, os.Stdin)
	db, err := schema.Open(o.db)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	// lookups of stored hashes go through their own read-only connections,
	// so workers never wait for the writer
	ro, err := schema.OpenReadOnly(o.db)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer ro.Close()
	var seg *segLoader
	if !o.noIndex {
		// the dictionary is loaded by the first document that needs it;
		// loading leaves garbage behind: return it, so the batch stays
		// flat whatever its size
		seg = &segLoader{loaded: debug.FreeOSMemory}
		if _, err := schema.ResetStale(context.Background(), db); err != nil {
			fmt.Fprintf(stderr, "planx: %v\n", err)
			return exitUsage
		}
	}
	debug.SetMemoryLimit(memoryLimit)
	if f, ok := stderr.(*os.File); ok && !o.quiet && !o.json && term.IsTerminal(int(f.Fd())) {
		o.progress = true
	}

	// SIGINT and SIGTERM: finish the documents under way, store them, print
	// the summary and stop.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	b := &batch{o: o, db: db, ro: ro, seg: seg, stdout: stdout, stderr: stderr, total: len(files)}
	for _, m := range missing {
		b.sum.fail(m.path, m.err)
		b.report(m.path, "", result{}, m.err, 0)
	}
	b.run(ctx, files)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "planx: interrupted; the documents stored so far are complete, run the same command again to go on")
	}
	if !o.json {
		b.sum.print(stdout)
	}
	if o.stats {
		b.printStats(stdout)
	}
	if len(b.sum.failures) > 0 {
		return exitFailed
	}
	return exitOK
}

// batch runs one ingest: workers read, hash and extract files; one writer
// stores each document in its own transaction.
type batch struct {
	o              ingestOptions
	db, ro         *sql.DB
	seg            *segLoader // nil with --no-index
	stdout, stderr io.Writer
	total          int

	mu    sync.Mutex // guards sum and output
	sum   summary
	bar   *progressbar.ProgressBar
	done  int
	start time.Time

	// time spent per stage, summed over documents (and workers)
	tRead, tExtract, tSegment, tStore time.Duration
	bytes                             int64
	pages                             int
}

// work is one file on its way through the batch.
type work struct {
	path    string
	size    int64
	sha     string
	doc     *doc.Document
	ix      *indexer
	err     error
	skip    bool  // stored already
	reindex int64 // stored already without an index: index this document
	started time.Time
	// time spent reading and hashing, extracting, cutting for the index
	tRead, tExtract, tSegment time.Duration
}

func (b *batch) run(ctx context.Context, files []string) {
	b.start = time.Now()
	var totalBytes int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			totalBytes += info.Size()
		}
	}
	if b.o.progress {
		b.bar = progressbar.NewOptions64(totalBytes,
			progressbar.OptionSetWriter(b.stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionClearOnFinish())
	}
	jobs := make(chan string, b.o.jobs)
	results := make(chan *work, b.o.jobs)
	var wg sync.WaitGroup
	for i := 0; i < b.o.jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				results <- b.prepare(path)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case <-ctx.Done():
				return
			case jobs <- f:
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	b.write(results)
	if b.bar != nil {
		b.bar.Finish()
	}
}

// prepare reads, hashes and extracts one file and cuts its text for the
// search index; it runs in a worker.
func (b *batch) prepare(path string) *work {
	w := &work{path: path, started: time.Now()}
	info, err := os.Stat(path)
	if err != nil {
		w.err = err
		return w
	}
	w.size = info.Size()
	if !info.Mode().IsRegular() {
		w.err = fmt.Errorf("not a regular file")
		return w
	}
	if info.Size() > maxFileSize {
		w.err = fmt.Errorf("file is %d MB, more than the %d MB planx reads", info.Size()>>20, maxFileSize>>20)
		return w
	}
	data, err := os.ReadFile(path)
	if err != nil {
		w.err = err
		return w
	}
	sum := sha256.Sum256(data)
	w.sha = hex.EncodeToString(sum[:])
	w.tRead = time.Since(w.started)
	if !b.o.replace {
		id, indexed, err := schema.IsIndexed(context.Background(), b.ro, w.sha)
		if err != nil {
			w.err = err
			return w
		}
		if id != 0 {
			w.skip = true
			if b.seg != nil && !indexed {
				w.reindex = id
				t := time.Now()
				if seg, err := b.seg.get(); err != nil {
					w.err = err
				} else {
					w.ix, w.err = storedIndexer(context.Background(), b.ro, seg, id)
				}
				w.tSegment = time.Since(t)
			}
			return w
		}
	}
	t := time.Now()
	d, err := extractWithin(filepath.Base(path), data, b.o.timeout)
	w.tExtract = time.Since(t)
	if err != nil {
		w.err = err
		return w
	}
	d.Source = path
	w.doc = d
	if b.seg != nil {
		t = time.Now()
		seg, err := b.seg.get()
		if err != nil {
			w.err = err
			return w
		}
		w.ix = newIndexer(seg, d)
		w.ix.prepare(documentTexts(d))
		w.tSegment = time.Since(t)
	}
	return w
}

// Documents are committed in batches of at most batchDocs documents or
// batchTime, whichever comes first (see schema.Batch): each document whole,
// and reported once committed.
const (
	batchDocs = 32
	batchTime = time.Second
)

// written is a document the writer has written, not yet reported.
type written struct {
	w       *work
	res     result
	err     error
	seconds float64
}

// write stores the documents the workers prepare, in batches; it is the
// single writer.
func (b *batch) write(results <-chan *work) {
	var tx *schema.Batch
	var began time.Time
	var pending []written
	flush := func() {
		if tx != nil {
			t := time.Now()
			err := tx.Commit()
			b.tStore += time.Since(t)
			tx = nil
			if err != nil {
				for i := range pending {
					if pending[i].err == nil && pending[i].res.doc != nil {
						pending[i].res, pending[i].err = result{}, err
					}
				}
			}
		}
		for _, p := range pending {
			b.finish(p)
		}
		pending = pending[:0]
	}
	for {
		var w *work
		ok := true
		if tx != nil {
			select {
			case w, ok = <-results:
			case <-time.After(time.Until(began.Add(batchTime))):
				flush()
				continue
			}
		} else {
			w, ok = <-results
		}
		if !ok {
			break
		}
		if tx == nil && w.err == nil && (w.reindex != 0 || !w.skip) {
			var err error
			if tx, err = schema.BeginBatch(context.Background(), b.db); err != nil {
				w.err = err
			}
			began = time.Now()
		}
		p := b.store(tx, w)
		if p.err != nil && tx != nil {
			// SQLite may have rolled the whole transaction back (a full
			// disk): store the batch's documents again, each alone, so
			// that one document's failure costs no other
			tx.Rollback()
			tx = nil
			for i, q := range pending {
				if q.err == nil && q.res.doc != nil {
					pending[i] = b.storeAlone(q.w)
				}
			}
		}
		pending = append(pending, p)
		if tx == nil || tx.Len >= batchDocs || time.Since(began) >= batchTime {
			flush()
		}
	}
	flush()
}

// storeAlone stores one document in a transaction of its own.
func (b *batch) storeAlone(w *work) written {
	tx, err := schema.BeginBatch(context.Background(), b.db)
	if err != nil {
		return written{w, result{}, err, time.Since(w.started).Seconds()}
	}
	p := b.store(tx, w)
	if p.err != nil {
		tx.Rollback()
		return p
	}
	if err := tx.Commit(); err != nil {
		return written{w, result{}, err, p.seconds}
	}
	return p
}

// store writes one document in tx.
func (b *batch) store(tx *schema.Batch, w *work) written {
	res := result{outcome: schema.Unchanged}
	err := w.err
	if err == nil && w.reindex != 0 {
		t := time.Now()
		err = tx.Reindex(w.reindex, w.ix, w.ix)
		b.tStore += time.Since(t)
	}
	if err == nil && !w.skip {
		opt := schema.Options{Replace: b.o.replace}
		if w.ix != nil {
			opt.Index, opt.Keywords = w.ix, w.ix
		}
		var outcome schema.Outcome
		t := time.Now()
		outcome, _, err = tx.Store(w.doc, w.sha, w.size, opt)
		b.tStore += time.Since(t)
		res = result{outcome: outcome, doc: w.doc}
	}
	return written{w, res, err, time.Since(w.started).Seconds()}
}

// finish counts and reports a document once it is committed.
func (b *batch) finish(p written) {
	w, res, err := p.w, p.res, p.err
	if err == nil && res.doc != nil {
		b.bytes += w.size
		b.pages += w.doc.Pages
	}
	b.tRead += w.tRead
	b.tExtract += w.tExtract
	b.tSegment += w.tSegment
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	if err != nil {
		b.sum.fail(w.path, err)
	} else {
		b.sum.count(res.outcome)
	}
	b.report(w.path, w.sha, res, err, p.seconds)
	if b.bar != nil {
		b.bar.Describe(fmt.Sprintf("%d/%d files, %d failed, %.1f docs/s  %s", b.done, b.total, len(b.sum.failures),
			float64(b.done)/time.Since(b.start).Seconds(), filepath.Base(w.path)))
		b.bar.Add64(w.size)
	}
}

// report prints one document's line: text, or JSON with --json.
func (b *batch) report(path, sha string, res result, err error, seconds float64) {
	if b.o.json {
		line := map[string]any{"file": path, "status": string(res.outcome), "seconds": round3(seconds)}
		if err != nil {
			line["status"] = "failed"
			line["error"] = err.Error()
		}
		if d := res.doc; d != nil {
			line["format"] = d.Format
			line["pages"] = d.Pages
			line["counts"] = map[string]int{"sections": len(d.Sections), "paragraphs": len(d.Paragraphs), "measures": len(d.Measures),
				"tables": len(d.Tables), "boxes": len(d.Columns), "notes": len(d.Notes)}
			var warnings []string
			for _, g := range d.Diagnostics {
				warnings = append(warnings, g.Kind+": "+g.Message)
			}
			line["warnings"] = warnings
		}
		if sha != "" {
			line["sha256"] = sha
		}
		enc, _ := json.Marshal(line)
		fmt.Fprintf(b.stdout, "%s\n", enc)
		return
	}
	if err != nil {
		b.clearBar()
		fmt.Fprintf(b.stderr, "failed     %s: %v\n", path, err)
		return
	}
	if !b.o.quiet && !b.o.progress {
		fmt.Fprintf(b.stdout, "%-10s %s%s (%.2fs)\n", res.outcome, path, res.describe(), seconds)
	}
}

// printStats prints what --stats asks for: throughput, time per stage and
// peak memory (the kernel's high-water mark of this process).
func (b *batch) printStats(w io.Writer) {
	el := time.Since(b.start).Seconds()
	stored := b.sum.counts[schema.Inserted] + b.sum.counts[schema.Replaced]
	fmt.Fprintf(w, "%d documents stored in %.2fs: %.1f docs/s, %.2f MB/s", stored, el, float64(stored)/el, float64(b.bytes)/el/1e6)
	if b.pages > 0 {
		fmt.Fprintf(w, ", %.0f pages/s", float64(b.pages)/el)
	}
	fmt.Fprintf(w, " with %d jobs\n", b.o.jobs)
	fmt.Fprintf(w, "stages (summed over workers): read %.2fs, extract %.2fs, segment %.2fs, store %.2fs\n",
		b.tRead.Seconds(), b.tExtract.Seconds(), b.tSegment.Seconds(), b.tStore.Seconds())
	if hwm := peakRSS(); hwm > 0 {
		fmt.Fprintf(w, "peak RSS %d MB\n", hwm>>20)
	}
}

// peakRSS is the process's peak resident set size in bytes (Linux's VmHWM),
// 0 where it cannot be read.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

func (b *batch) clearBar() {
	if b.bar != nil {
		b.bar.Clear()
	}
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

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
	if d.Pages > 0 {
		s += fmt.Sprintf(", %d pages", d.Pages)
	}
	if len(d.Diagnostics) > 0 {
		s += fmt.Sprintf(", %d warnings", len(d.Diagnostics))
	}
	return s
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

// safeExtract runs the extraction under recover, so that a bug on one odd
// document is that document's error, not the end of the batch.
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

// expand turns the command's PATH arguments into a list of files:
// directories are walked (sorted), globs are matched, "-" reads paths from
// stdin. Paths that name nothing are returned as errors, so that the batch
// goes on.
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

// documentExts are the file endings a directory walk picks up; a file named
// on the command line is read whatever its name.
var documentExts = map[string]bool{
	"": true, ".txt": true, ".text": true, ".md": true, ".markdown": true, ".htm": true, ".html": true,
	".shtml": true, ".xhtml": true, ".pdf": true, ".docx": true,
}

func documentName(name string) bool {
	return documentExts[strings.ToLower(filepath.Ext(name))]
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
