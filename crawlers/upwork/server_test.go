package upwork

import (
	"context"
	"encoding/json"
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

const (
	testAccess  = "oauth2v2_test_access_1234"
	testRefresh = "oauth2v2_test_refresh_5678"
	newAccess   = "oauth2v2_new_access_5f0c" // testdata/token_refresh.json
	newRefresh  = "oauth2v2_new_refresh_91ab"
)

// fakeAPI is an httptest server shaped like api.upwork.com: POST /graphql
// pages by pagination_eq.after, POST /oauth2/token grants refresh tokens.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	valid    map[string]bool   // access tokens it accepts
	pages    map[string][]byte // after → response body
	failures []int             // statuses sent for the next searches
	token    []byte            // token endpoint response; nil → 400 invalid_grant
	bodies   []graphQLRequest
	auths    []string     // Authorization headers of searches
	forms    []url.Values // token requests
	tenants  []string     // X-Upwork-API-TenantId headers
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{valid: map[string]bool{testAccess: true}, pages: map[string][]byte{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/graphql":
		f.search(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/oauth2/token":
		f.grant(w, r)
	default:
		http.NotFound(w, r) // robots.txt too: everything allowed
	}
}

func (f *fakeAPI) search(w http.ResponseWriter, r *http.Request) {
	var req graphQLRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	f.bodies = append(f.bodies, req)
	f.auths = append(f.auths, r.Header.Get("Authorization"))
	f.tenants = append(f.tenants, r.Header.Get("X-Upwork-API-TenantId"))
	if len(f.failures) > 0 {
		code := f.failures[0]
		f.failures = f.failures[1:]
		http.Error(w, `{"message":"upstream"}`, code)
		return
	}
	tok, ok := cutBearer(r.Header.Get("Authorization"))
	if !ok || !f.valid[tok] {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"Unauthorized"}`)
		return
	}
	body, ok := f.pages[req.Variables.Filter.Pagination.After]
	if !ok {
		http.Error(w, `{"errors":[{"message":"unknown cursor"}]}`, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func cutBearer(h string) (string, bool) {
	const p = "Bearer "
	if len(h) <= len(p) || h[:len(p)] != p {
		return "", false
	}
	return h[len(p):], true
}

func (f *fakeAPI) grant(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || r.ParseForm() != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f.forms = append(f.forms, r.PostForm)
	if f.token == nil {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"invalid_grant"}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(f.token)
}

// snapshot copies what the server saw.
func (f *fakeAPI) snapshot() (bodies []graphQLRequest, auths []string, forms []url.Values) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append(bodies, f.bodies...), append(auths, f.auths...), append(forms, f.forms...)
}

// serveThreePages serves the three page fixtures.
func serveThreePages(t *testing.T, f *fakeAPI) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[""] = fixture(t, "search_page1.json")
	f.pages["cursor-1"] = fixture(t, "search_page2.json")
	f.pages["cursor-2"] = fixture(t, "search_page3.json")
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// recSink records what a crawl hands it; failOn makes Signal fail for an id.
type recSink struct {
	mu      sync.Mutex
	signals []crawlers.Signal
	pages   []string
	errs    []error
	failOn  string
}

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

func (s *recSink) Error(_ string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs = append(s.errs, err)
}

// testConfig is a fast Config for the fake server, three jobs a page.
func testConfig(f *fakeAPI) Config {
	return Config{
		BaseURL:           f.URL + "/graphql",
		TokenURL:          f.URL + "/oauth2/token",
		Token:             testAccess,
		ContactEmail:      "crawler-ops@leadgen.example",
		Query:             "shopify OR golang",
		PageSize:          3,
		RequestsPerSecond: MaxRequestsPerSecond,
		MaxRetries:        3,
		BackoffBase:       10 * time.Millisecond,
		MaxWait:           time.Second,
		Timeout:           5 * time.Second,
		Logger:            slog.New(slog.DiscardHandler),
	}
}

// withRefresh adds a complete refresh set to cfg.
func withRefresh(cfg Config) Config {
	cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken = "client-id-abc", "client-secret-xyz", testRefresh
	return cfg
}

// watermark is the cursor the fixtures are read from: E1 (Nov 20) is older.
var watermark = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
