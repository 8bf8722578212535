package crm

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// maxNote bounds a note so a paste accident cannot bloat the timeline.
const maxNote = 10_000

// Outcomes are what a call achieved, as the call form offers them.
var Outcomes = []string{"Interested", "Meeting booked", "Call back later", "Not a fit", "Not interested", "Do not call"}

// Call is a logged phone call.
type Call struct {
	Result  CallResult
	Outcome string // one of Outcomes, or empty
	Note    string
}

// AddNote puts a note on a company's timeline.
func (s *Store) AddNote(ctx context.Context, userID, companyID int64, note string) error {
	note = strings.TrimSpace(note)
	if note == "" {
		return &ValidationError{Field: "note", Message: "is empty"}
	}
	if err := checkNote(note); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if _, err := q.CompanyStageGet(ctx, companyID); err != nil {
			return fmt.Errorf("crm: add note to %d: %w", companyID, notFound(err))
		}
		return insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID), Kind: string(ActivityNote), Note: note})
	})
}

// LogCall records a call; the first call to a New company moves it to Contacted.
func (s *Store) LogCall(ctx context.Context, userID, companyID int64, c Call) error {
	if !slices.Contains(CallResults, c.Result) {
		return &ValidationError{Field: "result", Message: "choose what happened on the call"}
	}
	if c.Outcome != "" && !slices.Contains(Outcomes, c.Outcome) {
		return &ValidationError{Field: "outcome", Message: fmt.Sprintf("%q is not an outcome", c.Outcome)}
	}
	c.Note = strings.TrimSpace(c.Note)
	if err := checkNote(c.Note); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		stage, err := q.CompanyStageGet(ctx, companyID)
		if err != nil {
			return fmt.Errorf("crm: log call on %d: %w", companyID, notFound(err))
		}
		err = insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID),
			Kind: string(ActivityCall), CallResult: string(c.Result), Outcome: c.Outcome, Note: c.Note})
		if err != nil || Stage(stage) != StageNew {
			return err
		}
		return s.setStage(ctx, q, userID, companyID, StageNew, StageContacted)
	})
}

// SetStage moves a company to another pipeline stage and rescores it
// (Do-not-contact scores zero).
func (s *Store) SetStage(ctx context.Context, userID, companyID int64, to Stage) error {
	if !to.Valid() {
		return &ValidationError{Field: "stage", Message: fmt.Sprintf("%q is not a stage", to)}
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		from, err := q.CompanyStageGet(ctx, companyID)
		if err != nil {
			return fmt.Errorf("crm: set stage of %d: %w", companyID, notFound(err))
		}
		if Stage(from) == to {
			return nil
		}
		return s.setStage(ctx, q, userID, companyID, Stage(from), to)
	})
}

func (s *Store) setStage(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, from, to Stage) error {
	if err := q.CompanyStageSet(ctx, dbsqlc.CompanyStageSetParams{ID: companyID, Stage: string(to)}); err != nil {
		return fmt.Errorf("crm: set stage of %d: %w", companyID, err)
	}
	err := insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID),
		Kind: string(ActivityStageChange), StageFrom: string(from), StageTo: string(to)})
	if err != nil {
		return err
	}
	return s.rescore(ctx, q, []int64{companyID})
}

func checkNote(note string) error {
	if utf8.RuneCountInString(note) > maxNote {
		return &ValidationError{Field: "note", Message: fmt.Sprintf("is longer than %d characters", maxNote)}
	}
	if !utf8.ValidString(note) {
		return &ValidationError{Field: "note", Message: "is not valid text"}
	}
	return nil
}

func insertActivity(ctx context.Context, q *dbsqlc.Queries, p dbsqlc.ActivityInsertParams) error {
	if _, err := q.ActivityInsert(ctx, p); err != nil {
		return fmt.Errorf("crm: record %s on %d: %w", p.Kind, p.CompanyID, err)
	}
	return nil
}

// user turns a user id into a nullable column value (0: the system).
func user(id int64) pgtype.Int8 { return pgtype.Int8{Int64: id, Valid: id != 0} }
