package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/views"
)

// dashboard shows the charts of the pipeline, calls, lead sources,
// conversion and the user's own activity, as of now.
func (h *handler) dashboard(c echo.Context) error {
	d, err := h.store.Dashboard(c.Request().Context(), currentUser(c).ID, time.Now())
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.DashboardView(views.DashboardPage{Chrome: h.chrome(c, "Dashboard"), Data: d}))
}
