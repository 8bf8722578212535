package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// handleError maps an error to a response once: not found → 404, a
// validation error → 422, a stale merge → 409, Echo's own HTTP errors as they are, anything else
// → 500, logged.
func (h *handler) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := http.StatusInternalServerError, "Something went wrong; it has been logged."
	var he *echo.HTTPError
	var ve *crm.ValidationError
	switch {
	case errors.Is(err, crm.ErrNotFound):
		status, msg = http.StatusNotFound, "That page does not exist."
	case errors.Is(err, crm.ErrMergeConflict):
		status, msg = http.StatusConflict, "Someone changed these companies meanwhile; reload and try again."
	case errors.As(err, &ve):
		status, msg = http.StatusUnprocessableEntity, ve.Error()
	case errors.As(err, &he):
		status, msg = he.Code, http.StatusText(he.Code)
		if m, ok := he.Message.(string); ok {
			msg = m
		}
	}
	if status >= 500 {
		h.log.Error("http_error", "method", c.Request().Method, "path", c.Request().URL.Path, slog.Any("error", err))
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if currentUser(c).ID == 0 || isHTMX(c) {
		_ = c.String(status, msg)
		return
	}
	if rerr := render(c, status, views.Error(views.ErrorPage{Chrome: h.chrome(c, "Error"), Status: status, Message: msg})); rerr != nil {
		h.log.Error("render_error_page_failed", slog.Any("error", rerr))
	}
}
