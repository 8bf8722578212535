package freelancer

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

var watermark = time.Unix(t0-86400, 0).UTC()

func TestCrawlPaging(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.servePage(t, "0", "page_p0.json")
	srv.servePage(t, "4", "page_p1.json")
	cfg := testConfig(srv.URL)
	cfg.Token, cfg.Skills, cfg.Query, cfg.RequestsPerSecond = "tok-123", []int{759, 13}, "dashboard", 50
	sink := newRecSink()
	cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	// Northwind's small logo job rides along with its dashboard; the
	// repeated 41000004 is read once; pixelpat's only job (41000005) is too small.
	if got, want := sink.ids(), []string{"41000001", "41000002", "41000003", "41000004", "41000006"}; !slices.Equal(got, want) {
		t.Errorf("signals = %v, want %v", got, want)
	}
	if s := sink.signals[3]; s.Raw["qualifies"] != false || s.Company.Name != "Northwind Analytics" {
		t.Errorf("evidence project = %+v", s)
	}
	if !cur.Watermark.Equal(time.Unix(t0, 0)) {
		t.Errorf("watermark = %v", cur.Watermark)
	}
	hits := srv.requests()
	if len(hits) != 2 || len(sink.pages) != 2 || len(sink.errs) != 0 {
		t.Fatalf("%d requests, pages %v, errors %v", len(hits), sink.pages, sink.errs)
	}
	for i, h := range hits {
		q := h.query
		if q.Get("offset") != strconv.Itoa(4*i) || q.Get("limit") != "4" || q.Get("from_time") != strconv.FormatInt(watermark.Unix(), 10) ||
			!slices.Equal(q["jobs[]"], []string{"759", "13"}) || q.Get("query") != "dashboard" || q.Get("user_details") != "true" ||
			q.Get("user_employer_reputation") != "true" || q.Get("full_description") != "true" || q.Get("sort_field") == "" {
			t.Errorf("request %d query = %v", i, q)
		}
		if h.header.Get(TokenHeader) != "tok-123" || !strings.Contains(h.header.Get("User-Agent"), "crawler-ops@leadgen.example") {
			t.Errorf("request %d headers = %v", i, h.header)
		}
	}
	if gap := hits[1].at.Sub(hits[0].at); gap < 900*time.Millisecond {
		t.Errorf("requests %v apart; the rate is capped at 1/s", gap)
	}
}

func TestCrawlFirstRunAfter429(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.servePage(t, "0", "page_p1.json") // a short page: the only one
	srv.fail("0", failure{code: http.StatusTooManyRequests, retryAfter: "1"})
	sink := newRecSink()
	start := time.Now()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	// Northwind shows only its small job this run, so it is no lead.
	if got := sink.ids(); !slices.Equal(got, []string{"41000006"}) || sink.signals[0].Company.Name != "Freelancer client 9100005" {
		t.Errorf("signals = %v", got)
	}
	hits := srv.requests()
	if len(hits) != 2 || hits[0].status != http.StatusTooManyRequests || hits[1].status != http.StatusOK || hits[1].at.Sub(hits[0].at) < time.Second {
		t.Fatalf("requests = %+v", hits)
	}
	from, _ := strconv.ParseInt(hits[0].query.Get("from_time"), 10, 64)
	if d := start.Add(-FirstRunLookback).Unix() - from; d < -60 || d > 60 {
		t.Errorf("first run from_time %d is not a week back", from)
	}
	if hits[0].header.Get(TokenHeader) != "" {
		t.Error("token header sent without a token")
	}
	if !cur.Watermark.Equal(time.Unix(t0-900, 0)) || len(sink.errs) != 0 {
		t.Errorf("watermark = %v, errors %v", cur.Watermark, sink.errs)
	}
}

func TestCrawlRejected(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		code  int
		token string
		want  string
	}{
		{http.StatusUnauthorized, "stale", "freelancer: token rejected (401)"},
		{http.StatusForbidden, "", "freelancer: anonymous access rejected (403)"},
	} {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			t.Parallel()
			srv := newFakeAPI(t)
			srv.servePage(t, "0", "page_p0.json")
			srv.fail("0", failure{code: tt.code, body: string(readFixture(t, "error_auth.json"))})
			cfg := testConfig(srv.URL)
			cfg.Token = tt.token
			sink := newRecSink()
			cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, sink)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if !cur.Watermark.Equal(watermark) || len(sink.signals) != 0 || len(srv.requests()) != 1 {
				t.Errorf("cursor %v, %d signals, %d requests", cur, len(sink.signals), len(srv.requests()))
			}
		})
	}
}

func TestCrawlServerErrorThenSuccess(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.servePage(t, "0", "page_p1.json")
	srv.fail("0", failure{code: http.StatusInternalServerError})
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil || !slices.Equal(sink.ids(), []string{"41000006"}) || len(sink.errs) != 0 || len(srv.requests()) != 2 {
		t.Fatalf("error %v, signals %v, errors %v, %d requests", err, sink.ids(), sink.errs, len(srv.requests()))
	}
	if !cur.Watermark.Equal(time.Unix(t0-900, 0)) {
		t.Errorf("watermark = %v", cur.Watermark)
	}
}

func TestCrawlMalformedPage(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.servePage(t, "0", "page_p0.json")
	srv.serveBody("4", []byte(`{"status":"success","result":{"projects":[{"id":41000009,`))
	srv.serveBody("8", readFixture(t, "page_p1.json")) // never reached
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if got := sink.ids(); !slices.Equal(got, []string{"41000001", "41000002", "41000003", "41000004"}) {
		t.Errorf("signals = %v", got)
	}
	if len(sink.errs) != 1 || len(srv.requests()) != 2 {
		t.Fatalf("errors %v, %d requests", sink.errs, len(srv.requests()))
	}
	for url, e := range sink.errs {
		if !strings.Contains(url, "offset=4") || !strings.Contains(e.Error(), "freelancer: parse page: ") {
			t.Errorf("error %s: %v", url, e)
		}
	}
	if !cur.Watermark.Equal(watermark) {
		t.Errorf("watermark moved to %v past a lost page", cur.Watermark)
	}
}

func TestCrawlMinProjectUSD(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.servePage(t, "0", "page_p1.json")
	srv.fail("0", failure{code: http.StatusBadGateway}, failure{code: http.StatusServiceUnavailable})
	cfg := testConfig(srv.URL)
	cfg.MinProjectUSD, cfg.MaxRetries = 2401, -1
	sink := newRecSink()
	cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil || len(sink.errs) != 1 || len(srv.requests()) != 1 || !cur.Watermark.Equal(watermark) {
		t.Fatalf("no retries: error %v, errors %v, %d requests, cursor %v", err, sink.errs, len(srv.requests()), cur)
	}
	cfg.MaxRetries = 2
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, sink); err != nil || len(sink.signals) != 0 {
		t.Errorf("$2,400 at a $2,401 floor: error %v, signals %v", err, sink.ids())
	}
}

func TestCrawlArguments(t *testing.T) {
	t.Parallel()
	cur := crawlers.Cursor{Watermark: watermark}
	if got, err := Crawl(context.Background(), Config{}, cur, newRecSink()); err == nil || got.Watermark != cur.Watermark {
		t.Errorf("no contact e-mail: %v", err)
	}
	if _, err := Crawl(context.Background(), testConfig("http://127.0.0.1:1"), cur, nil); err == nil {
		t.Error("nil sink accepted")
	}
}
