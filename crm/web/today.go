package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// todayLeads is how many hot and stale leads the Today page lists.
const todayLeads = 10

func taskID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, crm.ErrNotFound
	}
	return id, nil
}

// today is the landing page: the user's overdue and due-today tasks, hot
// new leads and deals gone stale.
func (h *handler) today(c echo.Context) error {
	return h.renderToday(c, http.StatusOK, 0, views.TaskForm{})
}

func (h *handler) renderToday(c echo.Context, status int, ask int64, form views.TaskForm) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	due, err := h.store.TasksDue(ctx, u.ID, time.Now())
	if err != nil {
		return err
	}
	hot, err := h.store.HotLeads(ctx, u.ID, todayLeads)
	if err != nil {
		return err
	}
	stale, err := h.store.StaleLeads(ctx, u.ID, crm.StaleAfterDays, todayLeads)
	if err != nil {
		return err
	}
	return render(c, status, views.TodayView(views.TodayPage{Chrome: h.chrome(c, "Today"), Due: due, Hot: hot, Stale: stale,
		StaleDays: crm.StaleAfterDays, Ask: ask, AskForm: form}))
}

// taskForm reads a task from the fields the follow-up forms share
// (next_due, next_kind, next_title), and what was typed.
func taskForm(c echo.Context) (crm.TaskInput, views.TaskForm, error) {
	f := views.TaskForm{Due: strings.TrimSpace(c.FormValue("next_due")), Kind: crm.TaskKind(c.FormValue("next_kind")), Title: c.FormValue("next_title")}
	t := crm.TaskInput{Kind: f.Kind, Title: f.Title}
	if f.Due == "" {
		return t, f, nil
	}
	due, err := parseDue(f.Due)
	t.DueAt = due
	return t, f, err
}

// completeTask marks a task done. When it is the lead's last open step the
// page comes back (422) asking for the follow-up inline; sent again with
// next_due, the follow-up is scheduled as the task is done.
func (h *handler) completeTask(c echo.Context) error {
	id, err := taskID(c)
	if err != nil {
		return err
	}
	next, form, err := taskForm(c)
	if err == nil {
		var np *crm.TaskInput
		if !next.DueAt.IsZero() {
			np = &next
		}
		err = h.store.CompleteTask(c.Request().Context(), currentUser(c).ID, id, np)
	}
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		form.Error, form.ErrorField = ve.Message, ve.Field
		return h.renderToday(c, http.StatusUnprocessableEntity, id, form)
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/today")
}

// snoozeTask puts a task off by one of crm.Snoozes (form value by).
func (h *handler) snoozeTask(c echo.Context) error {
	id, err := taskID(c)
	if err != nil {
		return err
	}
	by := c.FormValue("by")
	for _, s := range crm.Snoozes {
		if s.Key == by {
			if err := h.store.SnoozeTask(c.Request().Context(), currentUser(c).ID, id, s.For); err != nil {
				return err
			}
			return seeOther(c, "/today")
		}
	}
	return &crm.ValidationError{Field: "by", Message: fmt.Sprintf("%q is not a snooze", by)}
}

// addTask adds a next step from the company page; a mistake brings the
// form back on a page of its own (422).
func (h *handler) addTask(c echo.Context) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	t, form, err := taskForm(c)
	if err == nil {
		_, err = h.store.AddTask(c.Request().Context(), currentUser(c).ID, id, t)
	}
	var ve *crm.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return err
		}
		return seeOther(c, fmt.Sprintf("/companies/%d", id))
	}
	co, err := h.store.GetCompany(c.Request().Context(), id)
	if err != nil {
		return err
	}
	form.Error, form.ErrorField = ve.Message, ve.Field
	return render(c, http.StatusUnprocessableEntity, views.TaskFormView(views.TaskFormPage{Chrome: h.chrome(c, "Add a task"),
		CompanyID: id, CompanyName: co.Name, Form: form}))
}
