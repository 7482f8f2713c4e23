package planx

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A directory walk reads files and links to files, and reports every entry
// it does not read with the reason: links to directories, links that lead
// nowhere or round in a loop, FIFOs. A loop named on the command line is a
// loop, not a missing file.
func TestFilesReportsWhatItSkips(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(sub, 0o755))
	must(os.WriteFile(filepath.Join(sub, "plan.txt"), []byte("一、总体要求"), 0o644))
	must(os.Symlink(filepath.Join(sub, "plan.txt"), filepath.Join(dir, "linked.txt")))
	must(os.Symlink(sub, filepath.Join(dir, "linked-dir.txt")))
	must(os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "broken.txt")))
	must(os.Symlink(filepath.Join(dir, "loop.txt"), filepath.Join(dir, "loop.txt")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644))

	files, other := Files([]string{dir}, nil)
	wantFiles := []string{filepath.Join(dir, "linked.txt"), filepath.Join(sub, "plan.txt")}
	if strings.Join(files, "|") != strings.Join(wantFiles, "|") {
		t.Errorf("files %q, want %q", files, wantFiles)
	}
	want := map[string]string{
		"linked-dir.txt": "directory, not followed",
		"broken.txt":     "no such file",
		"loop.txt":       "loop",
		"pipe.txt":       "FIFO",
	}
	for _, r := range other {
		name := filepath.Base(r.Path)
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s reported (%s: %v), want it read or not reported", name, r.Status, r.Err)
		case r.Status != Skipped || r.Err == nil || !strings.Contains(r.Err.Error(), w):
			t.Errorf("%s: %s: %v, want skipped saying %q", name, r.Status, r.Err, w)
		}
		delete(want, name)
	}
	for name := range want {
		t.Errorf("%s not reported", name)
	}

	_, other = Files([]string{filepath.Join(dir, "loop.txt")}, nil)
	if len(other) != 1 || other[0].Status != Failed || !strings.Contains(other[0].Err.Error(), "loop") {
		t.Errorf("a loop on the command line: %+v, want failed naming the loop", other)
	}
}
