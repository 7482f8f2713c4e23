// Command planx turns Chinese government plan documents into a queryable
// SQLite database.
//
// Usage:
//
//	planx ingest [--db FILE] [--replace] PATH...
//	planx query  [--db FILE] [--format table|csv|json|jsonl] SQL
//	planx show   [--db FILE] [DOC [--columns]]
//	planx notes  [--db FILE] TERM
//	planx search [--db FILE] [--doc DOC] [--kind KIND] QUERY
//	planx keywords [--db FILE] DOC
//	planx compare [--db FILE] [PATTERN]
//	planx export [--db FILE] --format csv|jsonl|parquet|xlsx|json …
//	planx indicators [--db FILE] [--doc DOC] [--attribute 约束性] [NAME]
//	planx debug blocks|tree FILE
//
// Run "planx help" for the details of each command.
package main

import (
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"planx/schema"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some files failed
	exitUsage  = 2 // bad usage or a database error
	// exitInterrupted is the shell's status for a process stopped by
	// SIGINT (128+2): a batch cut short by Ctrl-C is not a success.
	exitInterrupted = 130
)

// errUsage marks errors that are the caller's mistake.
var errUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"ingest", "read plan documents into the database", runIngest},
		{"query", "run a read-only SQL query", runQuery},
		{"show", "list documents, or show one document's outline", runShow},
		{"indicators", "list indicators with baseline, target and attribute", runIndicators},
		{"notes", "find a defined term in every plan's notes and glossary", runNotes},
		{"search", "full-text search in Chinese, ranked", runSearch},
		{"index", "build the search index of documents ingested with --no-index", runIndex},
		{"keywords", "a document's keywords (TF-IDF)", runKeywords},
		{"compare", "the same indicator across plans, side by side", runCompare},
		{"export", "export tables as CSV, JSONL, Parquet or XLSX, or a document as JSON", runExport},
		{"serve", "read plans in a browser: outline, boxes, tables, search, indicators", runServe},
		{"debug", "print what the reader (blocks) or the parser (tree) made of a file", runDebug},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "help" {
		// planx help CMD is planx CMD -h
		args = []string{args[1], "-h"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		fmt.Fprintln(stdout, versionString())
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if wantsHelp(args[1:]) {
				// asked for, help goes to standard output and is no error
				c.run([]string{"-h"}, stdout, stdout)
				return exitOK
			}
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "planx: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "planx turns Chinese plan documents into a SQLite database (or a team's PostgreSQL: --db postgres://…).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: planx COMMAND [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "planx help COMMAND" (or "planx COMMAND -h") for a command's flags, "planx --version" for the version.`)
}

// parseInterspersed parses flags that may stand before, between or after the
// positional arguments (planx show 3 --db x.db), and returns the positional
// arguments. A lone "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// openWrite opens the database for a command that writes derived tables
// (compare, index), reporting the error.
func openWrite(path string, stderr io.Writer) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil && !schema.IsPostgres(path) {
		fmt.Fprintf(stderr, "planx: no database at %s\n", path)
		return nil, err
	}
	db, err := schema.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
	}
	return db, err
}

// wantsHelp reports whether a command's arguments ask for its help (-h,
// -help, --help before any "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// version is planx's version, set at build time with
// -ldflags "-X main.version=v1.2.3"; otherwise the VCS revision the binary
// was built from is shown.
var version = "devel"

func versionString() string {
	v := "planx " + version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		v += ", " + bi.GoVersion
	}
	return fmt.Sprintf("%s, database schema version %d", v, schema.Version)
}
