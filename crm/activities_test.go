package crm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm"
)

func TestTimeline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	u, err := s.CreateUser(ctx, "rep@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	id := mustIngest(t, s, formD("4001", "0004001-26-000001", "", 5_000_000, now)).CompanyID
	if err := s.LogCall(ctx, u.ID, id, crm.Call{Result: crm.CallConnected, Outcome: "Interested", Note: "Wants a quote"}); !isValidation(err) {
		t.Fatalf("a call with no next step: %v, want a validation error", err)
	}
	due := now.AddDate(0, 0, 2)
	if err := s.LogCall(ctx, u.ID, id, crm.Call{Result: crm.CallConnected, Outcome: "Interested", Note: "Wants a quote",
		Next: crm.TaskInput{DueAt: due}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, u.ID, id, "Send deck <b>tomorrow</b>"); err != nil {
		t.Fatal(err)
	}
	c, err := s.GetCompany(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != crm.StageContacted {
		t.Errorf("stage after first call = %s, want contacted", c.Stage)
	}
	if len(c.Tasks) != 1 || c.Tasks[0].Kind != crm.TaskCall || !c.Tasks[0].DueAt.Equal(due) || c.Tasks[0].OwnerEmail != u.Email {
		t.Errorf("tasks after the call = %+v, want a call back on %v owned by the caller", c.Tasks, due)
	}
	var kinds []string
	for _, a := range c.Timeline {
		kinds = append(kinds, string(a.Kind))
	}
	if got := strings.Join(kinds, ","); got != "note,stage_change,call,crawl" {
		t.Fatalf("timeline kinds = %s", got)
	}
	call := c.Timeline[2]
	if call.CallResult != crm.CallConnected || call.Outcome != "Interested" || call.Note != "Wants a quote" || call.UserEmail != u.Email {
		t.Fatalf("call = %+v", call)
	}
}

func TestActivitiesValidate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	id := mustIngest(t, s, formD("4002", "0004002-26-000001", "", 5_000_000, now)).CompanyID
	checks := map[string]error{
		"EmptyNote":  s.AddNote(ctx, 0, id, "   "),
		"HugeNote":   s.AddNote(ctx, 0, id, strings.Repeat("x", 10_001)),
		"NoResult":   s.LogCall(ctx, 0, id, crm.Call{}),
		"BadOutcome": s.LogCall(ctx, 0, id, crm.Call{Result: crm.CallBusy, Outcome: "Maybe"}),
		"BadStage":   s.SetStage(ctx, 0, id, "someday"),
	}
	for name, err := range checks {
		var ve *crm.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a validation error", name, err)
		}
	}
	if err := s.AddNote(ctx, 0, 424242, "hello"); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("note on a missing company: %v", err)
	}
	c, _ := s.GetCompany(ctx, id)
	if len(c.Timeline) != 1 {
		t.Fatalf("invalid input left %d timeline entries, want only the crawl event", len(c.Timeline))
	}
}

func TestDoNotContactScoresZero(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	id := mustIngest(t, s, formD("4003", "0004003-26-000001", "", 5_000_000, now)).CompanyID
	if err := s.SetStage(ctx, 0, id, crm.StageDoNotContact); err != nil {
		t.Fatal(err)
	}
	c, _ := s.GetCompany(ctx, id)
	if c.Score != 0 || c.Stage != crm.StageDoNotContact {
		t.Fatalf("do-not-contact company scores %d at stage %s", c.Score, c.Stage)
	}
	if err := s.SetStage(ctx, 0, id, crm.StageNew); err != nil {
		t.Fatal(err)
	}
	if c, _ = s.GetCompany(ctx, id); c.Score == 0 {
		t.Fatal("score stayed 0 after leaving do-not-contact")
	}
}

func TestUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	u, err := s.CreateUser(ctx, "Boss@Example.com", "a long enough password", crm.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Authenticate(ctx, "boss@example.com", "a long enough password")
	if err != nil || got.ID != u.ID || got.Role != crm.RoleAdmin {
		t.Fatalf("authenticate = %+v, %v", got, err)
	}
	for _, pw := range []string{"wrong password!", ""} {
		if _, err := s.Authenticate(ctx, "boss@example.com", pw); !errors.Is(err, crm.ErrBadCredentials) {
			t.Errorf("password %q: err = %v", pw, err)
		}
	}
	if _, err := s.Authenticate(ctx, "nobody@example.com", "a long enough password"); !errors.Is(err, crm.ErrBadCredentials) {
		t.Errorf("unknown user: %v", err)
	}
	for name, call := range map[string]func() error{
		"Duplicate": func() error {
			_, err := s.CreateUser(ctx, "boss@example.com", "another password", crm.RoleSales)
			return err
		},
		"BadEmail": func() error {
			_, err := s.CreateUser(ctx, "not-an-email", "another password", crm.RoleSales)
			return err
		},
		"BadRole": func() error { _, err := s.CreateUser(ctx, "x@example.com", "another password", "root"); return err },
		"Short":   func() error { _, err := s.CreateUser(ctx, "x@example.com", "short", crm.RoleSales); return err },
	} {
		var ve *crm.ValidationError
		if err := call(); !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a validation error", name, err)
		}
	}
}

func TestLogEmailsAndMeetings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	id := mustIngest(t, s, formD("4101", "0004101-26-000001", "", 2_000_000, now)).CompanyID
	if err := s.LogActivity(ctx, 0, id, crm.ActivityEmail, "Sent the case studies"); err != nil {
		t.Fatal(err)
	}
	if err := s.LogActivity(ctx, 0, id, crm.ActivityMeeting, "Scoping call with the CTO"); err != nil {
		t.Fatal(err)
	}
	if err := s.LogActivity(ctx, 0, id, crm.ActivityCrawl, "pretend crawl"); !isValidation(err) {
		t.Fatalf("logging a crawl event by hand: %v", err)
	}
	c, err := s.GetCompany(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Timeline) < 2 || c.Timeline[0].Kind != crm.ActivityMeeting || c.Timeline[1].Kind != crm.ActivityEmail || c.LastActivityAt.IsZero() {
		t.Fatalf("timeline = %+v, last activity %v", c.Timeline, c.LastActivityAt)
	}
}
