package crm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ErrMergeConflict reports a merge or undo that no longer applies: a side
// was merged elsewhere meanwhile, or the merge was already undone.
var ErrMergeConflict = errors.New("the companies changed meanwhile")

// DuplicatePair is one entry of the review queue: two companies that may be one.
type DuplicatePair struct {
	ID         int64
	Similarity float64
	Reason     string
	CreatedAt  time.Time
	A, B       DuplicateSide
}

// DuplicateSide is what the review queue shows of one company.
type DuplicateSide struct {
	ID       int64
	Name     string
	Domain   string
	Industry string
	City     string
	Signals  int
}

// Merge is a recorded merge, undoable until it is undone.
type Merge struct {
	ID         int64
	WinnerID   int64
	WinnerName string
	LoserID    int64
	LoserName  string
	MergedBy   string
	MergedAt   time.Time
	UndoneAt   time.Time // zero while in force
}

// PossibleDuplicates lists the pending review queue, likeliest first.
func (s *Store) PossibleDuplicates(ctx context.Context, limit int) ([]DuplicatePair, error) {
	rows, err := s.q().DuplicateListPending(ctx, int32(limit))
	if err != nil {
		return nil, fmt.Errorf("crm: list possible duplicates: %w", err)
	}
	out := make([]DuplicatePair, len(rows))
	for i, r := range rows {
		out[i] = DuplicatePair{ID: r.ID, Similarity: float64(r.Similarity), Reason: r.Reason, CreatedAt: r.CreatedAt,
			A: DuplicateSide{ID: r.AID, Name: r.AName, Domain: r.ADomain, Industry: r.AIndustry, City: r.ACity, Signals: int(r.ASignals)},
			B: DuplicateSide{ID: r.BID, Name: r.BName, Domain: r.BDomain, Industry: r.BIndustry, City: r.BCity, Signals: int(r.BSignals)}}
	}
	return out, nil
}

// CountPossibleDuplicates tells how many pairs wait for review.
func (s *Store) CountPossibleDuplicates(ctx context.Context) (int64, error) {
	n, err := s.q().DuplicatePendingCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("crm: count possible duplicates: %w", err)
	}
	return n, nil
}

// DismissDuplicate records that a pair is two different companies.
func (s *Store) DismissDuplicate(ctx context.Context, userID, pairID int64) error {
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		d, err := q.DuplicateGet(ctx, pairID)
		if err != nil {
			return fmt.Errorf("crm: dismiss pair %d: %w", pairID, notFound(err))
		}
		if d.Status != "pending" {
			return fmt.Errorf("crm: dismiss pair %d: %w", pairID, ErrMergeConflict)
		}
		return q.DuplicateDecide(ctx, dbsqlc.DuplicateDecideParams{ID: pairID, Status: "dismissed", DecidedBy: user(userID)})
	})
}

// MergeDuplicate merges a reviewed pair, keeping the company keepID (one of
// the pair) and folding the other into it.
func (s *Store) MergeDuplicate(ctx context.Context, userID, pairID, keepID int64) (int64, error) {
	var mergeID int64
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		d, err := q.DuplicateGet(ctx, pairID)
		if err != nil {
			return fmt.Errorf("crm: merge pair %d: %w", pairID, notFound(err))
		}
		if d.Status != "pending" {
			return fmt.Errorf("crm: merge pair %d: %w", pairID, ErrMergeConflict)
		}
		loser := d.CompanyA
		switch keepID {
		case d.CompanyA:
			loser = d.CompanyB
		case d.CompanyB:
		default:
			return &ValidationError{Field: "keep", Message: "choose one of the two companies to keep"}
		}
		if mergeID, err = s.merge(ctx, q, userID, keepID, loser, pgtype.Int8{Int64: pairID, Valid: true}); err != nil {
			return err
		}
		return q.DuplicateDecide(ctx, dbsqlc.DuplicateDecideParams{ID: pairID, Status: "merged", DecidedBy: user(userID)})
	})
	return mergeID, err
}

