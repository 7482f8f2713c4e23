package planx

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"planx/extract"
	"planx/extract/doc"
)

// With Options.Isolate (planx ingest --isolate) each document is extracted
// in a child process: the planx binary run again as
// "planx ingest --extract-child NAME", the file's bytes
// on its standard input and the document, gob-encoded, on its standard
// output. The child limits its own address space, so a document that would
// take the machine's memory ends the child ("out of memory"), not the batch;
// a crash in a dependency (a fatal error no recover catches, a segfault in
// C code) costs one file; and --timeout kills the child, which frees its
// core and memory at once instead of leaving an abandoned goroutine running.

// DefaultIsolateMemory is the address space, in MB, a child may map beyond
// what it holds when it starts.
const DefaultIsolateMemory = 1024

// The child's exit statuses.
const (
	childOK     = 0
	childFailed = 1 // the extraction failed: its error is on stderr
	childBroken = 2 // the child could not do its work
)

// extractIsolated extracts one document in a child process within timeout,
// with at most memMB of address space.
func extractIsolated(name string, data []byte, timeout time.Duration, memMB int) (*doc.Document, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("isolate: find the planx binary: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "ingest", "--extract-child", "--isolate-memory", fmt.Sprint(memMB), name)
	// the input is written by a goroutine that lets go of it once the
	// child has read it, so that it is not held while the document comes
	// back
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("isolate: %w", err)
	}
	errs := &headBuffer{max: 4096}
	cmd.Stderr = errs
	cmd.WaitDelay = time.Second
	// the document is decoded as the child writes it, not gathered into a
	// buffer first: a large document is then held once, not twice
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("isolate: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("isolate: start the child: %w", err)
	}
	go func(data []byte) {
		in.Write(data) // an error is the child's, reported by Wait
		in.Close()
	}(data)
	data = nil
	d, decErr := readDoc(out)
	io.Copy(io.Discard, out) // let the child finish writing whatever it has
	err = cmd.Wait()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("extraction took longer than %v: stopped (the child process was killed)", timeout)
	case err != nil:
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == childFailed {
			// the child's own report: the extraction's error
			return nil, errors.New(strings.TrimSpace(errs.String()))
		}
		msg := firstLines(errs.String(), 2)
		if strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate memory") {
			return nil, fmt.Errorf("extraction needed more memory than --isolate-memory (%d MB): its process was stopped (%s)", memMB, msg)
		}
		return nil, fmt.Errorf("extraction crashed in its isolated process (%v): %s", err, msg)
	}
	if decErr != nil {
		return nil, fmt.Errorf("isolate: read the child's document: %w", decErr)
	}
	return d, nil
}

// ExtractChild is the child's side of Options.Isolate, which the planx
// command runs as "planx ingest --extract-child NAME": it limits its address
// space to memMB, extracts the bytes on stdin and writes the document to
// stdout, or the error to stderr with exit status 1.
func ExtractChild(name string, memMB int, stdin io.Reader, stdout, stderr io.Writer) int {
	if memMB > 0 {
		// the runtime and the C library reserve address space at start-up
		// that they never touch (over 1 GB); the limit is what the
		// extraction may map beyond that
		base, err := addressSpace()
		if err != nil {
			fmt.Fprintf(stderr, "isolate: %v\n", err)
			return childBroken
		}
		lim := base + uint64(memMB)<<20
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
			fmt.Fprintf(stderr, "isolate: limit the address space: %v\n", err)
			return childBroken
		}
		// collect hard before the limit is reached
		debug.SetMemoryLimit(int64(memMB) << 20 * 3 / 4)
	}
	data, err := io.ReadAll(io.LimitReader(stdin, MaxFileSize+1))
	if err != nil {
		fmt.Fprintf(stderr, "isolate: read the document: %v\n", err)
		return childBroken
	}
	d, err := safeExtract(context.Background(), name, data, extract.Options{})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return childFailed
	}
	if err := writeDoc(stdout, d); err != nil {
		fmt.Fprintf(stderr, "isolate: write the document: %v\n", err)
		return childBroken
	}
	return childOK
}

// The child writes its document as a gob stream of parts, not as one
// value: gob gathers a value's whole message in a buffer before decoding
// it, so a 100 MB document sent as one value was held twice by the parent
// while it arrived. The head is the document without its paragraphs and
// measures (nearly all of a large document's text) and says how many
// follow; each paragraph, then each measure, is a value of its own.
type docHead struct {
	Doc                  doc.Document
	Paragraphs, Measures int
}

// writeDoc writes d to w as the child does.
func writeDoc(w io.Writer, d *doc.Document) error {
	enc := gob.NewEncoder(w)
	head := docHead{Doc: *d, Paragraphs: len(d.Paragraphs), Measures: len(d.Measures)}
	head.Doc.Paragraphs, head.Doc.Measures = nil, nil
	if err := enc.Encode(&head); err != nil {
		return err
	}
	for i := range d.Paragraphs {
		if err := enc.Encode(&d.Paragraphs[i]); err != nil {
			return err
		}
	}
	for i := range d.Measures {
		if err := enc.Encode(&d.Measures[i]); err != nil {
			return err
		}
	}
	return nil
}

