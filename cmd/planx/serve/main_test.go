package serve

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"planx/schema"
)

// The tests run over databases built from the bundled corpus by the real
// pipeline: TestMain builds planx and runs `planx ingest` (with the search
// index) over corpus/, and over one plan with --no-index.
var (
	planx     string // the planx binary built for the tests
	corpusDB  string // corpus/ ingested with the search index
	noIndexDB string // one plan ingested with --no-index
	db        *sql.DB
	srv       *Server
	site      *httptest.Server // srv on a loopback port
	live      string           // the URL of `planx serve` running over corpusDB
	liveCmd   *exec.Cmd
)

const corpusDir = "../../../corpus"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "planx-serve-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	if err := setup(dir); err != nil {
		fmt.Fprintln(os.Stderr, "serve tests:", err)
		return 2
	}
	defer db.Close()
	defer site.Close()
	defer stopLive()
	return m.Run()
}

// startLive runs `planx serve` over the corpus database on a free loopback
// port, as a user would, and reads the URL it prints.
func startLive() error {
	liveCmd = exec.Command(planx, "serve", "--db", corpusDB, "--addr", "127.0.0.1:0")
	liveCmd.Stderr = os.Stderr
	out, err := liveCmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := liveCmd.Start(); err != nil {
		return fmt.Errorf("planx serve: %w", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("planx serve: %w", err)
	}
	url, _, _ := strings.Cut(strings.TrimPrefix(line, "planx serve: "), " ")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		return fmt.Errorf("planx serve printed %q, not its loopback URL", line)
	}
	live = strings.TrimSuffix(url, "/")
	return nil
}

// stopLive stops the server as Ctrl-C does.
func stopLive() {
	if liveCmd == nil || liveCmd.Process == nil {
		return
	}
	liveCmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { liveCmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		liveCmd.Process.Kill()
	}
}

func setup(dir string) error {
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	planx = filepath.Join(dir, "planx")
	build := exec.Command(gobin, "build", "-tags", "sqlite_fts5", "-o", planx, "planx/cmd/planx")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build planx: %v\n%s", err, out)
	}
	corpusDB = filepath.Join(dir, "corpus.db")
	// run from the repository, so that sources read corpus/…; exit status 1
	// would mean that some file failed: the corpus must ingest whole
	ingest := exec.Command(planx, "ingest", "--quiet", "--db", corpusDB, "corpus")
	ingest.Dir = filepath.Dir(corpusDir)
	if out, err := ingest.CombinedOutput(); err != nil {
		return fmt.Errorf("ingest corpus: %v\n%s", err, out)
	}
	noIndexDB = filepath.Join(dir, "noindex.db")
	if out, err := exec.Command(planx, "ingest", "--quiet", "--no-index", "--db", noIndexDB,
		filepath.Join(corpusDir, "jiangmen-public-services-14th-fyp.txt")).CombinedOutput(); err != nil {
		return fmt.Errorf("ingest without index: %v\n%s", err, out)
	}
	if db, err = schema.OpenReadOnly(corpusDB); err != nil {
		return err
	}
	if srv, err = New(db, Options{DBPath: corpusDB, Log: os.Stderr}); err != nil {
		return err
	}
	site = httptest.NewServer(srv) // listens on 127.0.0.1
	return startLive()
}

// docBySource is the id of the document ingested from the corpus file name.
func docBySource(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRow(`SELECT id FROM documents WHERE source LIKE '%/' || ?`, name).Scan(&id); err != nil {
		t.Fatalf("document %s: %v", name, err)
	}
	return id
}

// gold is the part of an answer key (corpus/gold, format in
// ../shared/eval/GOLD.md) that the tests compare pages with.
type gold struct {
	Document struct {
		Title, Region string
	}
	Tables []struct {
		Label  string
		Header []string
		Rows   [][]string
	}
	Columns []struct {
		Number int
		Title  string
	}
	Projects []struct {
		Column int
		Group  *string
		Name   string
	}
	Indicators []struct {
		Table  string
		Seq    int
		Name   string
		Values map[string]string
	}
}

func readGold(t testing.TB, name string) gold {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "gold", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return g
}

// get fetches a page of the test site.
func get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(site.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// corpusFiles counts the documents in corpus/ (what a directory walk
// ingests).
func corpusFiles(t testing.TB) int {
	t.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".md", ".html", ".htm", ".pdf", ".docx":
			n++
		}
	}
	return n
}

func contains(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}
