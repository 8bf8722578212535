package techcrunch

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

const (
	venturePath  = "/category/venture/feed/"
	startupsPath = "/category/startups/feed/"
	etagV1       = `"5f3a9c-v1"`
	lastModV1    = "Mon, 06 Jul 2026 16:40:12 GMT"
)

func TestCrawlConditionalGet(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	u := site.addFeed(t, venturePath, "venture_2026.xml", feed{etag: etagV1, lastModified: lastModV1})
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(u), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sink.companies(), []string{"Quillfeather", "Fennic", "Bramble Energy", "Paysetu"}; !slices.Equal(got, want) {
		t.Fatalf("signals for %q, want %q", got, want)
	}
	checkQuillfeather(t, sink.signals[0], u)
	if s := sink.signals[1]; s.Title != "Raised €20M (≈$23.26M) Series A led by Harbor & Pike" || s.Currency != "EUR" || s.AmountUSD != 23_255_814 {
		t.Errorf("Fennic signal = %q %s %d", s.Title, s.Currency, s.AmountUSD)
	}
	if s := sink.signals[2]; !s.OccurredAt.Equal(time.Date(2026, 7, 4, 17, 54, 48, 0, time.UTC)) || s.Round != "Series A" {
		t.Errorf("Bramble signal = %+v", s)
	}
	wantCur := crawlers.Cursor{
		Watermark:  time.Date(2026, 7, 6, 16, 30, 0, 0, time.UTC),
		Validators: map[string]crawlers.Validator{u: {ETag: etagV1, LastModified: lastModV1}},
	}
	if !cursorsEqual(cur, wantCur) {
		t.Errorf("cursor = %+v, want %+v", cur, wantCur)
	}
	if len(sink.pages) != 1 || len(sink.errs) != 0 {
		t.Errorf("pages %v, errors %v", sink.pages, sink.errs)
	}

	// Second run: the validators go out, the feed is unchanged, nothing is read.
	sink2 := newRecSink()
	cur2, err := Crawl(context.Background(), testConfig(u), cur, sink2)
	if err != nil {
		t.Fatal(err)
	}
	hs := site.hitsOf(venturePath)
	if len(hs) != 2 {
		t.Fatalf("%d feed requests, want 2", len(hs))
	}
	if h := hs[1]; h.header.Get("If-None-Match") != etagV1 || h.header.Get("If-Modified-Since") != lastModV1 || h.status != http.StatusNotModified {
		t.Errorf("second request headers %v, status %d", h.header, h.status)
	}
	if hs[0].header.Get("If-None-Match") != "" || !userAgentOK(hs[0]) || !userAgentOK(hs[1]) {
		t.Errorf("first request headers %v", hs[0].header)
	}
	if len(sink2.signals) != 0 || len(sink2.pages) != 0 || len(sink2.errs) != 0 {
		t.Errorf("after 304: signals %d, pages %v, errors %v", len(sink2.signals), sink2.pages, sink2.errs)
	}
	if !cursorsEqual(cur2, wantCur) {
		t.Errorf("cursor after 304 = %+v, want %+v", cur2, wantCur)
	}
}

