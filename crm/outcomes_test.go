package crm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm"
)

// outcomeNames lists outcomes as "name" (active) or "(name)" (inactive).
func outcomeNames(list []crm.Outcome) string {
	var out []string
	for _, o := range list {
		if o.Active {
			out = append(out, o.Name)
		} else {
			out = append(out, "("+o.Name+")")
		}
	}
	return strings.Join(out, ", ")
}

func allOutcomes(t *testing.T, s *crm.Store) []crm.Outcome {
	t.Helper()
	list, err := s.AllOutcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// The migration seeds the outcomes leadgen had in code, under the names
// calls already store.
func TestOutcomeDefaults(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	got, err := s.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []crm.Outcome{
		{Name: "Interested", Label: "Interested", Position: 1, Active: true},
		{Name: "Meeting booked", Label: "Meeting booked", MovesTo: crm.StageMeeting, Position: 2, Active: true},
		{Name: "Call back later", Label: "Call back later", Position: 3, Active: true},
		{Name: "Not a fit", Label: "Not a fit", Terminal: true, MovesTo: crm.StageLost, Position: 4, Active: true},
		{Name: "Not interested", Label: "Not interested", Terminal: true, MovesTo: crm.StageLost, Position: 5, Active: true},
		{Name: "Do not call", Label: "Do not call", Terminal: true, MovesTo: crm.StageDoNotContact, Position: 6, Active: true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("default outcomes:\n got %+v\nwant %+v", got, want)
	}
}

func TestOutcomesAddEditReorderDeactivate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)

	o, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "  Sent a proposal! ", MovesTo: crm.StageProposal})
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "sent-a-proposal" || o.Label != "Sent a proposal!" || o.Position != 7 || !o.Active {
		t.Fatalf("added %+v", o)
	}
	// Names stay unique when a label's slug is taken by a renamed outcome.
	if err := s.SaveOutcome(ctx, "sent-a-proposal", crm.OutcomeInput{Label: "Proposal out", MovesTo: crm.StageProposal}); err != nil {
		t.Fatal(err)
	}
	again, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "Sent a proposal", Terminal: true, MovesTo: crm.StageWon})
	if err != nil {
		t.Fatal(err)
	}
	if again.Name != "sent-a-proposal-2" {
		t.Fatalf("second slug = %q", again.Name)
	}
	list := allOutcomes(t, s)
	if got := list[6]; got.Name != "sent-a-proposal" || got.Label != "Proposal out" || got.MovesTo != crm.StageProposal || got.Terminal {
		t.Fatalf("edited outcome = %+v", got)
	}

	// Reorder: up, down, and nothing at either end.
	for _, m := range []struct {
		name string
		by   int
		want string
	}{
		{"Call back later", -1, "Interested, Call back later, Meeting booked"},
		{"Call back later", -1, "Call back later, Interested, Meeting booked"},
		{"Call back later", -1, "Call back later, Interested, Meeting booked"},
		{"Interested", 1, "Call back later, Meeting booked, Interested"},
	} {
		if err := s.MoveOutcome(ctx, m.name, m.by); err != nil {
			t.Fatal(err)
		}
		if got := outcomeNames(allOutcomes(t, s)[:3]); got != m.want {
			t.Fatalf("after moving %s by %d: %s, want %s", m.name, m.by, got, m.want)
		}
	}
	if err := s.MoveOutcome(ctx, "sent-a-proposal-2", 1); err != nil {
		t.Fatal(err)
	}
	list = allOutcomes(t, s)
	for i, o := range list {
		if o.Position != i+1 {
			t.Fatalf("positions not dense after moves: %+v", list)
		}
	}

	// Deactivate: gone from the call forms, kept for the admin page; back again.
	if err := s.SetOutcomeActive(ctx, "Interested", false); err != nil {
		t.Fatal(err)
	}
	active, _ := s.Outcomes(ctx)
	if got := outcomeNames(active); got != "Call back later, Meeting booked, Not a fit, Not interested, Do not call, sent-a-proposal, sent-a-proposal-2" {
		t.Fatalf("active after deactivating Interested: %s", got)
	}
	if got := outcomeNames(allOutcomes(t, s)); !strings.Contains(got, "(Interested)") {
		t.Fatalf("all outcomes: %s", got)
	}
	if err := s.SetOutcomeActive(ctx, "Interested", true); err != nil {
		t.Fatal(err)
	}
	if active, _ = s.Outcomes(ctx); len(active) != 8 {
		t.Fatalf("active after reactivating: %s", outcomeNames(active))
	}

	for name, err := range map[string]error{
		"save":       s.SaveOutcome(ctx, "nope", crm.OutcomeInput{Label: "Nope"}),
		"move":       s.MoveOutcome(ctx, "nope", 1),
		"deactivate": s.SetOutcomeActive(ctx, "nope", false),
	} {
		if !errors.Is(err, crm.ErrNotFound) {
			t.Errorf("%s an unknown outcome: %v, want not found", name, err)
		}
	}
}

