package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"encoding/json"

	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one step in the browser (a page load, a click): a
// selector that matches nothing fails the test instead of waiting forever.
const stepTimeout = 30 * time.Second

// browser drives Debian's chromium, headless, over `planx serve`, and
// gathers what the pages report to the console as errors.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	shots  string // where screenshots are written
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("chromium is not installed (apt-get install -y chromium): the pages are tested in a real browser")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 760),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	b := &browser{ctx: ctx, shots: os.Getenv("PLANX_SCREENSHOTS")}
	if b.shots == "" {
		b.shots = t.TempDir()
	}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == cdpruntime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				b.errors = append(b.errors, "console.error: "+strings.Join(args, " "))
			}
		case *cdpruntime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil && x.Description != "" {
				msg = x.Description
			}
			b.errors = append(b.errors, fmt.Sprintf("exception: %s (line %d)", msg, e.ExceptionDetails.LineNumber+1))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				b.errors = append(b.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// open loads a page, fails the test on console errors, and returns the
// HTTP status.
func (b *browser) open(t *testing.T, path string) int64 {
	t.Helper()
	b.mu.Lock()
	b.errors = nil
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(live+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		if resp.Status >= 400 && strings.HasPrefix(e, "log: Failed to load resource") && strings.HasSuffix(e, " "+live+path) {
			continue // the page's own status, which the caller checks
		}
		t.Errorf("%s: %s", path, e)
	}
	return resp.Status
}

// eval runs JavaScript in the page and decodes its result into out.
func (b *browser) eval(t *testing.T, js string, out any) {
	t.Helper()
	res, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("JSON.stringify("+js+")"))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	if err := json.Unmarshal([]byte(res), out); err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
}

// do runs browser actions, failing the test on an error.
func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// screenshot writes what the window shows, for the README.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("screenshot %s is not a PNG", name)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkLinks follows every link of the page: those within the page must
// name an element of it, those to the site must answer 200.
func (b *browser) checkLinks(t *testing.T, page string) {
	t.Helper()
	var missing []string
	b.eval(t, `[...document.querySelectorAll('a[href^="#"]')].map(a => decodeURIComponent(a.getAttribute('href').slice(1))).filter(id => !document.getElementById(id))`, &missing)
	if len(missing) > 0 {
		t.Errorf("%s: links to %d missing anchors, such as #%s", page, len(missing), missing[0])
	}
	var hrefs []string
	b.eval(t, `[...new Set([...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => h.startsWith(location.origin)).map(h => h.split('#')[0]))]`, &hrefs)
	for _, h := range hrefs {
		resp, err := http.Get(h)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: link %s answers %d", page, h, resp.StatusCode)
		}
	}
}

