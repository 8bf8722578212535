package crm

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// timelineLimit caps the entries the company page shows.
const timelineLimit = 200

// GetCompany returns one company with its signals, contacts and timeline.
func (s *Store) GetCompany(ctx context.Context, id int64) (Company, error) {
	q := s.q()
	r, err := q.CompanyGet(ctx, id)
	if err != nil {
		return Company{}, fmt.Errorf("crm: get company %d: %w", id, notFound(err))
	}
	c := Company{
		CompanyRow: CompanyRow{
			ID: r.ID, Name: r.Name, Domain: r.Domain, Phone: r.Phone, City: r.City, State: r.State,
			Industry: r.Industry, Stage: Stage(r.Stage), Score: int(r.Score), Parts: parts(r.ScoreParts),
			LastFundingUSD: r.LastFundingUsd, LastFundingAt: tsTime(r.LastFundingAt), EvidenceURL: r.EvidenceUrl,
			EstimatedProjectUSD: r.EstimatedProjectUsd, EstimateBasis: r.EstimateBasis, ScoreVersion: r.ScoreVersion,
			OwnerID: r.OwnerID, OwnerEmail: r.OwnerEmail, Tags: r.Tags, CreatedAt: r.CreatedAt,
			LastActivityAt: tsTime(r.LastActivityAt), LastContactedAt: tsTime(r.LastContactedAt),
		},
		Street: r.Street, Zip: r.Zip, Country: r.Country, EntityType: r.EntityType, YearOfInc: int(r.YearOfInc),
		MergedInto: r.MergedInto.Int64, ScoredAt: tsTime(r.ScoredAt),
	}
	if c.PointsIn30Days, err = s.pointsIn30Days(ctx, q, id, c.Parts); err != nil {
		return c, err
	}
	if c.ScoreHistory, err = scoreHistory(ctx, q, id); err != nil {
		return c, err
	}
	if c.Signals, err = s.signals(ctx, q, id); err != nil {
		return c, err
	}
	if c.Contacts, err = s.contacts(ctx, q, id); err != nil {
		return c, err
	}
	if c.Client, err = clientProfile(ctx, q, id); err != nil {
		return c, err
	}
	if c.Tasks, err = s.OpenTasks(ctx, id); err != nil {
		return c, err
	}
	if c.Changes, err = s.Changes(ctx, id); err != nil {
		return c, err
	}
	c.Timeline, err = s.Timeline(ctx, id)
	return c, err
}

func (s *Store) signals(ctx context.Context, q *dbsqlc.Queries, id int64) ([]Signal, error) {
	rows, err := q.SignalListByCompany(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("crm: list signals of %d: %w", id, err)
	}
	out := make([]Signal, len(rows))
	for i, r := range rows {
		out[i] = Signal{ID: r.ID, Source: r.Source, ItemID: r.SourceItemID, Kind: r.Kind, Title: r.Title,
			URL: r.Url, OccurredAt: r.OccurredAt, FirstSeenAt: r.FirstSeenAt, AmountUSD: r.AmountUsd, ClosedAt: tsTime(r.ClosedAt)}
	}
	return out, nil
}

func (s *Store) contacts(ctx context.Context, q *dbsqlc.Queries, id int64) ([]Contact, error) {
	rows, err := q.ContactListByCompany(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("crm: list contacts of %d: %w", id, err)
	}
	out := make([]Contact, len(rows))
	for i, r := range rows {
		out[i] = Contact{ID: r.ID, Name: r.Name, Title: r.Title, Relationship: r.Relationship, Email: r.Email,
			Phone: r.Phone, ProfileURL: r.ProfileUrl, City: r.City, Source: r.Source}
	}
	return out, nil
}

// Timeline lists a company's activities, newest first.
func (s *Store) Timeline(ctx context.Context, companyID int64) ([]Activity, error) {
	rows, err := s.q().ActivityListByCompany(ctx, dbsqlc.ActivityListByCompanyParams{CompanyID: companyID, Lim: timelineLimit})
	if err != nil {
		return nil, fmt.Errorf("crm: timeline of %d: %w", companyID, err)
	}
	out := make([]Activity, len(rows))
	for i, r := range rows {
		out[i] = Activity{ID: r.ID, Kind: ActivityKind(r.Kind), CallResult: CallResult(r.CallResult), Outcome: r.Outcome, OutcomeLabel: r.OutcomeLabel,
			Note: r.Note, StageFrom: Stage(r.StageFrom), StageTo: Stage(r.StageTo), UserEmail: r.UserEmail, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// scoreHistoryLimit caps the points of the score sparkline.
const scoreHistoryLimit = 60

func scoreHistory(ctx context.Context, q *dbsqlc.Queries, id int64) ([]ScorePoint, error) {
	rows, err := q.ScoreHistory(ctx, dbsqlc.ScoreHistoryParams{CompanyID: id, Lim: scoreHistoryLimit})
	if err != nil {
		return nil, fmt.Errorf("crm: score history of %d: %w", id, err)
	}
	out := make([]ScorePoint, len(rows))
	for i, r := range rows { // newest first from the query; oldest first out
		out[len(rows)-1-i] = ScorePoint{At: r.RecordedAt, Total: int(r.Total), Version: r.Version}
	}
	return out, nil
}

// pointsIn30Days scores the company's features 30 days ahead, part by part.
func (s *Store) pointsIn30Days(ctx context.Context, q *dbsqlc.Queries, id int64, parts []scoring.Part) (map[string]float64, error) {
	if len(parts) == 0 {
		return nil, nil
	}
	rows, err := q.ScoreFeatures(ctx, s.featureParams([]int64{id}, 0, 0))
	if err != nil {
		return nil, fmt.Errorf("crm: score features of %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	f := Features(rows[0])
	_, w := s.weights.get()
	later := s.now().AddDate(0, 0, 30)
	out := make(map[string]float64, len(parts))
	for _, p := range parts {
		out[p.Name] = scoring.PointsAt(f, w, later, p.Name)
	}
	return out, nil
}