// checkQuillfeather checks every field of the first signal.
func checkQuillfeather(t *testing.T, s crawlers.Signal, feedURL string) {
	t.Helper()
	link := "https://techcrunch.com/2026/07/06/quillfeather-raises-12m-series-a-led-by-northwind-ventures/"
	if s.Source != "news" || s.SourceItemID != "https://techcrunch.com/?p=3100101" || s.Kind != crawlers.KindFunding ||
		s.Title != "Raised $12M Series A led by Northwind Ventures" || s.URL != link ||
		!s.OccurredAt.Equal(time.Date(2026, 7, 6, 16, 30, 0, 0, time.UTC)) || s.AmountUSD != 12_000_000 ||
		s.Amount != 12_000_000 || s.Currency != "USD" || s.Round != "Series A" ||
		!slices.Equal(s.LeadInvestors, []string{"Northwind Ventures"}) {
		t.Errorf("signal = %+v", s)
	}
	if c := s.Company; c.Name != "Quillfeather" || c.Keys == nil || len(c.Keys) != 0 || !slices.Equal(c.Categories, []string{"Fundraising", "Venture", "AI"}) {
		t.Errorf("company = %+v", c)
	}
	raw, err := json.Marshal(s.Raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"author":"Dana Whitfield"`, `"feed_url":"` + feedURL + `"`, `"feed_host":"127.0.0.1:`,
		`"round":"Series A"`, `"rates_as_of":"2026-07-01"`, `"link":"` + link + `"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("raw %s lacks %s", raw, want)
		}
	}
	// The excerpt is for personal use only: it must not be stored.
	if strings.Contains(string(raw), "Lisbon") || s.Company.Description != "" {
		t.Errorf("article text kept in the signal: %s", raw)
	}
}

func cursorsEqual(a, b crawlers.Cursor) bool {
	if !a.Watermark.Equal(b.Watermark) || len(a.Validators) != len(b.Validators) {
		return false
	}
	for k, v := range a.Validators {
		if b.Validators[k] != v {
			return false
		}
	}
	return true
}

func TestCrawlRetryAfter(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	u := site.addFeed(t, venturePath, "venture_2026.xml", feed{etag: etagV1})
	site.fail(venturePath, failure{code: http.StatusTooManyRequests, retryAfter: "1"})
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(u), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	hs := site.hitsOf(venturePath)
	if len(hs) != 2 || hs[0].status != http.StatusTooManyRequests || hs[1].status != http.StatusOK {
		t.Fatalf("requests = %+v", hs)
	}
	if gap := hs[1].at.Sub(hs[0].at); gap < time.Second {
		t.Errorf("retried after %v, want ≥ 1s (Retry-After)", gap)
	}
	if len(sink.signals) != 4 || len(sink.errs) != 0 || cur.Validators[u].ETag != etagV1 {
		t.Errorf("signals %d, errors %v, cursor %+v", len(sink.signals), sink.errs, cur)
	}
}

func TestCrawlMalformedFeedAmongOthers(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	bad := site.addFeed(t, venturePath, "bad_truncated.xml", feed{etag: `"bad"`})
	good := site.addFeed(t, startupsPath, "startups_2026.xml", feed{etag: `"good"`})
	old := crawlers.Cursor{Watermark: time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC),
		Validators: map[string]crawlers.Validator{bad: {ETag: `"older"`}}}
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(bad, good), old, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.errs[bad]; err == nil || !strings.Contains(err.Error(), "techcrunch: parse feed") {
		t.Errorf("malformed feed error = %v", err)
	}
	if got := sink.companies(); !slices.Equal(got, []string{"Kettleworks", "Quillfeather"}) {
		t.Errorf("signals from the good feed = %q", got)
	}
	// The failed feed keeps its old validators so the next run refetches
	// it; the watermark waits for a run where every feed was read.
	want := crawlers.Cursor{Watermark: old.Watermark, Validators: map[string]crawlers.Validator{bad: {ETag: `"older"`}, good: {ETag: `"good"`}}}
	if !cursorsEqual(cur, want) {
		t.Errorf("cursor = %+v, want %+v", cur, want)
	}
}

func TestCrawlDedupeAndWatermark(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	v := site.addFeed(t, venturePath, "venture_2026.xml", feed{})
	s := site.addFeed(t, startupsPath, "startups_2026.xml", feed{})
	// Watermark 7 Jul 16:00: the overlap reaches back to 4 Jul 16:00, so
	// Bramble (4 Jul 17:54) still goes out and nothing older would.
	old := crawlers.Cursor{Watermark: time.Date(2026, 7, 7, 16, 0, 0, 0, time.UTC)}
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(v, s, v), old, sink)
	if err != nil {
		t.Fatal(err)
	}
	// Quillfeather is in both feeds and goes out once; the venture feed
	// listed twice in the config is fetched once.
	if got := sink.companies(); !slices.Equal(got, []string{"Quillfeather", "Fennic", "Bramble Energy", "Paysetu", "Kettleworks"}) {
		t.Errorf("signals = %q", got)
	}
	if n := len(site.hitsOf(venturePath)); n != 1 {
		t.Errorf("venture feed fetched %d times", n)
	}
	if !cur.Watermark.Equal(old.Watermark) || len(cur.Validators) != 0 {
		t.Errorf("cursor = %+v: an older newest item must not move the watermark back", cur)
	}

	old.Watermark = time.Date(2026, 7, 9, 9, 15, 0, 0, time.UTC) // since = 6 Jul 09:15
	sink = newRecSink()
	if _, err := Crawl(context.Background(), testConfig(v), old, sink); err != nil {
		t.Fatal(err)
	}
	if got := sink.companies(); !slices.Equal(got, []string{"Quillfeather", "Fennic", "Paysetu"}) {
		t.Errorf("with a later watermark: signals = %q", got)
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	site.robots = "User-agent: *\nDisallow: /category/venture/\n"
	blocked := site.addFeed(t, venturePath, "venture_2026.xml", feed{})
	allowed := site.addFeed(t, startupsPath, "startups_2026.xml", feed{})
	sink := newRecSink()
	if _, err := Crawl(context.Background(), testConfig(blocked, allowed), crawlers.Cursor{}, sink); err != nil {
		t.Fatal(err)
	}
	if n := len(site.hitsOf(venturePath)); n != 0 {
		t.Errorf("disallowed feed fetched %d times", n)
	}
	if err := sink.errs[blocked]; !errors.Is(err, crawlers.ErrRobotsDisallowed) {
		t.Errorf("disallowed feed error = %v", err)
	}
	if len(sink.signals) != 2 || len(site.hitsOf("/robots.txt")) != 1 {
		t.Errorf("signals %d, robots.txt fetched %d times", len(sink.signals), len(site.hitsOf("/robots.txt")))
	}
}

func TestCrawlCharsetHeader(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	u := site.addFeed(t, venturePath, "latin1.xml", feed{contentType: "application/rss+xml; charset=ISO-8859-1"})
	sink := newRecSink()
	if _, err := Crawl(context.Background(), testConfig(u), crawlers.Cursor{}, sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.signals) != 1 || sink.signals[0].Company.Name != "Brûlerie" || sink.signals[0].Title != "Raised £2M (≈$2.68M)" {
		t.Errorf("signals = %+v", sink.signals)
	}
}

func TestCrawlConfig(t *testing.T) {
	t.Parallel()
	cfg, ua, err := Config{ContactEmail: "ops@example.com", RequestsPerSecond: 50}.prepare()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RequestsPerSecond != MaxRequestsPerSecond || !slices.Equal(cfg.FeedURLs, []string{DefaultFeedURL}) ||
		ua != "leadgen/"+crawlers.Version+" (+ops@example.com)" || cfg.Logger == nil {
		t.Errorf("prepared = %+v, ua %q", cfg, ua)
	}
	if cfg, _, _ := (Config{ContactEmail: "ops@example.com"}).prepare(); cfg.RequestsPerSecond != 1 {
		t.Errorf("default rate = %v, want 1/s", cfg.RequestsPerSecond)
	}
	cur := crawlers.Cursor{Watermark: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, c := range []Config{
		{ContactEmail: ""}, {ContactEmail: "Ops <ops@example.com>"},
		{ContactEmail: "ops@example.com", FeedURLs: []string{"techcrunch.com/feed/"}},
		{ContactEmail: "ops@example.com", FeedURLs: []string{"ftp://techcrunch.com/feed/"}},
	} {
		got, err := Crawl(context.Background(), c, cur, newRecSink())
		if err == nil || !strings.HasPrefix(err.Error(), "techcrunch: crawl: ") || !cursorsEqual(got, cur) {
			t.Errorf("config %+v: err = %v, cursor %+v", c, err, got)
		}
	}
	if _, err := Crawl(context.Background(), Config{ContactEmail: "ops@example.com"}, cur, nil); err == nil {
		t.Error("nil sink: no error")
	}
}

func TestCrawlCancel(t *testing.T) {
	t.Parallel()
	site := newFakeSite(t)
	u := site.addFeed(t, venturePath, "venture_2026.xml", feed{})
	s := site.addFeed(t, startupsPath, "startups_2026.xml", feed{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newRecSink()
	sink.onSignal = func(crawlers.Signal) { cancel() }
	old := crawlers.Cursor{Watermark: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	cur, err := Crawl(ctx, testConfig(u, s), old, sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(sink.signals) != 1 || len(site.hitsOf(startupsPath)) != 0 || !cursorsEqual(cur, old) {
		t.Errorf("after cancel: %d signals, second feed hits %d, cursor %+v", len(sink.signals), len(site.hitsOf(startupsPath)), cur)
	}
}
