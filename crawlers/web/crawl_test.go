package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
)

const (
	p1 = "/projects?page=1"
	p2 = "/projects?page=2"
)

// marketplaceSite serves both marketplace pages.
func marketplaceSite(t *testing.T) (*site, Config) {
	s := newSite(t)
	s.serveFixture(t, p1, "marketplace_p1.html")
	s.serveFixture(t, p2, "marketplace_p2.html")
	return s, atSite(t, loadExample(t, "marketplace"), s, p1)
}

// wantIDs are the marketplace items kept: page 1 less the $50 project
// (below min_budget_usd), then page 2 less its repeat of page 1.
func wantIDs(base string) []string {
	var out []string
	for _, p := range []string{"48211-shopify-store-migration?ref=list", "48207-crm-integration", "48199-bookkeeping",
		"48190-logo", "48166-mobile-app"} {
		out = append(out, base+"/projects/"+p)
	}
	// The data-pipeline link is absolute to the real site, as a page may hard-code it.
	return slices.Insert(out, 4, "https://www.gigharbor.example/projects/48170-data-pipeline")
}

func TestCrawlPaginates(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	sink := newRecSink()
	cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := sink.ids(); !slices.Equal(got, wantIDs(s.URL)) {
		t.Errorf("ids =\n %v\nwant\n %v", got, wantIDs(s.URL))
	}
	if !slices.Equal(sink.pages, []string{s.URL + p1, s.URL + p2}) || len(sink.errs) != 0 {
		t.Errorf("pages %v, errors %v", sink.pages, sink.errs)
	}
	if !cur.Watermark.Equal(testNow) {
		t.Errorf("watermark = %v, want the crawl time", cur.Watermark)
	}
	for _, h := range append(s.hitsOf(p1), s.hitsOf("/robots.txt")...) {
		if !strings.Contains(h.ua, contact) {
			t.Errorf("User-Agent %q lacks the contact e-mail", h.ua)
		}
	}
	if len(s.hitsOf("/robots.txt")) != 1 {
		t.Errorf("robots.txt fetched %d times", len(s.hitsOf("/robots.txt")))
	}
	for _, sig := range sink.signals {
		if sig.Source != "web:gigharbor-projects" || sig.Kind != crawlers.KindProject {
			t.Errorf("signal %+v", sig)
		}
	}
}

func TestCrawlMaxPages(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	cfg.MaxPages = 1
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions()); err != nil {
		t.Fatal(err)
	}
	if len(sink.signals) != 4 || len(s.hitsOf(p2)) != 0 {
		t.Errorf("%d signals, %d page-2 requests", len(sink.signals), len(s.hitsOf(p2)))
	}
}

func TestCrawlRetries429(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	s.fail(p2, http.StatusTooManyRequests)
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions()); err != nil {
		t.Fatal(err)
	}
	hs := s.hitsOf(p2)
	if len(hs) != 2 || hs[0].status != http.StatusTooManyRequests || hs[1].status != http.StatusOK {
		t.Errorf("page 2 requests: %+v", hs)
	}
	if got := sink.ids(); !slices.Equal(got, wantIDs(s.URL)) || len(sink.errs) != 0 {
		t.Errorf("ids %v, errors %v", got, sink.errs)
	}
}

func TestCrawlFailedPageEndsChain(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	s.fail(p2, 500, 500, 500, 500)
	sink := newRecSink()
	cur, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var se *crawlers.StatusError
	if !errors.As(sink.errs[s.URL+p2], &se) || se.Code != 500 || len(sink.signals) != 4 || !cur.Watermark.Equal(testNow) {
		t.Errorf("errors %v, %d signals, cursor %+v", sink.errs, len(sink.signals), cur)
	}
}

func TestCrawlStaysInAllowedDomains(t *testing.T) {
	t.Parallel()
	other := newSite(t) // same machine, reached by another host name
	other.serveFixture(t, p2, "marketplace_p2.html")
	s := newSite(t)
	page := `<article class="project-card"><h2 class="project-title"><a href="/projects/1">Only project</a></h2></article>
<nav class="pagination"><a class="next" href="` + strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + p2 + `">Next</a></nav>`
	s.serveBody(p1, []byte(page))
	cfg := atSite(t, loadExample(t, "marketplace"), s, p1)
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions()); err != nil {
		t.Fatal(err)
	}
	if len(sink.signals) != 1 || len(other.hits) != 0 || len(sink.pages) != 1 {
		t.Errorf("%d signals, %d off-site requests, pages %v", len(sink.signals), len(other.hits), sink.pages)
	}
	// A config that names an outside start URL is refused before any request.
	cfg.StartURLs = []string{other.URL + p2}
	cfg.AllowedDomains = []string{"localhost"}
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, newRecSink(), testOptions()); err == nil ||
		!strings.Contains(err.Error(), "outside allowed_domains") || len(other.hits) != 0 {
		t.Errorf("error %v, %d off-site requests", err, len(other.hits))
	}
}

func TestCrawlRefusesRedirectOutside(t *testing.T) {
	t.Parallel()
	other := newSite(t)
	other.serveFixture(t, p2, "marketplace_p2.html")
	s, cfg := marketplaceSite(t)
	s.mu.Lock()
	s.moved[p2] = strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + p2
	s.mu.Unlock()
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions()); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(sink.errs[s.URL+p2], ErrNotAllowed) || len(sink.signals) != 4 || len(other.hits) != 0 {
		t.Errorf("errors %v, %d signals, %d off-site requests", sink.errs, len(sink.signals), len(other.hits))
	}
}

func TestCrawlHonoursRobots(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	s.robots = "User-agent: *\nDisallow: /projects\n"
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink, testOptions()); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(sink.errs[s.URL+p1], crawlers.ErrRobotsDisallowed) || len(sink.signals) != 0 || len(s.hitsOf(p1)) != 0 {
		t.Errorf("errors %v, %d signals, %d page requests", sink.errs, len(sink.signals), len(s.hitsOf(p1)))
	}
}

func TestCrawlRefusals(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	cur := crawlers.Cursor{Watermark: day(2026, 7, 1)}
	off := cfg
	off.Enabled = false
	if got, err := Crawl(context.Background(), off, cur, newRecSink(), testOptions()); !errors.Is(err, ErrDisabled) || got.Watermark != cur.Watermark {
		t.Errorf("disabled: %v, %+v", err, got)
	}
	noMail := testOptions()
	noMail.ContactEmail = ""
	if _, err := Crawl(context.Background(), cfg, cur, newRecSink(), noMail); err == nil {
		t.Error("crawl without a contact e-mail")
	}
	if _, err := Crawl(context.Background(), cfg, cur, nil, testOptions()); err == nil {
		t.Error("crawl with a nil sink")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := Crawl(ctx, cfg, cur, newRecSink(), testOptions()); !errors.Is(err, context.Canceled) || got.Watermark != cur.Watermark {
		t.Errorf("cancelled: %v, %+v", err, got)
	}
	if len(s.hits) != 0 {
		t.Errorf("refused crawls made %d requests", len(s.hits))
	}
}