// MergeCompanies folds loserID into winnerID: every signal, activity, task
// and key of the loser moves to the winner, with the contacts and tags the
// winner lacks; the winner fills its blanks from the loser and takes the
// later last activity and last call, and the move is recorded so it can be
// undone. What stays with the loser needs no moving: its field history,
// its call-queue skips and leases (a merged company is never queued), and
// its export records (an export of a company merged since counts for the
// winner).
func (s *Store) MergeCompanies(ctx context.Context, userID, winnerID, loserID int64) (int64, error) {
	var mergeID int64
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		var err error
		mergeID, err = s.merge(ctx, q, userID, winnerID, loserID, pgtype.Int8{})
		return err
	})
	return mergeID, err
}

func (s *Store) merge(ctx context.Context, q *dbsqlc.Queries, userID, winnerID, loserID int64, pair pgtype.Int8) (int64, error) {
	if winnerID == loserID {
		return 0, &ValidationError{Field: "keep", Message: "a company cannot be merged into itself"}
	}
	// Lock in id order so two merges of one pair cannot deadlock.
	first, second := min(winnerID, loserID), max(winnerID, loserID)
	a, err := q.MergeLockCompany(ctx, first)
	if err != nil {
		return 0, fmt.Errorf("crm: merge %d: %w", first, notFound(err))
	}
	b, err := q.MergeLockCompany(ctx, second)
	if err != nil {
		return 0, fmt.Errorf("crm: merge %d: %w", second, notFound(err))
	}
	if a.MergedInto.Valid || b.MergedInto.Valid {
		return 0, fmt.Errorf("crm: merge %d into %d: %w", loserID, winnerID, ErrMergeConflict)
	}
	winner, loser := a, b
	if winner.ID != winnerID {
		winner, loser = b, a
	}
	rec := dbsqlc.MergeInsertParams{WinnerID: winnerID, LoserID: loserID, DuplicateID: pair, MergedBy: user(userID), WinnerBefore: winner.Fields}
	mv := dbsqlc.MergeMoveSignalsParams{WinnerID: winnerID, LoserID: loserID}
	if rec.SignalIds, err = q.MergeMoveSignals(ctx, mv); err != nil {
		return 0, fmt.Errorf("crm: merge signals: %w", err)
	}
	if rec.ContactIds, err = q.MergeMoveContacts(ctx, dbsqlc.MergeMoveContactsParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge contacts: %w", err)
	}
	if rec.ActivityIds, err = q.MergeMoveActivities(ctx, dbsqlc.MergeMoveActivitiesParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge activities: %w", err)
	}
	if rec.Keys, err = q.MergeMoveKeys(ctx, dbsqlc.MergeMoveKeysParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge keys: %w", err)
	}
	if rec.TaskIds, err = q.MergeMoveTasks(ctx, dbsqlc.MergeMoveTasksParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge tasks: %w", err)
	}
	if rec.Tags, err = q.MergeMoveTags(ctx, dbsqlc.MergeMoveTagsParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge tags: %w", err)
	}
	// The loser's calls and notes are on the winner's timeline now: its
	// last activity and last call are the later of the two.
	if err := q.MergeWorkedDates(ctx, dbsqlc.MergeWorkedDatesParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge activity dates: %w", err)
	}
	if err := q.MergeFillWinner(ctx, dbsqlc.MergeFillWinnerParams(mv)); err != nil {
		return 0, fmt.Errorf("crm: merge fields: %w", err)
	}
	if err := q.MergeSetMergedInto(ctx, dbsqlc.MergeSetMergedIntoParams{ID: loserID, MergedInto: pgtype.Int8{Int64: winnerID, Valid: true}}); err != nil {
		return 0, fmt.Errorf("crm: mark merged: %w", err)
	}
	// The columns are NOT NULL; a move of nothing is an empty array.
	rec.SignalIds, rec.ContactIds, rec.ActivityIds = nonNil(rec.SignalIds), nonNil(rec.ContactIds), nonNil(rec.ActivityIds)
	rec.Keys, rec.TaskIds, rec.Tags = nonNil(rec.Keys), nonNil(rec.TaskIds), nonNil(rec.Tags)
	id, err := q.MergeInsert(ctx, rec)
	if err != nil {
		return 0, fmt.Errorf("crm: record merge: %w", err)
	}
	note := fmt.Sprintf("Merged %q into this company", loser.Name)
	if err := insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: winnerID, UserID: user(userID), Kind: string(ActivityMerge), Note: note}); err != nil {
		return 0, err
	}
	return id, s.rescore(ctx, q, []int64{winnerID})
}

