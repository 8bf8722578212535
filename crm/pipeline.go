package crm

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// PipelineStages are the pipeline board's columns, in order; Do-not-contact
// is only counted.
var PipelineStages = []Stage{StageNew, StageContacted, StageMeeting, StageProposal, StageWon, StageLost}

// CardsPerColumn is how many cards a pipeline column shows.
const CardsPerColumn = 50

// PipelineCard is a company on the pipeline board.
type PipelineCard struct {
	ID                  int64
	Name                string
	Stage               Stage
	Score               int
	EstimatedProjectUSD int64
	OwnerEmail          string
	LastWorkedAt        time.Time // last activity, or when it was created if never worked
	// Stale is set in an open stage with no activity in StaleAfterDays.
	Stale bool
}

// PipelineColumn is one stage of the board: every company in it counted
// and their estimated projects summed, the best-scored shown as cards.
type PipelineColumn struct {
	Stage        Stage
	Count        int
	EstimatedUSD int64
	Cards        []PipelineCard
}

// More is how many companies of the column have no card.
func (c PipelineColumn) More() int { return max(0, c.Count-len(c.Cards)) }

// Pipeline is the board: a column per stage of PipelineStages.
type Pipeline struct {
	Columns      []PipelineColumn
	DoNotContact int
}

// Pipeline returns the board with up to perColumn cards a column
// (CardsPerColumn when 0 or less), by score.
func (s *Store) Pipeline(ctx context.Context, perColumn int) (Pipeline, error) {
	if perColumn <= 0 {
		perColumn = CardsPerColumn
	}
	q := s.q()
	totals, err := q.PipelineTotals(ctx)
	if err != nil {
		return Pipeline{}, fmt.Errorf("crm: pipeline totals: %w", err)
	}
	stages := make([]string, len(PipelineStages))
	for i, st := range PipelineStages {
		stages[i] = string(st)
	}
	cards, err := q.PipelineCards(ctx, dbsqlc.PipelineCardsParams{Stages: stages, PerStage: int32(perColumn)})
	if err != nil {
		return Pipeline{}, fmt.Errorf("crm: pipeline cards: %w", err)
	}
	var p Pipeline
	cols := map[Stage]*PipelineColumn{}
	p.Columns = make([]PipelineColumn, len(PipelineStages))
	for i, st := range PipelineStages {
		p.Columns[i].Stage = st
		cols[st] = &p.Columns[i]
	}
	for _, t := range totals {
		if Stage(t.Stage) == StageDoNotContact {
			p.DoNotContact = int(t.Companies)
		}
		if c := cols[Stage(t.Stage)]; c != nil {
			c.Count, c.EstimatedUSD = int(t.Companies), t.EstimatedUsd
		}
	}
	staleBefore := s.now().AddDate(0, 0, -StaleAfterDays)
	for _, r := range cards {
		c := cols[Stage(r.Stage)]
		if c == nil {
			continue
		}
		c.Cards = append(c.Cards, PipelineCard{ID: r.ID, Name: r.Name, Stage: c.Stage, Score: int(r.Score),
			EstimatedProjectUSD: r.EstimatedProjectUsd, OwnerEmail: r.OwnerEmail, LastWorkedAt: r.LastWorkedAt,
			Stale: slices.Contains(OpenStages, c.Stage) && r.LastWorkedAt.Before(staleBefore)})
	}
	return p, nil
}
