package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// outcomesPage fills the Outcomes page around p (what the request already knows).
func (h *handler) outcomesPage(c echo.Context, p views.OutcomesPage) (views.OutcomesPage, error) {
	p.Chrome = h.chrome(c, "Outcomes")
	var err error
	p.Outcomes, err = h.store.AllOutcomes(c.Request().Context())
	return p, err
}

// outcomeLabel is a listed outcome's label, for messages about it.
func outcomeLabel(p views.OutcomesPage, name string) string {
	for _, o := range p.Outcomes {
		if o.Name == name {
			return o.Label
		}
	}
	return ""
}

func (h *handler) outcomes(c echo.Context) error {
	p, err := h.outcomesPage(c, views.OutcomesPage{})
	if err != nil {
		return err
	}
	if label := outcomeLabel(p, c.QueryParam("saved")); label != "" {
		p.Notice = fmt.Sprintf("Saved %s.", label)
	}
	return render(c, http.StatusOK, views.OutcomesView(p))
}

// outcomeForm reads an outcome's fields from a form, as typed.
func outcomeForm(c echo.Context, name string) (crm.OutcomeInput, views.OutcomeForm) {
	in := crm.OutcomeInput{Label: c.FormValue("label"), Terminal: c.FormValue("terminal") != "", MovesTo: crm.Stage(c.FormValue("moves_to"))}
	return in, views.OutcomeForm{Name: name, Label: in.Label, Terminal: in.Terminal, MovesTo: in.MovesTo}
}

// outcomeName is the outcome in the path (names may hold spaces).
func outcomeName(c echo.Context) string {
	if n, err := url.PathUnescape(c.Param("name")); err == nil {
		return n
	}
	return c.Param("name")
}

// outcomeError is a refused change as a sentence for the page.
func outcomeError(ve *crm.ValidationError) string {
	switch ve.Field {
	case "label":
		return "Label " + ve.Message + "."
	case "moves_to":
		return "Moves the lead to: " + ve.Message + "."
	}
	return sentence(ve.Message)
}

func (h *handler) addOutcome(c echo.Context) error {
	in, form := outcomeForm(c, "")
	o, err := h.store.AddOutcome(c.Request().Context(), in)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		form.Field, form.Error = ve.Field, outcomeError(ve)
		return h.outcomesRefused(c, views.OutcomesPage{Add: form})
	}
	if err != nil {
		return err
	}
	return h.outcomesDone(c, o.Name)
}

// editOutcome saves an outcome's label, ending and stage; refused, its row
// keeps what was typed.
func (h *handler) editOutcome(c echo.Context) error {
	name := outcomeName(c)
	in, form := outcomeForm(c, name)
	err := h.store.SaveOutcome(c.Request().Context(), name, in)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		form.Field, form.Error = ve.Field, outcomeError(ve)
		return h.outcomesRefused(c, views.OutcomesPage{Edit: form})
	}
	if err != nil {
		return err
	}
	return h.outcomesDone(c, name)
}

func (h *handler) moveOutcomeUp(c echo.Context) error {
	return h.outcomeChange(c, func(name string) error { return h.store.MoveOutcome(c.Request().Context(), name, -1) })
}

func (h *handler) moveOutcomeDown(c echo.Context) error {
	return h.outcomeChange(c, func(name string) error { return h.store.MoveOutcome(c.Request().Context(), name, 1) })
}

func (h *handler) deactivateOutcome(c echo.Context) error {
	return h.outcomeChange(c, func(name string) error { return h.store.SetOutcomeActive(c.Request().Context(), name, false) })
}

func (h *handler) activateOutcome(c echo.Context) error {
	return h.outcomeChange(c, func(name string) error { return h.store.SetOutcomeActive(c.Request().Context(), name, true) })
}

// outcomeChange makes a change to the outcome in the path; a refused change
// is shown on that outcome's row with 422.
func (h *handler) outcomeChange(c echo.Context, change func(name string) error) error {
	name := outcomeName(c)
	err := change(name)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		return h.outcomesRefused(c, views.OutcomesPage{RowErrors: map[string]string{name: outcomeError(ve)}})
	}
	if err != nil {
		return err
	}
	return h.outcomesDone(c, name)
}

// outcomesRefused answers a refused change with 422 and the forms as
// typed: the section for htmx, the page otherwise.
func (h *handler) outcomesRefused(c echo.Context, p views.OutcomesPage) error {
	p, err := h.outcomesPage(c, p)
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.OutcomesSection(p))
	}
	return render(c, http.StatusUnprocessableEntity, views.OutcomesView(p))
}

// outcomesDone answers a change: htmx gets the section again with a
// notice, a plain form post a redirect to the page.
func (h *handler) outcomesDone(c echo.Context, name string) error {
	if !isHTMX(c) {
		return seeOther(c, "/admin/outcomes?saved="+url.QueryEscape(name))
	}
	p, err := h.outcomesPage(c, views.OutcomesPage{})
	if err != nil {
		return err
	}
	if label := outcomeLabel(p, name); label != "" {
		p.Notice = fmt.Sprintf("Saved %s.", label)
	}
	return render(c, http.StatusOK, views.OutcomesSection(p))
}
