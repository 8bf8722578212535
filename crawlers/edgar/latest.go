package edgar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// Paging limits of CrawlLatest.
const (
	// LatestPageSize is the entries asked per feed page: count=40 is what
	// EDGAR's own links and every known client use (100 is believed to be
	// the maximum, unverified).
	LatestPageSize = 40
	// LatestMaxPages bounds one run: 200 entries cover well over a busy
	// day of Form D filings, and the daily index catches anything older.
	LatestMaxPages = 5
	// LatestWindow is how far back from the feed's own clock entries are
	// still fetched. A day's filings reach its daily index that night;
	// three days bridge a weekend and filings accepted after Friday's cut.
	LatestWindow = 72 * time.Hour
)

// LatestResult counts what a CrawlLatest did.
type LatestResult struct {
	Pages         int       // feed pages fetched and parsed
	PagesFailed   int       // feed pages unreachable or unparsable; paging stops at the first
	BadEntries    int       // Form D feed entries that did not parse
	Entries       int       // Form D and D/A entries read, repeats across pages included
	AlreadyStored int       // entries the seen callback reported as stored
	TooOld        int       // entries updated before Cutoff, left to the daily index
	Cutoff        time.Time // LatestWindow before the first page's clock; zero when no page was read
	FilingsSeen   int       // distinct accessions fetched or tried
	Duplicates    int       // accessions met again within the run
	Kept          int       // signals handed to the sink without error
	SkippedFunds  int       // pooled investment funds left out
	FilingErrors  int       // filings unreachable or malformed
	SinkErrors    int       // sink.Signal errors
}

// LatestFeedURL is the getcurrent Atom page of Form D filings starting at
// entry start (0, 40, 80…).
func LatestFeedURL(base string, start int) string {
	return fmt.Sprintf("%s/cgi-bin/browse-edgar?action=getcurrent&type=D&company=&dateb=&owner=include&start=%d&count=%d&output=atom",
		strings.TrimRight(base, "/"), start, LatestPageSize)
}

// latest holds one CrawlLatest's state; filings go through the daily
// path's crawl.filing so both paths yield identical signals.
type latest struct {
	c      *crawl
	stored func(accession string) bool
	res    LatestResult
}

// CrawlLatest reads EDGAR's "latest filings" Atom feed for Form D, newest
// first, and hands each operating-company offering not yet stored to sink,
// exactly as Crawl would. seen (nil: nothing stored) is asked about each
// filing's own accession number; paging stops after a page holding a
// stored filing or one older than LatestWindow, or after LatestMaxPages.
// Per-page failures go to sink.Error and end the paging; it returns an
// error for bad arguments, when robots.txt forbids the feed, or when ctx ends.
func CrawlLatest(ctx context.Context, cfg Config, seen func(accession string) bool, sink crawlers.Sink) (LatestResult, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return LatestResult{}, err
	}
	if sink == nil {
		return LatestResult{}, errors.New("edgar: latest: nil sink")
	}
	if seen == nil {
		seen = func(string) bool { return false }
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return LatestResult{}, fmt.Errorf("edgar: latest: %w", err)
	}
	l := &latest{c: &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, seen: map[string]bool{}}, stored: seen}
	err = l.run(ctx)
	l.collect()
	cfg.Logger.Info("edgar latest done", "pages", l.res.Pages, "entries", l.res.Entries,
		"kept", l.res.Kept, "already_stored", l.res.AlreadyStored, slog.Any("error", err))
	return l.res, err
}

// run pages through the feed until a page says to stop.
func (l *latest) run(ctx context.Context) error {
	for p := range LatestMaxPages {
		more, err := l.page(ctx, p*LatestPageSize)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// page crawls one feed page and tells whether the next is worth fetching.
func (l *latest) page(ctx context.Context, start int) (more bool, err error) {
	url := LatestFeedURL(l.c.cfg.BaseURL, start)
	page, err := l.c.f.Get(url)
	switch {
	case ctx.Err() != nil:
		return false, ctx.Err()
	case errors.Is(err, crawlers.ErrRobotsDisallowed):
		// Not a passing failure: the site asks us not to read the feed.
		return false, fmt.Errorf("edgar: latest: %w", err)
	case err != nil:
		l.pageError(url, err)
		return false, nil
	}
	l.c.sink.Page(url)
	feed, err := ReadAtom(bytes.NewReader(page.Body))
	if err != nil {
		l.pageError(url, err)
		return false, nil
	}
	l.res.Pages++
	l.res.BadEntries += len(feed.Skipped)
	for _, s := range feed.Skipped {
		l.c.log.Warn("edgar atom entry skipped", "url", url, "entry", s.N, "title", s.Title, "reason", s.Reason)
	}
	if clock := feedClock(feed); l.res.Cutoff.IsZero() && !clock.IsZero() {
		l.res.Cutoff = clock.Add(-LatestWindow)
	}
	stop := feed.Count < LatestPageSize
	for _, e := range feed.Entries {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		stop = l.entry(ctx, e) || stop
	}
	return !stop, ctx.Err()
}

// feedClock is the feed's own time, else its newest entry's: the cutoff
// follows the server's clock, not ours.
func feedClock(feed AtomFeed) time.Time {
	t := feed.Updated
	for _, e := range feed.Entries {
		if e.Updated.After(t) {
			t = e.Updated
		}
	}
	return t
}

// entry handles one Form D entry and tells whether paging should stop.
func (l *latest) entry(ctx context.Context, e AtomEntry) (stop bool) {
	l.res.Entries++
	if l.c.seen[e.Accession] {
		// New filings push entries onto the next page while we page; a
		// repeat is not a sign that older filings are stored.
		l.c.res.Duplicates++
		return false
	}
	if !l.res.Cutoff.IsZero() && e.Updated.Before(l.res.Cutoff) {
		l.res.TooOld++
		return true
	}
	if l.stored(e.Accession) {
		l.res.AlreadyStored++
		return true
	}
	l.c.filing(ctx, e.IndexEntry())
	return false
}

// pageError records a feed page that could not be had or read.
func (l *latest) pageError(url string, err error) {
	l.res.PagesFailed++
	l.c.log.Warn("edgar atom page failed", "url", url, slog.Any("error", err))
	l.c.sink.Error(url, err)
}

// collect copies the filing counters of the shared code path.
func (l *latest) collect() {
	r := l.c.res
	l.res.FilingsSeen, l.res.Duplicates, l.res.Kept = r.FilingsSeen, r.Duplicates, r.Kept
	l.res.SkippedFunds, l.res.FilingErrors, l.res.SinkErrors = r.SkippedFunds, r.FilingErrors, r.SinkErrors
}
