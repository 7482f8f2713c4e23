package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkPages renders each page over the corpus database, in the server
// (no network): the issue asks for ≤ 200 ms a page and ≤ 100 ms a search.
func BenchmarkPages(b *testing.B) {
	gz := docBySource(b, "guangzhou-population-public-services-14th-fyp.txt")
	// `planx serve` groups the indicators at start; the first compare page
	// would otherwise wait for it
	if err := srv.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"documents", "/"},
		{"plan", fmt.Sprintf("/doc/%d", gz)},
		{"search", "/search?q=" + url.QueryEscape("托育")},
		{"search-1char", "/search?q=" + url.QueryEscape("育")},
		{"indicators", "/indicators"},
		{"compare", "/compare?name=" + url.QueryEscape("全科医师")},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", p.path, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: status %d", p.path, rec.Code)
				}
			}
		})
	}
}
