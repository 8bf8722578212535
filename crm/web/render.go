package web

import (
	"bytes"
	"log/slog"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// render writes a component with status, rendering into a buffer first so a
// failed render becomes a clean error response rather than half a page.
func render(c echo.Context, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// isHTMX reports a request made by htmx, which wants a fragment.
func isHTMX(c echo.Context) bool { return c.Request().Header.Get("HX-Request") == "true" }

func csrfToken(c echo.Context) string {
	s, _ := c.Get("csrf").(string)
	return s
}

func currentUser(c echo.Context) crm.User {
	u, _ := c.Get(userKey).(crm.User)
	return u
}

// chrome is the frame of a signed-in page; the review count is best effort.
func (h *handler) chrome(c echo.Context, title string) views.Chrome {
	ch := views.Chrome{Title: title, User: currentUser(c), CSRF: csrfToken(c)}
	if ch.User.ID != 0 {
		n, err := h.store.CountPossibleDuplicates(c.Request().Context())
		if err != nil {
			h.log.Warn("review_count_failed", slog.Any("error", err))
		}
		ch.ReviewCount = n
	}
	return ch
}

// seeOther redirects after a successful form post (no-JavaScript path).
func seeOther(c echo.Context, url string) error { return c.Redirect(http.StatusSeeOther, url) }
