package crm

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// CrawlRun is one run of one source.
type CrawlRun struct {
	ID             int64
	Source         string
	StartedAt      time.Time
	FinishedAt     time.Time
	Status         string // running, ok, partial (some errors), failed
	Pages          int
	SignalsNew     int
	SignalsUpdated int
	Errors         int
	Message        string
}

// CrawlRecorder stores what one crawl run finds and counts it; it is the
// crawlers.Sink the crawlers write to. Safe for concurrent use.
type CrawlRecorder struct {
	store *Store
	mu    sync.Mutex
	run   CrawlRun
}

var _ crawlers.Sink = (*CrawlRecorder)(nil)

// StartCrawlRun opens a crawl_runs row for source.
func (s *Store) StartCrawlRun(ctx context.Context, source string) (*CrawlRecorder, error) {
	row, err := s.q().CrawlRunStart(ctx, source)
	if err != nil {
		return nil, fmt.Errorf("crm: start crawl run %s: %w", source, err)
	}
	return &CrawlRecorder{store: s, run: CrawlRun{ID: row.ID, Source: source, StartedAt: row.StartedAt, Status: "running"}}, nil
}

// Signal ingests one signal and counts it as new or updated.
func (r *CrawlRecorder) Signal(ctx context.Context, sig crawlers.Signal) error {
	res, err := r.store.Ingest(ctx, sig)
	if err != nil {
		r.Error(sig.URL, err)
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if res.New {
		r.run.SignalsNew++
	} else if res.Updated {
		r.run.SignalsUpdated++
	}
	return nil
}

// Page counts a fetched page.
func (r *CrawlRecorder) Page(string) {
	r.mu.Lock()
	r.run.Pages++
	r.mu.Unlock()
}

// Error records a failed URL with its reason; the run goes on.
func (r *CrawlRecorder) Error(url string, err error) {
	r.mu.Lock()
	r.run.Errors++
	r.mu.Unlock()
	// Recorded even when the crawl's context is already cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if dbErr := r.store.q().CrawlErrorInsert(ctx, dbsqlc.CrawlErrorInsertParams{RunID: r.run.ID, Url: url, Reason: err.Error()}); dbErr != nil {
		r.store.log.Error("crawl_error_not_recorded", "url", url, "reason", err.Error(), slog.Any("error", dbErr))
	}
}

// Snapshot returns the run's counters so far.
func (r *CrawlRecorder) Snapshot() CrawlRun {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.run
}

// Finish closes the run: status failed when crawlErr is set, partial when
// some URLs failed, ok otherwise.
func (r *CrawlRecorder) Finish(crawlErr error) (CrawlRun, error) {
	r.mu.Lock()
	run := r.run
	r.mu.Unlock()
	run.Status = "ok"
	switch {
	case crawlErr != nil:
		run.Status, run.Message = "failed", crawlErr.Error()
	case run.Errors > 0:
		run.Status = "partial"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := r.store.q().CrawlRunFinish(ctx, dbsqlc.CrawlRunFinishParams{
		ID: run.ID, Status: run.Status, Pages: int32(run.Pages), SignalsNew: int32(run.SignalsNew),
		SignalsUpdated: int32(run.SignalsUpdated), Errors: int32(run.Errors), Message: run.Message,
	})
	if err != nil {
		return run, fmt.Errorf("crm: finish crawl run %d: %w", run.ID, err)
	}
	run.FinishedAt = time.Now()
	return run, nil
}

// CrawlErrors lists the failed URLs of a run.
func (s *Store) CrawlErrors(ctx context.Context, runID int64) ([]CrawlError, error) {
	rows, err := s.q().CrawlErrorListByRun(ctx, runID)
	if err != nil {
		return nil, fmt.Errorf("crm: list crawl errors: %w", err)
	}
	out := make([]CrawlError, len(rows))
	for i, r := range rows {
		out[i] = CrawlError{URL: r.Url, Reason: r.Reason, At: r.CreatedAt}
	}
	return out, nil
}

// CrawlError is one URL a run could not fetch or parse.
type CrawlError struct {
	URL    string
	Reason string
	At     time.Time
}
