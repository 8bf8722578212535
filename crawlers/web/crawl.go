package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"golang.org/x/net/html/charset"

	"github.com/leadgen/leadgen/crawlers"
)

// crawl holds one Crawl's state.
type crawl struct {
	cfg   Config
	f     *crawlers.Fetcher
	sink  crawlers.Sink
	log   *slog.Logger
	seen  map[string]bool // item ids handed on this run
	pages map[string]bool // page URLs fetched this run, against next-link loops
	stats stats
}

// stats counts what a Crawl did, for its closing log line.
type stats struct {
	pages, failed, items, skipped, dupes, belowMin, kept, sinkErrors int
}

// Crawl fetches each start URL and follows next_page up to max_pages,
// only within allowed_domains, at rate_limit and as robots.txt allows,
// handing every new item of the run to sink. Failed pages go to
// sink.Error and end that start URL's chain; the error is only for a bad
// or disabled config, bad options or ctx's. The new watermark is the crawl time.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink, opt Options) (crawlers.Cursor, error) {
	if !cfg.Enabled {
		return cur, fmt.Errorf("web: crawl %s: %w", cfg.Name, ErrDisabled)
	}
	if sink == nil {
		return cur, errors.New("web: crawl: nil sink")
	}
	f, log, err := newFetcher(ctx, cfg, opt)
	if err != nil {
		return cur, fmt.Errorf("web: crawl: %w", err)
	}
	started := cfg.now()
	c := &crawl{cfg: cfg, f: f, sink: sink, log: log.With("source", cfg.SourceName()),
		seen: map[string]bool{}, pages: map[string]bool{}}
	for _, u := range cfg.StartURLs {
		if ctx.Err() != nil {
			break
		}
		c.chain(ctx, u)
	}
	s := c.stats
	err = ctx.Err()
	c.log.Info("web crawl done", "pages", s.pages, "failed", s.failed, "items", s.items, "skipped", s.skipped,
		"duplicates", s.dupes, "below_min_budget", s.belowMin, "kept", s.kept, "sink_errors", s.sinkErrors,
		slog.Any("error", err))
	if err != nil {
		return cur, err
	}
	return crawlers.Cursor{Watermark: started, Validators: cur.Validators}, nil
}

// newFetcher validates the config and builds its polite Fetcher.
func newFetcher(ctx context.Context, cfg Config, opt Options) (*crawlers.Fetcher, *slog.Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	ua, err := crawlers.UserAgent(opt.ContactEmail)
	if err != nil {
		return nil, nil, err
	}
	fc := opt.Fetch
	fc.UserAgent = ua
	if fc.Transport == nil {
		fc.Transport = crawlers.NewTransport()
	}
	// Checked again below the Fetcher so that a redirect cannot leave
	// allowed_domains either.
	fc.Transport = fenced{cfg: cfg, next: fc.Transport}
	if fc.RequestsPerSecond <= 0 {
		fc.RequestsPerSecond = cfg.RateLimit
	}
	f, err := crawlers.NewFetcher(ctx, fc)
	if err != nil {
		return nil, nil, err
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	return f, log, nil
}

// fenced refuses requests outside the config's allowed_domains.
type fenced struct {
	cfg  Config
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (f fenced) RoundTrip(r *http.Request) (*http.Response, error) {
	if !f.cfg.Allowed(r.URL.String()) {
		return nil, fmt.Errorf("%s: %w", r.URL.Redacted(), ErrNotAllowed)
	}
	return f.next.RoundTrip(r)
}

// chain crawls one start URL and its next pages.
func (c *crawl) chain(ctx context.Context, u string) {
	for n := 0; u != "" && n < c.cfg.MaxPages; n++ {
		if ctx.Err() != nil || c.pages[u] {
			return
		}
		c.pages[u] = true
		p, err := fetchPage(c.f, c.cfg, u)
		if err != nil {
			if ctx.Err() == nil {
				c.fail(u, err)
			}
			return
		}
		c.sink.Page(u)
		c.stats.pages++
		c.stats.skipped += p.Skipped
		c.items(ctx, p.Items)
		u = p.NextURL
	}
}

// fetchPage fetches an allowed URL and extracts it, decoding the body's
// charset (Content-Type or <meta>) to UTF-8 first.
func fetchPage(f *crawlers.Fetcher, cfg Config, u string) (Page, error) {
	if !cfg.Allowed(u) {
		return Page{}, fmt.Errorf("web: fetch %s: %w", u, ErrNotAllowed)
	}
	pg, err := f.Get(u)
	if err != nil {
		return Page{}, fmt.Errorf("web: fetch: %w", err)
	}
	r, err := charset.NewReader(bytes.NewReader(pg.Body), pg.Header.Get("Content-Type"))
	if err != nil {
		r = io.Reader(bytes.NewReader(pg.Body)) // unknown charset: read as UTF-8
	}
	return Extract(cfg, u, r)
}

// items hands on the new items that pass the budget filter.
func (c *crawl) items(ctx context.Context, items []Item) {
	for _, it := range items {
		c.stats.items++
		sig := SignalFor(c.cfg, it)
		if c.seen[sig.SourceItemID] {
			c.stats.dupes++
			continue
		}
		c.seen[sig.SourceItemID] = true
		if belowMinimum(c.cfg, it) {
			c.stats.belowMin++
			continue
		}
		if err := c.sink.Signal(ctx, sig); err != nil {
			c.stats.sinkErrors++
			c.log.Warn("web sink signal failed", "id", sig.SourceItemID, slog.Any("error", err))
			continue
		}
		c.stats.kept++
	}
}

// belowMinimum tells whether a known fixed budget is under min_budget_usd.
func belowMinimum(cfg Config, it Item) bool {
	b := it.Budget
	return cfg.MinBudgetUSD > 0 && b.Currency != "" && !b.Hourly && b.MaxUSD < cfg.MinBudgetUSD
}

// fail records a page that could not be had or read.
func (c *crawl) fail(url string, err error) {
	c.stats.failed++
	c.log.Warn("web page failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
}
