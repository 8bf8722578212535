package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// pageSize is how many leads one list page shows.
const pageSize = 50

func (h *handler) leads(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	page := views.LeadsPage{Chrome: h.chrome(c, "Leads"), Flash: c.QueryParam("done")}
	status := http.StatusOK
	q := c.QueryParams()
	// A bare /leads opens the user's default view, if they chose one.
	if len(q) == 0 && !isHTMX(c) {
		def, err := h.store.DefaultView(ctx, u.ID)
		if err != nil {
			return err
		}
		if def != 0 {
			v, _, err := h.store.GetView(ctx, u.ID, def)
			if err == nil {
				return c.Redirect(http.StatusSeeOther, v.URL())
			}
		}
	}
	if id, _ := strconv.ParseInt(q.Get("view"), 10, 64); id > 0 {
		v, _, err := h.store.GetView(ctx, u.ID, id)
		if err != nil {
			return err
		}
		page.View = v
	}
	f, err := crm.ParseFilter(q)
	f.Me = u.ID
	after, cerr := crm.ParseCursor(q.Get("after"))
	if err = errors.Join(err, cerr); err != nil {
		var ve *crm.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		status, page.Error = http.StatusUnprocessableEntity, ve.Error()
	} else {
		list, err := h.store.ListCompanies(ctx, f, after, pageSize)
		if err != nil {
			return err
		}
		page.Rows, page.Note = list.Rows, list.Note
		if list.Next != (crm.Cursor{}) {
			v := f.Values()
			if page.View.ID != 0 {
				v.Set("view", strconv.FormatInt(page.View.ID, 10))
			}
			v.Set("after", list.Next.String())
			page.NextURL = "/leads?" + v.Encode()
		}
	}
	page.Filter = f
	page.ExportURL = "/leads/export.csv?" + f.Values().Encode()
	if page.Users, err = h.activeUsers(ctx); err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, status, views.LeadResults(page))
	}
	if page.Industries, err = h.store.Industries(ctx); err != nil {
		return err
	}
	if page.Tags, err = h.store.Tags(ctx); err != nil {
		return err
	}
	if page.Views, err = h.store.Views(ctx, u.ID); err != nil {
		return err
	}
	if page.DefaultView, err = h.store.DefaultView(ctx, u.ID); err != nil {
		return err
	}
	return render(c, status, views.Leads(page))
}

// activeUsers are the people leads may be assigned to.
func (h *handler) activeUsers(ctx context.Context) ([]crm.User, error) {
	all, err := h.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	var out []crm.User
	for _, u := range all {
		if u.Active {
			out = append(out, u.User)
		}
	}
	return out, nil
}