func TestOutcomesValidate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	before := allOutcomes(t, s)
	add := func(in crm.OutcomeInput) error { _, err := s.AddOutcome(ctx, in); return err }

	for name, c := range map[string]struct {
		err   error
		field string
	}{
		"NoLabel":        {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: "  "}), "label"},
		"LongLabel":      {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: strings.Repeat("é", 41)}), "label"},
		"ControlChars":   {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: "Keen\x00"}), "label"},
		"SameLabel":      {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: "meeting BOOKED"}), "label"},
		"AddSameLabel":   {add(crm.OutcomeInput{Label: "Not A Fit"}), "label"},
		"NotAStage":      {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: "Interested", MovesTo: "someday"}), "moves_to"},
		"BackToNew":      {s.SaveOutcome(ctx, "Interested", crm.OutcomeInput{Label: "Interested", MovesTo: crm.StageNew}), "moves_to"},
		"OpenDNC":        {s.SaveOutcome(ctx, "Do not call", crm.OutcomeInput{Label: "Do not call", MovesTo: crm.StageDoNotContact}), "moves_to"},
		"AddOpenDNC":     {add(crm.OutcomeInput{Label: "Blocked", MovesTo: crm.StageDoNotContact}), "moves_to"},
		"BadMove":        {s.MoveOutcome(ctx, "Interested", 2), "position"},
		"ActivateActive": {s.SetOutcomeActive(ctx, "Interested", true), ""}, // nothing to do
	} {
		if c.field == "" {
			if c.err != nil {
				t.Errorf("%s: %v", name, c.err)
			}
			continue
		}
		if f := validationField(c.err); f != c.field {
			t.Errorf("%s: field %q (%v), want %q", name, f, c.err, c.field)
		}
	}
	if longest := strings.Repeat("é", crm.MaxOutcomeLabel); s.SaveOutcome(ctx, "Call back later", crm.OutcomeInput{Label: longest}) != nil {
		t.Errorf("a %d-character label is refused", crm.MaxOutcomeLabel)
	}
	if err := s.SaveOutcome(ctx, "Call back later", crm.OutcomeInput{Label: "Call back later"}); err != nil {
		t.Fatal(err)
	}

	// At least one active outcome keeps the lead open.
	if err := s.SetOutcomeActive(ctx, "Interested", false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOutcomeActive(ctx, "Call back later", false); err != nil {
		t.Fatal(err)
	}
	if f := validationField(s.SaveOutcome(ctx, "Meeting booked", crm.OutcomeInput{Label: "Meeting booked", Terminal: true, MovesTo: crm.StageMeeting})); f != "active" {
		t.Errorf("ending the last open outcome: field %q", f)
	}
	if f := validationField(s.SetOutcomeActive(ctx, "Meeting booked", false)); f != "active" {
		t.Errorf("deactivating the last open outcome: field %q", f)
	}
	for _, n := range []string{"Interested", "Call back later"} {
		if err := s.SetOutcomeActive(ctx, n, true); err != nil {
			t.Fatal(err)
		}
	}
	if got := allOutcomes(t, s); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Fatalf("refused changes changed the outcomes:\n got %+v\nwant %+v", got, before)
	}

	// At most nine active: keys 1–9 pick them.
	for i := range crm.MaxActiveOutcomes - len(before) {
		if _, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: fmt.Sprintf("Extra %d", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "One too many"})
	if f := validationField(err); f != "active" {
		t.Errorf("a tenth active outcome: field %q", f)
	}
	if err := s.SetOutcomeActive(ctx, "extra-1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "Ninth again"}); err != nil {
		t.Fatal(err)
	}
	if f := validationField(s.SetOutcomeActive(ctx, "extra-1", true)); f != "active" {
		t.Errorf("reactivating a tenth: field %q", f)
	}
	if active, _ := s.Outcomes(ctx); len(active) != crm.MaxActiveOutcomes {
		t.Fatalf("%d active outcomes", len(active))
	}
}

