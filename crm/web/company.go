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

func companyID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, crm.ErrNotFound
	}
	return id, nil
}

func (h *handler) company(c echo.Context) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	co, err := h.store.GetCompany(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if co.MergedInto != 0 {
		// Old links and bookmarks follow the company into its merge.
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/companies/%d", co.MergedInto))
	}
	return render(c, http.StatusOK, views.CompanyView(views.CompanyPage{Chrome: h.chrome(c, co.Name), Company: co}))
}

func (h *handler) addNote(c echo.Context) error {
	note := c.FormValue("note")
	return h.timelineAction(c, views.ActivityForm{Note: note}, func(id int64) error {
		return h.store.AddNote(c.Request().Context(), currentUser(c).ID, id, note)
	})
}

func (h *handler) logCall(c echo.Context) error {
	call, form, err := callForm(c)
	return h.timelineAction(c, form, func(id int64) error {
		if err != nil {
			return err
		}
		return h.store.LogCall(c.Request().Context(), currentUser(c).ID, id, call)
	})
}

// callForm reads a call and its follow-up from a form, and what was typed
// for re-rendering it.
func callForm(c echo.Context) (crm.Call, views.ActivityForm, error) {
	call := crm.Call{Result: crm.CallResult(c.FormValue("result")), Outcome: c.FormValue("outcome"), Note: c.FormValue("note"),
		Next: crm.TaskInput{Kind: crm.TaskKind(c.FormValue("next_kind"))}}
	form := views.ActivityForm{CallResult: call.Result, Outcome: call.Outcome, CallNote: call.Note,
		NextDue: strings.TrimSpace(c.FormValue("next_due")), NextKind: call.Next.Kind}
	if form.NextDue != "" {
		due, err := parseDue(form.NextDue)
		if err != nil {
			return call, form, err
		}
		call.Next.DueAt = due
	}
	return call, form, nil
}

// parseDue reads a follow-up date ("2026-12-01", due at 9:00 that day) or
// date and time ("2026-12-01T14:30") in the server's time zone.
func parseDue(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			if layout == "2006-01-02" {
				t = t.Add(9 * time.Hour)
			}
			return t, nil
		}
	}
	return time.Time{}, &crm.ValidationError{Field: "next_due", Message: fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s)}
}

// timelineAction runs one change to a company's timeline and answers htmx
// with the timeline fragment, a plain form post with a redirect, and a
// validation failure with the form re-rendered (422) holding what was typed.
func (h *handler) timelineAction(c echo.Context, form views.ActivityForm, do func(id int64) error) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	status := http.StatusOK
	var ve *crm.ValidationError
	if err := do(id); errors.As(err, &ve) {
		status, form.Error, form.ErrorField = http.StatusUnprocessableEntity, ve.Error(), ve.Field
	} else if err != nil {
		return err
	} else {
		form = views.ActivityForm{}
		if !isHTMX(c) {
			return seeOther(c, fmt.Sprintf("/companies/%d", id))
		}
	}
	co, err := h.store.GetCompany(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, status, views.TimelineFragment(id, co.Timeline, form, csrfToken(c), co.Stage))
	}
	return render(c, status, views.CompanyView(views.CompanyPage{Chrome: h.chrome(c, co.Name), Company: co, Form: form}))
}

func (h *handler) setStage(c echo.Context) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	if err := h.store.SetStage(c.Request().Context(), currentUser(c).ID, id, crm.Stage(c.FormValue("stage"))); err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/companies/%d", id))
}
