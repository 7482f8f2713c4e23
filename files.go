package planx

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Files turns paths as a user gives them into a list of files: a directory
// is walked (in sorted order, skipping hidden entries, taking the files a
// plan comes in: .txt .md .html .htm .pdf .docx and no extension), a glob
// is matched, "-" reads paths from stdin, one a line, and a file is taken
// whatever its name. Paths that name nothing come back as failed Results,
// so that a batch can go on.
//
// A walk reads what a directory holds, not what it points to: a symbolic
// link to a file is followed (a corpus of links is common), a link to a
// directory is not (it may lead out of the tree or round in a loop), and
// FIFOs, devices and sockets are not read (reading a FIFO waits forever).
// Each entry not read comes back as a Skipped Result with the reason, so
// that nothing is left out silently.
func Files(args []string, stdin io.Reader) ([]string, []Result) {
	var files []string
	var missing []Result
	skip := func(p, why string) {
		missing = append(missing, Result{Path: p, Status: Skipped, Err: errors.New(why)})
	}
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
			missing = append(missing, Result{Path: p, Status: Failed, Err: statError(err)})
			return
		}
		if !info.IsDir() {
			add(p)
			return
		}
		var found []string
		filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				missing = append(missing, Result{Path: q, Status: Failed, Err: err})
				return nil
			}
			if e.IsDir() {
				if q != p && strings.HasPrefix(e.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") || !documentName(e.Name()) {
				return nil
			}
			switch t := e.Type(); {
			case t.IsRegular():
			case t&fs.ModeSymlink != 0:
				target, err := os.Stat(q)
				switch {
				case err != nil:
					skip(q, "a symbolic link that leads nowhere: "+statError(err).Error())
					return nil
				case target.IsDir():
					skip(q, "a symbolic link to a directory, not followed in a walk (name it to read it)")
					return nil
				case !target.Mode().IsRegular():
					skip(q, "a symbolic link to "+fileKind(target.Mode())+", not read")
					return nil
				}
			default:
				skip(q, fileKind(t)+", not read")
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

// statError says why a path cannot be read, in the user's words: a
// symbolic link loop is not a missing file.
func statError(err error) error {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return errors.New("a symbolic link loop (too many levels of links)")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// fileKind names a file that is not a regular file or a directory.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a regular file"
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
