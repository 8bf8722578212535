package crunchbase

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func TestCrawlPages(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.queueFailures("search", apiFail{code: 429, retryAfter: "1"}) // the first page after a 429
	sink := newRecSink()
	prev := crawlers.Cursor{Watermark: day("2026-11-01"), Validators: map[string]crawlers.Validator{"x": {ETag: `"1"`}}}
	cur, err := Crawl(context.Background(), testConfig(srv), prev, sink)
	if err != nil {
		t.Fatal(err)
	}
	if !cur.Watermark.Equal(day("2026-11-06")) || !reflect.DeepEqual(cur.Validators, prev.Validators) {
		t.Errorf("cursor = %+v, want watermark 2026-11-06 and validators kept", cur)
	}

	// Request bodies: the documented query, oldest first, after_id paging.
	bodies := srv.searchBodies()
	wantAfter := []string{"", "", page1Last, page2Last} // the 429'd request was repeated as is
	if len(bodies) != len(wantAfter) {
		t.Fatalf("%d search requests, want %d", len(bodies), len(wantAfter))
	}
	for i, b := range bodies {
		want := searchRequest{
			FieldIDs: []string{"identifier", "announced_on", "money_raised", "investment_type", "lead_investor_identifiers", "funded_organization_identifier"},
			Query:    []predicate{{Type: "predicate", FieldID: "announced_on", OperatorID: "gte", Values: []string{"2026-11-01"}}},
			Order:    []order{{FieldID: "announced_on", Sort: "asc"}},
			Limit:    2,
			AfterID:  wantAfter[i],
		}
		if !reflect.DeepEqual(b, want) {
			t.Errorf("search %d body = %+v\nwant %+v", i+1, b, want)
		}
	}
	hits := srv.allHits()
	if gap := hits[1].at.Sub(hits[0].at); gap < time.Second {
		t.Errorf("429 with Retry-After: 1 retried after %v", gap)
	}

	// Five rounds; each organization looked up once, Tallowby's two rounds sharing one.
	if len(sink.signals) != 5 {
		t.Fatalf("%d signals, want 5", len(sink.signals))
	}
	for org, n := range map[string]int{"tallowby": 1, "brightkeel": 1, "quorra-health": 1, "vexmoor": 1} {
		if got := srv.hitsOf("/entities/organizations/" + org); got != n {
			t.Errorf("%s looked up %d times, want %d", org, got, n)
		}
	}
	byName := map[string]crawlers.Signal{}
	for _, s := range sink.signals {
		byName[s.Title] = s
	}
	seed := byName["Seed — $2.5M led by Harbor Lane Ventures"]
	if seed.Company.Domain != "https://www.tallowby.example/" || seed.Company.City != "Madison" || seed.OccurredAt != day("2026-11-02") {
		t.Errorf("seed signal = %+v", seed)
	}
	debt := byName["Debt — $5M"]
	if debt.Company.Domain != seed.Company.Domain || debt.Company.Keys[0] != "crunchbase:"+tallowby.UUID {
		t.Errorf("debt signal company = %+v, want Tallowby's looked-up details", debt.Company)
	}
	preseed := byName["Pre-seed"]
	if preseed.Company.Name != "Quorra Health" || preseed.Company.Domain != "" || preseed.Round != "Pre-seed" {
		t.Errorf("pre-seed signal (organization 404) = %+v", preseed)
	}
	if len(sink.errs) != 0 {
		t.Errorf("errors = %v; an organization that 404s is not one", sink.errs)
	}

	// Every request carried the key and the contact address, spaced by the limit.
	var prevAt time.Time
	for _, h := range hits {
		if h.key != testKey || !strings.Contains(h.ua, "crawler-ops@leadgen.example") {
			t.Errorf("%s %s: key %q, User-Agent %q", h.method, h.path, h.key, h.ua)
		}
		if !prevAt.IsZero() && h.at.Sub(prevAt) < time.Duration(float64(time.Second)/MaxRequestsPerSecond) {
			t.Errorf("%s started %v after the previous request", h.path, h.at.Sub(prevAt))
		}
		prevAt = h.at
	}
	if len(sink.pages) != 3+3 {
		t.Errorf("pages = %v", sink.pages)
	}
}

func TestCrawlNeedsKey(t *testing.T) {
	srv := newFakeAPI(t)
	cfg := testConfig(srv)
	cfg.Key = ""
	cur := crawlers.Cursor{Watermark: day("2026-11-01")}
	got, err := Crawl(context.Background(), cfg, cur, newRecSink())
	if !errors.Is(err, ErrNeedsKey) || !reflect.DeepEqual(got, cur) || len(srv.allHits()) != 0 {
		t.Errorf("err = %v, cursor %+v, %d requests", err, got, len(srv.allHits()))
	}
	cfg.Key, cfg.ContactEmail = testKey, "not an address"
	if _, err := Crawl(context.Background(), cfg, cur, newRecSink()); err == nil || !strings.Contains(err.Error(), "e-mail") {
		t.Errorf("bad contact e-mail: err = %v", err)
	}
	cfg.ContactEmail = "ops@example.com"
	if _, err := Crawl(context.Background(), cfg, cur, nil); err == nil {
		t.Error("nil sink: no error")
	}
}

