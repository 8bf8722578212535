package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// startQueue starts call mode on the list's filter (sent as the list's query string).
func (h *handler) startQueue(c echo.Context) error {
	v, err := url.ParseQuery(c.FormValue("filter"))
	if err != nil {
		return &crm.ValidationError{Field: "filter", Message: "is not a list filter"}
	}
	f, err := crm.ParseFilter(v)
	if err != nil {
		return err
	}
	id, err := h.store.StartQueue(c.Request().Context(), currentUser(c).ID, f)
	if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/queue/%d", id))
}

func queueID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, crm.ErrNotFound
	}
	return id, nil
}

// queue shows the queue's current lead, or that the queue is done.
func (h *handler) queue(c echo.Context) error {
	return h.renderQueue(c, http.StatusOK, views.ActivityForm{})
}

func (h *handler) renderQueue(c echo.Context, status int, form views.ActivityForm) error {
	ctx := c.Request().Context()
	id, err := queueID(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	qu, err := h.store.GetQueue(ctx, u.ID, id)
	if err != nil {
		return err
	}
	p := views.QueuePage{Chrome: h.chrome(c, "Call mode"), Queue: qu, Form: form, ListURL: "/leads?" + qu.Filter.Values().Encode()}
	companyID, err := h.store.QueueCurrent(ctx, u.ID, id)
	switch {
	case errors.Is(err, crm.ErrQueueDone):
		p.Done = true
	case err != nil:
		return err
	default:
		if p.Company, err = h.store.GetCompany(ctx, companyID); err != nil {
			return err
		}
		if p.Outcomes, err = h.store.Outcomes(ctx); err != nil {
			return err
		}
	}
	return render(c, status, views.QueueView(p))
}

// queueCall logs the call on the current lead and moves to the next; a
// validation error re-renders the same lead with what was typed.
func (h *handler) queueCall(c echo.Context) error {
	id, err := queueID(c)
	if err != nil {
		return err
	}
	companyID, _ := strconv.ParseInt(c.FormValue("company_id"), 10, 64)
	call, form, err := callForm(c)
	if err == nil {
		err = h.store.QueueLogCall(c.Request().Context(), currentUser(c).ID, id, companyID, call)
	}
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		form.Error, form.ErrorField = ve.Error(), ve.Field
		return h.renderQueue(c, http.StatusUnprocessableEntity, form)
	}
	if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/queue/%d", id))
}

// queueSkip passes over the current lead.
func (h *handler) queueSkip(c echo.Context) error {
	id, err := queueID(c)
	if err != nil {
		return err
	}
	companyID, _ := strconv.ParseInt(c.FormValue("company_id"), 10, 64)
	if err := h.store.QueueSkip(c.Request().Context(), currentUser(c).ID, id, companyID); err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/queue/%d", id))
}

// queueRenew keeps the lead leased while the caller is on the page.
func (h *handler) queueRenew(c echo.Context) error {
	id, err := queueID(c)
	if err != nil {
		return err
	}
	if err := h.store.RenewQueue(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
