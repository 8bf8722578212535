package hn

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

const october = 49922569

// Posts of the fixture pages, newest first.
var (
	page0Posts = []string{"50209113", "50188305", "50170222"}
	page1Posts = []string{"50151190", "50148820", "50144457", "50143001"}
	newestHit  = time.Date(2026, 11, 20, 9, 14, 3, 0, time.UTC) // the reply atop page 0
)

// newThreadServer serves the thread listing and both comment pages.
func newThreadServer(t *testing.T) *fakeAlgolia {
	srv := newFakeAlgolia(t)
	srv.serveFile(t, threadsKey(), "threads.json")
	srv.serveFile(t, commentsKey(story, 0), "comments_p0.json")
	srv.serveFile(t, commentsKey(story, 1), "comments_p1.json")
	return srv
}

func TestCrawl(t *testing.T) {
	t.Parallel()
	srv := newThreadServer(t)
	srv.fail(commentsKey(story, 0), failure{code: http.StatusTooManyRequests, retryAfter: "1"})
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sink.ids(), append(slices.Clone(page0Posts), page1Posts...); !slices.Equal(got, want) {
		t.Errorf("signals = %v\nwant      %v (replies, deleted, questions and complaints left out)", got, want)
	}
	if !cur.Watermark.Equal(newestHit) {
		t.Errorf("watermark = %v, want the newest comment %v", cur.Watermark, newestHit)
	}
	if len(sink.errs) != 0 {
		t.Errorf("errors = %v", sink.errs)
	}

	want := crawlers.Signal{
		Source: "hn", SourceItemID: "50209113", Kind: crawlers.KindHiring,
		Title:      "Hiring: Senior Backend Engineer, ML Engineer (Remote)",
		URL:        "https://news.ycombinator.com/item?id=50209113",
		OccurredAt: time.Date(2026, 11, 19, 17, 42, 55, 0, time.UTC),
		Company:    crawlers.Company{Keys: []string{"hn:qf_hiring"}, Name: "Quillfeather Analytics", Domain: "https://quillfeather.example/careers"},
	}
	got := sink.signals[0]
	text, _ := got.Raw["text"].(string)
	raw := got.Raw
	got.Raw = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("signal = %+v\nwant     %+v", got, want)
	}
	if !slices.Equal(raw["roles"].([]string), []string{"Senior Backend Engineer", "ML Engineer"}) || raw["location"] != "Berlin, Germany" ||
		raw["remote"] != "remote" || raw["engineering"] != true || raw["thread_id"] != int64(story) || raw["author"] != "qf_hiring" ||
		raw["salary"] != "€90k–€120k + equity" {
		t.Errorf("raw = %v", raw)
	}
	if !strings.Contains(text, `you'll own services`) || !strings.Contains(text, `"HN"`) || strings.Contains(text, "<p>") {
		t.Errorf("raw text not decoded: %q", text)
	}

	// 429 with Retry-After: 1 was retried after at least a second.
	if hs := srv.hitsOf(commentsKey(story, 0)); len(hs) != 2 || hs[1].at.Sub(hs[0].at) < time.Second {
		t.Errorf("429 page: %d requests; want 2, a second apart", len(hs))
	}
	if n := len(srv.hitsOf(commentsKey(story, 2))) + len(srv.hitsOf(commentsKey(october, 0))); n != 0 {
		t.Errorf("%d requests past the last page or for the older thread", n)
	}
	for _, h := range srv.allHits() {
		if !strings.Contains(h.ua, "crawler-ops@leadgen.example") {
			t.Errorf("%s: User-Agent %q lacks the contact e-mail", h.path, h.ua)
		}
		if h.path != "/robots.txt" && h.query.Get("hitsPerPage") == "" {
			t.Errorf("%s?%s: no hitsPerPage", h.path, h.query.Encode())
		}
	}
	if p1 := srv.hitsOf(commentsKey(story, 1)); len(p1) != 1 || p1[0].query.Get("hitsPerPage") != "6" {
		t.Errorf("page 1 requests = %+v", p1)
	}
	if n := len(srv.hitsOf("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if len(sink.pages) != 3 {
		t.Errorf("pages = %v, want the listing and two comment pages", sink.pages)
	}
}

func TestCrawlStopsAtWatermark(t *testing.T) {
	t.Parallel()
	srv := newThreadServer(t)
	sink := newRecSink()
	old := crawlers.Cursor{Watermark: time.Date(2026, 11, 5, 16, 0, 0, 0, time.UTC),
		Validators: map[string]crawlers.Validator{"x": {ETag: `"kept"`}}}
	cur, err := Crawl(context.Background(), testConfig(srv.URL), old, sink)
	if err != nil {
		t.Fatal(err)
	}
	// Tidewell (15:20, inside the hour of overlap) is read again; page 1 is older.
	if got := sink.ids(); !slices.Equal(got, page0Posts) {
		t.Errorf("signals = %v, want %v", got, page0Posts)
	}
	if n := len(srv.hitsOf(commentsKey(story, 1))); n != 0 {
		t.Errorf("page past the watermark fetched %d times", n)
	}
	if !cur.Watermark.Equal(newestHit) || cur.Validators["x"].ETag != `"kept"` {
		t.Errorf("cursor = %+v", cur)
	}
}

