package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/views"
)

// previewSize is how many companies the weights preview ranks.
const previewSize = 25

// scoringPage fills the Scoring page around the weights w as typed.
func (h *handler) scoringPage(c echo.Context, w scoring.Weights, values map[string]string) (views.ScoringPage, error) {
	ctx := c.Request().Context()
	version, _ := h.store.Weights()
	p := views.ScoringPage{Chrome: h.chrome(c, "Scoring"), Model: scoring.Version, Version: version, Fields: w.Fields(), Values: values}
	if p.Values == nil {
		p.Values = map[string]string{}
		for _, f := range p.Fields {
			p.Values[f.Key] = strconv.FormatFloat(f.Value, 'f', -1, 64)
		}
	}
	var err error
	if p.History, err = h.store.WeightsHistory(ctx, 20); err != nil {
		return p, err
	}
	if p.Job, p.HasJob, err = h.store.LatestRescore(ctx); err != nil {
		return p, err
	}
	return p, nil
}

func (h *handler) scoring(c echo.Context) error {
	if err := h.store.RefreshWeights(c.Request().Context()); err != nil {
		return err
	}
	_, w := h.store.Weights()
	p, err := h.scoringPage(c, w, nil)
	if err != nil {
		return err
	}
	if v := c.QueryParam("saved"); v != "" {
		p.Saved = fmt.Sprintf("Saved weights version %s; every company is being rescored.", v)
	}
	if p.Preview, err = h.store.PreviewWeights(c.Request().Context(), w, previewSize); err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ScoringView(p))
}

// weightsForm reads the weights a form proposes over the current ones; a
// bad value is a validation error naming the field.
func (h *handler) weightsForm(c echo.Context) (scoring.Weights, map[string]string, string, error) {
	_, w := h.store.Weights()
	values := map[string]string{}
	var bad string
	var errs []error
	for _, f := range w.Fields() {
		raw := strings.TrimSpace(c.FormValue(f.Key))
		values[f.Key] = raw
		if raw == "" {
			continue // not sent: keep the current value
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err == nil {
			err = w.Set(f.Key, v)
		}
		if err != nil && bad == "" {
			bad = f.Key
			errs = append(errs, &crm.ValidationError{Field: f.Key, Message: fmt.Sprintf("%s: %q is not a number", f.Label, raw)})
		}
	}
	if len(errs) > 0 {
		return w, values, bad, errs[0]
	}
	if err := w.Validate(); err != nil {
		return w, values, "", &crm.ValidationError{Field: "weights", Message: err.Error()}
	}
	return w, values, "", nil
}

// previewWeights re-ranks the top companies with the weights as typed (htmx).
func (h *handler) previewWeights(c echo.Context) error {
	w, _, _, err := h.weightsForm(c)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		return render(c, http.StatusUnprocessableEntity, views.WeightsPreview(nil, ve.Message))
	}
	rows, err := h.store.PreviewWeights(c.Request().Context(), w, previewSize)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.WeightsPreview(rows, ""))
}

// saveWeights records a new weights version and starts rescoring.
func (h *handler) saveWeights(c echo.Context) error {
	w, values, bad, err := h.weightsForm(c)
	if err == nil {
		var v crm.WeightsVersion
		v, _, err = h.store.SaveWeights(c.Request().Context(), currentUser(c).ID, w)
		if err == nil {
			return seeOther(c, fmt.Sprintf("/scoring?saved=%d", v.Version))
		}
	}
	var ve *crm.ValidationError
	msg := ""
	switch {
	case errors.As(err, &ve):
		msg = ve.Message
	case errors.Is(err, crm.ErrNoChange):
		msg = "Nothing changed: these are the current weights."
	default:
		return err
	}
	p, perr := h.scoringPage(c, w, values)
	if perr != nil {
		return perr
	}
	p.Error, p.BadKey = msg, bad
	return render(c, http.StatusUnprocessableEntity, views.ScoringView(p))
}

// rescoreStatus is the progress fragment the Scoring page polls.
func (h *handler) rescoreStatus(c echo.Context) error {
	j, ok, err := h.store.LatestRescore(c.Request().Context())
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.RescoreStatus(j, ok))
}

// requireAdmin lets only admins through: sales users see everything but
// cannot change users, scoring weights, call outcomes or sources.
func requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if currentUser(c).Role != crm.RoleAdmin {
			return echo.NewHTTPError(http.StatusForbidden, "Only an admin can do this.")
		}
		return next(c)
	}
}
