package techcrunch

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeSite is an httptest server laid out like techcrunch.com: /robots.txt
// and WordPress feeds that honour conditional GETs.
type fakeSite struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string
	feeds    map[string]feed      // path → feed served with 200 (or 304)
	failures map[string][]failure // path → responses sent before the feed
	hits     []hit
}

type feed struct {
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

type failure struct {
	code       int
	retryAfter string
}

type hit struct {
	path   string
	header http.Header
	status int
	at     time.Time
}

func newFakeSite(t *testing.T) *fakeSite {
	s := &fakeSite{robots: "User-agent: *\nDisallow: /wp-admin/\n", feeds: map[string]feed{}, failures: map[string][]failure{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.feeds[r.URL.Path]
	var fail *failure
	if q := s.failures[r.URL.Path]; len(q) > 0 {
		fail, s.failures[r.URL.Path] = &q[0], q[1:]
	}
	robots := s.robots
	s.mu.Unlock()
	status := s.respond(w, r, robots, f, ok, fail)
	s.mu.Lock()
	s.hits = append(s.hits, hit{path: r.URL.Path, header: r.Header.Clone(), status: status, at: time.Now()})
	s.mu.Unlock()
}

// respond writes the response and returns its status.
func (s *fakeSite) respond(w http.ResponseWriter, r *http.Request, robots string, f feed, ok bool, fail *failure) int {
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, robots)
		return http.StatusOK
	case fail != nil:
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
		http.Error(w, http.StatusText(fail.code), fail.code)
		return fail.code
	case !ok:
		http.NotFound(w, r)
		return http.StatusNotFound
	}
	if f.etag != "" {
		w.Header().Set("ETag", f.etag)
	}
	if f.lastModified != "" {
		w.Header().Set("Last-Modified", f.lastModified)
	}
	inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
	if (inm != "" && inm == f.etag) || (inm == "" && ims != "" && ims == f.lastModified) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Write(f.body)
	return http.StatusOK
}

// addFeed serves a testdata/feeds fixture at path and returns its URL.
func (s *fakeSite) addFeed(t *testing.T, path, fixture string, f feed) string {
	f.body = readFixture(t, fixture)
	if f.contentType == "" {
		f.contentType = "application/rss+xml; charset=UTF-8"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = f
	return s.URL + path
}

func (s *fakeSite) fail(path string, fs ...failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[path] = fs
}

// hitsOf returns the requests made for path.
func (s *fakeSite) hitsOf(path string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.hits {
		if h.path == path {
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

// companies lists the signals' company names in order.
func (s *recSink) companies() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, sig := range s.signals {
		out = append(out, sig.Company.Name)
	}
	return out
}

// testConfig is a fast Config for the fake site.
func testConfig(feedURLs ...string) Config {
	return Config{
		FeedURLs:          feedURLs,
		ContactEmail:      "crawler-ops@leadgen.example",
		RequestsPerSecond: MaxRequestsPerSecond,
		MaxRetries:        3,
		BackoffBase:       10 * time.Millisecond,
		MaxWait:           3 * time.Second,
		Logger:            slog.New(slog.DiscardHandler),
	}
}

// userAgentOK tells whether a request announced the contact address.
func userAgentOK(h hit) bool {
	ua := h.header.Get("User-Agent")
	return strings.HasPrefix(ua, "leadgen/") && strings.Contains(ua, "crawler-ops@leadgen.example")
}
