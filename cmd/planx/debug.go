package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"planx/extract"
)

// runDebug prints what one stage of extraction made of a file, so that a
// wrong outline can be traced to the reader (blocks) or to the parser (tree)
// without a database.
func runDebug(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("debug", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planx debug blocks|tree FILE")
		fmt.Fprintln(stderr, "  blocks  the reader's blocks: page, role, flags, cells or text")
		fmt.Fprintln(stderr, "  tree    the parsed document: metadata, outline with paragraphs, tables, boxes, notes, diagnostics")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 2 || (pos[0] != "blocks" && pos[0] != "tree") {
		fs.Usage()
		return exitUsage
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		fmt.Fprintf(stderr, "planx: %v\n", err)
		return exitFailed
	}
	if pos[0] == "blocks" {
		l, err := extract.Read(context.Background(), pos[1], data)
		if err != nil {
			fmt.Fprintf(stderr, "planx: %s: %v\n", pos[1], err)
			return exitFailed
		}
		extract.DumpBlocks(stdout, l)
		return exitOK
	}
	d, err := extract.Extract(context.Background(), pos[1], data)
	if err != nil {
		fmt.Fprintf(stderr, "planx: %s: %v\n", pos[1], err)
		return exitFailed
	}
	extract.DumpTree(stdout, d)
	return exitOK
}
