package crm

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// TaskKind is what a task asks the salesperson to do.
type TaskKind string

// Task kinds.
const (
	TaskCall    TaskKind = "call"
	TaskEmail   TaskKind = "email"
	TaskMeeting TaskKind = "meeting"
	TaskOther   TaskKind = "other"
)

// TaskKinds lists the kinds in the order forms offer them.
var TaskKinds = []TaskKind{TaskCall, TaskEmail, TaskMeeting, TaskOther}

// TaskInput is a task as a form gives it.
type TaskInput struct {
	Kind  TaskKind
	Title string
	DueAt time.Time
	Owner int64 // 0: the user who creates it
}

func (t *TaskInput) check() error {
	if !slices.Contains(TaskKinds, t.Kind) {
		return &ValidationError{Field: "next_kind", Message: fmt.Sprintf("%q is not a kind of task", t.Kind)}
	}
	t.Title = strings.TrimSpace(t.Title)
	if utf8.RuneCountInString(t.Title) > 200 {
		return &ValidationError{Field: "next_title", Message: "is longer than 200 characters"}
	}
	return nil
}

// Task is an open next step on a company.
type Task struct {
	ID         int64
	Kind       TaskKind
	Title      string
	DueAt      time.Time
	OwnerEmail string
}

func insertTask(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, t TaskInput) error {
	_, err := addTask(ctx, q, userID, companyID, t)
	return err
}

// addTask inserts a checked task and returns its id.
func addTask(ctx context.Context, q *dbsqlc.Queries, userID, companyID int64, t TaskInput) (int64, error) {
	owner := t.Owner
	if owner == 0 {
		owner = userID
	}
	if t.Title == "" {
		t.Title = map[TaskKind]string{TaskCall: "Call back", TaskEmail: "Send an email", TaskMeeting: "Meeting", TaskOther: "Follow up"}[t.Kind]
	}
	id, err := q.TaskInsert(ctx, dbsqlc.TaskInsertParams{CompanyID: companyID, OwnerID: user(owner), Kind: string(t.Kind),
		Title: t.Title, DueAt: t.DueAt, CreatedBy: user(userID)})
	if err != nil {
		return 0, fmt.Errorf("crm: add task to %d: %w", companyID, err)
	}
	return id, nil
}

// OpenTasks lists a company's open tasks, soonest first.
func (s *Store) OpenTasks(ctx context.Context, companyID int64) ([]Task, error) {
	rows, err := s.q().TasksOpenByCompany(ctx, companyID)
	if err != nil {
		return nil, fmt.Errorf("crm: tasks of %d: %w", companyID, err)
	}
	out := make([]Task, len(rows))
	for i, r := range rows {
		out[i] = Task{ID: r.ID, Kind: TaskKind(r.Kind), Title: r.Title, DueAt: r.DueAt, OwnerEmail: r.OwnerEmail}
	}
	return out, nil
}

// Defaults of the Today page.
const (
	// HotLeadMinScore is the score from which a new lead is hot.
	HotLeadMinScore = 60
	// StaleAfterDays is how long a lead in an open stage may go without
	// activity before it is stale.
	StaleAfterDays = 14
	// maxDueTasks bounds the Today page's task lists.
	maxDueTasks = 500
)

// OpenStages are the stages a deal is being worked in: a lead there with
// no activity for a while has gone stale.
var OpenStages = []Stage{StageContacted, StageMeeting, StageProposal}

// closedStage reports a stage that ends the pursuit: a company there
// needs no next step.
func closedStage(st Stage) bool {
	return st == StageWon || st == StageLost || st == StageDoNotContact
}

// Snooze is a delay the Today page offers for a task.
type Snooze struct {
	Key   string // the form value
	Label string
	Title string
	For   time.Duration
}

// Snoozes are the delays a task can be put off by, one click each.
var Snoozes = []Snooze{
	{Key: "1d", Label: "+1d", Title: "Snooze a day", For: 24 * time.Hour},
	{Key: "3d", Label: "+3d", Title: "Snooze three days", For: 3 * 24 * time.Hour},
	{Key: "1w", Label: "+1w", Title: "Snooze a week", For: 7 * 24 * time.Hour},
}

// DueTask is an open task with what a caller needs about its company.
type DueTask struct {
	Task
	CompanyID   int64
	CompanyName string
	Phone       string
	Stage       Stage
	Score       int
}

// DueTasks are a user's open tasks that need doing now.
type DueTasks struct {
	Overdue []DueTask // due before today
	Today   []DueTask // due today, earlier hours included
}

// startOfDay is midnight of t's day in t's time zone.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// TasksDue returns the open tasks userID owns that are overdue (due before
// now's day, in now's time zone) or due today, soonest first.
func (s *Store) TasksDue(ctx context.Context, userID int64, now time.Time) (DueTasks, error) {
	today := startOfDay(now)
	rows, err := s.q().TasksDueBefore(ctx, dbsqlc.TasksDueBeforeParams{OwnerID: userID, Before: today.AddDate(0, 0, 1), Lim: maxDueTasks})
	if err != nil {
		return DueTasks{}, fmt.Errorf("crm: tasks due for %d: %w", userID, err)
	}
	var out DueTasks
	for _, r := range rows {
		t := DueTask{Task: Task{ID: r.ID, Kind: TaskKind(r.Kind), Title: r.Title, DueAt: r.DueAt, OwnerEmail: r.OwnerEmail},
			CompanyID: r.CompanyID, CompanyName: r.CompanyName, Phone: r.Phone, Stage: Stage(r.Stage), Score: int(r.Score)}
		if r.DueAt.Before(today) {
			out.Overdue = append(out.Overdue, t)
		} else {
			out.Today = append(out.Today, t)
		}
	}
	return out, nil
}

