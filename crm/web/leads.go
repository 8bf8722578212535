package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// pageSize is how many leads one list page shows.
const pageSize = 50

func (h *handler) leads(c echo.Context) error {
	ctx := c.Request().Context()
	page := views.LeadsPage{Chrome: h.chrome(c, "Leads")}
	status := http.StatusOK
	f, err := crm.ParseFilter(c.QueryParams())
	after, cerr := crm.ParseCursor(c.QueryParam("after"))
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
		page.Rows = list.Rows
		if list.Next != (crm.Cursor{}) {
			v := f.Values()
			v.Set("after", list.Next.String())
			page.NextURL = "/leads?" + v.Encode()
		}
	}
	page.Filter = f
	page.ExportURL = "/leads/export.csv?" + f.Values().Encode()
	if isHTMX(c) {
		return render(c, status, views.LeadResults(page))
	}
	if page.Industries, err = h.store.Industries(ctx); err != nil {
		return err
	}
	return render(c, status, views.Leads(page))
}

// exportLeads streams exactly the list's current filter as CSV.
func (h *handler) exportLeads(c echo.Context) error {
	f, err := crm.ParseFilter(c.QueryParams())
	if err != nil {
		return err
	}
	name := fmt.Sprintf("leadgen-leads-%s.csv", time.Now().UTC().Format("2006-01-02"))
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	res.WriteHeader(http.StatusOK)
	n, err := h.store.ExportCSV(c.Request().Context(), res, f, res.Flush)
	if err != nil {
		// Headers are gone; all that is left is to log and cut the stream short.
		h.log.Error("export_failed", "rows", n, slog.Any("error", err))
		return nil
	}
	h.log.Info("export_done", "rows", n, "user", currentUser(c).Email)
	return nil
}
