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
	owner := t.Owner
	if owner == 0 {
		owner = userID
	}
	if t.Title == "" {
		t.Title = map[TaskKind]string{TaskCall: "Call back", TaskEmail: "Send an email", TaskMeeting: "Meeting", TaskOther: "Follow up"}[t.Kind]
	}
	_, err := q.TaskInsert(ctx, dbsqlc.TaskInsertParams{CompanyID: companyID, OwnerID: user(owner), Kind: string(t.Kind),
		Title: t.Title, DueAt: t.DueAt, CreatedBy: user(userID)})
	if err != nil {
		return fmt.Errorf("crm: add task to %d: %w", companyID, err)
	}
	return nil
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