func TestCrawlMalformedPage(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		bad   int // page served malformed
		posts []string
	}{
		"second page": {bad: 1, posts: page0Posts},
		"first page":  {bad: 0}, // page count unknown: the thread ends
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newThreadServer(t)
			srv.serveBody(commentsKey(story, tc.bad), []byte(`{"hits":[{"objectID":"1","comment_text":"Acme | Eng`))
			sink := newRecSink()
			old := crawlers.Cursor{Watermark: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
			cur, err := Crawl(context.Background(), testConfig(srv.URL), old, sink)
			if err != nil {
				t.Fatal(err)
			}
			if got := sink.ids(); !slices.Equal(got, tc.posts) {
				t.Errorf("signals = %v, want %v", got, tc.posts)
			}
			badURL := CommentsURL(srv.URL+apiPath, story, tc.bad, 6)
			if err := sink.errs[badURL]; err == nil || !strings.Contains(err.Error(), "hn: parse comments") || len(sink.errs) != 1 {
				t.Errorf("errors = %v, want a parse error for %s", sink.errs, badURL)
			}
			if !cur.Watermark.Equal(old.Watermark) {
				t.Errorf("watermark moved to %v after a lost page", cur.Watermark)
			}
		})
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	t.Parallel()
	srv := newThreadServer(t)
	srv.robots = "User-agent: leadgen\nDisallow: /api/v1/search_by_date?hitsPerPage=6&page=1&\n"
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	blocked := CommentsURL(srv.URL+apiPath, story, 1, 6)
	if n := len(srv.hitsOf(commentsKey(story, 1))); n != 0 {
		t.Errorf("disallowed page fetched %d times", n)
	}
	if err := sink.errs[blocked]; !errors.Is(err, crawlers.ErrRobotsDisallowed) {
		t.Errorf("disallowed page error = %v", err)
	}
	if got := sink.ids(); !slices.Equal(got, page0Posts) || !cur.Watermark.IsZero() {
		t.Errorf("signals = %v, watermark %v; want page 0 only and no watermark", got, cur.Watermark)
	}
}

func TestCrawlThreads(t *testing.T) {
	t.Parallel()
	srv := newThreadServer(t)
	srv.serveBody(commentsKey(october, 0), []byte(`{"hits":[{"objectID":"49930001","author":"oct_co","created_at":"2026-10-02T08:00:00Z",
		"comment_text":"Octant | Data Engineer | Remote","parent_id":49922569,"story_id":49922569}],"nbHits":1,"nbPages":1,"page":0}`))
	cfg := testConfig(srv.URL)
	cfg.Threads = 2
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink); err != nil {
		t.Fatal(err)
	}
	if ids := sink.ids(); len(ids) != 8 || ids[7] != "49930001" {
		t.Errorf("signals = %v, want both threads", ids)
	}
}

func TestCrawlNoThread(t *testing.T) {
	t.Parallel()
	srv := newFakeAlgolia(t)
	srv.serveBody(threadsKey(), []byte(`{"hits":[{"objectID":"1","title":"Ask HN: Who wants to be hired? (May 2026)","created_at":"2026-05-01T15:00:00Z"}]}`))
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil || len(sink.signals) != 0 || len(sink.errs) != 0 || !cur.Watermark.IsZero() {
		t.Errorf("err %v, %d signals, errors %v, cursor %+v", err, len(sink.signals), sink.errs, cur)
	}
}

func TestCrawlConfig(t *testing.T) {
	for _, email := range []string{"", "not an email", "Ops <ops@example.com>"} {
		if _, err := Crawl(context.Background(), Config{ContactEmail: email}, crawlers.Cursor{}, newRecSink()); err == nil || !strings.Contains(err.Error(), "e-mail") {
			t.Errorf("ContactEmail %q: err = %v", email, err)
		}
	}
	if _, err := Crawl(context.Background(), Config{ContactEmail: "ops@example.com"}, crawlers.Cursor{}, nil); err == nil {
		t.Error("nil sink: no error")
	}
	cfg, _, err := Config{ContactEmail: "ops@example.com"}.prepare()
	if err != nil || cfg.BaseURL != DefaultBaseURL || cfg.RequestsPerSecond != 1 || cfg.MaxPages != DefaultMaxPages || cfg.HitsPerPage != DefaultHitsPerPage || cfg.Threads != 1 {
		t.Errorf("defaults = %+v, %v", cfg, err)
	}
}

func TestCrawlCancelFromSink(t *testing.T) {
	t.Parallel()
	srv := newThreadServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newRecSink()
	sink.onSignal = func(crawlers.Signal) { cancel() }
	old := crawlers.Cursor{Watermark: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
	cur, err := Crawl(ctx, testConfig(srv.URL), old, sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(sink.signals) != 1 || len(srv.hitsOf(commentsKey(story, 1))) != 0 || !cur.Watermark.Equal(old.Watermark) {
		t.Errorf("signals %d, page 1 hits %d, watermark %v; want a stop after the first", len(sink.signals), len(srv.hitsOf(commentsKey(story, 1))), cur.Watermark)
	}
}
