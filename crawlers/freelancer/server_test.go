package freelancer

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeAPI is an httptest server answering /api/projects/0.1/projects/active/
// by offset: queued failures first, then the page body.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	pages    map[string][]byte    // offset → body
	failures map[string][]failure // offset → responses sent before the page
	hits     []request
}

type failure struct {
	code       int
	retryAfter string
	body       string
}

type request struct {
	query  url.Values
	header http.Header
	status int
	at     time.Time
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{pages: map[string][]byte{}, failures: map[string][]failure{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		io.WriteString(w, "User-agent: *\nDisallow: /users/settings\n")
		return
	}
	off := r.URL.Query().Get("offset")
	f.mu.Lock()
	body, ok := f.pages[off]
	var fail *failure
	if fs := f.failures[off]; len(fs) > 0 {
		fail, f.failures[off] = &fs[0], fs[1:]
	}
	f.mu.Unlock()
	status := http.StatusOK
	switch {
	case r.URL.Path != projectsPath:
		status = http.StatusNotFound
	case fail != nil:
		status = fail.code
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
	case !ok:
		status = http.StatusNotFound
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch {
	case fail != nil:
		io.WriteString(w, fail.body)
	case status == http.StatusOK:
		w.Write(body)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits = append(f.hits, request{query: r.URL.Query(), header: r.Header.Clone(), status: status, at: time.Now()})
}

// servePage answers the page at offset with a testdata file.
func (f *fakeAPI) servePage(t *testing.T, offset, fixture string) {
	f.serveBody(offset, readFixture(t, fixture))
}

func (f *fakeAPI) serveBody(offset string, b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[offset] = b
}

func (f *fakeAPI) fail(offset string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[offset] = fs
}

func (f *fakeAPI) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.hits...)
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// recSink records what a crawl hands it.
type recSink struct {
	mu      sync.Mutex
	signals []crawlers.Signal
	pages   []string
	errs    map[string]error
	refuse  map[string]bool // item ids whose Signal call fails
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}, refuse: map[string]bool{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuse[sig.SourceItemID] {
		return io.ErrClosedPipe
	}
	s.signals = append(s.signals, sig)
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

// testConfig is a fast Config for the fake API: four projects a page.
func testConfig(base string) Config {
	return Config{
		BaseURL:      base,
		ContactEmail: "crawler-ops@leadgen.example",
		PageSize:     4,
		MaxPages:     5,
		MaxRetries:   3,
		BackoffBase:  10 * time.Millisecond,
		MaxWait:      2 * time.Second,
		Timeout:      5 * time.Second,
		Logger:       slog.New(slog.DiscardHandler),
	}
}
