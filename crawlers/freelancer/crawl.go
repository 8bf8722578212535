package freelancer

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
	cfg       Config
	f         *crawlers.Fetcher
	sink      crawlers.Sink
	log       *slog.Logger
	header    http.Header
	seen      map[int64]bool      // project ids read this run
	clients   map[int64]Client    // newest profile of each owner
	qualified map[int64]bool      // owners with a qualifying project
	pending   map[int64][]Project // projects of owners not (yet) qualified
	newest    time.Time           // newest submit time read
	failed    bool                // a page or signal was lost: the watermark must not move
	stats     stats
}

// stats counts what a Crawl did, for its closing log line.
type stats struct {
	pages, projects, duplicates, skipped, kept, dropped, pageErrors, sinkErrors int
}

// Crawl pages through the projects submitted since cur.Watermark (first
// run: FirstRunLookback), newest first, until a short page or MaxPages.
// Clients with a project worth MinProjectUSD are leads: every project of
// theirs read in this run goes to sink, the others are dropped. A failed
// or malformed page goes to sink.Error and ends the paging. The returned
// watermark, the newest submit time read, only moves when no page and no
// signal was lost. The error is for bad arguments, ctx's, or a rejected
// token (401/403).
func Crawl(ctx context.Context, cfg Config, cur crawlers.Cursor, sink crawlers.Sink) (crawlers.Cursor, error) {
	cfg, ua, err := cfg.prepare()
	if err != nil {
		return cur, err
	}
	if sink == nil {
		return cur, errors.New("freelancer: crawl: nil sink")
	}
	f, err := crawlers.NewFetcher(ctx, crawlers.FetchConfig{
		UserAgent: ua, RequestsPerSecond: cfg.RequestsPerSecond, MaxRetries: cfg.MaxRetries,
		BackoffBase: cfg.BackoffBase, MaxWait: cfg.MaxWait, Timeout: cfg.Timeout, Transport: cfg.Transport,
	})
	if err != nil {
		return cur, fmt.Errorf("freelancer: crawl: %w", err)
	}
	c := &crawl{cfg: cfg, f: f, sink: sink, log: cfg.Logger, header: http.Header{"Accept": {"application/json"}},
		seen: map[int64]bool{}, clients: map[int64]Client{}, qualified: map[int64]bool{}, pending: map[int64][]Project{}}
	if cfg.Token != "" {
		c.header.Set(TokenHeader, cfg.Token)
	}
	from := cur.Watermark
	if from.IsZero() {
		from = time.Now().Add(-FirstRunLookback)
	}
	err = c.run(ctx, from)
	for _, ps := range c.pending {
		c.stats.dropped += len(ps)
	}
	next := cur
	if err == nil && !c.failed && c.newest.After(cur.Watermark) {
		next.Watermark = c.newest
	}
	s := c.stats
	c.log.Info("freelancer crawl done", "pages", s.pages, "projects", s.projects, "duplicates", s.duplicates,
		"skipped", s.skipped, "kept", s.kept, "dropped", s.dropped, "page_errors", s.pageErrors,
		"sink_errors", s.sinkErrors, "watermark", next.Watermark, slog.Any("error", err))
	return next, err
}

// run pages by offset until a short page, the last page or MaxPages.
func (c *crawl) run(ctx context.Context, from time.Time) error {
	for n := range c.cfg.MaxPages {
		offset := n * c.cfg.PageSize
		url := ProjectsURL(c.cfg, from, offset)
		p, err := c.fetch(url)
		if err != nil {
			return c.pageError(ctx, url, err)
		}
		if err := c.projects(ctx, p); err != nil {
			return err
		}
		if p.Listed < c.cfg.PageSize || (p.Total >= 0 && offset+p.Listed >= p.Total) {
			return nil
		}
	}
	c.log.Warn("freelancer paging truncated", "max_pages", c.cfg.MaxPages, "page_size", c.cfg.PageSize)
	return nil
}

// fetch gets and parses one page.
func (c *crawl) fetch(url string) (Page, error) {
	page, err := c.f.Do(crawlers.Request{URL: url, Header: c.header})
	if err != nil {
		return Page{}, err
	}
	c.sink.Page(url)
	c.stats.pages++
	p, err := ParsePage(bytes.NewReader(page.Body))
	if err != nil {
		return Page{}, err
	}
	c.stats.skipped += p.Skipped
	return p, nil
}

// projects files each new project under its owner and hands on those
// of qualified owners.
func (c *crawl) projects(ctx context.Context, p Page) error {
	for id, cl := range p.Clients {
		c.clients[id] = cl
	}
	for _, pr := range p.Projects {
		if err := ctx.Err(); err != nil {
			return err
		}
		if c.seen[pr.ID] {
			c.stats.duplicates++ // offsets shift as new projects arrive
			continue
		}
		c.seen[pr.ID] = true
		c.stats.projects++
		if pr.SubmittedAt.After(c.newest) {
			c.newest = pr.SubmittedAt
		}
		owner := pr.OwnerID
		switch {
		case c.qualified[owner]:
			c.emit(ctx, pr)
		case Qualifies(pr, c.cfg.MinProjectUSD):
			c.qualified[owner] = true
			for _, earlier := range c.pending[owner] {
				c.emit(ctx, earlier)
			}
			delete(c.pending, owner)
			c.emit(ctx, pr)
		default:
			c.pending[owner] = append(c.pending[owner], pr)
		}
	}
	return ctx.Err()
}

// emit hands one project of a qualified owner to the sink.
func (c *crawl) emit(ctx context.Context, p Project) {
	if err := c.sink.Signal(ctx, SignalFor(p, c.clients[p.OwnerID], c.cfg.MinProjectUSD)); err != nil {
		c.stats.sinkErrors++
		c.failed = true // keep the watermark so the next run offers it again
		c.log.Warn("freelancer sink signal failed", "project", p.ID, slog.Any("error", err))
		return
	}
	c.stats.kept++
}

// pageError ends the paging: a rejected token is the run's error, ctx's
// end is returned as is, anything else is recorded as a lost page.
func (c *crawl) pageError(ctx context.Context, url string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	c.failed = true
	var se *crawlers.StatusError
	if errors.As(err, &se) && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden) {
		if c.cfg.Token == "" {
			return fmt.Errorf("freelancer: anonymous access rejected (%d): %w", se.Code, err)
		}
		return fmt.Errorf("freelancer: token rejected (%d): %w", se.Code, err)
	}
	c.stats.pageErrors++
	c.log.Warn("freelancer page failed", "url", url, slog.Any("error", err))
	c.sink.Error(url, err)
	return nil
}
