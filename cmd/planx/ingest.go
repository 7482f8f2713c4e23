package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"planx"
	"planx/extract/doc"
	"planx/extract/ocr"
	"planx/extract/structure"
	"planx/segment"
)

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
	profile  string // --cpuprofile: where to write a CPU profile (not in the usage)
	// --isolate: extraction in a child process (planx.Options.Isolate)
	isolate, extractChild bool
	isolateMemory         int
	ocr                   ocrMode
	engine                *ocr.Engine // from --ocr; nil: images are not read
}

// runIngest wires the flags of planx ingest to planx.DB.Ingest and reports
// what it does: a line per document (or JSON), a progress bar on a
// terminal, the summary and the exit status.
func runIngest(args []string, stdout, stderr io.Writer) int {
	started := time.Now()
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var o ingestOptions
	fset.StringVar(&o.db, "db", defaultDB(), dbUsage)
	fset.BoolVar(&o.replace, "replace", false, "re-extract documents that are already stored (they keep their ids)")
	fset.BoolVar(&o.quiet, "quiet", false, "print only failures and the summary")
	fset.BoolVar(&o.json, "json", false, "print one JSON line per document (file, id, sha256, status, seconds, counts, warnings)")
	fset.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up on a document whose extraction takes longer than this")
	fset.BoolVar(&o.noIndex, "no-index", false, "skip the search index and keywords (faster; planx index builds them later)")
	fset.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "documents read and extracted at once")
	fset.BoolVar(&o.stats, "stats", false, "print throughput, time per stage and peak memory at the end")
	fset.BoolVar(&o.isolate, "isolate", false, "extract each document in a child process with a memory limit (for untrusted files)")
	fset.IntVar(&o.isolateMemory, "isolate-memory", planx.DefaultIsolateMemory, "with --isolate: the address space of a child process, in MB")
	fset.BoolVar(&o.extractChild, "extract-child", false, "internal: be the child process of --isolate")
	fset.StringVar(&o.profile, "cpuprofile", "", "internal: write a CPU profile of the ingest to this `file`")
	o.ocr = "off"
	fset.Var(&o.ocr, "ocr", "read boxes and tables that PDFs print as images with tesseract: off, auto (if installed) or on")
	fset.Usage = func() {
		fmt.Fprintln(fset.Output(), "Usage: planx ingest [--db FILE] [--jobs N] [--replace] [--no-index] [--quiet|--json] [--stats] [--timeout D] PATH...")
		fmt.Fprintln(fset.Output(), "PATH is a file, a directory (read recursively), a glob, or - for a list of paths on standard input.")
		fset.PrintDefaults()
	}
	paths, err := parseInterspersed(fset, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 || o.extractChild && len(paths) != 1 {
		fset.Usage()
		return exitUsage
	}
	if o.extractChild {
		return planx.ExtractChild(paths[0], o.isolateMemory, os.Stdin, stdout, stderr)
	}
	if o.engine, err = ocrEngine(o.ocr, stderr); err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	switch {
	case o.jobs < 1:
		fmt.Fprintf(stderr, "planx ingest: --jobs %d: give at least 1 (the default is %d, one per core)\n", o.jobs, runtime.NumCPU())
		return exitUsage
	case o.quiet && o.json:
		fmt.Fprintln(stderr, "planx ingest: --quiet and --json together: --json prints one line per document, --quiet only failures; choose one")
		return exitUsage
	}
	files, missing := planx.Files(paths, os.Stdin)
	db, err := planx.Open(o.db)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	debug.SetMemoryLimit(planx.MemoryLimit)
	if f, ok := stderr.(*os.File); ok && !o.quiet && !o.json && term.IsTerminal(int(f.Fd())) {
		o.progress = true
	}

	// SIGINT and SIGTERM: finish the documents under way, store them, print
	// the summary and stop.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	r := &reporter{o: o, stdout: stdout, stderr: stderr, total: len(files), start: started}
	for _, m := range missing {
		r.result(m)
	}
	r.startBar(files)
	opt := planx.Options{Jobs: o.jobs, Replace: o.replace, Timeout: o.timeout, Progress: r.result,
		Isolate: o.isolate, IsolateMemory: o.isolateMemory, OCR: o.engine}
	if !o.noIndex {
		opt.Index = func(seg *segment.Segmenter, d *doc.Document) planx.Indexer {
			ix := newIndexer(seg, d)
			ix.prepare(documentTexts(d))
			return ix
		}
		opt.Reindex = func(ctx context.Context, db *sql.DB, seg *segment.Segmenter, id int64) (planx.Indexer, error) {
			return storedIndexer(ctx, db, seg, id)
		}
		opt.Loading = r.loading
	}
	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			fmt.Fprintf(stderr, "planx: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "planx: %v\n", err)
			return exitUsage
		}
		defer pprof.StopCPUProfile()
	}
	sum, err := db.Ingest(ctx, files, opt)
	if r.bar != nil {
		r.bar.Finish()
	}
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitUsage
	}
	if !o.json {
		r.summary(stdout, sum)
	}
	if o.stats {
		r.printStats(stdout, sum)
	}
	if sum.Interrupted {
		fmt.Fprintf(stderr, "planx: interrupted: %d documents stored, %d of %d files not done; every stored document is complete, run the same command again to go on\n",
			sum.Stored(), len(files)-len(sum.Results), len(files))
		return exitInterrupted
	}
	if len(r.failures) > 0 {
		return exitFailed
	}
	return exitOK
}

