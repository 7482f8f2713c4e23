package planx

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"planx/extract"
	"planx/extract/doc"
	"planx/extract/ocr"
	"planx/schema"
	"planx/segment"
)

// MaxFileSize bounds the size of one input file; larger files are refused
// with an error instead of exhausting memory.
const MaxFileSize = 512 << 20

// Status says what Ingest did with a file.
type Status string

// Statuses.
const (
	Ingested  Status = "ingested"
	Unchanged Status = "unchanged" // stored already (same sha256): not extracted again
	Replaced  Status = "replaced"
	Failed    Status = "failed"
	Skipped   Status = "skipped" // not read: what a directory walk does not follow (Files)
)

// Indexer fills the full-text index and the keywords of one document.
type Indexer interface {
	schema.Indexer
	schema.Keyworder
}

// Options say how Ingest works. The zero value ingests with one worker per
// core, no search index and a two-minute limit per document.
type Options struct {
	// Jobs is the number of files read and extracted at once (default:
	// one per core). One writer stores them.
	Jobs int
	// Replace re-extracts files that are stored already; a replaced
	// document keeps its id.
	Replace bool
	// Timeout gives up on a document whose extraction takes longer
	// (default 2 minutes).
	Timeout time.Duration
	// Index, when set, makes each document's search index and keywords
	// from the word segmenter, which Ingest loads the first time a
	// document needs it. nil stores no index (planx index builds it
	// later).
	Index func(seg *segment.Segmenter, d *doc.Document) Indexer
	// Reindex, when set with Index, makes the index of a document that
	// is stored already but has no search index (ingested with Index nil):
	// a plain re-run then builds what is missing.
	Reindex func(ctx context.Context, db *sql.DB, seg *segment.Segmenter, id int64) (Indexer, error)
	// Loading, when set, is called once before the segmenter is loaded
	// (it takes seconds), so that a program can say so.
	Loading func()
	// Progress, when set, is called for each file once it is stored or has
	// failed, in the order of the input, from a single goroutine.
	Progress func(Result)
	// Isolate extracts each document in a child process (the planx
	// command run as "planx ingest --extract-child", see ExtractChild)
	// with at most IsolateMemory MB of address space (default
	// DefaultIsolateMemory), so that a document that would take the
	// machine's memory, or crash a dependency, costs one file.
	Isolate       bool
	IsolateMemory int
	// OCR, when set, reads the boxes and tables that PDFs print as images
	// (extract/ocr), within three quarters of each document's time. A
	// document extracted in an isolated child is read without it.
	OCR *ocr.Engine
}

// MemoryLimit is the soft limit the garbage collector keeps the heap under
// while nothing is in flight; it grows with the documents being extracted
// (see memoryBudget).
const MemoryLimit = 280 << 20

// Result is what happened to one file.
type Result struct {
	Index  int // the file's position in the input
	Path   string
	SHA256 string
	Size   int64
	Status Status
	ID     int64 // the stored document's id (also when unchanged); 0 when the file failed
	Err    error // why the file failed
	// Took is this document's own time (read, extract, index, store), not
	// the time it waited for a worker or the writer.
	Took time.Duration
	// Doc is what was extracted, nil when the file was unchanged or
	// failed. It is set in Progress only; Summary.Results drop it.
	Doc *doc.Document
}

// Summary is the outcome of one Ingest.
type Summary struct {
	Counts      map[Status]int
	Results     []Result // in input order, without Doc
	Interrupted bool     // ctx was cancelled: Results lists the files done
	// time spent per stage, summed over documents (and so over workers),
	// the bytes and pages of the documents stored
	Read, Extract, Segment, Store time.Duration
	Bytes                         int64
	Pages                         int
}

// Stored is the number of documents written (ingested or replaced).
func (s Summary) Stored() int { return s.Counts[Ingested] + s.Counts[Replaced] }

// Ingest reads, extracts and stores files, each document in its own
// transaction, in the order given, so that the same input gets the same
// document ids on every run. A file that cannot be read fails with a
// message naming the problem, and the batch goes on. When ctx is cancelled
// the documents under way are finished and stored, no new ones start, and
// Summary.Interrupted is set. The error is for the database only.
func (db *DB) Ingest(ctx context.Context, files []string, opt Options) (Summary, error) {
	if opt.Jobs < 1 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 2 * time.Minute
	}
	ro, err := db.readOnly()
	if err != nil {
		return Summary{}, err
	}
	defer ro.Close()
	if opt.Index != nil {
		// an index left half-built (a killed run) is reset, so that the
		// documents it lacks are indexed again
		if _, err := schema.ResetStale(ctx, db.DB); err != nil {
			return Summary{}, err
		}
	}
	b := &batch{opt: opt, db: db.DB, ro: ro, sum: Summary{Counts: map[Status]int{}},
		docs: schema.DocsPerTransaction(db.DB, batchDocs)}
	b.run(ctx, files)
	b.sum.Interrupted = ctx.Err() != nil
	return b.sum, nil
}

