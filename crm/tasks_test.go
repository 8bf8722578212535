package crm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// taskStore is a store on its own database (with the pool, for arranging
// what the store has no method for), whose clock reads tnow, and two
// sales users.
func taskStore(t *testing.T, tnow time.Time) (*crm.Store, *pgxpool.Pool, crm.User, crm.User) {
	t.Helper()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: func() time.Time { return tnow }})
	ann, err := s.CreateUser(context.Background(), "ann@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	ben, err := s.CreateUser(context.Background(), "ben@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	return s, pool, ann, ben
}

// fundedLead ingests a funded company; the larger usd, the higher it scores.
func fundedLead(t *testing.T, s *crm.Store, cik string, usd int64) int64 {
	t.Helper()
	return mustIngest(t, s, formD(cik, "acc-"+cik, "", usd, time.Now().AddDate(0, 0, -2))).CompanyID
}

func mustExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func mustAddTask(t *testing.T, s *crm.Store, userID, companyID int64, due time.Time) int64 {
	t.Helper()
	id, err := s.AddTask(context.Background(), userID, companyID, crm.TaskInput{DueAt: due})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func dueIDs(ts []crm.DueTask) []int64 {
	var out []int64
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

// Tasks due before today are overdue; today's are due today whatever the
// hour; later ones, done ones and other people's are not listed.
func TestTasksDueSplitsOverdueAndToday(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tnow := time.Date(2026, 11, 26, 15, 0, 0, 0, time.Local)
	s, _, ann, ben := taskStore(t, tnow)
	a, b := fundedLead(t, s, "7001", 5_000_000), fundedLead(t, s, "7002", 3_000_000)
	lastWeek := mustAddTask(t, s, ann.ID, a, tnow.AddDate(0, 0, -7))
	lateLastNight := mustAddTask(t, s, ann.ID, b, time.Date(2026, 11, 25, 23, 59, 0, 0, time.Local))
	morning := mustAddTask(t, s, ann.ID, a, time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local))
	midnight := mustAddTask(t, s, ann.ID, b, time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local))
	evening := mustAddTask(t, s, ann.ID, b, time.Date(2026, 11, 26, 23, 59, 0, 0, time.Local))
	mustAddTask(t, s, ann.ID, a, time.Date(2026, 11, 27, 0, 0, 0, 0, time.Local))  // tomorrow
	mustAddTask(t, s, ben.ID, a, time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local)) // ben's
	done := mustAddTask(t, s, ann.ID, a, tnow.AddDate(0, 0, -1))
	if err := s.CompleteTask(ctx, ann.ID, done, nil); err != nil {
		t.Fatal(err)
	}

	due, err := s.TasksDue(ctx, ann.ID, tnow)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := dueIDs(due.Overdue), []int64{lastWeek, lateLastNight}; !slices.Equal(got, want) {
		t.Errorf("overdue = %v, want %v", got, want)
	}
	if got, want := dueIDs(due.Today), []int64{midnight, morning, evening}; !slices.Equal(got, want) {
		t.Errorf("due today = %v, want %v", got, want)
	}
	c := mustCompany(t, s, a)
	if d := due.Overdue[0]; d.CompanyID != a || d.CompanyName != c.Name || d.Phone != c.Phone || d.Score != c.Score || d.Score == 0 ||
		d.Stage != crm.StageNew || d.Kind != crm.TaskCall || d.Title != "Call back" || d.OwnerEmail != ann.Email {
		t.Errorf("overdue task = %+v, want it on %+v", d, c.CompanyRow)
	}
	// Ben's day is his own.
	if due, _ := s.TasksDue(ctx, ben.ID, tnow); len(due.Overdue) != 0 || len(due.Today) != 1 {
		t.Errorf("ben's tasks = %+v", due)
	}
}