// reporter prints what a batch does as it goes.
type reporter struct {
	o              ingestOptions
	stdout, stderr io.Writer
	total          int
	start          time.Time

	mu       sync.Mutex // guards the output
	bar      *progressbar.ProgressBar
	done     int
	failures []planx.Result
	skipped  []planx.Result // entries a directory walk did not read (planx.Files)
	warnings []planx.Result // stored, but perhaps not a plan
	doubted  []planx.Result // stored, with doubts about what was read (Err lists their kinds)
}

func (r *reporter) startBar(files []string) {
	if !r.o.progress {
		return
	}
	var total int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			total += info.Size()
		}
	}
	r.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(r.stderr),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionClearOnFinish())
}

// loading says that the dictionary is being loaded: it takes seconds.
func (r *reporter) loading() {
	if r.o.quiet || r.o.json {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clearBar()
	fmt.Fprintln(r.stderr, "planx: loading the word dictionary for the search index (a few seconds; --no-index skips it)")
}

// result reports one file.
func (r *reporter) result(res planx.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	switch w := planWarning(res.Doc); {
	case res.Status == planx.Failed:
		r.failures = append(r.failures, res)
	case res.Status == planx.Skipped:
		r.skipped = append(r.skipped, res)
	case w != "":
		r.warnings = append(r.warnings, planx.Result{Path: res.Path, Err: errors.New(w)})
	}
	if k := doubtKinds(res.Doc); k != "" {
		r.doubted = append(r.doubted, planx.Result{Path: res.Path, ID: res.ID, Err: errors.New(k)})
	}
	r.line(res)
	if r.bar != nil {
		r.bar.Describe(fmt.Sprintf("%d/%d files, %d failed, %.1f docs/s  %s", r.done, r.total, len(r.failures),
			float64(r.done)/time.Since(r.start).Seconds(), filepath.Base(res.Path)))
		r.bar.Add64(res.Size)
	}
}

// planWarning is the message of a diagnostic that says a stored file may
// not be a plan at all: no headings, or hardly any Chinese text.
func planWarning(d *doc.Document) string {
	if d == nil {
		return ""
	}
	for _, g := range d.Diagnostics {
		if g.Kind == "no_headings" || g.Kind == "not_a_plan" {
			return g.Message
		}
	}
	return ""
}

// doubtKinds lists the kinds of the doubt checks that fired on a document
// (structure.IsDoubt), "" for none.
func doubtKinds(d *doc.Document) string {
	if d == nil {
		return ""
	}
	var kinds []string
	seen := map[string]bool{}
	for _, g := range d.Diagnostics {
		if structure.IsDoubt(g.Kind) && !seen[g.Kind] {
			seen[g.Kind] = true
			kinds = append(kinds, g.Kind)
		}
	}
	return strings.Join(kinds, ", ")
}

// line prints one document's line: text, or JSON with --json.
func (r *reporter) line(res planx.Result) {
	if r.o.json {
		line := map[string]any{"file": res.Path, "status": string(res.Status), "seconds": round3(res.Took.Seconds())}
		if res.Err != nil {
			line["error"] = res.Err.Error()
		}
		if res.ID != 0 {
			line["id"] = res.ID
		}
		if d := res.Doc; d != nil {
			line["format"] = d.Format
			line["pages"] = d.Pages
			line["counts"] = planx.Counts(d)
			warnings := []string{}
			for _, g := range d.Diagnostics {
				warnings = append(warnings, g.Kind+": "+g.Message)
			}
			line["warnings"] = warnings
		}
		if res.SHA256 != "" {
			line["sha256"] = res.SHA256
		}
		enc, _ := json.Marshal(line)
		fmt.Fprintf(r.stdout, "%s\n", enc)
		return
	}
	if res.Err != nil {
		r.clearBar()
		fmt.Fprintf(r.stderr, "%-10s %s: %v\n", res.Status, res.Path, res.Err)
		return
	}
	if !r.o.quiet && !r.o.progress {
		fmt.Fprintf(r.stdout, "%-10s %s%s (%.2fs)\n", res.Status, res.Path, describe(res), res.Took.Seconds())
	}
}

func (r *reporter) clearBar() {
	if r.bar != nil {
		r.bar.Clear()
	}
}

func (r *reporter) summary(w io.Writer, s planx.Summary) {
	fmt.Fprintf(w, "%d ingested, %d unchanged, %d replaced, %d failed",
		s.Counts[planx.Ingested], s.Counts[planx.Unchanged], s.Counts[planx.Replaced], len(r.failures))
	if len(r.skipped) > 0 {
		fmt.Fprintf(w, ", %d skipped", len(r.skipped))
	}
	fmt.Fprintln(w)
	for _, f := range r.failures {
		fmt.Fprintf(w, "  failed: %s: %v\n", f.Path, f.Err)
	}
	for _, f := range r.skipped {
		fmt.Fprintf(w, "  skipped: %s: %v\n", f.Path, f.Err)
	}
	for _, f := range r.warnings {
		fmt.Fprintf(w, "  warning: %s: %v\n", f.Path, f.Err)
	}
	if len(r.doubted) > 0 {
		fmt.Fprintf(w, "%d documents with doubts about what was read (planx show ID lists them):\n", len(r.doubted))
		for _, f := range r.doubted {
			fmt.Fprintf(w, "  doubt: %d %s: %v\n", f.ID, f.Path, f.Err)
		}
	}
}

// printStats prints what --stats asks for: throughput over the whole run
// (start-up included), time per stage and peak memory (the kernel's
// high-water mark of this process).
func (r *reporter) printStats(w io.Writer, s planx.Summary) {
	el := time.Since(r.start).Seconds()
	stored := s.Stored()
	fmt.Fprintf(w, "%d documents stored in %.2fs: %.1f docs/s, %.2f MB/s", stored, el, float64(stored)/el, float64(s.Bytes)/el/1e6)
	if s.Pages > 0 {
		fmt.Fprintf(w, ", %.0f pages/s", float64(s.Pages)/el)
	}
	fmt.Fprintf(w, " with %d jobs\n", r.o.jobs)
	fmt.Fprintf(w, "stages (summed over workers): read %.2fs, extract %.2fs, segment %.2fs, store %.2fs\n",
		s.Read.Seconds(), s.Extract.Seconds(), s.Segment.Seconds(), s.Store.Seconds())
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

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// describe is what a document's line says it holds.
func describe(res planx.Result) string {
	d := res.Doc
	if d == nil {
		if res.ID != 0 {
			return fmt.Sprintf(": id %d", res.ID)
		}
		return ""
	}
	c := planx.Counts(d)
	s := fmt.Sprintf(": id %d, %s, %d sections, %d paragraphs, %d measures, %d tables, %d indicators, %d boxes, %d projects, %d notes",
		res.ID, d.Format, c["sections"], c["paragraphs"], c["measures"], c["tables"], c["indicators"], c["boxes"], c["projects"], c["notes"])
	if d.Pages > 0 {
		s += fmt.Sprintf(", %d pages", d.Pages)
	}
	if len(d.Diagnostics) > 0 {
		s += fmt.Sprintf(", %d warnings", len(d.Diagnostics))
	}
	return s
}
