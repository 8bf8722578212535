package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crm"
)

// defaultLookback is how far back a source's first run starts.
const defaultLookback = 7 * 24 * time.Hour

func runCrawl(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	names := fs.String("source", "", "sources to crawl, comma-separated (see leadgen sources); default: every enabled source that is due")
	sinceFlag := fs.String("since", "", "start day YYYY-MM-DD (default: the source's watermark, or 7 days back on its first run)")
	fs.StringVar(&c.EdgarURL, "edgar-url", c.EdgarURL, "SEC EDGAR base URL (env LEADGEN_EDGAR_URL)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	picked, err := pickSources(*names, c)
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
		if *names == "" {
			if picked, err = dueSources(ctx, store, picked, time.Now(), log); err != nil {
				return err
			}
		}
		return crawlAll(ctx, e.stderr, c, store, log, picked, since)
	})
}

// pickSources returns the named sources (even those off by default), or
// with no names every enabled one.
func pickSources(list string, c config) ([]source, error) {
	all, errs := allSources(c)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("LEADGEN_SOURCES_DIR: %w", err)
	}
	if list == "" || list == "all" {
		var out []source
		for _, s := range all {
			if s.state(c) == "enabled" || (list == "all" && s.needs(c) == "") {
				out = append(out, s)
			}
		}
		return out, nil
	}
	var out []source
	for _, name := range strings.Split(list, ",") {
		i := slices.IndexFunc(all, func(s source) bool { return s.name == strings.TrimSpace(name) })
		if i < 0 {
			return nil, usageError{fmt.Sprintf("unknown source %q (known: %s)", name, sourceNames(all))}
		}
		out = append(out, all[i])
	}
	return out, nil
}

// dueSources drops sources whose last run started less than their
// interval ago (feeds are fetched at most hourly); a source named with
// --source always runs.
func dueSources(ctx context.Context, store *crm.Store, picked []source, now time.Time, log *slog.Logger) ([]source, error) {
	status, err := store.SourceStatuses(ctx)
	if err != nil {
		return nil, err
	}
	var due []source
	for _, s := range picked {
		last := status[s.name].LastRun.StartedAt
		if s.every > 0 && !last.IsZero() && now.Sub(last) < s.every {
			log.Info("crawl_not_due", "source", s.name, "last_run", last, "every", s.every.String())
			continue
		}
		due = append(due, s)
	}
	return due, nil
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
	if need := src.needs(c); need != "" {
		log.Warn("crawl_skipped", "source", src.name, "reason", "needs "+need)
		return nil
	}
	cur, _, err := store.Cursor(ctx, src.name)
	if err != nil {
		return err
	}
	if !since.IsZero() {
		cur.Watermark = since
	}
	rec, err := store.StartCrawlRun(ctx, src.name)
	if err != nil {
		return err
	}
	stop := showProgress(progress, src.name, rec)
	next, crawlErr := src.crawl(ctx, sourceRun{cfg: c, store: store, cur: cur, sink: rec, log: log.With("source", src.name)})
	stop()
	if snap := rec.Snapshot(); crawlErr == nil && snap.Pages == 0 && snap.Errors > 0 {
		// Nothing came back and something failed: the source is down.
		crawlErr = fmt.Errorf("%s: nothing could be fetched (%d errors; see the run's errors)", src.name, snap.Errors)
	}
	run, err := rec.Finish(crawlErr)
	if err != nil {
		return errors.Join(crawlErr, err)
	}
	log.Info("crawl_done", "source", run.Source, "run_id", run.ID, "status", run.Status,
		"pages", run.Pages, "signals_new", run.SignalsNew, "signals_updated", run.SignalsUpdated, "errors", run.Errors,
		"duration_ms", time.Since(run.StartedAt).Milliseconds())
	if crawlErr != nil {
		return crawlErr
	}
	return store.SetCursor(ctx, src.name, next)
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
