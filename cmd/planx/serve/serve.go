// Package serve is planx's web view: documents, a plan's outline with its
// text, 专栏 boxes, tables and notes, full-text search, and indicators
// compared across plans as server-rendered SVG charts. Pages are rendered
// with html/template from embedded files; nothing is built for the browser,
// and every page reads without JavaScript.
//
// The server only reads: it is given a read-only database handle and never
// writes (indicator groups for comparison are computed in memory).
package serve

import (
	"bytes"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
)

//go:embed templates/*.html static/*
var files embed.FS

// ExportFunc writes one document as the JSON tree of `planx export
// --format json`.
type ExportFunc func(db *sql.DB, id int64, w io.Writer) error

// Options say what a server offers beside its pages.
type Options struct {
	// ExportJSON serves a plan as JSON; nil: the link is not offered.
	ExportJSON ExportFunc
	// DBPath names the database in messages (how to build its index).
	DBPath string
	// Log receives the errors that pages do not show; nil: discarded.
	Log io.Writer
}

// Server answers the web pages over one database.
type Server struct {
	db         *sql.DB
	exportJSON ExportFunc
	dbPath     string
	groups     groupCache
	pages      map[string]*template.Template
	mux        *http.ServeMux
	log        *log.Logger
}

// New makes a server over db, which should be opened read-only.
func New(db *sql.DB, opt Options) (*Server, error) {
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	s := &Server{db: db, exportJSON: opt.ExportJSON, dbPath: opt.DBPath, pages: map[string]*template.Template{},
		log: log.New(logw, "planx serve: ", log.LstdFlags)}
	for _, name := range []string{"documents", "plan", "search", "indicators", "compare", "error"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/chart.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handle(s.documents))
	m.HandleFunc("GET /doc/{id}", s.handle(s.plan))
	m.HandleFunc("GET /doc/{id}/plan.json", s.handle(s.planJSON))
	m.HandleFunc("GET /doc/{id}/tables.xlsx", s.handle(s.tablesXLSX))
	m.HandleFunc("GET /doc/{id}/table/{tid}", s.handle(s.tableCSV))
	m.HandleFunc("GET /search", s.handle(s.search))
	m.HandleFunc("GET /indicators", s.handle(s.indicators))
	m.HandleFunc("GET /compare", s.handle(s.compare))
	m.Handle("GET /static/", http.FileServerFS(files))
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, notFound("没有这个页面：%s", r.URL.Path))
	})
	s.mux = m
	return s, nil
}

// ServeHTTP serves a page; a panic in a handler becomes an error page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Printf("%s: panic: %v", r.URL, v)
			s.fail(w, r, fmt.Errorf("panic: %v", v))
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// httpError is an error with the status and the message a page shows.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func notFound(format string, args ...any) error {
	return &httpError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// handle turns a handler that returns an error into one that shows the
// error as a page.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	}
}

// errorPage is what the error template shows.
type errorPage struct {
	Title   string
	Status  int
	Message string
}

// fail shows err as a page: its own message for a request's mistake, a
// general one (the details go to the log) for the server's.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := errorPage{Title: "出错了", Status: http.StatusInternalServerError, Message: "服务器读取数据库时出错，详情见服务器日志。"}
	var he *httpError
	if errors.As(err, &he) {
		p.Status, p.Message = he.status, he.msg
		if he.status == http.StatusNotFound {
			p.Title = "找不到"
		}
	} else {
		s.log.Printf("%s: %v", r.URL, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(p.Status)
	if err := s.pages["error"].Execute(w, p); err != nil {
		s.log.Printf("%s: render error page: %v", r.URL, err)
	}
}

// render executes a page into a buffer first, so that a template error
// becomes an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, name string, data any) error {
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return send(w, "text/html; charset=utf-8", "", b.Bytes())
}

// send writes a response whose body is ready. A failed write means that the
// client went away: there is no one left to show an error page to.
func send(w http.ResponseWriter, contentType, filename string, body []byte) error {
	w.Header().Set("Content-Type", contentType)
	if filename != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	w.Write(body)
	return nil
}

// docID reads the {id} of a /doc/ URL and checks that the document exists.
func (s *Server) docID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, notFound("没有编号为 %q 的文件", r.PathValue("id"))
	}
	var n int
	if err := s.db.QueryRowContext(r.Context(), `SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("look up document %d: %w", id, err)
	}
	if n == 0 {
		return 0, notFound("没有编号为 %d 的文件", id)
	}
	return id, nil
}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"heading": func(level int) int {
		return min(level+1, 6)
	},
	"query": func(kv ...string) template.URL {
		var b strings.Builder
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(urlEscape(kv[i]) + "=" + urlEscape(kv[i+1]))
		}
		return template.URL(b.String())
	},
}
