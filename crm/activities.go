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

// Call is a logged phone call.
type Call struct {
	Result  CallResult
	Outcome string // the name of an active Outcome, or empty
	Note    string
	// Next is the follow-up; required unless the outcome is terminal.
	Next TaskInput
}

// AddNote puts a note on a company's timeline.
func (s *Store) AddNote(ctx context.Context, userID, companyID int64, note string) error {
	return s.LogActivity(ctx, userID, companyID, ActivityNote, note)
}

// LoggedKinds are the timeline entries a person writes by hand.
var LoggedKinds = []ActivityKind{ActivityNote, ActivityEmail, ActivityMeeting}

// LogActivity puts a note, a sent email or a held meeting (with what was
// said) on a company's timeline.
func (s *Store) LogActivity(ctx context.Context, userID, companyID int64, kind ActivityKind, note string) error {
	if !slices.Contains(LoggedKinds, kind) {
		return &ValidationError{Field: "kind", Message: fmt.Sprintf("%q is not something to log", kind)}
	}
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
		return insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID), Kind: string(kind), Note: note})
	})
}

// LogCall records a call and its next step. The first call to a New
// company moves it to Contacted; the outcome may move it further, to the
// stage an admin gave it (by default Meeting booked → Meeting, Not
// interested → Lost, Do not call → Do-not-contact, which needs the reason
// in the note).
func (s *Store) LogCall(ctx context.Context, userID, companyID int64, c Call) error {
	o, err := s.checkCall(ctx, &c)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error { return s.logCall(ctx, q, userID, companyID, c, o) })
}

// checkCall validates a call before anything is written: its outcome must
// be one the call forms offer.
func (s *Store) checkCall(ctx context.Context, c *Call) (Outcome, error) {
	if !slices.Contains(CallResults, c.Result) {
		return Outcome{}, &ValidationError{Field: "result", Message: "choose what happened on the call"}
	}
	o, err := s.callOutcome(ctx, c.Outcome)
	if err != nil {
		return o, err
	}
	c.Note = strings.TrimSpace(c.Note)
	if err := checkNote(c.Note); err != nil {
		return o, err
	}
	if o.MovesTo == StageDoNotContact && c.Note == "" {
		return o, &ValidationError{Field: "note", Message: "say why they must not be contacted"}
	}
	if o.Terminal {
		c.Next = TaskInput{}
		return o, nil
	}
	if c.Next.DueAt.IsZero() {
		return o, &ValidationError{Field: "next_due", Message: "set a follow-up date: every open lead needs a next step"}
	}
	if c.Next.Kind == "" {
		c.Next.Kind = TaskCall
	}
	return o, c.Next.check()
}

func (s *Store) logCall(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, c Call, o Outcome) error {
	stage, err := q.CompanyStageGet(ctx, companyID)
	if err != nil {
		return fmt.Errorf("crm: log call on %d: %w", companyID, notFound(err))
	}
	err = insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID),
		Kind: string(ActivityCall), CallResult: string(c.Result), Outcome: c.Outcome, Note: c.Note})
	if err != nil {
		return err
	}
	if !c.Next.DueAt.IsZero() {
		if err := insertTask(ctx, q, userID, companyID, c.Next); err != nil {
			return err
		}
	}
	from, to := Stage(stage), Stage(stage)
	if from == StageNew {
		to = StageContacted
	}
	if o.MovesTo != "" && from != StageWon {
		to = o.MovesTo
	}
	if to == from {
		return nil
	}
	return s.setStage(ctx, q, userID, companyID, from, to)
}

// SetStage moves a company to another pipeline stage and rescores it
// (Do-not-contact scores zero).
func (s *Store) SetStage(ctx context.Context, userID, companyID int64, to Stage) error {
	return s.MoveStage(ctx, userID, companyID, to, "")
}

// MoveStage is SetStage with the reason for the move, kept on the timeline;
// moving to Do-not-contact needs one.
func (s *Store) MoveStage(ctx context.Context, userID, companyID int64, to Stage, reason string) error {
	if !to.Valid() {
		return &ValidationError{Field: "stage", Message: fmt.Sprintf("%q is not a stage", to)}
	}
	reason = strings.TrimSpace(reason)
	if err := checkNote(reason); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		from, err := q.CompanyStageGet(ctx, companyID)
		if err != nil {
			return fmt.Errorf("crm: set stage of %d: %w", companyID, notFound(err))
		}
		if Stage(from) == to {
			return nil
		}
		return s.setStageNote(ctx, q, userID, companyID, Stage(from), to, reason)
	})
}

// RequireReason is the rule the UI applies: Do-not-contact needs a reason.
func RequireReason(to Stage, reason string) error {
	if to == StageDoNotContact && strings.TrimSpace(reason) == "" {
		return &ValidationError{Field: "reason", Message: "say why they must not be contacted"}
	}
	return nil
}

func (s *Store) setStage(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, from, to Stage) error {
	return s.setStageNote(ctx, q, userID, companyID, from, to, "")
}

func (s *Store) setStageNote(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, from, to Stage, note string) error {
	if err := q.CompanyStageSet(ctx, dbsqlc.CompanyStageSetParams{ID: companyID, Stage: string(to)}); err != nil {
		return fmt.Errorf("crm: set stage of %d: %w", companyID, err)
	}
	err := insertActivity(ctx, q, dbsqlc.ActivityInsertParams{CompanyID: companyID, UserID: user(userID),
		Kind: string(ActivityStageChange), StageFrom: string(from), StageTo: string(to), Note: note})
	if err != nil {
		return err
	}
	err = q.ChangeInsert(ctx, dbsqlc.ChangeInsertParams{CompanyID: companyID, UserID: user(userID), Field: "stage",
		OldValue: from.Label(), NewValue: to.Label()})
	if err != nil {
		return fmt.Errorf("crm: record stage change of %d: %w", companyID, err)
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
	row, err := q.ActivityInsert(ctx, p)
	if err != nil {
		return fmt.Errorf("crm: record %s on %d: %w", p.Kind, p.CompanyID, err)
	}
	switch ActivityKind(p.Kind) {
	case ActivityNote, ActivityEmail, ActivityMeeting, ActivityCall, ActivityStageChange: // people working the lead, not crawls or merges
		err = q.ActivityTouch(ctx, dbsqlc.ActivityTouchParams{ID: p.CompanyID, At: pgtype.Timestamptz{Time: row.CreatedAt, Valid: true}, IsCall: p.Kind == string(ActivityCall)})
		if err != nil {
			return fmt.Errorf("crm: touch %d: %w", p.CompanyID, err)
		}
	}
	return nil
}

// user turns a user id into a nullable column value (0: the system).
func user(id int64) pgtype.Int8 { return pgtype.Int8{Int64: id, Valid: id != 0} }