// AddTask puts a next step on a company; it is the creator's unless t
// names an owner.
func (s *Store) AddTask(ctx context.Context, userID, companyID int64, t TaskInput) (int64, error) {
	if t.DueAt.IsZero() {
		return 0, &ValidationError{Field: "next_due", Message: "set the date it is due"}
	}
	if t.Kind == "" {
		t.Kind = TaskCall
	}
	if err := t.check(); err != nil {
		return 0, err
	}
	var id int64
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if _, err := q.CompanyStageGet(ctx, companyID); err != nil {
			return fmt.Errorf("crm: add task to %d: %w", companyID, notFound(err))
		}
		var err error
		id, err = addTask(ctx, q, userID, companyID, t)
		return err
	})
	return id, err
}

// SnoozeTask puts an open task of userID's (or nobody's) off by d, counted
// from when it is due or, when that has passed, from now.
func (s *Store) SnoozeTask(ctx context.Context, userID, taskID int64, d time.Duration) error {
	if d <= 0 || d > 366*24*time.Hour {
		return &ValidationError{Field: "by", Message: "snooze for a day to a year"}
	}
	_, err := s.q().TaskSnooze(ctx, dbsqlc.TaskSnoozeParams{Now: s.now(), Secs: d.Seconds(), ID: taskID, UserID: userID})
	if err != nil {
		return fmt.Errorf("crm: snooze task %d: %w", taskID, notFound(err))
	}
	return nil
}

// CompleteTask marks a task of userID's (or nobody's) done. Every open lead
// needs a next step: when this is the company's last open task and it is
// not Won, Lost or Do-not-contact, next must give one (a *ValidationError
// on "next_due" asks for it). A task already done stays as it was.
func (s *Store) CompleteTask(ctx context.Context, userID, taskID int64, next *TaskInput) error {
	var nx TaskInput
	hasNext := next != nil && !next.DueAt.IsZero()
	if hasNext {
		nx = *next
		if nx.Kind == "" {
			nx.Kind = TaskCall
		}
		if err := nx.check(); err != nil {
			return err
		}
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		t, err := q.TaskLock(ctx, taskID)
		if err != nil {
			return fmt.Errorf("crm: complete task %d: %w", taskID, notFound(err))
		}
		if t.OwnerID.Valid && t.OwnerID.Int64 != userID {
			return fmt.Errorf("crm: complete task %d: %w", taskID, ErrNotFound)
		}
		if t.DoneAt.Valid {
			return nil // a second click changes nothing
		}
		if !hasNext && !closedStage(Stage(t.Stage)) {
			others, err := q.TasksOpenOthers(ctx, dbsqlc.TasksOpenOthersParams{CompanyID: t.CompanyID, ID: taskID})
			if err != nil {
				return fmt.Errorf("crm: complete task %d: %w", taskID, err)
			}
			if others == 0 {
				return &ValidationError{Field: "next_due", Message: "set a follow-up date: this is the lead's last open step"}
			}
		}
		if hasNext {
			if _, err := addTask(ctx, q, userID, t.CompanyID, nx); err != nil {
				return err
			}
		}
		if err := q.TaskDone(ctx, taskID); err != nil {
			return fmt.Errorf("crm: complete task %d: %w", taskID, err)
		}
		return nil
	})
}

// HotLeads are up to n high-scoring New leads (HotLeadMinScore and up)
// nobody has called, userID's or unassigned, best first.
func (s *Store) HotLeads(ctx context.Context, userID int64, n int) ([]CompanyRow, error) {
	if n <= 0 {
		n = 10
	}
	rows, err := s.q().CompaniesHot(ctx, dbsqlc.CompaniesHotParams{MinScore: HotLeadMinScore, UserID: userID, Lim: int32(n)})
	if err != nil {
		return nil, fmt.Errorf("crm: hot leads: %w", err)
	}
	out := make([]CompanyRow, len(rows))
	for i, r := range rows {
		out[i] = CompanyRow{ID: r.ID, Name: r.Name, Phone: r.Phone, Stage: Stage(r.Stage), Score: int(r.Score),
			EstimatedProjectUSD: r.EstimatedProjectUsd, EstimateBasis: r.EstimateBasis, OwnerID: r.OwnerID, OwnerEmail: r.OwnerEmail,
			CreatedAt: r.CreatedAt, LastActivityAt: tsTime(r.LastActivityAt)}
	}
	return out, nil
}

// StaleLeads are up to n leads in an open stage with no activity in days
// (StaleAfterDays when 0 or less), userID's or unassigned, best first.
func (s *Store) StaleLeads(ctx context.Context, userID int64, days, n int) ([]CompanyRow, error) {
	if days <= 0 {
		days = StaleAfterDays
	}
	if n <= 0 {
		n = 10
	}
	rows, err := s.q().CompaniesStale(ctx, dbsqlc.CompaniesStaleParams{Cutoff: s.now().AddDate(0, 0, -days), UserID: userID, Lim: int32(n)})
	if err != nil {
		return nil, fmt.Errorf("crm: stale leads: %w", err)
	}
	out := make([]CompanyRow, len(rows))
	for i, r := range rows {
		out[i] = CompanyRow{ID: r.ID, Name: r.Name, Phone: r.Phone, Stage: Stage(r.Stage), Score: int(r.Score),
			EstimatedProjectUSD: r.EstimatedProjectUsd, EstimateBasis: r.EstimateBasis, OwnerID: r.OwnerID, OwnerEmail: r.OwnerEmail,
			CreatedAt: r.CreatedAt, LastActivityAt: tsTime(r.LastActivityAt)}
	}
	return out, nil
}
