package crm

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// MaxActiveOutcomes is how many outcomes a call form offers at most: the
// keys 1–9 of call mode pick them.
const MaxActiveOutcomes = 9

// MaxOutcomeLabel is the longest outcome label, in characters.
const MaxOutcomeLabel = 40

// Outcome is what a call achieved, as an admin configured it. A terminal
// outcome ends the pursuit, so it needs no next step; an outcome may move
// the lead to a stage.
type Outcome struct {
	// Name is the key a call stores; it never changes, so old calls keep
	// showing the outcome's current label.
	Name     string
	Label    string
	Terminal bool
	MovesTo  Stage // "" leaves the stage alone
	Position int
	Active   bool // offered by the call forms
}

// OutcomeInput is what an admin sets on an outcome.
type OutcomeInput struct {
	Label    string
	Terminal bool
	MovesTo  Stage
}

// OutcomeStages are the stages an outcome may move a lead to: a called
// lead is no longer New, and Do-not-contact needs a terminal outcome.
var OutcomeStages = []Stage{StageContacted, StageMeeting, StageProposal, StageWon, StageLost, StageDoNotContact}

// Outcomes are the outcomes the call forms offer, in order.
func (s *Store) Outcomes(ctx context.Context) ([]Outcome, error) {
	rows, err := s.q().OutcomeListActive(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: list outcomes: %w", err)
	}
	return outcomesFrom(rows), nil
}

// AllOutcomes are every outcome, inactive ones too, in order (the admin page).
func (s *Store) AllOutcomes(ctx context.Context) ([]Outcome, error) {
	rows, err := s.q().OutcomeListAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: list outcomes: %w", err)
	}
	return outcomesFrom(rows), nil
}

func outcomesFrom(rows []dbsqlc.CallOutcome) []Outcome {
	out := make([]Outcome, len(rows))
	for i, r := range rows {
		out[i] = outcomeFrom(r)
	}
	return out
}

func outcomeFrom(r dbsqlc.CallOutcome) Outcome {
	return Outcome{Name: r.Name, Label: r.Label, Terminal: r.Terminal, MovesTo: Stage(r.MovesTo), Position: int(r.Position), Active: r.Active}
}

// callOutcome is the outcome a call names, which must be one the forms
// offer; "" is a call without an outcome.
func (s *Store) callOutcome(ctx context.Context, name string) (Outcome, error) {
	if name == "" {
		return Outcome{}, nil
	}
	r, err := s.q().OutcomeGet(ctx, name)
	switch {
	case errors.Is(notFound(err), ErrNotFound):
		return Outcome{}, &ValidationError{Field: "outcome", Message: fmt.Sprintf("%q is not an outcome", name)}
	case err != nil:
		return Outcome{}, fmt.Errorf("crm: outcome %q: %w", name, err)
	}
	if !r.Active {
		return Outcome{}, &ValidationError{Field: "outcome", Message: fmt.Sprintf("%q is no longer offered: pick another outcome", r.Label)}
	}
	return outcomeFrom(r), nil
}

// check tidies and validates what an admin typed.
func (in *OutcomeInput) check() error {
	in.Label = strings.TrimSpace(in.Label)
	switch {
	case in.Label == "":
		return &ValidationError{Field: "label", Message: "is required"}
	case !utf8.ValidString(in.Label) || strings.IndexFunc(in.Label, unicode.IsControl) >= 0:
		return &ValidationError{Field: "label", Message: "is not valid text"}
	case utf8.RuneCountInString(in.Label) > MaxOutcomeLabel:
		return &ValidationError{Field: "label", Message: fmt.Sprintf("must be at most %d characters", MaxOutcomeLabel)}
	case in.MovesTo != "" && !slices.Contains(OutcomeStages, in.MovesTo):
		return &ValidationError{Field: "moves_to", Message: fmt.Sprintf("%q is not a stage an outcome can move a lead to", in.MovesTo)}
	case in.MovesTo == StageDoNotContact && !in.Terminal:
		return &ValidationError{Field: "moves_to", Message: "Do-not-contact ends the pursuit: only an outcome that ends it may move there"}
	}
	return nil
}

// checkOutcomes enforces the rules over the whole list as it would be
// after a change.
func checkOutcomes(list []Outcome) error {
	active, open := 0, 0
	labels := map[string]bool{}
	for _, o := range list {
		l := strings.ToLower(o.Label)
		if labels[l] {
			return &ValidationError{Field: "label", Message: fmt.Sprintf("%q is already the label of another outcome", o.Label)}
		}
		labels[l] = true
		if o.Active {
			active++
			if !o.Terminal {
				open++
			}
		}
	}
	if active > MaxActiveOutcomes {
		return &ValidationError{Field: "active", Message: fmt.Sprintf("at most %d outcomes can be active (the keys 1–%d pick them): deactivate one first", MaxActiveOutcomes, MaxActiveOutcomes)}
	}
	if open == 0 {
		return &ValidationError{Field: "active", Message: "at least one active outcome must keep the lead open (not end the pursuit)"}
	}
	return nil
}

// lockOutcomes reads every outcome, locked until the transaction ends.
func lockOutcomes(ctx context.Context, q *dbsqlc.Queries) ([]Outcome, error) {
	rows, err := q.OutcomeLockAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: lock outcomes: %w", err)
	}
	return outcomesFrom(rows), nil
}