// bulk applies an action to the selected leads, or to all the filter
// matches, after a confirmation that states how many.
func (h *handler) bulk(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	v, err := url.ParseQuery(c.FormValue("filter"))
	if err != nil {
		return &crm.ValidationError{Field: "filter", Message: "is not a list filter"}
	}
	f, err := crm.ParseFilter(v)
	if err != nil {
		return err
	}
	f.Me = u.ID
	back := "/leads?" + f.Values().Encode()
	var ids []int64
	if c.FormValue("scope") == "all" {
		if ids, err = h.store.MatchingIDs(ctx, f); err != nil {
			return err
		}
	} else {
		for _, raw := range c.Request().Form["id"] {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || id <= 0 {
				return &crm.ValidationError{Field: "id", Message: fmt.Sprintf("%q is not a company id", raw)}
			}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return &crm.ValidationError{Field: "selection", Message: "select at least one lead (or choose all matching)"}
	}
	owner, _ := strconv.ParseInt(c.FormValue("owner"), 10, 64)
	a := crm.BulkAction{Kind: crm.BulkKind(c.FormValue("action")), Owner: owner, Stage: crm.Stage(c.FormValue("stage")),
		Tag: c.FormValue("tag"), Reason: c.FormValue("reason")}
	sel := crm.Filter{IDs: ids}
	switch c.FormValue("action") {
	case "export":
		return seeOther(c, "/leads/export.csv?"+sel.Values().Encode())
	case "queue":
		id, err := h.store.StartQueue(ctx, u.ID, sel)
		if err != nil {
			return err
		}
		return seeOther(c, fmt.Sprintf("/queue/%d", id))
	}
	question, verb, err := h.describeBulk(ctx, a, len(ids))
	if err != nil {
		return err
	}
	if c.FormValue("confirm") != "1" {
		fields := [][2]string{{"filter", c.FormValue("filter")}, {"scope", c.FormValue("scope")}, {"action", string(a.Kind)},
			{"owner", c.FormValue("owner")}, {"stage", string(a.Stage)}, {"tag", a.Tag}, {"reason", a.Reason}}
		if c.FormValue("scope") != "all" {
			for _, id := range ids {
				fields = append(fields, [2]string{"id", strconv.FormatInt(id, 10)})
			}
		}
		return render(c, http.StatusOK, views.BulkConfirm(views.BulkConfirmPage{Chrome: h.chrome(c, "Confirm"),
			Question: question, Verb: verb, Fields: fields, BackURL: back}))
	}
	n, err := h.store.Bulk(ctx, u.ID, ids, a)
	if err != nil {
		return err
	}
	q := f.Values()
	q.Set("done", fmt.Sprintf("%d of %d leads changed.", n, len(ids)))
	return seeOther(c, "/leads?"+q.Encode())
}

// describeBulk states a bulk action as a question with its count.
func (h *handler) describeBulk(ctx context.Context, a crm.BulkAction, n int) (string, string, error) {
	leads := fmt.Sprintf("%d lead", n)
	if n != 1 {
		leads += "s"
	}
	switch a.Kind {
	case crm.BulkAssign:
		to := "nobody (unassigned)"
		if a.Owner != 0 {
			o, err := h.store.GetUser(ctx, a.Owner)
			if err != nil {
				return "", "", &crm.ValidationError{Field: "owner", Message: "is not a user"}
			}
			to = o.Email
		}
		return fmt.Sprintf("Assign %s to %s?", leads, to), "assign " + leads, nil
	case crm.BulkStage:
		if err := crm.RequireReason(a.Stage, a.Reason); err != nil {
			return "", "", err
		}
		return fmt.Sprintf("Move %s to %s?", leads, a.Stage.Label()), "move " + leads, nil
	case crm.BulkAddTag:
		return fmt.Sprintf("Tag %s with %q?", leads, a.Tag), "tag " + leads, nil
	case crm.BulkRemoveTag:
		return fmt.Sprintf("Remove the tag %q from %s?", a.Tag, leads), "untag " + leads, nil
	}
	return "", "", &crm.ValidationError{Field: "action", Message: "choose an action"}
}

// saveView saves the list's filter as a named view.
func (h *handler) saveView(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	v, err := url.ParseQuery(c.FormValue("filter"))
	if err != nil {
		return &crm.ValidationError{Field: "filter", Message: "is not a list filter"}
	}
	f, err := crm.ParseFilter(v)
	if err != nil {
		return err
	}
	id, err := h.store.SaveView(ctx, u.ID, c.FormValue("name"), f, c.FormValue("shared") == "1")
	if err != nil {
		return err
	}
	if c.FormValue("default") == "1" {
		if err := h.store.SetDefaultView(ctx, u.ID, id); err != nil {
			return err
		}
	}
	view, _, err := h.store.GetView(ctx, u.ID, id)
	if err != nil {
		return err
	}
	return seeOther(c, view.URL())
}

func (h *handler) deleteView(c echo.Context) error {
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	if err := h.store.DeleteView(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return seeOther(c, "/leads?view=0")
}

// viewCount is a view's live count for the sidebar (an htmx fragment).
func (h *handler) viewCount(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	_, f, err := h.store.GetView(ctx, u.ID, id)
	if err != nil {
		return err
	}
	f.Me = u.ID
	n, more, err := h.store.CountMatching(ctx, f)
	if err != nil {
		return err
	}
	text := strconv.Itoa(n)
	if more {
		text += "+"
	}
	return c.String(http.StatusOK, text)
}

// exportLeads streams exactly the list's current filter as CSV, in the
// chosen profile's columns, and records the export.
func (h *handler) exportLeads(c echo.Context) error {
	return h.streamExport(c, crm.ExportViaWeb)
}
