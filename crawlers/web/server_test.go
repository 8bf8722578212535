package web

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

// site is an httptest server serving testdata pages by path and query,
// with an optional robots.txt and canned failures before a page.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string
	pages    map[string][]byte // "/projects?page=1" → body
	failures map[string][]int  // same key → statuses sent before the page
	moved    map[string]string // same key → URL it redirects to
	hits     []hit
}

type hit struct {
	key, ua string
	status  int
	at      time.Time
}

func newSite(t *testing.T) *site {
	s := &site{robots: "User-agent: *\nAllow: /\n", pages: map[string][]byte{}, failures: map[string][]int{}, moved: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.RequestURI()
	s.mu.Lock()
	body, ok := s.pages[key]
	fail := 0
	if fs := s.failures[key]; len(fs) > 0 {
		fail, s.failures[key] = fs[0], fs[1:]
	}
	robots, to := s.robots, s.moved[key]
	s.mu.Unlock()
	status := http.StatusOK
	switch {
	case key == "/robots.txt":
		io.WriteString(w, robots)
	case to != "":
		status = http.StatusFound
		http.Redirect(w, r, to, status)
	case fail != 0:
		status = fail
		http.Error(w, http.StatusText(fail), fail)
	case !ok:
		status = http.StatusNotFound
		http.NotFound(w, r)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits = append(s.hits, hit{key: key, ua: r.UserAgent(), status: status, at: time.Now()})
}

// serveFixture publishes a testdata file at key (path and query).
func (s *site) serveFixture(t *testing.T, key, fixture string) {
	b, err := os.ReadFile(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	s.serveBody(key, b)
}

func (s *site) serveBody(key string, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[key] = b
}

func (s *site) fail(key string, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[key] = statuses
}

func (s *site) hitsOf(key string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.hits {
		if h.key == key {
			out = append(out, h)
		}
	}
	return out
}

// recSink records what a crawl hands it.
type recSink struct {
	mu      sync.Mutex
	signals []crawlers.Signal
	pages   []string
	errs    map[string]error
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
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

const contact = "crawler-ops@leadgen.example"

// testOptions are fast Options for the test site.
func testOptions() Options {
	return Options{
		ContactEmail: contact,
		Logger:       slog.New(slog.DiscardHandler),
		Fetch: crawlers.FetchConfig{RequestsPerSecond: 50, MaxRetries: 3, BackoffBase: 10 * time.Millisecond,
			MaxWait: 2 * time.Second, Timeout: 5 * time.Second},
	}
}

// atSite points an example config at the test site: startPath becomes
// the only start URL and 127.0.0.1 the only allowed domain.
func atSite(t *testing.T, cfg Config, s *site, startPath string) Config {
	t.Helper()
	cfg.StartURLs = []string{s.URL + startPath}
	cfg.AllowedDomains = []string{"127.0.0.1"}
	cfg.Now = testNow
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}
