package crunchbase

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

const testKey = "cb-test-key-0123456789abcdef"

// fakeAPI is an httptest server shaped like api.crunchbase.com/api/v4:
// POST /searches/funding_rounds pages by after_id, GET
// /entities/organizations/{permalink}, and the key in X-cb-user-key.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string               // "" → 404, which allows everything
	pages    map[string][]byte    // after_id → search response
	orgs     map[string][]byte    // permalink → entity response
	failures map[string][]apiFail // "search" or a permalink → responses sent first
	bodies   []searchRequest      // search bodies received, in order
	hits     []apiHit
}

type apiFail struct {
	code       int
	retryAfter string
}

type apiHit struct {
	method, path, key, ua, contentType string
	at                                 time.Time
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{pages: map[string][]byte{}, orgs: map[string][]byte{}, failures: map[string][]apiFail{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		if f.robots == "" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, f.robots)
		return
	}
	f.hits = append(f.hits, apiHit{method: r.Method, path: r.URL.Path, key: r.Header.Get("X-cb-user-key"),
		ua: r.UserAgent(), contentType: r.Header.Get("Content-Type"), at: time.Now()})
	if r.Header.Get("X-cb-user-key") != testKey {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `[{"code":"LA201","message":"Invalid user key"}]`)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/api/v4/searches/funding_rounds":
		f.search(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v4/entities/organizations/"):
		f.organization(w, r, strings.TrimPrefix(r.URL.Path, "/api/v4/entities/organizations/"))
	default:
		http.NotFound(w, r)
	}
}

// fail sends the next queued failure for key, if any.
func (f *fakeAPI) fail(w http.ResponseWriter, key string) bool {
	q := f.failures[key]
	if len(q) == 0 {
		return false
	}
	f.failures[key] = q[1:]
	if q[0].retryAfter != "" {
		w.Header().Set("Retry-After", q[0].retryAfter)
	}
	w.WriteHeader(q[0].code)
	io.WriteString(w, `{"error":"`+http.StatusText(q[0].code)+`"}`)
	return true
}

func (f *fakeAPI) search(w http.ResponseWriter, r *http.Request) {
	var req searchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	f.bodies = append(f.bodies, req)
	if f.fail(w, "search") {
		return
	}
	body, ok := f.pages[req.AfterID]
	if !ok {
		http.Error(w, `{"error":"unknown after_id"}`, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func (f *fakeAPI) organization(w http.ResponseWriter, r *http.Request, ref string) {
	if r.URL.Query().Get("field_ids") != "website_url,categories,short_description,location_identifiers" {
		http.Error(w, "bad field_ids", http.StatusBadRequest)
		return
	}
	if f.fail(w, ref) {
		return
	}
	body, ok := f.orgs[ref]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func (f *fakeAPI) setPage(after string, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[after] = body
}

func (f *fakeAPI) setOrg(permalink string, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.orgs[permalink] = body
}

func (f *fakeAPI) queueFailures(key string, fs ...apiFail) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[key] = fs
}

func (f *fakeAPI) allHits() []apiHit {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiHit(nil), f.hits...)
}

func (f *fakeAPI) searchBodies() []searchRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]searchRequest(nil), f.bodies...)
}

// hitsOf counts requests for a path under /api/v4.
func (f *fakeAPI) hitsOf(path string) int {
	n := 0
	for _, h := range f.allHits() {
		if h.path == "/api/v4"+path {
			n++
		}
	}
	return n
}

func fixture(t *testing.T, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Last uuids of the search fixtures: the after_id of the page after each.
const (
	page1Last = "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52"
	page2Last = "b4c5d6e7-f8a9-4b0c-8d1e-2f3a4b5c6d74"
)

// serveThreePages serves the three search fixtures and the organizations
// (Quorra Health's lookup 404s).
func serveThreePages(t *testing.T, f *fakeAPI) {
	f.setPage("", fixture(t, "api", "search_page1.json"))
	f.setPage(page1Last, fixture(t, "api", "search_page2.json"))
	f.setPage(page2Last, fixture(t, "api", "search_page3.json"))
	for _, org := range []string{"tallowby", "brightkeel", "vexmoor"} {
		f.setOrg(org, fixture(t, "api", "organization_"+org+".json"))
	}
}

// recSink records what a crawl hands it; failOn makes Signal fail for an id.
type recSink struct {
	mu      sync.Mutex
	signals []crawlers.Signal
	pages   []string
	errs    map[string]error
	failOn  string
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sig.SourceItemID == s.failOn {
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

// testConfig is a fast Config for the fake server, two rounds a page.
func testConfig(f *fakeAPI) Config {
	return Config{
		BaseURL:           f.URL + "/api/v4",
		Key:               testKey,
		ContactEmail:      "crawler-ops@leadgen.example",
		RequestsPerSecond: MaxRequestsPerSecond,
		MaxRetries:        3,
		BackoffBase:       10 * time.Millisecond,
		MaxWait:           3 * time.Second,
		Timeout:           5 * time.Second,
		Logger:            slog.New(slog.DiscardHandler),
		PageSize:          2,
	}
}
