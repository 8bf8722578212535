package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/edgar"
	"github.com/leadgen/leadgen/crm"
)

// defaultLookback is how far back a source's first run starts.
const defaultLookback = 7 * 24 * time.Hour

// source is one crawlable source: it fetches [since, until] into sink and
// returns the watermark its next run should start from (zero: unchanged).
type source struct {
	name  string
	crawl func(ctx context.Context, c config, since, until time.Time, sink crawlers.Sink, log *slog.Logger) (time.Time, error)
}

func sources() []source {
	return []source{{name: "edgar", crawl: crawlEdgar}}
}

func crawlEdgar(ctx context.Context, c config, since, until time.Time, sink crawlers.Sink, log *slog.Logger) (time.Time, error) {
	res, err := edgar.Crawl(ctx, edgar.Config{BaseURL: c.EdgarURL, ContactEmail: c.ContactEmail, Logger: log}, since, until, sink)
	log.Info("edgar_crawl_result", "days_fetched", res.DaysFetched, "days_missing", res.DaysMissing,
		"days_failed", res.DaysFailed, "filings", res.FilingsSeen, "kept", res.Kept, "skipped_funds", res.SkippedFunds,
		"filing_errors", res.FilingErrors)
	if err == nil && res.DaysFailed > 0 && res.DaysFetched == 0 {
		err = fmt.Errorf("edgar: no daily index could be fetched (%d failed)", res.DaysFailed)
	}
	return res.LastCompleteDay, err
}

func runCrawl(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	names := fs.String("source", "all", "sources to crawl, comma-separated: all, edgar")
	sinceFlag := fs.String("since", "", "start day YYYY-MM-DD (default: the source's watermark, or 7 days back on its first run)")
	fs.StringVar(&c.EdgarURL, "edgar-url", c.EdgarURL, "SEC EDGAR base URL (env LEADGEN_EDGAR_URL)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	picked, err := pickSources(*names)
	if err != nil {
		return err
	}
	var since time.Time
	if *sinceFlag != "" {
		if since, err = time.Parse("2006-01-02", *sinceFlag); err != nil {
			return usageError{fmt.Sprintf("--since %q: want YYYY-MM-DD", *sinceFlag)}
		}
	}
	if err := c.validateCrawl(); err != nil {
		return err
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		return crawlAll(ctx, e.stderr, c, store, log, picked, since)
	})
}

func pickSources(list string) ([]source, error) {
	all := sources()
	if list == "all" || list == "" {
		return all, nil
	}
	var out []source
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, s := range all {
			if s.name == strings.TrimSpace(name) {
				out, found = append(out, s), true
			}
		}
		if !found {
			return nil, usageError{fmt.Sprintf("unknown source %q (known: all, edgar)", name)}
		}
	}
	return out, nil
}

// crawlAll runs each source once, rescoring everything at the end so scores
// keep decaying between crawls; it fails when any source failed.
func crawlAll(ctx context.Context, progress io.Writer, c config, store *crm.Store, log *slog.Logger, picked []source, since time.Time) error {
	var failed []string
	for _, src := range picked {
		if err := crawlOne(ctx, progress, c, store, log, src, since); err != nil {
			log.Error("crawl_failed", "source", src.name, slog.Any("error", err))
			failed = append(failed, src.name)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	n, err := store.RescoreAll(ctx)
	if err != nil {
		return err
	}
	log.Info("rescored", "companies", n)
	if len(failed) > 0 {
		return fmt.Errorf("crawl failed for %s", strings.Join(failed, ", "))
	}
	return nil
}

func crawlOne(ctx context.Context, progress io.Writer, c config, store *crm.Store, log *slog.Logger, src source, since time.Time) error {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	if since.IsZero() {
		wm, ok, err := store.Watermark(ctx, src.name)
		if err != nil {
			return err
		}
		since = today.Add(-defaultLookback)
		if ok {
			since = wm
		}
	}
	rec, err := store.StartCrawlRun(ctx, src.name)
	if err != nil {
		return err
	}
	stop := showProgress(progress, src.name, rec)
	mark, crawlErr := src.crawl(ctx, c, since, today, rec, log)
	stop()
	run, err := rec.Finish(crawlErr)
	if err != nil {
		return errors.Join(crawlErr, err)
	}
	log.Info("crawl_done", "source", run.Source, "run_id", run.ID, "status", run.Status, "since", since.Format("2006-01-02"),
		"pages", run.Pages, "signals_new", run.SignalsNew, "signals_updated", run.SignalsUpdated, "errors", run.Errors,
		"duration_ms", time.Since(run.StartedAt).Milliseconds())
	if crawlErr != nil {
		return crawlErr
	}
	if !mark.IsZero() {
		return store.SetWatermark(ctx, src.name, mark)
	}
	return nil
}

// showProgress redraws one status line on a terminal until stopped.
func showProgress(w io.Writer, name string, rec *crm.CrawlRecorder) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			r := rec.Snapshot()
			fmt.Fprintf(w, "\r%s: %d pages, %d new, %d updated, %d errors ", name, r.Pages, r.SignalsNew, r.SignalsUpdated, r.Errors)
			select {
			case <-done:
				fmt.Fprintln(w)
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