// batch runs one Ingest: workers read, hash and extract files; one writer
// stores the documents, whole, in transactions of up to batchDocs
// documents or batchTime (a commit per document cost the writer, which
// bounds ingest on two cores, a third of its time).
type batch struct {
	opt    Options
	db, ro *sql.DB
	sum    Summary
	docs   int // documents per transaction (schema.DocsPerTransaction)

	mem memoryBudget // the heap allowed for the documents in flight

	tx           *schema.Batch // the open transaction, nil if none
	began        time.Time
	pending      []*work // written in tx, reported once it commits
	pendingBytes int64   // their size: a batch of large documents commits early

	segOnce sync.Once // loads seg when the first document needs it
	segDone chan struct{}
	seg     *segment.Segmenter
	segErr  error
}

// work is one file on its way through the batch.
type work struct {
	Result
	doc     *doc.Document
	ix      Indexer
	skip    bool  // stored already
	reindex int64 // stored already without a search index: index it
	started time.Time
	held    int64 // bytes counted in the batch's memory budget
	// time spent reading and hashing, extracting, cutting for the index
	tRead, tExtract, tSegment time.Duration
}

// errInterrupted marks a document left undone because the batch was
// interrupted: not a failure of the file.
var errInterrupted = errors.New("interrupted")

func (b *batch) run(ctx context.Context, files []string) {
	// Documents are stored in input order, whatever order the workers
	// finish in, so that the same input gives the same document ids on
	// every run. window bounds how far the workers run ahead of the writer
	// (and so the documents held in memory while an early one is slow).
	type job struct {
		i    int
		path string
	}
	jobs := make(chan job, b.opt.Jobs)
	results := make(chan *work, b.opt.Jobs)
	window := make(chan struct{}, 4*b.opt.Jobs)
	var wg sync.WaitGroup
	for i := 0; i < b.opt.Jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- b.prepare(ctx, j.i, j.path)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, f := range files {
			select {
			case <-ctx.Done():
				return
			case window <- struct{}{}:
			}
			select {
			case <-ctx.Done():
				return
			case jobs <- job{i, f}:
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]*work{}
	next := 0
	for w := range results {
		pending[w.Index] = w
		for pending[next] != nil {
			b.store(pending[next])
			delete(pending, next)
			next++
			b.mem.advance(next)
			<-window
		}
	}
	// after an interrupt the files sent form a prefix of the input, so
	// nothing is left here; store whatever is, in order, all the same
	rest := make([]int, 0, len(pending))
	for i := range pending {
		rest = append(rest, i)
	}
	sort.Ints(rest)
	for _, i := range rest {
		b.store(pending[i])
	}
	b.flush()
}

// prepare reads, hashes and extracts one file and cuts its text for the
// search index; it runs in a worker.
func (b *batch) prepare(ctx context.Context, i int, path string) *work {
	w := &work{Result: Result{Index: i, Path: path}, started: time.Now()}
	b.prepareFile(ctx, w)
	w.Took = time.Since(w.started)
	return w
}

func (b *batch) prepareFile(ctx context.Context, w *work) {
	info, err := os.Stat(w.Path)
	if err != nil {
		w.Err = err
		return
	}
	w.Size = info.Size()
	if !info.Mode().IsRegular() {
		w.Err = fmt.Errorf("not a regular file")
		return
	}
	if info.Size() > MaxFileSize {
		w.Err = fmt.Errorf("file is %d MB, more than the %d MB planx reads", info.Size()>>20, MaxFileSize>>20)
		return
	}
	// wait until the documents in flight leave room for this one, so that
	// two large documents are not held at once (memoryBudget.acquire)
	if err := b.mem.acquire(ctx, w.Index, info.Size()); err != nil {
		w.Err = errInterrupted
		return
	}
	w.held = info.Size()
	data, err := os.ReadFile(w.Path)
	if err != nil {
		w.Err = err
		return
	}
	if d := int64(len(data)) - w.held; d != 0 { // the file changed size
		b.mem.add(d)
		w.held += d
	}
	sum := sha256.Sum256(data)
	w.SHA256 = hex.EncodeToString(sum[:])
	w.tRead = time.Since(w.started)
	if !b.opt.Replace {
		id, err := schema.Lookup(ctx, b.ro, w.SHA256)
		if err != nil && ctx.Err() != nil {
			w.Err = errInterrupted
			return
		}
		if err != nil {
			w.Err = err
			return
		}
		if id != 0 {
			w.skip, w.ID = true, id
			b.prepareReindex(ctx, w)
			return
		}
	}
	t := time.Now()
	d, err := b.extract(filepath.Base(w.Path), data)
	w.tExtract = time.Since(t)
	if err != nil {
		w.Err = err
		return
	}
	d.Source = w.Path
	if err := noText(d); err != nil {
		w.Err = err
		return
	}
	notAPlan(d)
	w.doc = d
	if b.opt.Index != nil {
		t = time.Now()
		seg, err := b.segmenter(ctx)
		w.started = w.started.Add(time.Since(t)) // loading the dictionary is not this document's time
		if err != nil {
			w.Err = err
			return
		}
		t = time.Now()
		w.ix = b.opt.Index(seg, d)
		w.tSegment = time.Since(t)
	}
}

// segmenter loads the word dictionary the first time a document needs it,
// so that a batch of unchanged files never loads it. It gives up when ctx
// is cancelled (an interrupt while loading).
func (b *batch) segmenter(ctx context.Context) (*segment.Segmenter, error) {
	b.segOnce.Do(func() {
		b.segDone = make(chan struct{})
		if b.opt.Loading != nil {
			b.opt.Loading()
		}
		go func() {
			defer close(b.segDone)
			b.seg, b.segErr = segment.New()
			// loading leaves garbage behind; return it, so that the heap
			// stays near what the dictionary needs
			debug.FreeOSMemory()
		}()
	})
	select {
	case <-b.segDone:
		return b.seg, b.segErr
	case <-ctx.Done():
		return nil, errInterrupted
	}
}

// Documents are committed in batches of at most batchDocs documents or
// batchTime, whichever comes first: each document whole (a batch that fails
// is stored again a document a transaction), and each reported once it is
// committed.
const (
	batchDocs  = 32
	batchTime  = time.Second
	batchBytes = 16 << 20 // the documents a batch holds until it commits
)

// prepareReindex makes the index of a stored document that has none, when
// the batch builds the index.
func (b *batch) prepareReindex(ctx context.Context, w *work) {
	if b.opt.Index == nil || b.opt.Reindex == nil {
		return
	}
	_, indexed, err := schema.IsIndexed(ctx, b.ro, w.SHA256)
	if err != nil || indexed {
		w.Err = err
		return
	}
	t := time.Now()
	seg, err := b.segmenter(ctx)
	if err == nil {
		w.ix, err = b.opt.Reindex(ctx, b.ro, seg, w.ID)
	}
	w.Err, w.reindex = err, w.ID
	w.tSegment = time.Since(t)
}

// store writes one document into the open batch (opening one), and commits
// the batch when it is full or old enough.
func (b *batch) store(w *work) {
	if w.Err == nil && (!w.skip || w.reindex != 0) {
		if b.tx == nil {
			tx, err := schema.BeginBatch(context.Background(), b.db)
			if err != nil {
				w.Err = err
			}
			b.tx, b.began = tx, time.Now()
		}
		if b.tx != nil {
			if err := b.write(b.tx, w); err != nil {
				// SQLite may have rolled the whole transaction back (a
				// full disk): store the batch's documents again, each
				// alone, so that one document's failure costs no other
				b.tx.Rollback()
				b.tx = nil
				for _, q := range b.pending {
					b.storeAlone(q)
				}
				w.Err = err
			}
		}
	}
	b.pending = append(b.pending, w)
	b.pendingBytes += w.held
	if b.tx == nil || b.tx.Len >= b.docs || time.Since(b.began) >= batchTime || b.pendingBytes >= batchBytes {
		b.flush()
	}
}

// write stores w in tx; the document is stored whole even when the batch
// is being interrupted: it was under way.
func (b *batch) write(tx *schema.Batch, w *work) error {
	t := time.Now()
	defer func() {
		b.sum.Store += time.Since(t)
		w.Took += time.Since(t)
	}()
	if w.reindex != 0 {
		return tx.Reindex(w.reindex, w.ix, w.ix)
	}
	opt := schema.Options{Replace: b.opt.Replace}
	if w.ix != nil {
		opt.Index, opt.Keywords = w.ix, w.ix
	}
	outcome, id, err := tx.Store(w.doc, w.SHA256, w.Size, opt)
	if err == nil {
		w.Status, w.ID = Status(outcome), id
	}
	return err
}

// storeAlone stores one document of a failed batch in a transaction of its
// own.
func (b *batch) storeAlone(w *work) {
	if w.Err != nil || w.skip && w.reindex == 0 {
		return
	}
	tx, err := schema.BeginBatch(context.Background(), b.db)
	if err == nil {
		if err = b.write(tx, w); err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}
	w.Err = err
}

// flush commits the open batch and reports its documents.
func (b *batch) flush() {
	if b.tx != nil {
		t := time.Now()
		err := b.tx.Commit()
		b.sum.Store += time.Since(t)
		b.tx = nil
		if err != nil {
			for _, w := range b.pending {
				if w.Err == nil && (!w.skip || w.reindex != 0) {
					w.Err = err
				}
			}
		}
	}
	for _, w := range b.pending {
		b.finish(w)
	}
	b.pending, b.pendingBytes = b.pending[:0], 0
}

// finish counts and reports one document.
func (b *batch) finish(w *work) {
	defer b.mem.add(-w.held)
	if w.Err == errInterrupted {
		return
	}
	if w.Err == nil && w.skip {
		w.Status = Unchanged
	}
	if w.Err == nil && !w.skip {
		w.Doc = w.doc
		b.sum.Bytes += w.Size
		b.sum.Pages += w.doc.Pages
	}
	if w.Err != nil {
		w.Status, w.ID, w.Doc = Failed, 0, nil
	}
	b.sum.Read += w.tRead
	b.sum.Extract += w.tExtract
	b.sum.Segment += w.tSegment
	b.sum.Counts[w.Status]++
	if b.opt.Progress != nil {
		b.opt.Progress(w.Result)
	}
	r := w.Result
	r.Doc = nil
	b.sum.Results = append(b.sum.Results, r)
}

// extractWithin runs the extraction with a time limit, so that one
// pathological document cannot stall a batch: the context it passes is
// cancelled at the limit, and the stages that watch it stop their work.
func extractWithin(name string, data []byte, timeout time.Duration, opt extract.Options) (*doc.Document, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	type outcome struct {
		d   *doc.Document
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		d, err := safeExtract(ctx, name, data, opt)
		done <- outcome{d, err}
	}()
	select {
	case o := <-done:
		if errors.Is(o.err, context.DeadlineExceeded) {
			o.err = fmt.Errorf("extraction took longer than %v: stopped", timeout)
		}
		return o.d, o.err
	case <-ctx.Done():
		return nil, fmt.Errorf("extraction took longer than %v: stopped", timeout)
	}
}

// safeExtract runs the extraction under recover, so that a bug on one odd
// document is that document's error, not the end of the batch.
func safeExtract(ctx context.Context, name string, data []byte, opt extract.Options) (d *doc.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal error while extracting (please report): %v", r)
		}
	}()
	return extract.ExtractWith(ctx, name, data, opt)
}

