package crm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm/normalize"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// Cursor returns where source's next run starts (its watermark and
// conditional-GET validators), and false when it never ran.
func (s *Store) Cursor(ctx context.Context, source string) (crawlers.Cursor, bool, error) {
	row, err := s.q().SourceStateGet(ctx, source)
	if errors.Is(notFound(err), ErrNotFound) {
		return crawlers.Cursor{}, false, nil
	}
	if err != nil {
		return crawlers.Cursor{}, false, fmt.Errorf("crm: get cursor %s: %w", source, err)
	}
	var cur crawlers.Cursor
	if len(row.State) > 0 {
		if err := json.Unmarshal(row.State, &cur); err != nil {
			return crawlers.Cursor{}, false, fmt.Errorf("crm: decode cursor %s: %w", source, err)
		}
	}
	cur.Watermark = row.Watermark
	return cur, true, nil
}

// SetCursor records where source's next run starts.
func (s *Store) SetCursor(ctx context.Context, source string, cur crawlers.Cursor) error {
	state, err := json.Marshal(cur)
	if err != nil {
		return fmt.Errorf("crm: encode cursor %s: %w", source, err)
	}
	err = s.q().SourceStateSet(ctx, dbsqlc.SourceStateSetParams{Source: source, Watermark: cur.Watermark, State: state})
	if err != nil {
		return fmt.Errorf("crm: set cursor %s: %w", source, err)
	}
	return nil
}

// HasSignal reports whether a source item (or an alias of one) is stored,
// so a fast path (EDGAR's latest-filings feed) can skip what the slow path
// already brought in.
func (s *Store) HasSignal(ctx context.Context, source, itemID string) (bool, error) {
	ok, err := s.q().SignalExists(ctx, dbsqlc.SignalExistsParams{Source: source, ItemID: itemID})
	if err != nil {
		return false, fmt.Errorf("crm: check signal %s %s: %w", source, itemID, err)
	}
	return ok, nil
}

// SourceStatus is the latest known state of one source, for `leadgen sources`.
type SourceStatus struct {
	LastRun   CrawlRun
	LastError CrawlError
	HasRun    bool
}

// SourceStatuses returns each crawled source's latest run and error.
func (s *Store) SourceStatuses(ctx context.Context) (map[string]SourceStatus, error) {
	runs, err := s.q().CrawlRunLastBySource(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: last runs: %w", err)
	}
	out := map[string]SourceStatus{}
	for _, r := range runs {
		out[r.Source] = SourceStatus{LastRun: crawlRun(dbsqlc.CrawlRun(r)), HasRun: true}
	}
	errs, err := s.q().CrawlErrorLastBySource(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: last errors: %w", err)
	}
	for _, e := range errs {
		st := out[e.Source]
		st.LastError = CrawlError{URL: e.Url, Reason: e.Reason, At: e.CreatedAt}
		out[e.Source] = st
	}
	return out, nil
}

// RecentCrawlRuns lists runs newest first, of one source or ("") of all.
func (s *Store) RecentCrawlRuns(ctx context.Context, source string, limit int) ([]CrawlRun, error) {
	rows, err := s.q().CrawlRunListRecent(ctx, dbsqlc.CrawlRunListRecentParams{Source: source, Lim: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("crm: list crawl runs: %w", err)
	}
	out := make([]CrawlRun, len(rows))
	for i, r := range rows {
		out[i] = crawlRun(dbsqlc.CrawlRun(r))
	}
	return out, nil
}

// GetCrawlRun returns one run.
func (s *Store) GetCrawlRun(ctx context.Context, id int64) (CrawlRun, error) {
	r, err := s.q().CrawlRunGet(ctx, id)
	if err != nil {
		return CrawlRun{}, fmt.Errorf("crm: get crawl run %d: %w", id, notFound(err))
	}
	return crawlRun(r), nil
}

func crawlRun(r dbsqlc.CrawlRun) CrawlRun {
	return CrawlRun{ID: r.ID, Source: r.Source, StartedAt: r.StartedAt, FinishedAt: tsTime(r.FinishedAt), Status: r.Status,
		Pages: int(r.Pages), SignalsNew: int(r.SignalsNew), SignalsUpdated: int(r.SignalsUpdated), Errors: int(r.Errors), Message: r.Message}
}

// backfillNames gives companies stored before names were normalised their
// normalised name and name key.
func (s *Store) backfillNames(ctx context.Context) error {
	for {
		rows, err := s.q().CompanyKeyNames(ctx, 500)
		if err != nil || len(rows) == 0 {
			return err
		}
		err = s.InTx(ctx, func(q *dbsqlc.Queries) error {
			for _, r := range rows {
				n := normalize.Name(r.Name)
				if n == "" {
					n = "-"
				}
				if err := q.CompanyNameNormSet(ctx, dbsqlc.CompanyNameNormSetParams{ID: r.ID, NameNorm: n}); err != nil {
					return err
				}
				if err := q.CompanyKeyInsert(ctx, dbsqlc.CompanyKeyInsertParams{Key: "name:" + n, CompanyID: r.ID}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("crm: backfill names: %w", err)
		}
	}
}
