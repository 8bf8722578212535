package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// pipeline is the board of stages.
func (h *handler) pipeline(c echo.Context) error {
	return h.renderPipeline(c, http.StatusOK, views.MoveForm{})
}

func (h *handler) renderPipeline(c echo.Context, status int, move views.MoveForm) error {
	p, err := h.store.Pipeline(c.Request().Context(), crm.CardsPerColumn)
	if err != nil {
		return err
	}
	return render(c, status, views.PipelineView(views.PipelinePage{Chrome: h.chrome(c, "Pipeline"), Pipeline: p, Move: move}))
}

// movePipelineCard moves a company to a stage (company_id, stage, reason),
// from a card's form or a drop; Do-not-contact needs a reason, which the
// board asks for (422).
func (h *handler) movePipelineCard(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := strconv.ParseInt(c.FormValue("company_id"), 10, 64)
	if err != nil || id <= 0 {
		return crm.ErrNotFound
	}
	move := views.MoveForm{CompanyID: id, Stage: crm.Stage(c.FormValue("stage")), Reason: c.FormValue("reason")}
	err = crm.RequireReason(move.Stage, move.Reason)
	if err == nil {
		err = h.store.MoveStage(ctx, currentUser(c).ID, id, move.Stage, move.Reason)
	}
	var ve *crm.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return err
		}
		return seeOther(c, fmt.Sprintf("/pipeline#card-%d", id))
	}
	co, err := h.store.GetCompany(ctx, id)
	if err != nil {
		return err
	}
	move.CompanyName, move.Error, move.ErrorField = co.Name, ve.Message, ve.Field
	return h.renderPipeline(c, http.StatusUnprocessableEntity, move)
}
