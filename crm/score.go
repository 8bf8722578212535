package crm

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// rescoreBatch is how many companies one rescoring round reads and writes.
const rescoreBatch = 5000

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

// rescore recomputes the scores of the given companies: their features in
// one query, the scores in Go, and all of them written in one statement.
func (s *Store) rescore(ctx context.Context, q *dbsqlc.Queries, ids []int64) error {
	rows, err := q.CompanyFeatures(ctx, ids)
	if err != nil {
		return fmt.Errorf("load score features: %w", err)
	}
	return s.storeScores(ctx, q, rows)
}

// storeScores scores feature rows and writes them all in one statement.
func (s *Store) storeScores(ctx context.Context, q *dbsqlc.Queries, rows []dbsqlc.CompanyFeaturesRow) error {
	now := s.now()
	b := dbsqlc.CompanyScoreUpsertBatchParams{Version: scoring.Version, ComputedAt: now}
	for _, r := range rows {
		f := features(r)
		sc := scoring.Compute(f, s.weights, now)
		parts, err := json.Marshal(sc.Parts)
		if err != nil {
			return fmt.Errorf("encode score parts: %w", err)
		}
		at := f.LastFundingAt
		if at.IsZero() {
			at = time.Unix(0, 0) // the statement's "none"
		}
		b.CompanyIds = append(b.CompanyIds, r.CompanyID)
		b.Totals = append(b.Totals, int32(sc.Total))
		b.Parts = append(b.Parts, parts)
		b.LastFundingUsd = append(b.LastFundingUsd, f.LastFundingUSD)
		b.LastFundingAt = append(b.LastFundingAt, at)
		b.EvidenceUrls = append(b.EvidenceUrls, f.EvidenceURL)
	}
	if err := q.CompanyScoreUpsertBatch(ctx, b); err != nil {
		return fmt.Errorf("store scores: %w", err)
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
// scores keep decaying with age between crawls: a range of companies per
// batch, its features in one query and its scores in one statement. It
// returns how many it scored.
func (s *Store) RescoreAll(ctx context.Context) (int, error) {
	var after int64
	total := 0
	for {
		var n int
		err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
			rows, err := q.CompanyFeaturesAfter(ctx, dbsqlc.CompanyFeaturesAfterParams{AfterID: after, Lim: rescoreBatch})
			if err != nil || len(rows) == 0 {
				return err
			}
			n, after = len(rows), rows[len(rows)-1].CompanyID
			feats := make([]dbsqlc.CompanyFeaturesRow, len(rows))
			for i, r := range rows {
				feats[i] = dbsqlc.CompanyFeaturesRow(r)
			}
			return s.storeScores(ctx, q, feats)
		})
		if err != nil {
			return total, fmt.Errorf("crm: rescore: %w", err)
		}
		if n == 0 {
			return total, nil
		}
		total += n
	}
}
