package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"planx/cmd/planx/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	c := newCmd("serve", "Usage: planx serve [--db FILE] [--addr HOST:PORT]\n"+
		"Serves the database read-only as web pages: documents, plans, search, indicators and compare.", false, stdout, stderr)
	addr := c.fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default: only this machine can connect)")
	if _, ok := c.args(args, 0, 0); !ok {
		return exitUsage
	}
	if strings.Contains(*c.db, "://") {
		return c.fail(fmt.Errorf("--db %s: planx reads SQLite database files only", *c.db))
	}
	if _, err := os.Stat(*c.db); err != nil {
		return c.fail(fmt.Errorf("no database at %s (build one with planx ingest)", *c.db))
	}
	db, ok := c.openRO()
	if !ok {
		return exitUsage
	}
	defer db.Close()
	srv, err := serve.New(db, serve.Options{ExportJSON: exportTree, DBPath: *c.db, Log: stderr})
	if err != nil {
		return c.fail(err)
	}
	go func() {
		if err := srv.Warm(context.Background()); err != nil {
			fmt.Fprintf(stderr, "planx serve: group indicators: %v\n", err)
		}
	}()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.fail(err)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(stderr, "planx serve: listening on %s: every machine that can reach it can read the database\n", ln.Addr())
	}
	fmt.Fprintf(stdout, "planx serve: http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return c.fail(err)
	}
	return exitOK
}
