package hn

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeAlgolia is an httptest server answering like hn.algolia.com:
// /robots.txt and /api/v1/search_by_date keyed by its tags and page.
type fakeAlgolia struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string
	pages    map[string][]byte    // query key → body served with 200
	failures map[string][]failure // query key → responses sent before the page
	hits     []request
}

type failure struct {
	code       int
	retryAfter string
}

type request struct {
	path  string
	key   string
	query url.Values
	ua    string
	at    time.Time
}

const apiPath = "/api/v1"

func newFakeAlgolia(t *testing.T) *fakeAlgolia {
	f := &fakeAlgolia{robots: "User-agent: *\nAllow: /\n", pages: map[string][]byte{}, failures: map[string][]failure{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// queryKey names a search by its tags and page ("story,author_whoishiring@0").
func queryKey(tags string, page int) string { return tags + "@" + strconv.Itoa(page) }

func threadsKey() string { return queryKey("story,author_whoishiring", 0) }
func commentsKey(story int64, p int) string {
	return queryKey("comment,story_"+strconv.FormatInt(story, 10), p)
}

func (f *fakeAlgolia) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	key := queryKey(q.Get("tags"), page)
	f.mu.Lock()
	f.hits = append(f.hits, request{path: r.URL.Path, key: key, query: q, ua: r.UserAgent(), at: time.Now()})
	body, ok := f.pages[key]
	var fail *failure
	if fs := f.failures[key]; len(fs) > 0 {
		fail, f.failures[key] = &fs[0], fs[1:]
	}
	robots := f.robots
	f.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, robots)
	case r.URL.Path != apiPath+"/search_by_date":
		http.NotFound(w, r)
	case fail != nil:
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(fail.code)
		io.WriteString(w, `{"message":"Too many requests","status":429}`)
	case ok:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		io.WriteString(w, `{"hits":[],"nbHits":0,"nbPages":0,"page":0,"hitsPerPage":6}`)
	}
}

// serveFile answers the query key with a testdata fixture.
func (f *fakeAlgolia) serveFile(t *testing.T, key, fixture string) {
	b, err := os.ReadFile(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	f.serveBody(key, b)
}

func (f *fakeAlgolia) serveBody(key string, b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[key] = b
}

func (f *fakeAlgolia) fail(key string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[key] = fs
}

// hitsOf returns the requests made for a query key, or for a path.
func (f *fakeAlgolia) hitsOf(keyOrPath string) []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []request
	for _, h := range f.hits {
		if (h.path != "/robots.txt" && h.key == keyOrPath) || h.path == keyOrPath {
			out = append(out, h)
		}
	}
	return out
}

func (f *fakeAlgolia) allHits() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.hits...)
}

// recSink records what a crawl hands it.
type recSink struct {
	mu       sync.Mutex
	signals  []crawlers.Signal
	pages    []string
	errs     map[string]error
	onSignal func(crawlers.Signal)
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
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

// testConfig is a fast Config for the fake server.
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
		HitsPerPage:       6,
	}
}