// UndoMerge puts back exactly what a merge moved and restores the winner's
// fields; the pair returns to the review queue.
func (s *Store) UndoMerge(ctx context.Context, userID, mergeID int64) error {
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		m, err := q.MergeGet(ctx, mergeID)
		if err != nil {
			return fmt.Errorf("crm: undo merge %d: %w", mergeID, notFound(err))
		}
		if m.UndoneAt.Valid {
			return fmt.Errorf("crm: undo merge %d: %w", mergeID, ErrMergeConflict)
		}
		loser, err := q.MergeLockCompany(ctx, m.LoserID)
		if err != nil {
			return fmt.Errorf("crm: undo merge %d: %w", mergeID, err)
		}
		if err := undoMoves(ctx, q, m); err != nil {
			return err
		}
		if m.DuplicateID.Valid {
			if err := q.DuplicateReopen(ctx, m.DuplicateID.Int64); err != nil {
				return fmt.Errorf("crm: reopen pair: %w", err)
			}
		}
		if err := q.MergeMarkUndone(ctx, dbsqlc.MergeMarkUndoneParams{ID: mergeID, UndoneBy: user(userID)}); err != nil {
			return fmt.Errorf("crm: mark merge undone: %w", err)
		}
		note := fmt.Sprintf("Undid the merge of %q into this company", loser.Name)
		err = insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: m.WinnerID, UserID: user(userID), Kind: string(ActivityMerge), Note: note})
		if err != nil {
			return err
		}
		return s.rescore(ctx, q, []int64{m.WinnerID, m.LoserID})
	})
}

func undoMoves(ctx context.Context, q *dbsqlc.Queries, m dbsqlc.MergeGetRow) error {
	steps := []error{
		q.MergeUndoSignals(ctx, dbsqlc.MergeUndoSignalsParams{LoserID: m.LoserID, Ids: m.SignalIds}),
		q.MergeUndoContacts(ctx, dbsqlc.MergeUndoContactsParams{LoserID: m.LoserID, Ids: m.ContactIds}),
		q.MergeUndoActivities(ctx, dbsqlc.MergeUndoActivitiesParams{LoserID: m.LoserID, Ids: m.ActivityIds}),
		q.MergeUndoKeys(ctx, dbsqlc.MergeUndoKeysParams{LoserID: m.LoserID, Keys: m.Keys}),
		q.MergeUndoTasks(ctx, dbsqlc.MergeUndoTasksParams{LoserID: m.LoserID, Ids: m.TaskIds}),
		q.MergeUndoTags(ctx, dbsqlc.MergeUndoTagsParams{LoserID: m.LoserID, WinnerID: m.WinnerID, Tags: m.Tags}),
		// The loser's dates never changed; the winner's follow the timeline it keeps.
		q.MergeUndoWorkedDates(ctx, m.WinnerID),
		q.MergeRestoreWinner(ctx, dbsqlc.MergeRestoreWinnerParams{ID: m.WinnerID, F: m.WinnerBefore}),
		q.MergeSetMergedInto(ctx, dbsqlc.MergeSetMergedIntoParams{ID: m.LoserID}),
	}
	if err := errors.Join(steps...); err != nil {
		return fmt.Errorf("crm: undo merge %d: %w", m.ID, err)
	}
	return nil
}

// RecentMerges lists merges, newest first, for the review page's undo list.
func (s *Store) RecentMerges(ctx context.Context, limit int) ([]Merge, error) {
	rows, err := s.q().MergeListRecent(ctx, int32(limit))
	if err != nil {
		return nil, fmt.Errorf("crm: list merges: %w", err)
	}
	out := make([]Merge, len(rows))
	for i, r := range rows {
		out[i] = Merge{ID: r.ID, WinnerID: r.WinnerID, WinnerName: r.WinnerName, LoserID: r.LoserID, LoserName: r.LoserName,
			MergedBy: r.MergedBy, MergedAt: r.MergedAt, UndoneAt: tsTime(r.UndoneAt)}
	}
	return out, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
