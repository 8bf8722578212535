package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// exportsShown is how many recent exports the Exports page lists.
const exportsShown = 200

// streamExport streams the leads the query's filter selects as CSV in the
// ?profile= columns (only leads not exported before with ?new_only=1),
// recorded as the current user's export made via via. Bad parameters are
// refused before anything is sent.
func (h *handler) streamExport(c echo.Context, via string) error {
	f, err := crm.ParseFilter(c.QueryParams())
	if err != nil {
		return err
	}
	profile, err := crm.ExportProfileNamed(c.QueryParam("profile"))
	if err != nil {
		return err
	}
	newOnly, err := boolQuery(c, "new_only")
	if err != nil {
		return err
	}
	u := currentUser(c)
	f.Me = u.ID // "owner=me"
	name := "leadgen-leads"
	if profile.Name != crm.DefaultExportProfile {
		name += "-" + profile.Name
	}
	if newOnly {
		name += "-new"
	}
	name = fmt.Sprintf("%s-%s.csv", name, time.Now().UTC().Format("2006-01-02"))
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	res.Header().Set("Cache-Control", "no-store")
	res.WriteHeader(http.StatusOK)
	out, err := h.store.Export(c.Request().Context(), res, f, crm.ExportOptions{
		Profile: profile.Name, NewOnly: newOnly, UserID: u.ID, Via: via, Flush: res.Flush,
	})
	if err != nil {
		// Headers are gone; all that is left is to log and cut the stream
		// short. Nothing was recorded: the leads still count as new.
		h.log.Error("export_failed", "rows", out.Rows, "user", u.Email, "via", via, slog.Any("error", err))
		return nil
	}
	h.log.Info("export_done", "export", out.ID, "rows", out.Rows, "profile", profile.Name, "new_only", newOnly,
		"user", u.Email, "via", via)
	return nil
}

// boolQuery reads an on/off query parameter; absent is off.
func boolQuery(c echo.Context, name string) (bool, error) {
	switch c.QueryParam(name) {
	case "", "0", "false", "off":
		return false, nil
	case "1", "true", "on":
		return true, nil
	}
	return false, &crm.ValidationError{Field: name, Message: "must be on or off"}
}

// exports lists recent exports: who, when, which profile and filter, how many rows.
func (h *handler) exports(c echo.Context) error {
	list, err := h.store.ListExports(c.Request().Context(), exportsShown)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ExportsView(views.ExportsPage{Chrome: h.chrome(c, "Exports"), Exports: list}))
}
