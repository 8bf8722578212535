package yc

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

const (
	fallPath   = "/batches/fall-2026.json"
	summerPath = "/batches/summer-2026.json"
	fallETag   = `W/"6f1d-a1b2c3"`
	summerLM   = "Tue, 24 Nov 2026 01:55:51 GMT"
)

var (
	fallIDs   = []string{"yc:32101", "yc:32104"} // the inactive and the acquired company left out
	summerIDs = []string{"yc:31877", "yc:31878"}
)

// newMirror serves meta.json and the two newest batches; the fall file
// has an ETag, the summer file only a Last-Modified.
func newMirror(t *testing.T) (srv *fakeMirror, fallURL, summerURL string) {
	srv = newFakeMirror(t)
	srv.serveFixture(t, "/meta.json", "meta.json", `"meta-1"`, "")
	fallURL = srv.serveFixture(t, fallPath, "batches/fall-2026.json", fallETag, "Wed, 25 Nov 2026 01:55:51 GMT")
	summerURL = srv.serveFixture(t, summerPath, "batches/summer-2026.json", "", summerLM)
	return srv, fallURL, summerURL
}

func TestCrawlConditional(t *testing.T) {
	t.Parallel()
	srv, fallURL, summerURL := newMirror(t)
	srv.fail(summerPath, failure{code: http.StatusTooManyRequests, retryAfter: "1"})
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sink.ids(), append(slices.Clone(fallIDs), summerIDs...); !slices.Equal(got, want) {
		t.Errorf("signals = %v, want %v", got, want)
	}
	want := map[string]crawlers.Validator{
		fallURL:   {ETag: fallETag, LastModified: "Wed, 25 Nov 2026 01:55:51 GMT"},
		summerURL: {LastModified: summerLM},
	}
	if !mapsEqual(cur.Validators, want) || !cur.Watermark.Equal(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("cursor = %+v", cur)
	}
	if hs := srv.hitsOf(summerPath); len(hs) != 2 || hs[1].at.Sub(hs[0].at) < time.Second {
		t.Errorf("429 file: %d requests; want 2, a second apart", len(hs))
	}
	for _, h := range append(srv.hitsOf(fallPath), srv.hitsOf(summerPath)...) {
		if h.header.Get("If-None-Match") != "" || h.header.Get("If-Modified-Since") != "" {
			t.Errorf("first run sent validators: %v", h.header)
		}
		if !strings.Contains(h.header.Get("User-Agent"), "crawler-ops@leadgen.example") {
			t.Errorf("User-Agent %q lacks the contact e-mail", h.header.Get("User-Agent"))
		}
	}
	if len(sink.pages) != 3 || len(sink.errs) != 0 {
		t.Errorf("pages %v, errors %v", sink.pages, sink.errs)
	}

	// Second run: both files unchanged cost a 304 each.
	sink2 := newRecSink()
	cur2, err := Crawl(context.Background(), testConfig(srv.URL), cur, sink2)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink2.signals) != 0 || len(sink2.errs) != 0 || !mapsEqual(cur2.Validators, want) || !cur2.Watermark.Equal(cur.Watermark) {
		t.Errorf("second run: signals %v, errors %v, cursor %+v", sink2.ids(), sink2.errs, cur2)
	}
	fall, summer := srv.hitsOf(fallPath), srv.hitsOf(summerPath)
	if f := fall[len(fall)-1]; f.status != 304 || f.header.Get("If-None-Match") != fallETag || f.header.Get("If-Modified-Since") != "Wed, 25 Nov 2026 01:55:51 GMT" {
		t.Errorf("second fall request: %d %v", f.status, f.header)
	}
	if s := summer[len(summer)-1]; s.status != 304 || s.header.Get("If-Modified-Since") != summerLM || s.header.Get("If-None-Match") != "" {
		t.Errorf("second summer request: %d %v", s.status, s.header)
	}
	if m := srv.hitsOf("/meta.json"); len(m) != 2 || m[1].header.Get("If-None-Match") != "" {
		t.Errorf("meta.json requests = %+v, want a plain GET each run", m)
	}
	if n := len(srv.hitsOf("/robots.txt")); n != 2 {
		t.Errorf("robots.txt fetched %d times in two runs", n)
	}

	// Third run: the summer file changed.
	srv.serveFixture(t, summerPath, "batches/summer-2026.json", "", "Thu, 26 Nov 2026 01:55:51 GMT")
	sink3 := newRecSink()
	cur3, err := Crawl(context.Background(), testConfig(srv.URL), cur2, sink3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sink3.ids(), summerIDs) || cur3.Validators[summerURL].LastModified != "Thu, 26 Nov 2026 01:55:51 GMT" || cur3.Validators[fallURL].ETag != fallETag {
		t.Errorf("third run: signals %v, cursor %+v", sink3.ids(), cur3)
	}
}

func mapsEqual(a, b map[string]crawlers.Validator) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestCrawlConfiguredBatches(t *testing.T) {
	t.Parallel()
	srv, _, _ := newMirror(t)
	cfg := testConfig(srv.URL)
	cfg.Batches = []string{"S26"}
	sink := newRecSink()
	if _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, sink); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sink.ids(), summerIDs) || len(srv.hitsOf("/meta.json")) != 0 || len(srv.hitsOf(fallPath)) != 0 {
		t.Errorf("signals %v; meta and fall requested %d, %d times", sink.ids(), len(srv.hitsOf("/meta.json")), len(srv.hitsOf(fallPath)))
	}
}

