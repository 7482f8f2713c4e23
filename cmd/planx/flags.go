package main

import (
	"bytes"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"

	"planx/schema"
)

// cmdEnv is what every subcommand starts with: its flag set with --db and,
// for commands that print rows, --format; and how it reports.
type cmdEnv struct {
	name           string
	fs             *flag.FlagSet
	db             *string
	format         *string
	bom, crlf      *bool // CSV for Excel: a byte order mark, CRLF line ends
	stdout, stderr io.Writer
}

// newCmd makes a subcommand's flag set. usage is printed under the flags'
// defaults' heading; rows adds --format.
func newCmd(name, usage string, rows bool, stdout, stderr io.Writer) *cmdEnv {
	c := &cmdEnv{name: name, fs: flag.NewFlagSet(name, flag.ContinueOnError), stdout: stdout, stderr: stderr}
	c.fs.SetOutput(stderr)
	c.db = c.fs.String("db", defaultDB(), dbUsage)
	if rows {
		c.format = c.fs.String("format", "table", "output format: table, csv, json or jsonl")
		c.bom = c.fs.Bool("bom", false, "csv: start with a UTF-8 byte order mark (for Excel)")
		c.crlf = c.fs.Bool("crlf", false, "csv: end lines with CRLF (for Excel)")
	}
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		c.fs.PrintDefaults()
	}
	return c
}

// dbUsage describes --db.
const dbUsage = "the database: an SQLite `file`, or a PostgreSQL URL postgres://user@host/db (default: $PLANX_DB, or plans.db)"

// defaultDB is the database a command uses without --db: $PLANX_DB when
// set (a team's PostgreSQL, say), otherwise plans.db.
func defaultDB() string {
	if v := os.Getenv("PLANX_DB"); v != "" {
		return v
	}
	return "plans.db"
}

// args parses the flags, which may stand anywhere among the arguments, and
// checks --format and the number of positional arguments (max < 0: any).
// ok is false once it has said what is wrong.
func (c *cmdEnv) args(args []string, min, max int) ([]string, bool) {
	pos, err := parseInterspersed(c.fs, args)
	if err != nil {
		return nil, false
	}
	if len(pos) < min || max >= 0 && len(pos) > max {
		c.fs.Usage()
		return nil, false
	}
	if c.format != nil && !validFormat(*c.format) {
		fmt.Fprintf(c.stderr, "planx %s: unknown format %q (table, csv, json, jsonl)\n", c.name, *c.format)
		return nil, false
	}
	if c.format != nil && *c.format != "csv" && (*c.bom || *c.crlf) {
		fmt.Fprintf(c.stderr, "planx %s: --bom and --crlf are for --format csv\n", c.name)
		return nil, false
	}
	return pos, true
}

// start parses the arguments (see args) and opens the database read-only:
// what every reading command does first. ok is false once it has said what
// is wrong; the caller closes db.
func (c *cmdEnv) start(args []string, min, max int) (pos []string, db *sql.DB, ok bool) {
	if pos, ok = c.args(args, min, max); !ok {
		return nil, nil, false
	}
	if db, ok = c.openRO(); !ok {
		return nil, nil, false
	}
	return pos, db, true
}

// openRO opens the database so that nothing can write to it.
func (c *cmdEnv) openRO() (*sql.DB, bool) {
	db, err := schema.OpenReadOnly(*c.db)
	if err != nil {
		fmt.Fprintf(c.stderr, "planx: %v\n", err)
		return nil, false
	}
	return db, true
}

// fail reports an error of the command and returns the usage status.
func (c *cmdEnv) fail(err error) int {
	fmt.Fprintf(c.stderr, "planx %s: %v\n", c.name, err)
	return exitUsage
}

// print writes rows in the format asked for.
func (c *cmdEnv) print(cols []string, rows [][]any) int {
	w := c.stdout
	if *c.format == "csv" {
		w = excelCSV(w, *c.bom, *c.crlf)
	}
	if err := writeRows(w, *c.format, cols, rows); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// excelCSV wraps w for CSV that Excel opens as UTF-8: with bom, a byte
// order mark first; with crlf, every line end written as CRLF (as
// encoding/csv's UseCRLF does, inside quoted cells too).
func excelCSV(w io.Writer, bom, crlf bool) io.Writer {
	if !bom && !crlf {
		return w
	}
	return &csvWriter{w: w, bom: bom, crlf: crlf}
}

type csvWriter struct {
	w         io.Writer
	bom, crlf bool
	started   bool
}

func (x *csvWriter) Write(p []byte) (int, error) {
	if !x.started {
		x.started = true
		if x.bom {
			if _, err := io.WriteString(x.w, "\ufeff"); err != nil {
				return 0, err
			}
		}
	}
	if !x.crlf {
		return x.w.Write(p)
	}
	if _, err := x.w.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// query runs a read query and prints its rows.
func (c *cmdEnv) query(db *sql.DB, q string, args ...any) int {
	cols, rows, err := queryAll(db, q, args...)
	if err != nil {
		return c.fail(err)
	}
	return c.print(cols, rows)
}

func validFormat(f string) bool {
	switch f {
	case "table", "csv", "json", "jsonl":
		return true
	}
	return false
}
