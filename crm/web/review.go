package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// reviewLimit caps the pairs and merges the review page shows at once.
const reviewLimit = 100

func (h *handler) review(c echo.Context) error {
	ctx := c.Request().Context()
	pairs, err := h.store.PossibleDuplicates(ctx, reviewLimit)
	if err != nil {
		return err
	}
	merges, err := h.store.RecentMerges(ctx, reviewLimit)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Review(views.ReviewPage{Chrome: h.chrome(c, "Review"), Pairs: pairs, Merges: merges}))
}

func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, crm.ErrNotFound
	}
	return id, nil
}

func (h *handler) mergePair(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	keep, err := strconv.ParseInt(c.FormValue("keep"), 10, 64)
	if err != nil {
		return &crm.ValidationError{Field: "keep", Message: "choose which company to keep"}
	}
	if _, err := h.store.MergeDuplicate(c.Request().Context(), currentUser(c).ID, id, keep); err != nil {
		return err
	}
	return seeOther(c, "/review")
}

func (h *handler) dismissPair(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.store.DismissDuplicate(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return seeOther(c, "/review")
}

func (h *handler) undoMerge(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.store.UndoMerge(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return seeOther(c, "/review")
}