// A snooze counts from the due time, or from now once that has passed.
func TestSnoozeTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tnow := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	s, _, ann, ben := taskStore(t, tnow)
	a := fundedLead(t, s, "7101", 5_000_000)
	cases := []struct {
		due  time.Time
		by   time.Duration
		want time.Time
	}{
		{tnow.Add(2 * time.Hour), 24 * time.Hour, tnow.Add(26 * time.Hour)},         // later today: a day after it was due
		{tnow.AddDate(0, 0, -3), 24 * time.Hour, tnow.Add(24 * time.Hour)},          // overdue: a day from now
		{tnow.Add(-time.Hour), 3 * 24 * time.Hour, tnow.Add(72 * time.Hour)},        // earlier today: three days from now
		{tnow.AddDate(0, 0, 2), 7 * 24 * time.Hour, tnow.AddDate(0, 0, 9)},          // in two days: a week after that
		{tnow.AddDate(0, 0, -30), 7 * 24 * time.Hour, tnow.Add(7 * 24 * time.Hour)}, // long overdue: a week from now
	}
	for i, tc := range cases {
		id := mustAddTask(t, s, ann.ID, a, tc.due)
		if err := s.SnoozeTask(ctx, ann.ID, id, tc.by); err != nil {
			t.Fatal(err)
		}
		tasks, _ := s.OpenTasks(ctx, a)
		j := slices.IndexFunc(tasks, func(x crm.Task) bool { return x.ID == id })
		if j < 0 || !tasks[j].DueAt.Equal(tc.want) {
			t.Errorf("case %d: due %v snoozed %v: tasks %+v, want it due %v", i, tc.due, tc.by, tasks, tc.want)
		}
	}
	id := mustAddTask(t, s, ann.ID, a, tnow)
	if err := s.SnoozeTask(ctx, ben.ID, id, 24*time.Hour); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("ben snoozes ann's task: %v, want not found", err)
	}
	for _, d := range []time.Duration{0, -time.Hour, 400 * 24 * time.Hour} {
		if f := validationField(s.SnoozeTask(ctx, ann.ID, id, d)); f != "by" {
			t.Errorf("snooze by %v: %s", d, f)
		}
	}
	if err := s.SnoozeTask(ctx, ann.ID, 424242, 24*time.Hour); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("snooze a missing task: %v", err)
	}
	// Nobody's task (created by the system) is anyone's to snooze.
	sys := mustAddTask(t, s, 0, a, tnow)
	if err := s.SnoozeTask(ctx, ben.ID, sys, 24*time.Hour); err != nil {
		t.Errorf("snooze an unowned task: %v", err)
	}
	if err := s.CompleteTask(ctx, ann.ID, id, &crm.TaskInput{DueAt: tnow.AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SnoozeTask(ctx, ann.ID, id, 24*time.Hour); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("snooze a done task: %v, want not found", err)
	}
}

// Every open lead keeps a next step: completing a company's last open task
// needs a follow-up, unless the lead is Won, Lost or Do-not-contact.
func TestCompleteTaskNeedsANextStep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tnow := time.Now()
	s, _, ann, ben := taskStore(t, tnow)
	a := fundedLead(t, s, "7201", 5_000_000)
	first := mustAddTask(t, s, ann.ID, a, tnow)
	second := mustAddTask(t, s, ann.ID, a, tnow.AddDate(0, 0, 1))

	// Another open task is the next step.
	if err := s.CompleteTask(ctx, ann.ID, first, nil); err != nil {
		t.Fatalf("complete with another task open: %v", err)
	}
	if err := s.CompleteTask(ctx, ann.ID, first, nil); err != nil {
		t.Fatalf("complete it again: %v, want nothing to happen", err)
	}
	// The last one needs a follow-up; an empty one does not count.
	for _, next := range []*crm.TaskInput{nil, {Kind: crm.TaskEmail}} {
		if f := validationField(s.CompleteTask(ctx, ann.ID, second, next)); f != "next_due" {
			t.Fatalf("complete the last task with next %+v: %s, want next_due", next, f)
		}
	}
	if f := validationField(s.CompleteTask(ctx, ann.ID, second, &crm.TaskInput{Kind: "fax", DueAt: tnow})); f != "next_kind" {
		t.Fatalf("a follow-up of no kind: %s", f)
	}
	if tasks, _ := s.OpenTasks(ctx, a); len(tasks) != 1 || tasks[0].ID != second {
		t.Fatalf("refused completions changed the tasks: %+v", tasks)
	}
	if err := s.CompleteTask(ctx, ben.ID, second, &crm.TaskInput{DueAt: tnow.AddDate(0, 0, 3)}); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("ben completes ann's task: %v, want not found", err)
	}
	nextDue := tnow.AddDate(0, 0, 3).Truncate(time.Second)
	if err := s.CompleteTask(ctx, ann.ID, second, &crm.TaskInput{Kind: crm.TaskEmail, Title: "Send the proposal", DueAt: nextDue}); err != nil {
		t.Fatal(err)
	}
	tasks, _ := s.OpenTasks(ctx, a)
	if len(tasks) != 1 || tasks[0].ID == second || tasks[0].Kind != crm.TaskEmail || tasks[0].Title != "Send the proposal" ||
		!tasks[0].DueAt.Equal(nextDue) || tasks[0].OwnerEmail != ann.Email {
		t.Fatalf("after completing with a follow-up: %+v", tasks)
	}
	// The timeline is for calls, notes and stage changes: completing adds nothing.
	for _, e := range mustCompany(t, s, a).Timeline {
		if e.Kind != crm.ActivityCrawl {
			t.Errorf("timeline entry %+v after completing tasks", e)
		}
	}

	// A lead that is over needs no next step.
	for i, st := range []crm.Stage{crm.StageWon, crm.StageLost, crm.StageDoNotContact} {
		id := fundedLead(t, s, fmt.Sprint(7210+i), 2_000_000)
		task := mustAddTask(t, s, ann.ID, id, tnow)
		if err := s.SetStage(ctx, ann.ID, id, st); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteTask(ctx, ann.ID, task, nil); err != nil {
			t.Errorf("complete the last task of a %s lead: %v", st, err)
		}
	}
	if err := s.CompleteTask(ctx, ann.ID, 424242, nil); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("complete a missing task: %v", err)
	}
}

func TestAddTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tnow := time.Now()
	s, _, ann, _ := taskStore(t, tnow)
	a := fundedLead(t, s, "7301", 5_000_000)
	for name, tc := range map[string]struct {
		in    crm.TaskInput
		field string
	}{
		"NoDate":    {crm.TaskInput{Kind: crm.TaskCall}, "next_due"},
		"BadKind":   {crm.TaskInput{Kind: "fax", DueAt: tnow}, "next_kind"},
		"LongTitle": {crm.TaskInput{Title: string(make([]byte, 201)), DueAt: tnow}, "next_title"},
	} {
		if _, err := s.AddTask(ctx, ann.ID, a, tc.in); validationField(err) != tc.field {
			t.Errorf("%s: %v, want a validation error on %s", name, err, tc.field)
		}
	}
	if _, err := s.AddTask(ctx, ann.ID, 424242, crm.TaskInput{DueAt: tnow}); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("a task on a missing company: %v", err)
	}
	due := tnow.AddDate(0, 0, 2).Truncate(time.Second)
	id, err := s.AddTask(ctx, ann.ID, a, crm.TaskInput{Kind: crm.TaskMeeting, Title: "  Demo  ", DueAt: due})
	if err != nil {
		t.Fatal(err)
	}
	tasks, _ := s.OpenTasks(ctx, a)
	if len(tasks) != 1 || tasks[0].ID != id || tasks[0].Kind != crm.TaskMeeting || tasks[0].Title != "Demo" || !tasks[0].DueAt.Equal(due) || tasks[0].OwnerEmail != ann.Email {
		t.Fatalf("tasks = %+v", tasks)
	}
	if c := mustCompany(t, s, a); len(c.Tasks) != 1 || c.Stage != crm.StageNew {
		t.Fatalf("company after a task: stage %s, tasks %+v", c.Stage, c.Tasks)
	}
}

// byScore orders companies as the lists do: best score first, then newest.
func byScore(t *testing.T, s *crm.Store, ids ...int64) []int64 {
	t.Helper()
	out := slices.Clone(ids)
	score := map[int64]int{}
	for _, id := range ids {
		score[id] = mustCompany(t, s, id).Score
	}
	slices.SortFunc(out, func(a, b int64) int {
		if score[a] != score[b] {
			return score[b] - score[a]
		}
		return int(b - a)
	})
	return out
}

func rowIDs(rows []crm.CompanyRow) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

// Hot leads score 60 or more, are New, never called, and mine or nobody's.
func TestHotLeads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, pool, ann, ben := taskStore(t, time.Now())
	amounts := []int64{40_000_000, 38_000_000, 36_000_000, 34_000_000, 32_000_000, 30_000_000, 28_000_000}
	var ids []int64
	for i, usd := range amounts {
		ids = append(ids, fundedLead(t, s, fmt.Sprint(7400+i), usd))
	}
	low := fundedLead(t, s, "7499", 150_000)
	for i, id := range ids {
		if c := mustCompany(t, s, id); c.Score < crm.HotLeadMinScore {
			t.Fatalf("lead %d scores %d: the test needs hot leads", i, c.Score)
		}
	}
	if c := mustCompany(t, s, low); c.Score >= crm.HotLeadMinScore {
		t.Fatalf("the low lead scores %d", c.Score)
	}
	unassigned, mine, bens, called, calledBack, meeting, mine2 := ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]
	mustExec(t, pool, "UPDATE companies SET owner_id = $1 WHERE id = ANY($2)", ann.ID, []int64{mine, mine2})
	mustExec(t, pool, "UPDATE companies SET owner_id = $1 WHERE id = $2", ben.ID, bens)
	call := crm.Call{Result: crm.CallNoAnswer, Next: crm.TaskInput{DueAt: time.Now().AddDate(0, 0, 1)}}
	if err := s.LogCall(ctx, ann.ID, called, call); err != nil {
		t.Fatal(err)
	}
	// Called, then put back to New by hand: still called.
	if err := s.LogCall(ctx, ann.ID, calledBack, call); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStage(ctx, ann.ID, calledBack, crm.StageNew); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStage(ctx, ann.ID, meeting, crm.StageMeeting); err != nil {
		t.Fatal(err)
	}

	hot, err := s.HotLeads(ctx, ann.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rowIDs(hot), byScore(t, s, unassigned, mine, mine2); !slices.Equal(got, want) {
		t.Errorf("ann's hot leads = %v, want %v (unassigned, hers, by score)", got, want)
	}
	if h := hot[slices.Index(rowIDs(hot), mine)]; h.OwnerEmail != ann.Email || h.Phone == "" || h.Name == "" || h.Score < crm.HotLeadMinScore || h.Stage != crm.StageNew {
		t.Errorf("hot lead = %+v", h)
	}
	if hot, _ := s.HotLeads(ctx, ben.ID, 10); !slices.Equal(rowIDs(hot), byScore(t, s, unassigned, bens)) {
		t.Errorf("ben's hot leads = %v, want %v", rowIDs(hot), byScore(t, s, unassigned, bens))
	}
	if hot, _ := s.HotLeads(ctx, ann.ID, 2); !slices.Equal(rowIDs(hot), byScore(t, s, unassigned, mine, mine2)[:2]) {
		t.Errorf("ann's top 2 = %v", rowIDs(hot))
	}
}