func TestCrawlFailures(t *testing.T) {
	t.Parallel()
	srv, fallURL, summerURL := newMirror(t)
	srv.serveBody(fallPath, []byte(`[{"id":32101,"name":"Ferrobyte","batch":"Fall 20`), fallETag, "")
	srv.fail(summerPath, failure{code: 404})
	old := crawlers.Cursor{Validators: map[string]crawlers.Validator{
		fallURL: {ETag: `"stale"`}, summerURL: {LastModified: "Mon, 01 Jun 2026 00:00:00 GMT"}, srv.URL + "/api/batches/winter-2020.json": {ETag: `"gone"`},
	}}
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), old, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.errs[fallURL]; err == nil || !strings.Contains(err.Error(), "yc: parse companies") {
		t.Errorf("malformed file error = %v", err)
	}
	if err := sink.errs[summerURL]; !crawlers.IsNotFound(err) {
		t.Errorf("missing file error = %v", err)
	}
	want := map[string]crawlers.Validator{summerURL: old.Validators[summerURL]}
	if len(sink.signals) != 0 || !mapsEqual(cur.Validators, want) {
		t.Errorf("signals %v, validators %v; want none, only the failed fetch's old ones", sink.ids(), cur.Validators)
	}
}

func TestCrawlMetaFailure(t *testing.T) {
	t.Parallel()
	srv, _, _ := newMirror(t)
	srv.fail("/meta.json", failure{code: 500}, failure{code: 502}, failure{code: 503}, failure{code: 500})
	old := crawlers.Cursor{Watermark: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), Validators: map[string]crawlers.Validator{"u": {ETag: `"e"`}}}
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), old, sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.errs) != 1 || len(sink.signals) != 0 || !mapsEqual(cur.Validators, old.Validators) || !cur.Watermark.Equal(old.Watermark) {
		t.Errorf("errors %v, signals %d, cursor %+v; want the old cursor back", sink.errs, len(sink.signals), cur)
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	t.Parallel()
	srv, fallURL, summerURL := newMirror(t)
	srv.robots = "User-agent: *\nDisallow: /api/batches/fall-2026.json\n"
	sink := newRecSink()
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.hitsOf(fallPath)); n != 0 {
		t.Errorf("disallowed file fetched %d times", n)
	}
	if err := sink.errs[fallURL]; !errors.Is(err, crawlers.ErrRobotsDisallowed) {
		t.Errorf("disallowed file error = %v", err)
	}
	if !slices.Equal(sink.ids(), summerIDs) || len(cur.Validators) != 1 || cur.Validators[summerURL].LastModified != summerLM {
		t.Errorf("signals %v, validators %v", sink.ids(), cur.Validators)
	}
}

func TestCrawlSinkRefusal(t *testing.T) {
	t.Parallel()
	srv, fallURL, summerURL := newMirror(t)
	sink := newRecSink()
	sink.refuse["yc:31877"] = true
	cur, err := Crawl(context.Background(), testConfig(srv.URL), crawlers.Cursor{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cur.Validators[summerURL]; ok || cur.Validators[fallURL].ETag != fallETag {
		t.Errorf("validators = %v; want none for the file whose company the sink refused", cur.Validators)
	}
	if got := sink.ids(); !slices.Equal(got, append(slices.Clone(fallIDs), "yc:31878")) {
		t.Errorf("signals = %v", got)
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
	if _, err := Crawl(context.Background(), Config{ContactEmail: "ops@example.com", Batches: []string{"W25", "Autumn 2025"}}, crawlers.Cursor{}, newRecSink()); err == nil || !strings.Contains(err.Error(), `"Autumn 2025"`) {
		t.Errorf("unknown batch: err = %v", err)
	}
	cfg, _, bs, err := Config{ContactEmail: "ops@example.com", Batches: []string{"winter-2025"}}.prepare()
	if err != nil || cfg.BaseURL != DefaultBaseURL || cfg.RequestsPerSecond != 1 || cfg.LatestBatches != 4 || len(bs) != 1 || bs[0] != (Batch{Winter, 2025}) {
		t.Errorf("defaults = %+v, %v, %v", cfg, bs, err)
	}
}

func TestCrawlCancelFromSink(t *testing.T) {
	t.Parallel()
	srv, _, _ := newMirror(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newRecSink()
	sink.onSignal = func(crawlers.Signal) { cancel() }
	old := crawlers.Cursor{Validators: map[string]crawlers.Validator{"u": {ETag: `"e"`}}}
	cur, err := Crawl(ctx, testConfig(srv.URL), old, sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(sink.signals) != 1 || len(srv.hitsOf(summerPath)) != 0 || !mapsEqual(cur.Validators, old.Validators) || len(sink.errs) != 0 {
		t.Errorf("signals %d, summer hits %d, cursor %+v, errors %v; want a stop after the first, old cursor", len(sink.signals), len(srv.hitsOf(summerPath)), cur, sink.errs)
	}
}
