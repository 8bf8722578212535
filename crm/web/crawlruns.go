package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/views"
)

// crawlRunsLimit is how many recent runs the page lists.
const crawlRunsLimit = 200

func (h *handler) crawlRuns(c echo.Context) error {
	runs, err := h.store.RecentCrawlRuns(c.Request().Context(), c.QueryParam("source"), crawlRunsLimit)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.CrawlRuns(views.CrawlRunsPage{Chrome: h.chrome(c, "Crawl runs"), Runs: runs}))
}

func (h *handler) crawlRun(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	run, err := h.store.GetCrawlRun(ctx, id)
	if err != nil {
		return err
	}
	errs, err := h.store.CrawlErrors(ctx, id)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.CrawlRunView(views.CrawlRunPage{Chrome: h.chrome(c, "Crawl run"), Run: run, Errors: errs}))
}
