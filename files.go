package planx

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files turns paths as a user gives them into a list of files: a directory
// is walked (in sorted order, skipping hidden entries, taking the files a
// plan comes in: .txt .md .html .htm .pdf .docx and no extension), a glob
// is matched, "-" reads paths from stdin, one a line, and a file is taken
// whatever its name. Paths that name nothing come back as failed Results,
// so that a batch can go on.
func Files(args []string, stdin io.Reader) ([]string, []Result) {
	var files []string
	var missing []Result
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
			missing = append(missing, Result{Path: p, Status: Failed, Err: fmt.Errorf("no such file or directory")})
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