func TestInBrowser(t *testing.T) {
	b := newBrowser(t)
	gz := docBySource(t, "guangzhou-population-public-services-14th-fyp.txt")
	gzGold := readGold(t, "guangzhou-population-public-services-14th-fyp")
	jmGold := readGold(t, "jiangmen-public-services-14th-fyp")

	t.Run("documents", func(t *testing.T) {
		if st := b.open(t, "/"); st != 200 {
			t.Fatalf("status %d", st)
		}
		var titles []string
		b.eval(t, `[...document.querySelectorAll('table.docs tbody tr td:nth-child(2) a')].map(a => a.textContent)`, &titles)
		if len(titles) != corpusFiles(t) {
			t.Errorf("%d documents listed, want %d (the files in corpus/)", len(titles), corpusFiles(t))
		}
		for _, want := range []string{gzGold.Document.Title, jmGold.Document.Title} {
			if !strings.Contains(strings.Join(titles, "\n"), want) {
				t.Errorf("no document titled %s", want)
			}
		}
		b.screenshot(t, "serve-documents")
		b.checkLinks(t, "/")

		b.open(t, "/?region="+url.QueryEscape(jmGold.Document.Region))
		b.eval(t, `[...document.querySelectorAll('table.docs tbody tr td:nth-child(2) a')].map(a => a.textContent)`, &titles)
		if len(titles) != 1 || titles[0] != jmGold.Document.Title {
			t.Errorf("filtered by region %s: %q, want only %s", jmGold.Document.Region, titles, jmGold.Document.Title)
		}
		// sorting by title twice reverses the order
		var first, second []string
		byTitle := `[...document.querySelectorAll('table.docs tbody tr td:nth-child(2) a')].map(a => a.textContent)`
		b.open(t, "/?sort=title")
		b.eval(t, byTitle, &first)
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		defer cancel()
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//th/a[starts-with(normalize-space(.), "标题")]`)); err != nil {
			t.Fatal(err)
		}
		b.eval(t, byTitle, &second)
		for i := range first {
			if len(second) != len(first) || second[len(second)-1-i] != first[i] {
				t.Errorf("sorting by title again does not reverse the list:\n%q\nthen\n%q", first, second)
				break
			}
		}
	})

	t.Run("plan", func(t *testing.T) {
		path := fmt.Sprintf("/doc/%d", gz)
		if st := b.open(t, path); st != 200 {
			t.Fatalf("status %d", st)
		}
		var h1 string
		b.eval(t, `document.querySelector('h1').textContent`, &h1)
		if h1 != gzGold.Document.Title {
			t.Errorf("title %q, want %q", h1, gzGold.Document.Title)
		}
		b.screenshot(t, "serve-plan")

		// 专栏7 and its projects, as the answer key lists them
		var box struct {
			Title    string
			Projects []string
		}
		b.eval(t, `(() => { const b = [...document.querySelectorAll('aside.box')].find(b => b.querySelector('h4').textContent.startsWith('专栏7 '));
			return b ? {title: b.querySelector('h4').textContent, projects: [...b.querySelectorAll('ul.projects li')].map(li => li.textContent)} : {} })()`, &box)
		var want []string
		for _, p := range gzGold.Projects {
			if p.Column == 7 {
				want = append(want, p.Name)
			}
		}
		if box.Title != "专栏7 "+gzGold.Columns[6].Title || strings.Join(box.Projects, "|") != strings.Join(want, "|") {
			t.Errorf("专栏7: %q with %q\nwant %q with %q", box.Title, box.Projects, "专栏7 "+gzGold.Columns[6].Title, want)
		}
		var scrolled bool
		b.eval(t, `(() => { const f = [...document.querySelectorAll('figure.table')].find(f => f.querySelector('figcaption').textContent.startsWith('表2 '));
			f.scrollIntoView(); window.scrollBy(0, -60); return true })()`, &scrolled)
		b.screenshot(t, "serve-plan-table")

		// 表2 as a grid: every cell of the answer key, merged cells spanning
		var grid [][]struct {
			Text          string
			Span, RowSpan int
		}
		b.eval(t, `(() => { const f = [...document.querySelectorAll('figure.table')].find(f => f.querySelector('figcaption').textContent.startsWith('表2 '));
			return f ? [...f.querySelectorAll('table.grid tr')].map(tr => [...tr.cells].map(c => ({text: c.textContent, span: c.colSpan, rowSpan: c.rowSpan}))) : [] })()`, &grid)
		var gt *struct {
			Label  string
			Header []string
			Rows   [][]string
		}
		for i := range gzGold.Tables {
			if gzGold.Tables[i].Label == "表2" {
				gt = &gzGold.Tables[i]
			}
		}
		if gt == nil {
			t.Fatal("no 表2 in the answer key")
		}
		if len(grid) != len(gt.Rows)+1 {
			t.Fatalf("表2 has %d rows on the page, want %d", len(grid), len(gt.Rows)+1)
		}
		// the page's grid, its spans expanded, is the answer key's table
		width := len(gt.Header)
		expanded := make([][]string, len(grid))
		for r := range expanded {
			expanded[r] = make([]string, width)
		}
		filled := make([][]bool, len(grid))
		for r := range filled {
			filled[r] = make([]bool, width)
		}
		for r, row := range grid {
			c := 0
			for _, cell := range row {
				for c < width && filled[r][c] {
					c++
				}
				for dr := 0; dr < cell.RowSpan && r+dr < len(grid); dr++ {
					for dc := 0; dc < cell.Span && c+dc < width; dc++ {
						filled[r+dr][c+dc] = true
					}
				}
				if c < width {
					expanded[r][c] = cell.Text
				}
				c += cell.Span
			}
		}
		wantRows := append([][]string{gt.Header}, gt.Rows...)
		for r := range wantRows {
			if strings.Join(expanded[r], "|") != strings.Join(wantRows[r], "|") {
				t.Errorf("表2 row %d: %q, want %q", r, expanded[r], wantRows[r])
			}
		}
		if len(grid) > 1 && (len(grid[1]) != 1 || grid[1][0].Span != width) {
			t.Errorf("category row %v does not span the table", grid[1])
		}

		// the outline folds and unfolds
		var open int
		b.do(t, chromedp.Click(chromedp.CSS(`button[data-toggle=close]`)))
		b.eval(t, `document.querySelectorAll('.outline details[open]').length`, &open)
		if open != 0 {
			t.Errorf("%d outline entries open after 全部收起", open)
		}
		b.do(t, chromedp.Click(chromedp.CSS(`button[data-toggle=open]`)))
		b.eval(t, `document.querySelectorAll('.outline details:not([open])').length`, &open)
		if open != 0 {
			t.Errorf("%d outline entries closed after 全部展开", open)
		}
		var outline int
		b.eval(t, `document.querySelectorAll('.outline a').length`, &outline)
		var sections int
		if err := db.QueryRow(`SELECT count(*) FROM sections WHERE document_id = ?`, gz).Scan(&sections); err != nil {
			t.Fatal(err)
		}
		if outline != sections {
			t.Errorf("outline has %d entries, the plan %d headings", outline, sections)
		}
		// notes are linked from the text
		var markers int
		b.eval(t, `document.querySelectorAll('sup.marker a[href^="#n"]').length`, &markers)
		if markers == 0 {
			t.Error("no note marker links to its note")
		}
		b.checkLinks(t, path)
	})

	t.Run("search", func(t *testing.T) {
		if st := b.open(t, "/search?q="+url.QueryEscape("托育")); st != 200 {
			t.Fatalf("status %d", st)
		}
		var marks []string
		b.eval(t, `[...document.querySelectorAll('.hitsec mark')].map(m => m.textContent)`, &marks)
		if len(marks) == 0 {
			t.Fatal("no hit marked for 托育")
		}
		for _, m := range marks {
			if m != "托育" {
				t.Errorf("marked %q", m)
			}
		}
		var plans []string
		b.eval(t, `[...document.querySelectorAll('.hitplan h2 a')].map(a => a.textContent)`, &plans)
		all := strings.Join(plans, "\n")
		if !strings.Contains(all, gzGold.Document.Title) || !strings.Contains(all, jmGold.Document.Title) {
			t.Errorf("hits grouped under %q; want both cities' plans", plans)
		}
		b.screenshot(t, "serve-search")
		b.checkLinks(t, "/search")
		// the heading of a paragraph hit leads to that place in the plan
		var link string
		b.eval(t, `(() => { const li = [...document.querySelectorAll('.hitsec li')].find(li => li.querySelector('.kind').textContent === '段落');
			return li.closest('.hitsec').querySelector('h3 a').getAttribute('href') })()`, &link)
		if st := b.open(t, link); st != 200 {
			t.Fatalf("%s: status %d", link, st)
		}
		var text string
		_, frag, _ := strings.Cut(link, "#")
		b.eval(t, fmt.Sprintf(`document.getElementById(%q).textContent`, frag), &text)
		if !strings.Contains(text, "托育") {
			t.Errorf("%s: the section does not mention 托育", link)
		}
	})

	t.Run("indicators", func(t *testing.T) {
		if st := b.open(t, "/indicators"); st != 200 {
			t.Fatalf("status %d", st)
		}
		// choose the facet 约束性: every row listed is 约束性, as many as it said
		var facet struct {
			Href  string
			Count int
		}
		b.eval(t, `(() => { const li = [...document.querySelectorAll('.facet li')].find(li => li.querySelector('a').textContent === '约束性');
			return {href: li.querySelector('a').getAttribute('href'), count: +li.querySelector('.n').textContent} })()`, &facet)
		if st := b.open(t, facet.Href); st != 200 {
			t.Fatalf("status %d", st)
		}
		var attrs []string
		b.eval(t, `[...document.querySelectorAll('.facetlist tbody tr td:nth-child(8)')].map(td => td.textContent)`, &attrs)
		var heading string
		b.eval(t, `document.querySelector('h1 small').textContent`, &heading)
		if !strings.HasPrefix(heading, fmt.Sprintf("%d / ", facet.Count)) || len(attrs) != min(facet.Count, maxIndicatorRows) {
			t.Errorf("facet said %d; the page says %q and lists %d", facet.Count, heading, len(attrs))
		}
		for _, a := range attrs {
			if a != "约束性" {
				t.Errorf("row with attribute %q under 约束性", a)
				break
			}
		}
		b.screenshot(t, "serve-indicators")
	})

	t.Run("compare", func(t *testing.T) {
		if st := b.open(t, "/compare?name="+url.QueryEscape("全科医师")); st != 200 {
			t.Fatalf("status %d", st)
		}
		// the chart shows each plan's baseline and target from the answer keys
		var chart struct {
			Text      string
			Targets   int
			Baselines int
		}
		b.eval(t, `(() => { const s = document.querySelector('svg.chart');
			return s ? {text: s.textContent, targets: s.querySelectorAll('circle.target').length, baselines: s.querySelectorAll('circle.base').length} : {} })()`, &chart)
		for _, g := range []gold{gzGold, jmGold} {
			for _, in := range g.Indicators {
				if !strings.Contains(in.Name, "全科医师") || len(in.Values) < 2 {
					continue
				}
				for year, v := range in.Values {
					if want := year + "：" + v; (year == "2020" || year == "2025") && !strings.Contains(chart.Text, want) {
						t.Errorf("chart lacks %s of %s (%s)", want, g.Document.Region, in.Table)
					}
				}
				if !strings.Contains(chart.Text, g.Document.Region) {
					t.Errorf("chart does not name %s", g.Document.Region)
				}
			}
		}
		if chart.Targets < 2 || chart.Baselines < 2 {
			t.Errorf("chart draws %d baselines and %d targets; want both plans'", chart.Baselines, chart.Targets)
		}
		b.screenshot(t, "serve-compare")
		b.checkLinks(t, "/compare")
	})

	t.Run("not found", func(t *testing.T) {
		if st := b.open(t, "/doc/99999"); st != 404 {
			t.Errorf("status %d, want 404", st)
		}
		var h1 string
		b.eval(t, `document.querySelector('h1').textContent`, &h1)
		if !strings.HasPrefix(h1, "找不到") {
			t.Errorf("heading %q", h1)
		}
	})
}