func TestCrawlKeyRejected(t *testing.T) {
	t.Parallel()
	for _, code := range []int{401, 403} {
		srv := newFakeAPI(t)
		serveThreePages(t, srv)
		cfg := testConfig(srv)
		if code == 401 {
			cfg.Key = "wrong-key"
		} else {
			srv.queueFailures("search", apiFail{code: 403})
		}
		cur := crawlers.Cursor{Watermark: day("2026-11-01")}
		got, err := Crawl(context.Background(), cfg, cur, newRecSink())
		if !errors.Is(err, ErrKeyRejected) || err.Error() != "crunchbase: key rejected ("+map[int]string{401: "401", 403: "403"}[code]+")" {
			t.Errorf("%d: err = %v", code, err)
		}
		if !got.Watermark.Equal(cur.Watermark) || len(srv.allHits()) != 1 {
			t.Errorf("%d: cursor %v, %d requests; want unchanged and no retry", code, got.Watermark, len(srv.allHits()))
		}
		if strings.Contains(err.Error(), cfg.Key) {
			t.Errorf("%d: the error shows the key", code)
		}
	}
}

func TestCrawlMalformedPage(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.setPage(page1Last, fixture(t, "api", "search_malformed.json"))
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: day("2026-11-01")}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if !cur.Watermark.Equal(day("2026-11-03")) || len(sink.signals) != 2 {
		t.Errorf("watermark %v, %d signals; want page 1 kept", cur.Watermark, len(sink.signals))
	}
	searchURL := srv.URL + "/api/v4/searches/funding_rounds"
	if err := sink.errs[searchURL]; err == nil || !strings.Contains(err.Error(), "parse search page") || len(sink.errs) != 1 {
		t.Errorf("errors = %v", sink.errs)
	}
	if n := len(srv.searchBodies()); n != 2 {
		t.Errorf("%d searches, want the run to stop at the malformed page", n)
	}
}

func TestCrawlBadEntitiesAndSinkErrors(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.setPage("", fixture(t, "api", "search_mixed.json"))
	srv.setOrg("vexmoor", fixture(t, "api", "organization_vexmoor.json"))
	srv.queueFailures("tallowby", apiFail{code: 500}, apiFail{code: 500})
	srv.queueFailures("vexmoor", apiFail{code: 403})
	cfg := testConfig(srv)
	cfg.PageSize, cfg.MaxRetries = 100, 1
	sink := newRecSink()
	sink.failOn = "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52" // Brightkeel's 2026-11-03 round
	cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	// The refused round holds the watermark on its day, not past it.
	if !cur.Watermark.Equal(day("2026-11-03")) {
		t.Errorf("watermark = %v, want 2026-11-03", cur.Watermark)
	}
	if len(sink.signals) != 2 {
		t.Errorf("%d signals, want 2 (Tallowby without details, Nameless)", len(sink.signals))
	}
	base := srv.URL + "/api/v4"
	wantErrs := []string{
		base + "/searches/funding_rounds#d0000000-0000-4000-8000-000000000001",
		base + "/searches/funding_rounds#d0000000-0000-4000-8000-000000000002",
		base + "/searches/funding_rounds#4",
		base + "/searches/funding_rounds#d0000000-0000-4000-8000-000000000003",
		base + "/searches/funding_rounds#7",
		organizationURL(base, "tallowby"), // 500 twice
		organizationURL(base, "vexmoor"),  // 403
	}
	for _, u := range wantErrs {
		if sink.errs[u] == nil {
			t.Errorf("no error for %s", u)
		}
	}
	if len(sink.errs) != len(wantErrs) {
		t.Errorf("errors = %v", sink.errs)
	}
	// The 403 switched lookups off: Brightkeel (after it) was not looked up.
	if n := srv.hitsOf("/entities/organizations/brightkeel"); n != 0 {
		t.Errorf("lookups after a 403: %d", n)
	}
}

func TestCrawlFirstRunAndFailures(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.setPage("", fixture(t, "api", "search_empty.json"))
	before := time.Now().UTC().Add(-DefaultLookback).Format(time.DateOnly)
	cur, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{}, newRecSink())
	after := time.Now().UTC().Add(-DefaultLookback).Format(time.DateOnly)
	if err != nil || !cur.Watermark.IsZero() {
		t.Fatalf("cursor %+v, err %v", cur, err)
	}
	if b := srv.searchBodies(); len(b) != 1 || (b[0].Query[0].Values[0] != before && b[0].Query[0].Values[0] != after) {
		t.Errorf("first run searched from %v, want %s (30 days back)", b, before)
	}

	down := newFakeAPI(t)
	down.queueFailures("search", apiFail{code: 502}, apiFail{code: 503})
	cfg := testConfig(down)
	cfg.MaxRetries = 1
	cur, err = Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: day("2026-11-01")}, newRecSink())
	if err == nil || !strings.Contains(err.Error(), "gave up after 2 attempts") || !cur.Watermark.Equal(day("2026-11-01")) {
		t.Errorf("search down: cursor %v, err %v", cur.Watermark, err)
	}

	blocked := newFakeAPI(t)
	blocked.robots = "User-agent: *\nDisallow: /api/\n"
	if _, err := Crawl(context.Background(), testConfig(blocked), crawlers.Cursor{}, newRecSink()); !errors.Is(err, crawlers.ErrRobotsDisallowed) {
		t.Errorf("robots.txt disallow: err = %v", err)
	}
}

func TestCrawlPagingStuck(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.setPage(page1Last, fixture(t, "api", "search_page1.json")) // the API ignores after_id
	cfg := testConfig(srv)
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: day("2026-11-01")}, sink); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.searchBodies()); n != 2 || len(sink.errs) != 1 {
		t.Errorf("%d searches, errors %v; want a stop after the repeated page", n, sink.errs)
	}
}
