package yc

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

// crawl holds one Crawl's state.
type crawl struct {
	cfg    Config
	f      *crawlers.Fetcher
	sink   crawlers.Sink
	log    *slog.Logger
	old    map[string]crawlers.Validator // validators the run started with
	next   map[string]crawlers.Validator // validators to keep for the next run
	seen   map[int64]bool
	newest time.Time
	stats  stats
}

// stats counts what a Crawl did, for its closing log line.
type stats struct {
	batches, notModified, failed, companies, skippedEntries, leftOut, undated, kept, sinkErrors int
}

// Crawl fetches the batch files (cfg.Batches, else the newest
// LatestBatches of meta.json) with conditional GETs and hands every
// worthwhile company (see Company.Worthwhile) to sink. An unchanged file
// answers 304 and costs nothing more. The returned cursor keeps the
// validators of each batch fully handed on, or unchanged, this run, and
// a watermark at the newest signal date, for information only. Failed or
// malformed files go to sink.Error and the run goes on; the error is
// only ever for bad arguments or ctx's.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, error) {
	cfg, ua, batches, err := cfg.prepare()
	if err != nil {
		return cur, err
	}
	if sink == nil {
		return cur, errors.New("yc: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, fmt.Errorf("yc: crawl: %w", err)
	}
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, old: cur.Validators,
		next: map[string]crawlers.Validator{}, seen: map[int64]bool{}}
	next, err := c.run(ctx, cur, batches)
	s := c.stats
	c.log.Info("yc crawl done", "batches", s.batches, "not_modified", s.notModified, "failed", s.failed,
		"companies", s.companies, "skipped_entries", s.skippedEntries, "left_out", s.leftOut, "undated", s.undated,
		"kept", s.kept, "sink_errors", s.sinkErrors, slog.Any("error", err))
	return next, err
}

// run crawls each batch and builds the next cursor; it returns cur
// unchanged when the batch list could not be had or ctx ended.
func (c *crawl) run(ctx context.Context, cur crawlers.Cursor, batches []Batch) (crawlers.Cursor, error) {
	if len(batches) == 0 {
		var ok bool
		if batches, ok = c.latest(ctx); !ok {
			return cur, ctx.Err()
		}
	}
	for _, b := range batches {
		if err := ctx.Err(); err != nil {
			return cur, err
		}
		c.batch(ctx, b)
	}
	if err := ctx.Err(); err != nil {
		return cur, err
	}
	next := crawlers.Cursor{Watermark: cur.Watermark}
	if c.newest.After(next.Watermark) {
		next.Watermark = c.newest
	}
	if len(c.next) > 0 {
		next.Validators = c.next
	}
	return next, nil
}

// latest reads the newest batches from meta.json.
func (c *crawl) latest(ctx context.Context) ([]Batch, bool) {
	url := MetaURL(c.cfg.BaseURL)
	page, err := c.f.Get(url)
	if err != nil {
		if ctx.Err() == nil {
			c.fail(url, err)
		}
		return nil, false
	}
	c.sink.Page(url)
	all, err := ParseBatchIndex(bytes.NewReader(page.Body))
	if err != nil {
		c.fail(url, err)
		return nil, false
	}
	return all[:min(len(all), c.cfg.LatestBatches)], true
}

// batch fetches one batch file, conditionally, and hands on its companies.
func (c *crawl) batch(ctx context.Context, b Batch) {
	url := BatchURL(c.cfg.BaseURL, b)
	old, had := c.old[url]
	page, err := c.f.Do(crawlers.Request{URL: url, Header: conditional(old)})
	switch {
	case ctx.Err() != nil:
		return
	case err != nil:
		if had {
			c.next[url] = old // a later success still compares against them
		}
		c.fail(url, err)
		return
	case page.Status == http.StatusNotModified:
		c.stats.notModified++
		c.next[url] = merge(old, validatorOf(page.Header))
		return
	}
	c.sink.Page(url)
	c.stats.batches++
	cs, skipped, err := parseCompanies(bytes.NewReader(page.Body))
	if err != nil {
		c.fail(url, err) // no validators: the next run fetches it whole
		return
	}
	c.stats.skippedEntries += skipped
	if c.companies(ctx, cs) {
		if v := validatorOf(page.Header); v != (crawlers.Validator{}) {
			c.next[url] = v
		}
	}
}

// companies hands on the worthwhile companies; complete is false when
// the sink refused one, so the file is fetched whole again next run.
func (c *crawl) companies(ctx context.Context, cs []Company) (complete bool) {
	complete = true
	for _, co := range cs {
		if ctx.Err() != nil {
			return false
		}
		if c.seen[co.ID] {
			continue
		}
		c.seen[co.ID] = true
		c.stats.companies++
		if !co.Worthwhile() {
			c.stats.leftOut++
			continue
		}
		s, ok := SignalFor(co)
		if !ok {
			c.stats.undated++
			c.log.Warn("yc company undated", "id", co.ID, "batch", co.Batch)
			continue
		}
		if err := c.sink.Signal(ctx, s); err != nil {
			c.stats.sinkErrors++
			complete = false
			c.log.Warn("yc sink signal failed", "id", co.ID, slog.Any("error", err))
			continue
		}
		c.stats.kept++
		if s.OccurredAt.After(c.newest) {
			c.newest = s.OccurredAt
		}
	}
	return complete
}

// fail records a file that could not be had or read.
func (c *crawl) fail(url string, err error) {
	c.stats.failed++
	c.log.Warn("yc page failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
}

// conditional turns stored validators into request headers.
func conditional(v crawlers.Validator) http.Header {
	h := http.Header{}
	if v.ETag != "" {
		h.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		h.Set("If-Modified-Since", v.LastModified)
	}
	return h
}

// validatorOf reads a response's validators.
func validatorOf(h http.Header) crawlers.Validator {
	return crawlers.Validator{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
}

// merge keeps old validators a 304 did not restate.
func merge(old, fresh crawlers.Validator) crawlers.Validator {
	if fresh.ETag == "" {
		fresh.ETag = old.ETag
	}
	if fresh.LastModified == "" {
		fresh.LastModified = old.LastModified
	}
	return fresh
}