// readDoc reads a document written by writeDoc. The counts in the head
// are the child's word, so the slices grow as the parts arrive rather
// than being made to the counts' size at once.
func readDoc(r io.Reader) (*doc.Document, error) {
	dec := gob.NewDecoder(r)
	var head docHead
	if err := dec.Decode(&head); err != nil {
		return nil, err
	}
	d := head.Doc
	for i := 0; i < head.Paragraphs; i++ {
		var p doc.Paragraph
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("paragraph %d of %d: %w", i+1, head.Paragraphs, err)
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	for i := 0; i < head.Measures; i++ {
		var m doc.Measure
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("measure %d of %d: %w", i+1, head.Measures, err)
		}
		d.Measures = append(d.Measures, m)
	}
	return &d, nil
}

// headBuffer keeps the first max bytes written to it: a crashing Go program
// prints every goroutine's stack, of which the first lines tell the cause
// and the rest need not be kept.
type headBuffer struct {
	mu   sync.Mutex
	max  int
	head []byte
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - len(h.head); room > 0 {
		h.head = append(h.head, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return string(h.head)
}

// firstLines is the first n non-blank lines of a crash report, on one line.
func firstLines(s string, n int) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
			if len(out) == n {
				break
			}
		}
	}
	if len(out) == 0 {
		return "no message"
	}
	return strings.Join(out, "; ")
}

// memoryBudget raises the garbage collector's soft memory limit with the
// documents in flight. A fixed limit below what a large document needs makes
// the collector run without end (a 50 MB plan needs several hundred MB
// live); a limit that grows with the bytes being extracted keeps small
// batches small and lets a large document through at the cost of its size.
type memoryBudget struct {
	mu       sync.Mutex
	inflight int64         // bytes of the documents read and not yet stored
	next     int           // the input index the writer stores next
	changed  chan struct{} // closed and replaced when inflight or next change
}

// memoryPerInputByte is the heap allowed per byte of the documents being
// extracted and stored. A 50 MB plan holds about 300 MB live at its peak;
// allowing three bytes per byte keeps it under 500 MB resident and the
// collector from running without end (a fixed 280 MB made it run 184 times
// on one 50 MB plan).
const memoryPerInputByte = 3

// maxInflightBytes bounds the bytes of the documents held at once, beyond
// the one the writer needs next. Most plans are a few hundred kilobytes, so
// every worker stays busy with them; two 50 MB plans extracted side by side
// would hold twice the memory one does, and the second one waits instead.
const maxInflightBytes = 16 << 20

// acquire counts n bytes of the document at input index i as in flight,
// waiting while that would pass maxInflightBytes — unless nothing else is
// in flight, or i is the document the writer stores next (which the writer
// waits for, so it must never wait: the batch always moves on).
func (m *memoryBudget) acquire(ctx context.Context, i int, n int64) error {
	for {
		m.mu.Lock()
		if m.inflight == 0 || m.inflight+n <= maxInflightBytes || i <= m.next {
			m.addLocked(n)
			m.mu.Unlock()
			return nil
		}
		ch := m.changedLocked()
		m.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// add counts n more bytes in flight (n < 0 when a document is done).
func (m *memoryBudget) add(n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.addLocked(n)
}

// advance says the writer now waits for input index next.
func (m *memoryBudget) advance(next int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next = next
	m.notifyLocked()
}

func (m *memoryBudget) addLocked(n int64) {
	m.inflight += n
	debug.SetMemoryLimit(MemoryLimit + memoryPerInputByte*m.inflight)
	m.notifyLocked()
}

func (m *memoryBudget) changedLocked() chan struct{} {
	if m.changed == nil {
		m.changed = make(chan struct{})
	}
	return m.changed
}

func (m *memoryBudget) notifyLocked() {
	if m.changed != nil {
		close(m.changed)
		m.changed = nil
	}
}

// extract runs one document's extraction as the options say: in a child
// process with --isolate, else in this one under recover and --timeout.
func (b *batch) extract(name string, data []byte) (*doc.Document, error) {
	if b.opt.Isolate {
		mem := b.opt.IsolateMemory
		if mem <= 0 {
			mem = DefaultIsolateMemory
		}
		return extractIsolated(name, data, b.opt.Timeout, mem)
	}
	return extractWithin(name, data, b.opt.Timeout, extract.Options{OCR: b.opt.OCR})
}

// addressSpace is this process's mapped address space in bytes (VmSize).
func addressSpace() (uint64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("read the address space: %w", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmSize:"); ok {
			var kb uint64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb); err != nil {
				return 0, fmt.Errorf("read the address space: %q: %w", l, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("read the address space: no VmSize in /proc/self/status")
}
