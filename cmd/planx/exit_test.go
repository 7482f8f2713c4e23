package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Usage mistakes get a clear message and status 2; asking for help or the
// version is no mistake.
func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "p.db")
	src := "../../corpus/jiangmen-public-services-14th-fyp.txt"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"jobs 0", []string{"ingest", "--jobs", "0", "--db", dbPath, src}, "--jobs 0: give at least 1"},
		{"jobs -3", []string{"ingest", "--jobs", "-3", "--db", dbPath, src}, "--jobs -3: give at least 1"},
		{"quiet and json", []string{"ingest", "--quiet", "--json", "--db", dbPath, src}, "--quiet and --json together"},
		{"unknown attribute", []string{"indicators", "--db", dbPath, "--attribute", "必须"}, `unknown --attribute "必须"`},
		{"bom without csv", []string{"query", "--db", dbPath, "--bom", "SELECT 1"}, "--bom and --crlf are for --format csv"},
		{"show format", []string{"show", "--db", dbPath, "--format", "xml"}, `unknown format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCmd(t, tt.args...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, errs, exitUsage, tt.want)
			}
		})
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("a usage error created the database")
	}
	code, out, _ := runCmd(t, "--version")
	if code != exitOK || !strings.HasPrefix(out, "planx ") || !strings.Contains(out, "schema version") {
		t.Errorf("--version: code %d, %q", code, out)
	}
	for _, cmd := range []string{"ingest", "show", "indicators", "export"} {
		t.Run("help "+cmd, func(t *testing.T) {
			c1, o1, _ := runCmd(t, "help", cmd)
			c2, o2, _ := runCmd(t, cmd, "-h")
			if c1 != exitOK || c2 != exitOK || o1 != o2 || !strings.Contains(o1, "Usage: planx "+cmd) {
				t.Errorf("help %s: %d %q; %s -h: %d %q", cmd, c1, o1, cmd, c2, o2)
			}
		})
	}
}

// What a batch says about files that are not what they seem: a PDF cut
// before any text is a failure with the reader's reason, an English
// licence is stored with a warning in the summary, and --json counts
// indicators and projects (corpus/gold: 66 and 122 in the Jiangmen plan).
func TestIngestHonestReport(t *testing.T) {
	dir := t.TempDir()
	pdf, err := os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp-print-cairo.pdf")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.pdf")
	os.WriteFile(cut, pdf[:len(pdf)/10], 0o644)
	licence := filepath.Join(dir, "LICENSE")
	os.WriteFile(licence, []byte("MIT License\n\nCopyright (c) 2021 The Authors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"+
		"of this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction.\n"), 0o644)
	dbPath := filepath.Join(dir, "p.db")
	code, out, errs := runCmd(t, "ingest", "--no-index", "--db", dbPath, cut, licence)
	if code != exitFailed || !strings.Contains(errs, "cut.pdf: no text could be read from its") || !strings.Contains(errs, "repaired:") {
		t.Errorf("cut PDF: code %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "1 ingested") || !strings.Contains(out, "  warning: "+licence+": ") {
		t.Errorf("licence: summary %q lacks its warning", out)
	}
	code, out, _ = runCmd(t, "ingest", "--no-index", "--json", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt")
	var line struct {
		Counts   map[string]int `json:"counts"`
		Seconds  *float64       `json:"seconds"`
		Warnings []string       `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &line); code != exitOK || err != nil {
		t.Fatalf("--json: code %d, %v: %q", code, err, out)
	}
	if line.Counts["indicators"] != 66 || line.Counts["projects"] != 122 || line.Seconds == nil || line.Warnings == nil || !strings.Contains(out, `"warnings":[]`) {
		t.Errorf("--json line %s", out)
	}
	// unchanged on a re-run, it keeps its id, which the line says
	code, out, _ = runCmd(t, "ingest", "--no-index", "--json", "--db", dbPath, "../../corpus/jiangmen-public-services-14th-fyp.txt")
	if code != exitOK || !strings.Contains(out, `"id":2,`) || !strings.Contains(out, `"status":"unchanged"`) {
		t.Errorf("re-run --json: %s", out)
	}
	code, out, _ = runCmd(t, "show", "--db", dbPath, "--format", "json", "2")
	var d struct {
		ID     int            `json:"id"`
		Title  string         `json:"title"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(out), &d); code != exitOK || err != nil || d.ID != 2 || d.Title != "江门市公共服务“十四五”规划" || d.Counts["indicators"] != 66 {
		t.Errorf("show --format json: code %d, %v, %+v", code, err, d)
	}
}

// Ctrl-C stops a real planx process with status 130 and says how many
// documents were stored: during the batch, and while the dictionary loads.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs planx as a process")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	data, _ := os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp.txt")
	for i := 0; i < 40; i++ {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("doc%02d.txt", i)), append(data, fmt.Sprintf("\n附：第%d份\n", i)...), 0o644)
	}
	tests := []struct {
		name    string
		args    []string
		waitFor string // a line on stderr or stdout to interrupt after
	}{
		{"batch", []string{"--no-index", "--jobs", "1"}, "ingested "},
		{"dictionary", nil, "loading the word dictionary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbPath := filepath.Join(dir, tt.name+".db")
			cmd := exec.Command(os.Args[0], append(append([]string{"ingest", "--db", dbPath}, tt.args...), in)...)
			cmd.Env = append(os.Environ(), "PLANX_MAIN=1")
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdout, cmd.Stderr = pw, pw
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pw.Close()
			var all strings.Builder
			sc := bufio.NewScanner(pr)
			signalled := false
			timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
			defer timer.Stop()
			for sc.Scan() {
				all.WriteString(sc.Text() + "\n")
				if !signalled && strings.Contains(sc.Text(), tt.waitFor) {
					cmd.Process.Signal(syscall.SIGINT)
					signalled = true
				}
			}
			cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if !signalled || code != exitInterrupted || !strings.Contains(all.String(), "planx: interrupted: ") ||
				!strings.Contains(all.String(), " documents stored, ") {
				t.Errorf("code %d, want %d; output:\n%s", code, exitInterrupted, all.String())
			} else {
				t.Logf("%s", all.String()[strings.Index(all.String(), "planx: interrupted"):])
			}
			if strings.Contains(all.String(), "40 ingested") {
				t.Errorf("the batch ran to its end:\n%s", all.String())
			}
		})
	}
}

// The dictionary is loaded when a document needs it, and said so; a re-run
// whose files are all unchanged does not load it.
func TestDictionaryLoadedOnlyWhenNeeded(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "p.db")
	src := "../../corpus/national-digital-economy-14th-fyp.md"
	code, _, errs := runCmd(t, "ingest", "--db", dbPath, src)
	if code != exitOK || !strings.Contains(errs, "loading the word dictionary") {
		t.Fatalf("first run: code %d, stderr %q; want the loading message", code, errs)
	}
	code, out, errs := runCmd(t, "ingest", "--db", dbPath, src)
	if code != exitOK || !strings.Contains(out, "1 unchanged") || strings.Contains(errs, "loading") {
		t.Errorf("re-run: code %d, out %q, stderr %q; want unchanged without loading", code, out, errs)
	}
}
