package techcrunch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// Defaults and limits of Config.
const (
	DefaultFeedURL           = "https://techcrunch.com/category/venture/feed/" // TC's venture category feed
	DefaultRequestsPerSecond = 1.0                                             // request rate when Config leaves it zero
	MaxRequestsPerSecond     = 5.0                                             // a news site, not an API: stay gentle
	// WatermarkOverlap reaches back before the cursor's watermark: an item
	// can enter a feed days after its pubDate (a post dated 5 April first
	// listed on the 7th), and items are idempotent anyway.
	WatermarkOverlap = 72 * time.Hour
	// futureSlack is how far ahead of the clock an item date may be and
	// still move the watermark; a bad date must not hide later items.
	futureSlack = time.Hour
)

// Config configures Crawl; zero fields take defaults.
type Config struct {
	FeedURLs          []string      // default DefaultFeedURL; any WordPress RSS 2.0 feed
	ContactEmail      string        // required; sent in the User-Agent
	RequestsPerSecond float64       // default 1, capped at MaxRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
}

// crawl holds one Crawl's state.
type crawl struct {
	f      *crawlers.Fetcher
	sink   crawlers.Sink
	log    *slog.Logger
	since  time.Time // items published before it are not handed on
	next   crawlers.Cursor
	newest time.Time
	failed bool
	seen   map[string]bool
	stats  stats
}

type stats struct{ feeds, notModified, failed, items, funding, kept, sinkErrors int }

// Crawl polls each feed with a conditional GET, hands every item that
// reports a raise (and is not older than the cursor's watermark less
// WatermarkOverlap) to sink, and returns the cursor for the next run: the
// newest item date seen and each feed's ETag and Last-Modified. A feed
// that fails or does not parse goes to sink.Error and the next feed is
// tried; the watermark then stays put. It returns an error only for bad
// config or when ctx ends, and then returns cur unchanged.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return cur, err
	}
	if sink == nil {
		return cur, errors.New("techcrunch: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, fmt.Errorf("techcrunch: crawl: %w", err)
	}
	c := &crawl{f: f, sink: sink, log: cfg.Logger, seen: map[string]bool{},
		next: crawlers.Cursor{Watermark: cur.Watermark, Validators: maps.Clone(cur.Validators)}}
	if c.next.Validators == nil {
		c.next.Validators = map[string]crawlers.Validator{}
	}
	if !cur.Watermark.IsZero() {
		c.since = cur.Watermark.Add(-WatermarkOverlap)
	}
	for _, u := range cfg.FeedURLs {
		if err := ctx.Err(); err != nil {
			return cur, fmt.Errorf("techcrunch: crawl: %w", err)
		}
		c.feed(ctx, u)
	}
	if err := ctx.Err(); err != nil {
		return cur, fmt.Errorf("techcrunch: crawl: %w", err)
	}
	if !c.failed && c.newest.After(c.next.Watermark) {
		c.next.Watermark = c.newest
	}
	s := c.stats
	c.log.Info("techcrunch crawl done", "feeds", s.feeds, "not_modified", s.notModified, "failed", s.failed,
		"items", s.items, "funding", s.funding, "kept", s.kept, "sink_errors", s.sinkErrors,
		"watermark", c.next.Watermark.Format(time.RFC3339))
	return c.next, nil
}

// prepare fills defaults, checks the feed URLs and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("techcrunch: crawl: %w", err)
	}
	if len(cfg.FeedURLs) == 0 {
		cfg.FeedURLs = []string{DefaultFeedURL}
	}
	var urls []string
	for _, raw := range cfg.FeedURLs {
		if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, "", fmt.Errorf("techcrunch: crawl: feed url %q is not an absolute http(s) URL", raw)
		}
		if !slices.Contains(urls, raw) {
			urls = append(urls, raw)
		}
	}
	cfg.FeedURLs = urls
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	cfg.RequestsPerSecond = min(cfg.RequestsPerSecond, MaxRequestsPerSecond)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, nil
}

// feed fetches and reads one feed URL; failures go to the sink.
func (c *crawl) feed(ctx context.Context, u string) {
	c.stats.feeds++
	page, err := c.f.Do(crawlers.Request{URL: u, Header: conditionalHeader(c.next.Validators[u])})
	switch {
	case ctx.Err() != nil:
		return
	case err != nil:
		c.fail(u, err)
		return
	case page.Status == http.StatusNotModified:
		c.stats.notModified++
		c.log.Debug("techcrunch feed not modified", "url", u)
		c.keepValidators(u, page.Header, true)
		return
	}
	c.sink.Page(u)
	feed, err := ReadFeed(bytes.NewReader(page.Body))
	if err != nil {
		c.fail(u, err) // validators left as they were: the next run fetches the feed again
		return
	}
	for _, s := range feed.Skipped {
		c.log.Warn("techcrunch item skipped", "url", u, "index", s.Index, "guid", s.GUID, "title", s.Title, "reason", s.Reason)
	}
	c.keepValidators(u, page.Header, false)
	for _, it := range feed.Items {
		if ctx.Err() != nil {
			return
		}
		c.item(ctx, u, it)
	}
}

// item hands one feed item on if it is new enough and reports a raise.
func (c *crawl) item(ctx context.Context, feedURL string, it Item) {
	c.stats.items++
	if it.Published.After(c.newest) && it.Published.Before(time.Now().Add(futureSlack)) {
		c.newest = it.Published
	}
	id := it.GUID
	if id == "" {
		id = it.Link
	}
	if c.seen[id] || it.Published.Before(c.since) {
		return
	}
	c.seen[id] = true
	f, ok := Extract(it.Title, it.Description)
	if !ok {
		return
	}
	c.stats.funding++
	if err := c.sink.Signal(ctx, SignalFor(it, f, feedURL)); err != nil {
		c.stats.sinkErrors++
		c.log.Warn("techcrunch sink signal failed", "id", id, slog.Any("error", err))
		return
	}
	c.stats.kept++
}

// fail records a feed that could not be fetched or read.
func (c *crawl) fail(u string, err error) {
	c.stats.failed++
	c.failed = true
	c.log.Warn("techcrunch feed failed", "url", u, slog.Any("error", err))
	c.sink.Error(u, err)
}

// conditionalHeader asks for the feed only if it changed since v.
func conditionalHeader(v crawlers.Validator) http.Header {
	h := http.Header{}
	if v.ETag != "" {
		h.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		h.Set("If-Modified-Since", v.LastModified)
	}
	return h
}

// keepValidators stores the response's validators. A 304 may omit them,
// so the old ones stay; a 200 without any clears them.
func (c *crawl) keepValidators(u string, h http.Header, notModified bool) {
	v := crawlers.Validator{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if notModified {
		old := c.next.Validators[u]
		v.ETag = firstNonEmpty(v.ETag, old.ETag)
		v.LastModified = firstNonEmpty(v.LastModified, old.LastModified)
	}
	if v == (crawlers.Validator{}) {
		delete(c.next.Validators, u)
		return
	}
	c.next.Validators[u] = v
}
