package crm_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
)

// The board has a column per stage but Do-not-contact, each counting its
// live companies and summing their estimated projects, with the
// best-scored as cards and stale ones flagged.
func TestPipeline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, pool, ann, _ := taskStore(t, time.Now())
	stages := map[crm.Stage]int{crm.StageNew: 5, crm.StageContacted: 3, crm.StageMeeting: 2, crm.StageProposal: 1, crm.StageWon: 1, crm.StageDoNotContact: 2}
	byStage := map[crm.Stage][]int64{}
	n := 0
	for _, st := range crm.Stages {
		for range stages[st] {
			id := fundedLead(t, s, fmt.Sprint(7600+n), int64(40_000_000-n*2_500_000))
			n++
			if st != crm.StageNew {
				if err := s.SetStage(ctx, ann.ID, id, st); err != nil {
					t.Fatal(err)
				}
			}
			byStage[st] = append(byStage[st], id)
		}
	}
	// A merged company is counted once, as its winner.
	loser := fundedLead(t, s, "7699", 9_000_000)
	if _, err := s.MergeCompanies(ctx, ann.ID, byStage[crm.StageNew][0], loser); err != nil {
		t.Fatal(err)
	}
	staleOne, freshOne := byStage[crm.StageContacted][0], byStage[crm.StageContacted][1]
	mustExec(t, pool, "UPDATE companies SET last_activity_at = now() - interval '15 days' WHERE id = ANY($1)",
		[]int64{staleOne, byStage[crm.StageWon][0], byStage[crm.StageNew][1]})
	mustExec(t, pool, "UPDATE companies SET owner_id = $1 WHERE id = $2", ann.ID, freshOne)

	p, err := s.Pipeline(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []crm.Stage
	for _, c := range p.Columns {
		got = append(got, c.Stage)
	}
	if !slices.Equal(got, crm.PipelineStages) || len(got) != 6 {
		t.Fatalf("columns %v, want %v", got, crm.PipelineStages)
	}
	if p.DoNotContact != 2 {
		t.Errorf("Do-not-contact = %d, want 2", p.DoNotContact)
	}
	for _, col := range p.Columns {
		ids := byStage[col.Stage]
		var sum int64
		for _, id := range ids {
			sum += mustCompany(t, s, id).EstimatedProjectUSD
		}
		want := byScore(t, s, ids...)
		if len(want) > 3 {
			want = want[:3]
		}
		var cards []int64
		for _, c := range col.Cards {
			cards = append(cards, c.ID)
		}
		if col.Count != len(ids) || col.EstimatedUSD != sum || !slices.Equal(cards, want) || col.More() != len(ids)-len(want) {
			t.Errorf("%s: count %d, value %d, cards %v, %d more; want %d, %d, %v, %d more",
				col.Stage, col.Count, col.EstimatedUSD, cards, col.More(), len(ids), sum, want, len(ids)-len(want))
		}
		if col.Stage == crm.StageNew && sum == 0 {
			t.Error("the New column has no estimated value: the test needs estimates")
		}
		for _, c := range col.Cards {
			if c.Stage != col.Stage || c.Name == "" || c.Score == 0 {
				t.Errorf("card %+v in %s", c, col.Stage)
			}
			// Stale only in an open stage: New and Won are not worked deals.
			if c.Stale != (c.ID == staleOne) {
				t.Errorf("card %d in %s: stale %v", c.ID, col.Stage, c.Stale)
			}
			if c.ID == freshOne && c.OwnerEmail != ann.Email {
				t.Errorf("card %d owner %q, want %s", c.ID, c.OwnerEmail, ann.Email)
			}
			if c.ID == freshOne && time.Since(c.LastWorkedAt) > time.Hour {
				t.Errorf("card %d last worked %v", c.ID, c.LastWorkedAt)
			}
		}
	}

	// Moving a card moves the counts, and the default is 50 cards a column.
	if err := s.SetStage(ctx, ann.ID, byStage[crm.StageNew][0], crm.StageMeeting); err != nil {
		t.Fatal(err)
	}
	p, err = s.Pipeline(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Columns[0]; c.Count != 4 || len(c.Cards) != 4 || c.More() != 0 {
		t.Errorf("New after the move: %d, %d cards", c.Count, len(c.Cards))
	}
	if c := p.Columns[2]; c.Count != 3 || len(c.Cards) != 3 {
		t.Errorf("Meeting after the move: %d, %d cards", c.Count, len(c.Cards))
	}
}
