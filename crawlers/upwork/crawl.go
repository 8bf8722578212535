package upwork

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// crawl holds one Crawl's state.
type crawl struct {
	cfg       Config
	f         *crawlers.Fetcher
	sink      crawlers.Sink
	log       *slog.Logger
	tokens    Tokens
	refreshed bool            // a refresh happened; a second 401 is final
	since     time.Time       // jobs posted before it end the run
	seen      map[string]bool // job ids, against a job repeated across pages
	jobs      []Job           // in the order read; emitted once the run is over
	newest    time.Time       // newest posted time read
	held      time.Time       // oldest posted time the sink refused
	partial   bool            // the run stopped before reaching the watermark
	kept      int
	bad       int
}

// Crawl reads jobs newest first until one posted before the cursor's
// watermark (DefaultLookback ago when zero), then hands the sink every job
// of each client with at least one job worth MinProjectUSD (see Value).
// The returned cursor's watermark is the newest posted time read; it stays
// put when paging stopped early (an error or a malformed page, so the next
// run covers the gap; re-reads are harmless upserts) and is held back to
// the oldest job the sink refused. Tokens are the credentials in use at
// the end (persist them when they changed). Errors: ErrNeedsCredentials,
// ErrTokenRejected (wrapped) for a 401 a refresh cannot cure, a
// *GraphQLError (wrapped) for a refused query, and failed requests or
// ctx's end; a malformed page goes to sink.Error and ends the run without
// an error.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, Tokens, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return cur, Tokens{}, err
	}
	tokens := Tokens{Access: cfg.Token, Refresh: cfg.RefreshToken}
	if sink == nil {
		return cur, tokens, errors.New("upwork: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, tokens, fmt.Errorf("upwork: crawl: %w", err)
	}
	since := cur.Watermark
	if since.IsZero() {
		since = time.Now().Add(-DefaultLookback)
	}
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, tokens: tokens, since: since, seen: map[string]bool{}}
	err = c.run(ctx)
	if err != nil {
		c.partial = true
	}
	c.emit(ctx)
	next := cur
	next.Watermark = c.watermark(cur.Watermark)
	c.log.Info("upwork crawl done", "since", since, "watermark", next.Watermark, "jobs", len(c.jobs),
		"kept", c.kept, "bad_nodes", c.bad, "partial", c.partial, "token_refreshed", c.refreshed, slog.Any("error", err))
	return next, c.tokens, err
}

// watermark is the newest posted time read, held back to a job the sink
// refused, and unchanged after a partial run.
func (c *crawl) watermark(old time.Time) time.Time {
	wm := c.newest
	if !c.held.IsZero() && c.held.Before(wm) {
		wm = c.held
	}
	if c.partial || wm.Before(old) {
		return old
	}
	return wm
}

// run pages through the search until the watermark, the last page or the cap.
func (c *crawl) run(ctx context.Context) error {
	after := ""
	for n := 1; n <= c.cfg.MaxPages; n++ {
		pg, ok, err := c.search(ctx, after)
		if err != nil {
			return err
		}
		if !ok {
			c.partial = true
			return nil
		}
		if reached := c.collect(pg); reached || !pg.HasNextPage {
			return nil
		}
		if pg.EndCursor == "" || pg.EndCursor == after {
			c.partial = true
			c.sink.Error(c.cfg.BaseURL, fmt.Errorf("upwork: paging stuck after %q: no new end cursor", after))
			return nil
		}
		after = pg.EndCursor
	}
	// Newest first, so what the cap leaves unread is older than what was
	// read; holding the watermark back would not reach it next time either.
	c.log.Warn("upwork page cap reached", "max_pages", c.cfg.MaxPages)
	return nil
}