// A lead goes stale in an open stage with no activity for N days (14 by
// default); never worked counts from when it was created.
func TestStaleLeads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, pool, ann, ben := taskStore(t, time.Now())
	type spec struct {
		stage    crm.Stage
		daysAgo  int // last activity; -1: never worked
		created  int // days ago
		owner    int64
		wantAnn  bool
		wantBen  bool
		wantAt30 bool
	}
	specs := []spec{
		{crm.StageContacted, 20, 40, 0, true, true, false},
		{crm.StageMeeting, 20, 40, ann.ID, true, false, false},
		{crm.StageProposal, 40, 60, 0, true, true, true},
		{crm.StageProposal, 20, 40, ben.ID, false, true, false},
		{crm.StageContacted, 5, 40, 0, false, false, false},
		{crm.StageContacted, 13, 40, 0, false, false, false},
		{crm.StageWon, 20, 40, 0, false, false, false},
		{crm.StageLost, 20, 40, 0, false, false, false},
		{crm.StageNew, 20, 40, 0, false, false, false},
		{crm.StageDoNotContact, 20, 40, 0, false, false, false},
		{crm.StageContacted, -1, 20, 0, true, true, false},
		{crm.StageContacted, -1, 3, 0, false, false, false},
	}
	var wantAnn, wantBen, want30 []int64
	neverWorked := map[int64]bool{}
	for i, sp := range specs {
		id := fundedLead(t, s, fmt.Sprint(7500+i), int64(40_000_000-i*3_000_000))
		if err := s.SetStage(ctx, ann.ID, id, sp.stage); err != nil {
			t.Fatal(err)
		}
		mustExec(t, pool, "UPDATE companies SET created_at = now() - make_interval(days => $1), owner_id = nullif($2::bigint, 0) WHERE id = $3", sp.created, sp.owner, id)
		if sp.daysAgo < 0 {
			neverWorked[id] = true
			mustExec(t, pool, "UPDATE companies SET last_activity_at = NULL WHERE id = $1", id)
		} else {
			mustExec(t, pool, "UPDATE companies SET last_activity_at = now() - make_interval(days => $1) WHERE id = $2", sp.daysAgo, id)
		}
		if sp.wantAnn {
			wantAnn = append(wantAnn, id)
		}
		if sp.wantBen {
			wantBen = append(wantBen, id)
		}
		if sp.wantAt30 {
			want30 = append(want30, id)
		}
	}
	wantAnn, wantBen, want30 = byScore(t, s, wantAnn...), byScore(t, s, wantBen...), byScore(t, s, want30...)
	got, err := s.StaleLeads(ctx, ann.ID, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rowIDs(got), wantAnn) {
		t.Errorf("ann's stale leads = %v, want %v", rowIDs(got), wantAnn)
	}
	for _, g := range got {
		if g.Name == "" || g.Score == 0 || !slices.Contains(crm.OpenStages, g.Stage) || g.LastActivityAt.IsZero() != neverWorked[g.ID] {
			t.Errorf("stale lead = %+v", g)
		}
	}
	if got, _ := s.StaleLeads(ctx, ben.ID, 14, 50); !slices.Equal(rowIDs(got), wantBen) {
		t.Errorf("ben's stale leads = %v, want %v", rowIDs(got), wantBen)
	}
	if got, _ := s.StaleLeads(ctx, ann.ID, 30, 50); !slices.Equal(rowIDs(got), want30) {
		t.Errorf("stale for 30 days = %v, want %v", rowIDs(got), want30)
	}
	if got, _ := s.StaleLeads(ctx, ann.ID, 14, 2); !slices.Equal(rowIDs(got), wantAnn[:2]) {
		t.Errorf("top 2 = %v", rowIDs(got))
	}
}
