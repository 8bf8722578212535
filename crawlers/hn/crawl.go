package hn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// crawl holds one Crawl's state.
type crawl struct {
	cfg    Config
	f      *crawlers.Fetcher
	sink   crawlers.Sink
	log    *slog.Logger
	since  time.Time // comments before it were read by an earlier run
	newest time.Time // newest comment seen
	failed bool      // a page was lost: the watermark must not move
	seen   map[string]bool
	stats  stats
}

// stats counts what a Crawl did, for its closing log line.
type stats struct {
	pages, comments, posts, kept, pageErrors, sinkErrors, skippedHits int
}

// Crawl reads the newest "Who is hiring?" thread(s), page by page newest
// first, and hands every job post to sink. It stops paging a thread at
// the first comment older than cur.Watermark (less WatermarkOverlap).
// Failed or malformed pages go to sink.Error and the run goes on; the
// returned cursor's watermark, the newest comment time, only moves when
// no page and no signal was lost. The error is only ever for bad arguments or ctx's.
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return cur, err
	}
	if sink == nil {
		return cur, errors.New("hn: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, fmt.Errorf("hn: crawl: %w", err)
	}
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, seen: map[string]bool{}}
	if !cur.Watermark.IsZero() {
		c.since = cur.Watermark.Add(-WatermarkOverlap)
	}
	err = c.run(ctx)
	next := cur
	if err == nil && !c.failed && c.newest.After(cur.Watermark) {
		next.Watermark = c.newest
	}
	s := c.stats
	c.log.Info("hn crawl done", "pages", s.pages, "comments", s.comments, "posts", s.posts, "kept", s.kept,
		"page_errors", s.pageErrors, "sink_errors", s.sinkErrors, "skipped_hits", s.skippedHits,
		"watermark", next.Watermark, slog.Any("error", err))
	return next, err
}

// run finds the threads and crawls each; the error is only ever ctx's.
func (c *crawl) run(ctx context.Context) error {
	url := ThreadsURL(c.cfg.BaseURL, threadListSize)
	page, err := c.f.Get(url)
	if err != nil {
		return c.pageError(ctx, url, err)
	}
	c.sink.Page(url)
	threads, err := ParseThreads(bytes.NewReader(page.Body))
	if err != nil {
		return c.pageError(ctx, url, err)
	}
	hiring := HiringThreads(threads)
	if len(hiring) == 0 {
		c.log.Warn("hn no hiring thread", "url", url, "stories", len(threads))
		return nil
	}
	for _, t := range hiring[:min(len(hiring), c.cfg.Threads)] {
		if err := c.thread(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// thread pages through one thread's comments until they are older than
// the watermark, the last page, or MaxPages.
func (c *crawl) thread(ctx context.Context, t Thread) error {
	known := 0 // pages the thread is known to have, once one page was read
	for p := 0; p < c.cfg.MaxPages; p++ {
		url := CommentsURL(c.cfg.BaseURL, t.ID, p, c.cfg.HitsPerPage)
		cp, err := c.commentPage(url)
		if err != nil {
			if err := c.pageError(ctx, url, err); err != nil {
				return err
			}
			if p+1 >= known {
				return nil // no page count to go on with
			}
			continue
		}
		known = cp.NbPages
		older, err := c.comments(ctx, t, cp.Comments)
		if err != nil || older || p+1 >= cp.NbPages {
			return err
		}
	}
	c.log.Warn("hn thread truncated", "thread", t.ID, "max_pages", c.cfg.MaxPages)
	return nil
}

// commentPage fetches and parses one page of comments.
func (c *crawl) commentPage(url string) (CommentPage, error) {
	page, err := c.f.Get(url)
	if err != nil {
		return CommentPage{}, err
	}
	c.sink.Page(url)
	c.stats.pages++
	cp, err := ParseComments(bytes.NewReader(page.Body))
	if err != nil {
		return CommentPage{}, err
	}
	c.stats.skippedHits += cp.Skipped
	return cp, nil
}

// comments hands on the posts of one page; older reports a comment from
// before the watermark, which ends the thread (pages run newest first).
func (c *crawl) comments(ctx context.Context, t Thread, cs []Comment) (older bool, err error) {
	for _, cm := range cs {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if cm.CreatedAt.After(c.newest) {
			c.newest = cm.CreatedAt
		}
		if cm.CreatedAt.Before(c.since) {
			older = true
			continue
		}
		if c.seen[cm.ID] || (cm.StoryID != 0 && cm.StoryID != t.ID) {
			continue // repeated across pages as new comments shift them
		}
		c.seen[cm.ID] = true
		c.stats.comments++
		post, ok := ParsePost(cm)
		if !ok {
			continue
		}
		c.stats.posts++
		if err := c.sink.Signal(ctx, SignalFor(post)); err != nil {
			c.stats.sinkErrors++
			c.failed = true // keep the watermark so the next run offers it again
			c.log.Warn("hn sink signal failed", "comment", cm.ID, slog.Any("error", err))
			continue
		}
		c.stats.kept++
	}
	return older, ctx.Err()
}

// pageError records a lost page, unless the run was cancelled, whose
// error it then returns.
func (c *crawl) pageError(ctx context.Context, url string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	c.failed = true
	c.stats.pageErrors++
	c.log.Warn("hn page failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
	return nil
}