// collect keeps a page's jobs posted since the watermark; reached tells
// that the page went past it.
func (c *crawl) collect(pg SearchPage) (reached bool) {
	for _, b := range pg.Bad {
		c.bad++
		c.log.Warn("upwork job node skipped", "node", b.N, "id", b.ID, "reason", b.Reason)
		c.sink.Error(c.cfg.BaseURL+"#"+url.QueryEscape(firstNonEmpty(b.ID, fmt.Sprint(b.N))), b)
	}
	for _, j := range pg.Jobs {
		posted := j.Posted()
		if posted.Before(c.since) {
			reached = true // the rest of the page may still be newer: recency order is not promised
			continue
		}
		if c.seen[j.ID] {
			continue
		}
		c.seen[j.ID] = true
		c.jobs = append(c.jobs, j)
		if posted.After(c.newest) {
			c.newest = posted
		}
	}
	return reached
}

// search fetches and parses one page; ok is false for a malformed page,
// which is recorded with sink.Error.
func (c *crawl) search(ctx context.Context, after string) (pg SearchPage, ok bool, err error) {
	body, err := searchBody(c.cfg.Query, c.cfg.PageSize, after)
	if err != nil {
		return pg, false, fmt.Errorf("upwork: search body: %w", err)
	}
	page, err := c.post(body)
	switch {
	case ctx.Err() != nil:
		return pg, false, ctx.Err()
	case err != nil:
		return pg, false, err
	}
	c.sink.Page(c.cfg.BaseURL)
	pg, err = ParseSearch(bytes.NewReader(page.Body))
	var ge *GraphQLError
	if errors.As(err, &ge) {
		return pg, false, fmt.Errorf("upwork: search jobs: %w", err)
	}
	if err != nil {
		c.log.Warn("upwork page malformed", "after", after, slog.Any("error", err))
		c.sink.Error(c.cfg.BaseURL, err)
		return pg, false, nil
	}
	return pg, true, nil
}

// post sends one GraphQL request, getting or refreshing the access token
// when there is none or the API answers 401.
func (c *crawl) post(body []byte) (*crawlers.Page, error) {
	if c.tokens.Access == "" {
		if err := c.refresh(); err != nil {
			return nil, err
		}
	}
	p, err := c.f.Do(crawlers.Request{Method: http.MethodPost, URL: c.cfg.BaseURL, Header: c.header(), Body: body})
	if !unauthorized(err) {
		return p, wrapSearch(err)
	}
	if c.refreshed || !c.cfg.canRefresh() {
		return nil, ErrTokenRejected
	}
	c.log.Info("upwork token refresh after 401")
	if err := c.refresh(); err != nil {
		return nil, err
	}
	p, err = c.f.Do(crawlers.Request{Method: http.MethodPost, URL: c.cfg.BaseURL, Header: c.header(), Body: body})
	if unauthorized(err) {
		return nil, fmt.Errorf("%w after a token refresh", ErrTokenRejected)
	}
	return p, wrapSearch(err)
}

// wrapSearch adds context to a failed search request.
func wrapSearch(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("upwork: search jobs: %w", err)
}

// unauthorized tells whether err carries an HTTP 401.
func unauthorized(err error) bool {
	var se *crawlers.StatusError
	return errors.As(err, &se) && se.Code == http.StatusUnauthorized
}

// header carries the bearer token; it never goes into a URL, so it stays
// out of logs and error messages.
func (c *crawl) header() http.Header {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+c.tokens.Access)
	h.Set("Content-Type", "application/json")
	h.Set("Accept", "application/json")
	if c.cfg.TenantID != "" {
		h.Set("X-Upwork-API-TenantId", c.cfg.TenantID)
	}
	return h
}

// emit hands the sink every job of the clients that qualify.
func (c *crawl) emit(ctx context.Context) {
	qualified := map[string]bool{}
	for _, j := range c.jobs {
		if Qualifies(Value(j), c.cfg.MinProjectUSD) {
			qualified[ClientKey(j)] = true
		}
	}
	for _, j := range c.jobs {
		if !qualified[ClientKey(j)] {
			continue
		}
		if ctx.Err() != nil {
			c.partial = true
			return
		}
		if err := c.sink.Signal(ctx, SignalFor(j, c.cfg.MinProjectUSD)); err != nil {
			c.log.Warn("upwork sink signal failed", "id", j.ID, slog.Any("error", err))
			if p := j.Posted(); c.held.IsZero() || p.Before(c.held) {
				c.held = p
			}
			continue
		}
		c.kept++
	}
}
