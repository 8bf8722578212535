package crunchbase

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// roundFields are the funding_round fields a search asks for (SOURCES.md
// §3). Organization website, categories and description are not among
// them, so each funded organization is looked up once per run.
func roundFields() []string {
	return []string{"identifier", "announced_on", "money_raised", "investment_type",
		"lead_investor_identifiers", "funded_organization_identifier"}
}

// orgFields are the organization fields a lookup asks for.
const orgFields = "website_url,categories,short_description,location_identifiers"

// searchRequest is the body of POST /searches/funding_rounds.
type searchRequest struct {
	FieldIDs []string    `json:"field_ids"`
	Query    []predicate `json:"query"`
	Order    []order     `json:"order"`
	Limit    int         `json:"limit"`
	AfterID  string      `json:"after_id,omitempty"`
}

type predicate struct {
	Type       string   `json:"type"`
	FieldID    string   `json:"field_id"`
	OperatorID string   `json:"operator_id"`
	Values     []string `json:"values"`
}

type order struct {
	FieldID string `json:"field_id"`
	Sort    string `json:"sort"`
}

// crawl holds one Crawl's state.
type crawl struct {
	cfg     Config
	f       *crawlers.Fetcher
	sink    crawlers.Sink
	log     *slog.Logger
	orgs    map[string]Organization // by organization uuid; looked up at most once per run
	orgsOff bool                    // lookups refused (403): go on without them
	latest  time.Time               // newest announced_on handed to the sink
	held    time.Time               // oldest announced_on the sink refused; the watermark stays there
	kept    int
	bad     int
}

// Crawl fetches the funding rounds announced on or after the cursor's
// watermark day (DefaultLookback ago when zero), oldest first, and hands
// each to sink. The returned cursor's watermark is the newest
// announced_on stored, so the next run starts on that day again (re-reads
// are harmless: the sink upserts). It returns ErrNeedsKey without a key,
// ErrKeyRejected (wrapped, "crunchbase: key rejected (401)") for a refused
// key, an error when a search request fails or ctx ends; a malformed page
// goes to sink.Error and ends the run without an error.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return cur, err
	}
	if sink == nil {
		return cur, errors.New("crunchbase: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, fmt.Errorf("crunchbase: crawl: %w", err)
	}
	since := cur.Watermark
	if since.IsZero() {
		since = time.Now().Add(-DefaultLookback)
	}
	since = time.Date(since.Year(), since.Month(), since.Day(), 0, 0, 0, 0, time.UTC)
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, orgs: map[string]Organization{}}
	err = c.run(ctx, since)
	next := cur
	next.Watermark = c.watermark(cur.Watermark)
	c.log.Info("crunchbase crawl done", "since", since.Format(time.DateOnly), "watermark", next.Watermark.Format(time.DateOnly),
		"kept", c.kept, "bad_entities", c.bad, "organizations", len(c.orgs), slog.Any("error", err))
	return next, err
}

// watermark is the newest day stored, held back to a day the sink refused.
func (c *crawl) watermark(old time.Time) time.Time {
	wm := c.latest
	if !c.held.IsZero() && c.held.Before(wm) {
		wm = c.held
	}
	if wm.Before(old) {
		return old
	}
	return wm
}

// run pages through the search with after_id until a short page.
func (c *crawl) run(ctx context.Context, since time.Time) error {
	after := ""
	for n := 1; n <= c.cfg.MaxPages; n++ {
		pg, ok, err := c.search(ctx, since, after)
		if err != nil || !ok {
			return err
		}
		if err := c.rounds(ctx, pg); err != nil {
			return err
		}
		if pg.Entities < c.cfg.PageSize {
			return nil
		}
		if pg.LastUUID == "" || pg.LastUUID == after {
			c.sink.Error(c.searchURL(), fmt.Errorf("crunchbase: paging stuck after %q: no new last uuid", after))
			return nil
		}
		after = pg.LastUUID
	}
	c.log.Warn("crunchbase page cap reached", "max_pages", c.cfg.MaxPages)
	return nil
}

func (c *crawl) searchURL() string {
	return strings.TrimRight(c.cfg.BaseURL, "/") + "/searches/funding_rounds"
}

// searchBody is the JSON body of one search page.
func searchBody(since time.Time, limit int, after string) ([]byte, error) {
	return json.Marshal(searchRequest{
		FieldIDs: roundFields(),
		Query: []predicate{{Type: "predicate", FieldID: "announced_on", OperatorID: "gte",
			Values: []string{since.Format(time.DateOnly)}}},
		Order:   []order{{FieldID: "announced_on", Sort: "asc"}},
		Limit:   limit,
		AfterID: after,
	})
}

// search fetches and parses one page; ok is false for a malformed page,
// which is recorded with sink.Error.
func (c *crawl) search(ctx context.Context, since time.Time, after string) (pg SearchPage, ok bool, err error) {
	body, err := searchBody(since, c.cfg.PageSize, after)
	if err != nil {
		return pg, false, fmt.Errorf("crunchbase: search body: %w", err)
	}
	u := c.searchURL()
	page, err := c.f.Do(crawlers.Request{Method: http.MethodPost, URL: u, Header: c.header(true), Body: body})
	switch {
	case ctx.Err() != nil:
		return pg, false, ctx.Err()
	case err != nil:
		if kr := keyRejected(err); kr != err {
			return pg, false, kr
		}
		return pg, false, fmt.Errorf("crunchbase: search funding rounds: %w", err)
	}
	c.sink.Page(u)
	pg, err = ParseSearchPage(bytes.NewReader(page.Body))
	if err != nil {
		c.log.Warn("crunchbase page malformed", "url", u, "after_id", after, slog.Any("error", err))
		c.sink.Error(u, err)
		return pg, false, nil
	}
	return pg, true, nil
}

// header carries the key; the key never goes into a URL, so it stays out
// of logs and error messages.
func (c *crawl) header(post bool) http.Header {
	h := http.Header{}
	h.Set("X-cb-user-key", c.cfg.Key)
	h.Set("Accept", "application/json")
	if post {
		h.Set("Content-Type", "application/json")
	}
	return h
}

// rounds hands a page's rounds to the sink; the error is a dead key or ctx's.
func (c *crawl) rounds(ctx context.Context, pg SearchPage) error {
	for _, b := range pg.Bad {
		c.bad++
		c.log.Warn("crunchbase entity skipped", "entity", b.N, "uuid", b.UUID, "reason", b.Reason)
		c.sink.Error(c.searchURL()+"#"+url.QueryEscape(firstNonEmpty(b.UUID, fmt.Sprint(b.N))), b)
	}
	for _, r := range pg.Rounds {
		if err := ctx.Err(); err != nil {
			return err
		}
		org, err := c.organization(ctx, r.FundedOrganization)
		if err != nil {
			return err
		}
		if err := c.sink.Signal(ctx, SignalFor(r, org)); err != nil {
			c.log.Warn("crunchbase sink signal failed", "uuid", r.UUID, slog.Any("error", err))
			if c.held.IsZero() || r.AnnouncedOn.Before(c.held) {
				c.held = r.AnnouncedOn
			}
			continue
		}
		c.kept++
		if r.AnnouncedOn.After(c.latest) {
			c.latest = r.AnnouncedOn
		}
	}
	return ctx.Err()
}
