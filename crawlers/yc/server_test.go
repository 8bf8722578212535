package yc

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeMirror is an httptest server laid out like yc-oss.github.io:
// /robots.txt and static files under /api that honour conditional GETs
// the way GitHub Pages does (ETag and Last-Modified, 304 on a match).
type fakeMirror struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string
	files    map[string]file      // path → file
	failures map[string][]failure // path → responses sent before the file
	hits     []request
}

type file struct {
	body         []byte
	etag         string
	lastModified string
}

type failure struct {
	code       int
	retryAfter string
}

type request struct {
	path   string
	header http.Header
	status int
	at     time.Time
}

const apiPath = "/api"

func newFakeMirror(t *testing.T) *fakeMirror {
	f := &fakeMirror{robots: "User-agent: *\nAllow: /\n", files: map[string]file{}, failures: map[string][]failure{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeMirror) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	fl, ok := f.files[r.URL.Path]
	var fail *failure
	if fs := f.failures[r.URL.Path]; len(fs) > 0 {
		fail, f.failures[r.URL.Path] = &fs[0], fs[1:]
	}
	robots := f.robots
	f.mu.Unlock()
	status := http.StatusOK
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, robots)
	case fail != nil:
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
		status = fail.code
		http.Error(w, http.StatusText(fail.code), fail.code)
	case !ok:
		status = http.StatusNotFound
		http.NotFound(w, r)
	default:
		status = writeFile(w, r, fl)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits = append(f.hits, request{path: r.URL.Path, header: r.Header.Clone(), status: status, at: time.Now()})
}

// writeFile answers 304 when the client's validators match, else the file.
func writeFile(w http.ResponseWriter, r *http.Request, fl file) int {
	w.Header().Set("Cache-Control", "max-age=600")
	if fl.etag != "" {
		w.Header().Set("ETag", fl.etag)
	}
	if fl.lastModified != "" {
		w.Header().Set("Last-Modified", fl.lastModified)
	}
	inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
	if (inm != "" && inm == fl.etag) || (inm == "" && ims != "" && ims == fl.lastModified) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(fl.body)
	return http.StatusOK
}

// serveFixture publishes a testdata file at path under /api.
func (f *fakeMirror) serveFixture(t *testing.T, path, fixture, etag, lastModified string) string {
	b, err := os.ReadFile(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	return f.serveBody(path, b, etag, lastModified)
}

func (f *fakeMirror) serveBody(path string, b []byte, etag, lastModified string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[apiPath+path] = file{body: b, etag: etag, lastModified: lastModified}
	return f.URL + apiPath + path
}

func (f *fakeMirror) fail(path string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[apiPath+path] = fs
}

// hitsOf returns the requests made for a path under /api (or /robots.txt).
func (f *fakeMirror) hitsOf(path string) []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []request
	for _, h := range f.hits {
		if h.path == apiPath+path || h.path == path {
			out = append(out, h)
		}
	}
	return out
}

// recSink records what a crawl hands it.
type recSink struct {
	mu       sync.Mutex
	signals  []crawlers.Signal
	pages    []string
	errs     map[string]error
	refuse   map[string]bool // item ids whose Signal call fails
	onSignal func(crawlers.Signal)
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}, refuse: map[string]bool{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
	if s.refuse[sig.SourceItemID] {
		s.mu.Unlock()
		return io.ErrClosedPipe
	}
	s.signals = append(s.signals, sig)
	cb := s.onSignal
	s.mu.Unlock()
	if cb != nil {
		cb(sig)
	}
	return nil
}

func (s *recSink) Page(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages = append(s.pages, url)
}

func (s *recSink) Error(url string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs[url] = err
}

func (s *recSink) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, sig := range s.signals {
		out = append(out, sig.SourceItemID)
	}
	return out
}

// testConfig is a fast Config for the fake mirror.
func testConfig(base string) Config {
	return Config{
		BaseURL:           base + apiPath,
		ContactEmail:      "crawler-ops@leadgen.example",
		RequestsPerSecond: 50,
		MaxRetries:        3,
		BackoffBase:       10 * time.Millisecond,
		MaxWait:           3 * time.Second,
		Timeout:           5 * time.Second,
		Logger:            slog.New(slog.DiscardHandler),
		LatestBatches:     2,
	}
}