// outcomeIndex finds the outcome called name in list.
func outcomeIndex(list []Outcome, name string) (int, error) {
	i := slices.IndexFunc(list, func(o Outcome) bool { return o.Name == name })
	if i < 0 {
		return -1, fmt.Errorf("crm: outcome %q: %w", name, ErrNotFound)
	}
	return i, nil
}

// AddOutcome adds an active outcome at the end of the list. Its name, the
// key calls store, is made from the label once and never changes.
func (s *Store) AddOutcome(ctx context.Context, in OutcomeInput) (Outcome, error) {
	if err := in.check(); err != nil {
		return Outcome{}, err
	}
	var o Outcome
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		list, err := lockOutcomes(ctx, q)
		if err != nil {
			return err
		}
		o = Outcome{Name: uniqueOutcomeName(list, slug(in.Label)), Label: in.Label, Terminal: in.Terminal, MovesTo: in.MovesTo, Active: true, Position: 1}
		if len(list) > 0 {
			o.Position = list[len(list)-1].Position + 1
		}
		if err := checkOutcomes(append(list, o)); err != nil {
			return err
		}
		err = q.OutcomeInsert(ctx, dbsqlc.OutcomeInsertParams{Name: o.Name, Label: o.Label, Terminal: o.Terminal, MovesTo: string(o.MovesTo), Position: int32(o.Position)})
		if isUniqueViolation(err) {
			return &ValidationError{Field: "label", Message: fmt.Sprintf("%q is already the label of another outcome", o.Label)}
		}
		if err != nil {
			return fmt.Errorf("crm: add outcome %q: %w", o.Label, err)
		}
		return nil
	})
	if err != nil {
		return Outcome{}, err
	}
	return o, nil
}

// SaveOutcome changes an outcome's label, whether it ends the pursuit and
// the stage it moves to; its name stays.
func (s *Store) SaveOutcome(ctx context.Context, name string, in OutcomeInput) error {
	if err := in.check(); err != nil {
		return err
	}
	return s.editOutcome(ctx, name, func(q *dbsqlc.Queries, list []Outcome, i int) error {
		list[i].Label, list[i].Terminal, list[i].MovesTo = in.Label, in.Terminal, in.MovesTo
		if err := checkOutcomes(list); err != nil {
			return err
		}
		_, err := q.OutcomeUpdate(ctx, dbsqlc.OutcomeUpdateParams{Name: name, Label: in.Label, Terminal: in.Terminal, MovesTo: string(in.MovesTo)})
		if isUniqueViolation(err) {
			return &ValidationError{Field: "label", Message: fmt.Sprintf("%q is already the label of another outcome", in.Label)}
		}
		if err != nil {
			return fmt.Errorf("crm: save outcome %q: %w", name, err)
		}
		return nil
	})
}

// MoveOutcome moves an outcome one place up (by -1) or down (by 1) in the
// list; at either end it stays where it is.
func (s *Store) MoveOutcome(ctx context.Context, name string, by int) error {
	if by != -1 && by != 1 {
		return &ValidationError{Field: "position", Message: "an outcome moves one place up or down"}
	}
	return s.editOutcome(ctx, name, func(q *dbsqlc.Queries, list []Outcome, i int) error {
		j := i + by
		if j < 0 || j >= len(list) {
			return nil
		}
		list[i], list[j] = list[j], list[i]
		// Number them 1..n afresh: positions stay dense whatever happened before.
		for k, o := range list {
			if err := q.OutcomeSetPosition(ctx, dbsqlc.OutcomeSetPositionParams{Name: o.Name, Position: int32(k + 1)}); err != nil {
				return fmt.Errorf("crm: move outcome %q: %w", o.Name, err)
			}
		}
		return nil
	})
}

// SetOutcomeActive offers an outcome on the call forms again, or stops
// offering it; calls that used it keep its label.
func (s *Store) SetOutcomeActive(ctx context.Context, name string, active bool) error {
	return s.editOutcome(ctx, name, func(q *dbsqlc.Queries, list []Outcome, i int) error {
		if list[i].Active == active {
			return nil
		}
		list[i].Active = active
		if err := checkOutcomes(list); err != nil {
			return err
		}
		if _, err := q.OutcomeSetActive(ctx, dbsqlc.OutcomeSetActiveParams{Name: name, Active: active}); err != nil {
			return fmt.Errorf("crm: set outcome %q active=%v: %w", name, active, err)
		}
		return nil
	})
}

// editOutcome runs fn in a transaction on every outcome, locked and in
// order, with i the index of the one named.
func (s *Store) editOutcome(ctx context.Context, name string, fn func(q *dbsqlc.Queries, list []Outcome, i int) error) error {
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		list, err := lockOutcomes(ctx, q)
		if err != nil {
			return err
		}
		i, err := outcomeIndex(list, name)
		if err != nil {
			return err
		}
		return fn(q, list, i)
	})
}

// slug makes an outcome's name from its label: lower-case letters and
// digits joined by hyphens ("Sent a proposal" → "sent-a-proposal").
func slug(label string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(label) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "outcome"
	}
	return b.String()
}

// uniqueOutcomeName is base, or base-2, base-3… when taken (names outlive
// the labels they were made from).
func uniqueOutcomeName(list []Outcome, base string) string {
	taken := func(n string) bool { return slices.ContainsFunc(list, func(o Outcome) bool { return o.Name == n }) }
	name := base
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name
}
