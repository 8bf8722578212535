package crm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ClientProfile is what leadgen knows of a company as a marketplace client:
// the figures the scorer ranks clients by.
type ClientProfile struct {
	Marketplaces       []string
	Projects           int
	QualifyingProjects int
	Qualifying90d      int // qualifying projects posted in the last 90 days
	OpenProjects       int
	LargestBudgetUSD   int64
	MedianBudgetUSD    int64
	HourlyEstimateUSD  int64 // the largest hourly project's rate × hours × duration
	TotalSpendUSD      int64
	Hires              int
	HireRate           float64
	PaymentVerified    bool
	Reviews            int
	Country            string
	FirstSeenAt        time.Time
	LastSeenAt         time.Time
}

// clientProfile returns the company's client profile, or nil when it never
// posted a project.
func clientProfile(ctx context.Context, q *dbsqlc.Queries, companyID int64) (*ClientProfile, error) {
	r, err := q.ClientProfileGet(ctx, companyID)
	if errors.Is(notFound(err), ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("crm: client profile of %d: %w", companyID, err)
	}
	return &ClientProfile{
		Marketplaces: r.Marketplaces, Projects: int(r.Projects), QualifyingProjects: int(r.QualifyingProjects),
		Qualifying90d: int(r.Qualifying90d), OpenProjects: int(r.OpenProjects), LargestBudgetUSD: r.LargestBudgetUsd,
		MedianBudgetUSD: r.MedianBudgetUsd, HourlyEstimateUSD: r.HourlyEstimateUsd, TotalSpendUSD: r.TotalSpendUsd,
		Hires: int(r.Hires), HireRate: float64(r.HireRate), PaymentVerified: r.PaymentVerified, Reviews: int(r.Reviews),
		Country: r.Country, FirstSeenAt: r.FirstSeenAt, LastSeenAt: r.LastSeenAt,
	}, nil
}

// CloseStaleProjects closes a marketplace's open projects that it has not
// listed since cutoff (filled, withdrawn or expired), each with a crawl
// event on its client's timeline, and says how many it closed.
func (s *Store) CloseStaleProjects(ctx context.Context, source string, cutoff time.Time) (int, error) {
	n := 0
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		rows, err := q.SignalCloseStale(ctx, dbsqlc.SignalCloseStaleParams{Source: source, Cutoff: cutoff})
		if err != nil {
			return fmt.Errorf("crm: close stale projects of %s: %w", source, err)
		}
		for _, r := range rows {
			if err := crawlEvent(ctx, q, r.CompanyID, "Job no longer listed, marked closed: "+r.Title); err != nil {
				return err
			}
			err := q.ClientProfileRefresh(ctx, dbsqlc.ClientProfileRefreshParams{CompanyID: r.CompanyID, MinUsd: s.minProjectUSD})
			if err != nil {
				return fmt.Errorf("crm: refresh client profile: %w", err)
			}
		}
		n = len(rows)
		return nil
	})
	return n, err
}
