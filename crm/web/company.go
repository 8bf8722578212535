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
	return h.renderCompany(c, http.StatusOK, func(*views.CompanyPage) {})
}

// renderCompany renders the company page; adjust fills in what a failed
// form needs shown again.
func (h *handler) renderCompany(c echo.Context, status int, adjust func(p *views.CompanyPage)) error {
	ctx := c.Request().Context()
	id, err := companyID(c)
	if err != nil {
		return err
	}
	co, err := h.store.GetCompany(ctx, id)
	if err != nil {
		return err
	}
	if co.MergedInto != 0 {
		// Old links and bookmarks follow the company into its merge.
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/companies/%d", co.MergedInto))
	}
	p := views.CompanyPage{Chrome: h.chrome(c, co.Name), Company: co, Timeline: c.QueryParam("timeline")}
	if p.Users, err = h.activeUsers(ctx); err != nil {
		return err
	}
	if p.Outcomes, err = h.store.Outcomes(ctx); err != nil {
		return err
	}
	if p.Timeline != "" {
		var kept []crm.Activity
		for _, a := range co.Timeline {
			if string(a.Kind) == p.Timeline {
				kept = append(kept, a)
			}
		}
		p.Company.Timeline = kept
	}
	adjust(&p)
	return render(c, status, views.CompanyView(p))
}

// companyEdit runs one change to the company and goes back to its page; a
// validation error re-renders the page (422) with the message.
func (h *handler) companyEdit(c echo.Context, do func(id int64) error, onError func(p *views.CompanyPage, msg string)) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	err = do(id)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		return h.renderCompany(c, http.StatusUnprocessableEntity, func(p *views.CompanyPage) { onError(p, ve.Error()) })
	}
	if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/companies/%d", id))
}

func editError(p *views.CompanyPage, msg string) { p.EditError = msg }

func (h *handler) setOwner(c echo.Context) error {
	return h.companyEdit(c, func(id int64) error {
		owner, _ := strconv.ParseInt(c.FormValue("owner"), 10, 64)
		if owner != 0 {
			if u, err := h.store.GetUser(c.Request().Context(), owner); err != nil || !u.Active {
				return &crm.ValidationError{Field: "owner", Message: "is not an active user"}
			}
		}
		_, err := h.store.Bulk(c.Request().Context(), currentUser(c).ID, []int64{id}, crm.BulkAction{Kind: crm.BulkAssign, Owner: owner})
		return err
	}, editError)
}

func (h *handler) addTag(c echo.Context) error {
	return h.companyEdit(c, func(id int64) error {
		_, err := h.store.Bulk(c.Request().Context(), currentUser(c).ID, []int64{id}, crm.BulkAction{Kind: crm.BulkAddTag, Tag: c.FormValue("tag")})
		return err
	}, editError)
}

func (h *handler) removeTag(c echo.Context) error {
	return h.companyEdit(c, func(id int64) error {
		_, err := h.store.Bulk(c.Request().Context(), currentUser(c).ID, []int64{id}, crm.BulkAction{Kind: crm.BulkRemoveTag, Tag: c.FormValue("tag")})
		return err
	}, editError)
}

func (h *handler) editCompany(c echo.Context) error {
	return h.companyEdit(c, func(id int64) error {
		return h.store.EditCompany(c.Request().Context(), currentUser(c).ID, id,
			crm.CompanyEdit{Name: c.FormValue("name"), Domain: c.FormValue("domain"), Phone: c.FormValue("phone")})
	}, editError)
}

func contactInput(c echo.Context) crm.ContactInput {
	return crm.ContactInput{Name: c.FormValue("contact_name"), Title: c.FormValue("contact_title"), Email: c.FormValue("contact_email"),
		Phone: c.FormValue("contact_phone"), ProfileURL: c.FormValue("contact_profile_url")}
}

func (h *handler) addContact(c echo.Context) error {
	in := contactInput(c)
	return h.companyEdit(c, func(id int64) error {
		_, err := h.store.AddContact(c.Request().Context(), currentUser(c).ID, id, in)
		return err
	}, func(p *views.CompanyPage, msg string) { p.ContactError, p.ContactForm = msg, in })
}

func (h *handler) editContact(c echo.Context) error {
	in := contactInput(c)
	return h.companyEdit(c, func(id int64) error {
		cid, err := strconv.ParseInt(c.Param("cid"), 10, 64)
		if err != nil {
			return crm.ErrNotFound
		}
		return h.store.EditContact(c.Request().Context(), currentUser(c).ID, id, cid, in)
	}, func(p *views.CompanyPage, msg string) { p.ContactError, p.ContactForm = msg, in })
}

func (h *handler) addNote(c echo.Context) error {
	note, kind := c.FormValue("note"), crm.ActivityKind(c.FormValue("kind"))
	if kind == "" {
		kind = crm.ActivityNote
	}
	return h.timelineAction(c, views.ActivityForm{Note: note, NoteKind: kind}, func(id int64) error {
		return h.store.LogActivity(c.Request().Context(), currentUser(c).ID, id, kind, note)
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
	outcomes, err := h.store.Outcomes(c.Request().Context())
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, status, views.TimelineFragment(id, co.Timeline, form, outcomes, csrfToken(c), co.Stage))
	}
	return render(c, status, views.CompanyView(views.CompanyPage{Chrome: h.chrome(c, co.Name), Company: co, Form: form, Outcomes: outcomes}))
}

func (h *handler) setStage(c echo.Context) error {
	return h.companyEdit(c, func(id int64) error {
		to, reason := crm.Stage(c.FormValue("stage")), c.FormValue("reason")
		if err := crm.RequireReason(to, reason); err != nil {
			return err
		}
		return h.store.MoveStage(c.Request().Context(), currentUser(c).ID, id, to, reason)
	}, editError)
}