func TestLogCallWithConfiguredOutcomes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	u, err := s.CreateUser(ctx, "rep@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	a := mustIngest(t, s, formD("4101", "0004101-26-000001", "", 5_000_000, now)).CompanyID
	b := mustIngest(t, s, formD("4102", "0004102-26-000001", "", 5_000_000, now)).CompanyID
	c := mustIngest(t, s, formD("4103", "0004103-26-000001", "", 5_000_000, now)).CompanyID

	// A new terminal outcome needs no next step and moves the stage.
	signed, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "Signed on the call", Terminal: true, MovesTo: crm.StageWon})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LogCall(ctx, u.ID, a, crm.Call{Result: crm.CallConnected, Outcome: signed.Name}); err != nil {
		t.Fatalf("a terminal custom outcome without a next step: %v", err)
	}
	co := mustCompany(t, s, a)
	if co.Stage != crm.StageWon || len(co.Tasks) != 0 {
		t.Fatalf("after %q: stage %s, tasks %+v", signed.Label, co.Stage, co.Tasks)
	}

	// An open one that moves the stage needs a next step, then moves it.
	proposal, err := s.AddOutcome(ctx, crm.OutcomeInput{Label: "Wants a proposal", MovesTo: crm.StageProposal})
	if err != nil {
		t.Fatal(err)
	}
	if f := validationField(s.LogCall(ctx, u.ID, b, crm.Call{Result: crm.CallConnected, Outcome: proposal.Name})); f != "next_due" {
		t.Errorf("open outcome without a next step: field %q", f)
	}
	if err := s.LogCall(ctx, u.ID, b, crm.Call{Result: crm.CallConnected, Outcome: proposal.Name, Next: crm.TaskInput{DueAt: now.AddDate(0, 0, 3)}}); err != nil {
		t.Fatal(err)
	}
	if co := mustCompany(t, s, b); co.Stage != crm.StageProposal || len(co.Tasks) != 1 {
		t.Fatalf("after %q: stage %s, tasks %+v", proposal.Label, co.Stage, co.Tasks)
	}

	// A deactivated outcome is refused, plainly; old calls keep its
	// label, and a renamed outcome shows its new label on them.
	if err := s.SetOutcomeActive(ctx, proposal.Name, false); err != nil {
		t.Fatal(err)
	}
	err = s.LogCall(ctx, u.ID, c, crm.Call{Result: crm.CallConnected, Outcome: proposal.Name, Next: crm.TaskInput{DueAt: now.AddDate(0, 0, 3)}})
	var ve *crm.ValidationError
	if !errors.As(err, &ve) || ve.Field != "outcome" || !strings.Contains(ve.Message, "no longer offered") {
		t.Fatalf("a call with a deactivated outcome: %v", err)
	}
	if co := mustCompany(t, s, c); len(co.Timeline) != 1 || co.Stage != crm.StageNew {
		t.Fatalf("a refused call left %d timeline entries, stage %s", len(co.Timeline), co.Stage)
	}
	if err := s.SaveOutcome(ctx, signed.Name, crm.OutcomeInput{Label: "Closed on the call", Terminal: true, MovesTo: crm.StageWon}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{a: "Closed on the call", b: "Wants a proposal"} {
		var call crm.Activity
		for _, act := range mustCompany(t, s, id).Timeline {
			if act.Kind == crm.ActivityCall {
				call = act
			}
		}
		if call.OutcomeLabel != want {
			t.Errorf("call on %d shows outcome %q (%q), want %q", id, call.OutcomeLabel, call.Outcome, want)
		}
	}

	// An outcome nobody configured is refused too.
	if f := validationField(s.LogCall(ctx, u.ID, c, crm.Call{Result: crm.CallBusy, Outcome: "Maybe"})); f != "outcome" {
		t.Errorf("unknown outcome: field %q", f)
	}
}
