package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Engine runs Tesseract, an external program found on PATH: planx links no
// OCR library and works without one.
type Engine struct {
	Path    string        // the tesseract executable
	Version string        // as it reports itself (5.3.0)
	Lang    string        // the model: chi_sim
	Timeout time.Duration // for one image (one process)
}

// ErrNoEngine is returned by Find when tesseract or its Chinese model is
// not installed.
var ErrNoEngine = errors.New("tesseract with the chi_sim model is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")

// Find looks tesseract and its simplified Chinese model up.
func Find() (*Engine, error) {
	path, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, ErrNoEngine
	}
	out, err := exec.Command(path, "--list-langs").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "\nchi_sim") {
		return nil, ErrNoEngine
	}
	e := &Engine{Path: path, Lang: "chi_sim", Timeout: time.Minute, Version: "unknown"}
	if v, err := exec.Command(path, "--version").CombinedOutput(); err == nil {
		if f := strings.Fields(string(v)); len(f) >= 2 {
			e.Version = f[1]
		}
	}
	return e, nil
}

// word is one recognised word (for Chinese, a run of characters) with its
// box in the crop's pixels and the recogniser's confidence (0–100).
type word struct {
	page, block, par, line int
	box                    image.Rectangle
	conf                   float64
	text                   string
}

// recognise runs one tesseract process over a list of crops (page segmentation mode 6: a uniform
// block of text) and returns the words of each. One process per image keeps the
// model loaded once; OMP_THREAD_LIMIT=1 keeps it on one core (its threads
// fight over the cores the batch already uses).
func (e *Engine) recognise(ctx context.Context, crops []*image.Gray) ([][]word, error) {
	dir, err := os.MkdirTemp("", "planx-ocr-")
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	var list strings.Builder
	for i, c := range crops {
		name := filepath.Join(dir, fmt.Sprintf("%04d.png", i))
		var buf bytes.Buffer
		if err := png.Encode(&buf, c); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		list.WriteString(name + "\n")
	}
	listFile := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o600); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Path, listFile, "stdout", "-l", e.Lang, "--psm", "6",
		"-c", "preserve_interword_spaces=1", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("ocr: tesseract was stopped: the time for one image (%v) or for the document ran out", e.Timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("ocr: tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return parseTSV(out, len(crops)), nil
}

// parseTSV reads tesseract's tsv output: one row per word, numbered by
// page (crop), block, paragraph and line.
func parseTSV(out []byte, n int) [][]word {
	res := make([][]word, n)
	for _, ln := range strings.Split(string(out), "\n") {
		f := strings.Split(ln, "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		v := make([]int, 10)
		for i := 0; i < 10; i++ {
			v[i], _ = strconv.Atoi(f[i+1])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		text := strings.TrimSpace(f[11])
		p := v[0] - 1
		if text == "" || p < 0 || p >= n {
			continue
		}
		res[p] = append(res[p], word{page: p, block: v[1], par: v[2], line: v[3],
			box: image.Rect(v[5], v[6], v[5]+v[7], v[6]+v[8]), conf: conf, text: text})
	}
	return res
}
