package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The README's install instructions name the Go version go.mod asks for,
// the packages a fresh Debian needs, and nothing a clone does not have
// (../shared); its sections for users show the flags the program has.
func TestReadmeInstall(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if goVersion == nil {
		t.Fatal("go.mod names no go version")
	}
	text := string(readme)
	install := text[strings.Index(text, "## Install"):strings.Index(text, "## Commands")]
	for _, want := range []string{"apt-get update", "libc6-dev", "go" + string(goVersion[1]), "GOTOOLCHAIN=local", "-tags sqlite_fts5"} {
		if !strings.Contains(install, want) {
			t.Errorf("README install lacks %q", want)
		}
	}
	if strings.Contains(install, "../shared") {
		t.Error("README install refers to ../shared, which a clone does not have")
	}
	// every flag the README shows for ingest and export exists
	for _, cmd := range []string{"ingest", "export", "indicators", "show"} {
		_, _, help := runCmd(t, cmd, "-h")
		_, usage, _ := runCmd(t, "help", cmd)
		help += usage
		section := text[strings.Index(text, "### planx "+cmd+"\n"):]
		section = section[:strings.Index(section[1:], "\n### ")+1]
		for _, f := range regexp.MustCompile(`\s--([a-z][a-z-]+)`).FindAllStringSubmatch(section, -1) {
			if f[1] == "db" || f[1] == "replace" && cmd != "ingest" {
				continue
			}
			if !strings.Contains(help, "-"+f[1]) {
				t.Errorf("README shows planx %s --%s, which planx %s -h does not list", cmd, f[1], cmd)
			}
		}
	}
}