// noText fails a document from which nothing at all was read (a PDF cut
// before its text, pages that are all images), giving the reader's own
// reasons, rather than storing an empty document.
func noText(d *doc.Document) error {
	if len(d.Paragraphs) > 0 || len(d.Sections) > 0 || len(d.Tables) > 0 || len(d.Boxes) > 0 || len(d.Notes) > 0 {
		return nil
	}
	var why []string
	for _, g := range d.Diagnostics {
		if g.Kind != "no_headings" && len(why) < 3 {
			why = append(why, g.Kind+": "+g.Message)
		}
	}
	msg := "no text could be read"
	if d.Pages > 0 {
		msg = fmt.Sprintf("no text could be read from its %d pages", d.Pages)
	}
	if len(why) > 0 {
		msg += " (" + strings.Join(why, "; ") + ")"
	}
	return errors.New(msg)
}

// notAPlan adds a not_a_plan diagnostic to a document whose letters are
// mostly not Chinese (a licence, a README): planx reads Chinese plans, and
// whatever it stored of such a file is not one.
func notAPlan(d *doc.Document) {
	han, letters := 0, 0
	for _, p := range d.Paragraphs {
		for _, r := range p.Text {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
				letters++
			case unicode.IsLetter(r):
				letters++
			}
		}
	}
	if letters == 0 || han*5 >= letters {
		return
	}
	d.Diagnostics = append(d.Diagnostics, doc.Diagnostic{Kind: "not_a_plan",
		Message: fmt.Sprintf("only %d%% of its letters are Chinese: not a Chinese plan document?", han*100/letters)})
}

// Counts are the numbers of what was extracted from a document, by kind.
func Counts(d *doc.Document) map[string]int {
	ind, prj := 0, 0
	for _, t := range d.Tables {
		ind += len(t.Indicators)
	}
	for _, c := range d.Boxes {
		prj += len(c.Projects)
	}
	return map[string]int{"sections": len(d.Sections), "paragraphs": len(d.Paragraphs), "measures": len(d.Measures),
		"tables": len(d.Tables), "indicators": ind, "boxes": len(d.Boxes), "projects": prj, "notes": len(d.Notes)}
}
