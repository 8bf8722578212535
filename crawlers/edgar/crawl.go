package edgar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// Defaults and limits of Config.
const (
	DefaultBaseURL           = "https://www.sec.gov" // EDGAR site root
	DefaultRequestsPerSecond = 5.0                   // request rate when Config leaves it zero
	MaxRequestsPerSecond     = 5.0                   // SEC allows 10/s per user in total; keep half
)

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL           string        // default DefaultBaseURL
	ContactEmail      string        // required; sent in the User-Agent as SEC asks
	RequestsPerSecond float64       // default 5, capped at MaxRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
}

// Result counts what a Crawl did.
type Result struct {
	// LastCompleteDay is the latest day, before any day whose index
	// failed, whose index was fetched and whose filings were all tried.
	// Store it as the watermark and start the next run from it; zero when
	// no day completed.
	LastCompleteDay time.Time
	DaysFetched     int // index returned 200 and parsed
	DaysMissing     int // index 404: weekend, holiday or not yet published
	DaysFailed      int // index unreachable or unparsable
	BadIndexLines   int // index rows skipped as unparsable
	FilingsSeen     int // distinct D and D/A accessions
	Duplicates      int // repeated accessions skipped
	Kept            int // signals handed to the sink without error
	SkippedFunds    int // pooled investment funds left out
	FilingErrors    int // filings unreachable or malformed
	SinkErrors      int // sink.Signal errors
}

// crawl holds one Crawl's state.
type crawl struct {
	cfg  Config
	f    *crawlers.Fetcher
	sink crawlers.Sink
	log  *slog.Logger
	seen map[string]bool
	res  Result
}

// Crawl fetches the daily form indexes from since to until (whole days,
// inclusive), then each listed Form D, and hands every operating-company
// offering to sink. Per-page failures go to sink.Error and the run goes
// on; it returns an error only for bad arguments or when ctx ends.
func Crawl(ctx context.Context, cfg Config, since, until time.Time, sink crawlers.Sink) (Result, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return Result{}, err
	}
	if sink == nil {
		return Result{}, errors.New("edgar: crawl: nil sink")
	}
	first, last := dayOf(since), dayOf(until)
	if last.Before(first) {
		return Result{}, fmt.Errorf("edgar: crawl: until %s is before since %s", last.Format(time.DateOnly), first.Format(time.DateOnly))
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return Result{}, fmt.Errorf("edgar: crawl: %w", err)
	}
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, seen: map[string]bool{}}
	err = c.run(ctx, first, last)
	c.log.Info("edgar crawl done", "since", first.Format(time.DateOnly), "until", last.Format(time.DateOnly),
		"last_complete_day", c.res.LastCompleteDay.Format(time.DateOnly), "kept", c.res.Kept, slog.Any("error", err))
	return c.res, err
}

// prepare fills defaults and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("edgar: crawl: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	cfg.RequestsPerSecond = min(cfg.RequestsPerSecond, MaxRequestsPerSecond)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, nil
}

// dayOf is the calendar day of t (in t's location) as UTC midnight.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// run walks the days; the watermark stops moving at the first failed day.
func (c *crawl) run(ctx context.Context, first, last time.Time) error {
	frozen := false
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		st, err := c.day(ctx, d)
		if err != nil {
			return fmt.Errorf("edgar: crawl %s: %w", d.Format(time.DateOnly), err)
		}
		switch {
		case st == dayFailed:
			frozen = true
		case st == dayDone && !frozen:
			c.res.LastCompleteDay = d
		}
	}
	return nil
}

type dayStatus int

const (
	dayDone dayStatus = iota
	dayMissing
	dayFailed
)

// day crawls one daily index; the error is only ever ctx's.
func (c *crawl) day(ctx context.Context, d time.Time) (dayStatus, error) {
	url := DailyIndexURL(c.cfg.BaseURL, d)
	page, err := c.f.Get(url)
	switch {
	case ctx.Err() != nil:
		return dayFailed, ctx.Err()
	case crawlers.IsNotFound(err):
		c.res.DaysMissing++
		c.log.Debug("edgar index missing", "url", url)
		return dayMissing, nil
	case err != nil:
		return c.dayError(url, err), nil
	}
	c.sink.Page(url)
	idx, err := ReadIndex(bytes.NewReader(page.Body))
	if err != nil {
		return c.dayError(url, err), nil
	}
	c.res.DaysFetched++
	c.res.BadIndexLines += len(idx.Skipped)
	for _, s := range idx.Skipped {
		c.log.Warn("edgar index line skipped", "url", url, "line", s.Line, "reason", s.Reason, "text", s.Text)
	}
	for _, e := range FormDEntries(idx.Entries) {
		if err := ctx.Err(); err != nil {
			return dayFailed, err
		}
		c.filing(ctx, e)
	}
	if err := ctx.Err(); err != nil {
		return dayFailed, err
	}
	return dayDone, nil
}

// dayError records an index that could not be had.
func (c *crawl) dayError(url string, err error) dayStatus {
	c.res.DaysFailed++
	c.log.Warn("edgar index failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
	return dayFailed
}

// filing fetches, parses and hands on one Form D, once per accession.
func (c *crawl) filing(ctx context.Context, e IndexEntry) {
	if c.seen[e.Accession] {
		c.res.Duplicates++
		return
	}
	c.seen[e.Accession] = true
	c.res.FilingsSeen++
	url := PrimaryDocURL(c.cfg.BaseURL, e)
	page, err := c.f.Get(url)
	if err != nil {
		if ctx.Err() == nil {
			c.filingError(url, err)
		}
		return
	}
	c.sink.Page(url)
	fd, err := ParseFormD(bytes.NewReader(page.Body))
	if err != nil {
		c.filingError(url, err)
		return
	}
	if fd.IsPooledFund() {
		c.res.SkippedFunds++
		return
	}
	if err := c.sink.Signal(ctx, SignalFor(fd, e, c.cfg.BaseURL)); err != nil {
		c.res.SinkErrors++
		c.log.Warn("edgar sink signal failed", "accession", e.Accession, slog.Any("error", err))
		return
	}
	c.res.Kept++
}

// filingError records a filing that could not be had or read.
func (c *crawl) filingError(url string, err error) {
	c.res.FilingErrors++
	c.log.Warn("edgar filing failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
}
