package crawlers

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	for _, tt := range []struct {
		attempt int
		want    time.Duration
	}{{0, time.Second}, {1, 2 * time.Second}, {3, 8 * time.Second}, {6, 60 * time.Second}, {100, 60 * time.Second}} {
		if got := Backoff(time.Second, tt.attempt, time.Minute); got != tt.want {
			t.Errorf("Backoff(1s, %d, 1m) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 7, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Fri, 07 Mar 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Fri, 07 Mar 2025 11:00:00 GMT", 0, true},
		{"99999999999", 24 * time.Hour, true},
	} {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUserAgent(t *testing.T) {
	ua, err := UserAgent(" ops@example.com ")
	if err != nil || ua != "leadgen/"+Version+" (+ops@example.com)" {
		t.Errorf("UserAgent = %q, %v", ua, err)
	}
	for _, bad := range []string{"", "ops", "Ops <ops@example.com>", "a@b\nX: y"} {
		if _, err := UserAgent(bad); err == nil {
			t.Errorf("UserAgent(%q): no error", bad)
		}
	}
}

// countingServer answers each path with a scripted series of statuses.
type countingServer struct {
	mu     sync.Mutex
	script map[string][]int
	hits   map[string][]time.Time
}

func (s *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path] = append(s.hits[r.URL.Path], time.Now())
	code := http.StatusOK
	if q := s.script[r.URL.Path]; len(q) > 0 {
		code, s.script[r.URL.Path] = q[0], q[1:]
	}
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
		return
	}
	if code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "0")
	}
	w.Header().Set("Content-Type", "text/plain; charset=ISO-8859-1")
	w.WriteHeader(code)
	w.Write([]byte("caf\xe9"))
}

func newFetcherServer(t *testing.T, script map[string][]int) (*countingServer, *httptest.Server) {
	cs := &countingServer{script: script, hits: map[string][]time.Time{}}
	srv := httptest.NewServer(cs)
	t.Cleanup(srv.Close)
	return cs, srv
}

func testFetcher(t *testing.T, ctx context.Context) *Fetcher {
	f, err := NewFetcher(ctx, FetchConfig{UserAgent: "leadgen-test (+t@example.com)", RequestsPerSecond: 100,
		MaxRetries: 2, BackoffBase: 5 * time.Millisecond, MaxWait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFetcherGet(t *testing.T) {
	t.Parallel()
	cs, srv := newFetcherServer(t, map[string][]int{
		"/flaky":   {503, 429},
		"/down":    {500, 502, 503, 504},
		"/missing": {404},
	})
	f := testFetcher(t, context.Background())

	p, err := f.Get(srv.URL + "/flaky")
	if err != nil || p.Attempts != 3 || string(p.Body) != "caf\xe9" {
		t.Fatalf("flaky: page=%+v err=%v; want raw body after 3 attempts", p, err)
	}
	if ct := p.Header.Get("Content-Type"); ct != "text/plain; charset=ISO-8859-1" {
		t.Errorf("Content-Type = %q, want it kept", ct)
	}

	_, err = f.Get(srv.URL + "/down")
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 503 || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("down: err = %v", err)
	}

	_, err = f.Get(srv.URL + "/missing")
	if !IsNotFound(err) || len(cs.hits["/missing"]) != 1 {
		t.Errorf("missing: err = %v after %d requests; want one 404", err, len(cs.hits["/missing"]))
	}

	_, err = f.Get(srv.URL + "/private/x")
	if !errors.Is(err, ErrRobotsDisallowed) || len(cs.hits["/private/x"]) != 0 {
		t.Errorf("private: err = %v, hits %d; want robots refusal without a request", err, len(cs.hits["/private/x"]))
	}
}

func TestFetcherCancel(t *testing.T) {
	t.Parallel()
	_, srv := newFetcherServer(t, map[string][]int{"/down": {503, 503, 503}})
	ctx, cancel := context.WithCancel(context.Background())
	f, err := NewFetcher(ctx, FetchConfig{UserAgent: "leadgen-test (+t@example.com)", RequestsPerSecond: 20, BackoffBase: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err = f.Get(srv.URL + "/down")
	if !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Errorf("err = %v after %v; want prompt context.Canceled", err, time.Since(start))
	}
}

func TestNewFetcherNeedsUserAgent(t *testing.T) {
	if _, err := NewFetcher(context.Background(), FetchConfig{}); err == nil {
		t.Error("no error without a User-Agent")
	}
}

func TestFetcherDoConditionalAndPost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.Method == http.MethodPost:
			b, _ := io.ReadAll(r.Body)
			w.Write([]byte(r.Header.Get("X-Key") + ":" + string(b))) //nolint:errcheck
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte("feed")) //nolint:errcheck
		}
	}))
	defer srv.Close()
	f := testFetcher(t, context.Background())
	p, err := f.Get(srv.URL + "/feed")
	if err != nil || p.Status != 200 || p.Header.Get("ETag") != `"v1"` {
		t.Fatalf("first get = %+v, %v", p, err)
	}
	p, err = f.Do(Request{URL: srv.URL + "/feed", Header: http.Header{"If-None-Match": {`"v1"`}}})
	if err != nil || p.Status != http.StatusNotModified || len(p.Body) != 0 {
		t.Fatalf("conditional get = %+v, %v; want a 304 success", p, err)
	}
	p, err = f.Do(Request{Method: http.MethodPost, URL: srv.URL + "/search", Header: http.Header{"X-Key": {"k"}}, Body: []byte(`{"a":1}`)})
	if err != nil || string(p.Body) != `k:{"a":1}` {
		t.Fatalf("post = %+v, %v", p, err)
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "3", " 0 ", "-1", "soon", "Fri, 07 Mar 2025 12:00:30 GMT", "99999999999"} {
		f.Add(s)
	}
	now := time.Date(2025, 3, 7, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, h string) {
		wait, ok := ParseRetryAfter(h, now)
		if wait < 0 || wait > 24*time.Hour || (!ok && wait != 0) {
			t.Fatalf("ParseRetryAfter(%q) = %v, %v", h, wait, ok)
		}
	})
}
