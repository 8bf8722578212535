package crm

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// rescoreBatch is how many companies one rescoring round reads and writes.
const rescoreBatch = 1000

// sourceLabels are the names a salesperson knows the sources by.
var sourceLabels = map[string]string{
	"edgar": "SEC EDGAR", "news": "funding news", "crunchbase": "Crunchbase", "hn": "Hacker News", "yc": "Y Combinator",
	"freelancer": "Freelancer.com", "upwork": "Upwork", ImportSource: "an imported list",
}

// sourceLabel names a source for people.
func sourceLabel(source string) string {
	if l, ok := sourceLabels[source]; ok {
		return l
	}
	return source
}

// rescore recomputes and stores the scores of the given companies.
func (s *Store) rescore(ctx context.Context, q *dbsqlc.Queries, ids []int64) error {
	rows, err := q.CompanyFeatures(ctx, ids)
	if err != nil {
		return fmt.Errorf("load score features: %w", err)
	}
	now := s.now()
	for _, r := range rows {
		f := features(r)
		sc := scoring.Compute(f, s.weights, now)
		parts, err := json.Marshal(sc.Parts)
		if err != nil {
			return fmt.Errorf("encode score parts: %w", err)
		}
		err = q.CompanyScoreUpsert(ctx, dbsqlc.CompanyScoreUpsertParams{
			CompanyID: r.CompanyID, Total: int32(sc.Total), Parts: parts, Version: sc.Version,
			ComputedAt: sc.ComputedAt, LastFundingUsd: f.LastFundingUSD,
			LastFundingAt: pgtype.Timestamptz{Time: f.LastFundingAt, Valid: !f.LastFundingAt.IsZero()},
			EvidenceUrl:   f.EvidenceURL,
		})
		if err != nil {
			return fmt.Errorf("store score of company %d: %w", r.CompanyID, err)
		}
	}
	return nil
}

func features(r dbsqlc.CompanyFeaturesRow) scoring.Features {
	f := scoring.Features{DoNotContact: Stage(r.Stage) == StageDoNotContact}
	if r.FundingKind == "" {
		return f
	}
	f.LastFundingUSD = r.LastFundingUsd
	f.LastFundingAt = r.LastFundingAt
	f.EvidenceURL = r.EvidenceUrl
	f.LastFundingSource = sourceLabel(r.FundingSource)
	if r.FundingKind == string(crawlers.KindFormD) {
		f.LastFundingSource = "Form D"
	}
	return f
}

// RescoreAll recomputes every company's score at the store's clock, so
// scores keep decaying with age between crawls. It returns how many it scored.
func (s *Store) RescoreAll(ctx context.Context) (int, error) {
	var after int64
	total := 0
	for {
		ids, err := s.q().CompanyIDsAfter(ctx, dbsqlc.CompanyIDsAfterParams{AfterID: after, Lim: rescoreBatch})
		if err != nil {
			return total, fmt.Errorf("crm: rescore: list companies: %w", err)
		}
		if len(ids) == 0 {
			return total, nil
		}
		if err := s.InTx(ctx, func(q *dbsqlc.Queries) error { return s.rescore(ctx, q, ids) }); err != nil {
			return total, fmt.Errorf("crm: rescore: %w", err)
		}
		total += len(ids)
		after = ids[len(ids)-1]
	}
}
