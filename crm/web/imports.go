package web

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/csvimport"
	"github.com/leadgen/leadgen/views"
)

func (h *handler) importForm(c echo.Context) error {
	return render(c, http.StatusOK, views.ImportUpload(views.ImportUploadPage{Chrome: h.chrome(c, "Import")}))
}

// uploadImport keeps an uploaded list if it can be read at all, and shows
// its preview; a file that is not a usable list is refused, changing nothing.
func (h *handler) uploadImport(c echo.Context) error {
	content, name, err := h.readUpload(c)
	if err == nil {
		_, err = crm.PreviewImport(content, c.FormValue("profile"), nil, h.importLimit)
	}
	var ve *crm.ValidationError
	if errors.As(err, &ve) && ve.Field == "mapping" {
		err = nil // the preview lets the user assign the missing column
	}
	if errors.As(err, &ve) {
		page := views.ImportUploadPage{Chrome: h.chrome(c, "Import"), Error: ve.Message}
		return render(c, http.StatusUnprocessableEntity, views.ImportUpload(page))
	}
	if err != nil {
		return err
	}
	id, err := h.store.SavePendingImport(c.Request().Context(), currentUser(c).ID, name, content, c.FormValue("profile"))
	if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/imports/%d", id))
}

func (h *handler) readUpload(c echo.Context) ([]byte, string, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, "", &crm.ValidationError{Field: "file", Message: "choose a file to import"}
	}
	if fh.Size > h.importLimit {
		return nil, "", &crm.ValidationError{Field: "file", Message: fmt.Sprintf("%v: the file has %d bytes, the limit is %d", csvimport.ErrTooLarge, fh.Size, h.importLimit)}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, h.importLimit+1))
	return b, fh.Filename, err
}

func (h *handler) showImport(c echo.Context) error {
	return h.renderImport(c, http.StatusOK, "")
}

// loadImport reads the upload named in the path and previews it under its
// saved mapping; a mapping still lacking a company column comes back as
// its message, with the columns, for the user to fix.
func (h *handler) loadImport(c echo.Context) (crm.PendingImport, crm.ImportPreview, string, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return crm.PendingImport{}, crm.ImportPreview{}, "", err
	}
	p, err := h.store.GetPendingImport(c.Request().Context(), id)
	if err != nil {
		return p, crm.ImportPreview{}, "", err
	}
	prev, err := crm.PreviewImport(p.Content, p.Profile, p.Assign, h.importLimit)
	var ve *crm.ValidationError
	if errors.As(err, &ve) && ve.Field == "mapping" {
		return p, prev, ve.Message, nil
	}
	return p, prev, "", err
}

// renderImport shows an upload's preview under its saved mapping.
func (h *handler) renderImport(c echo.Context, status int, problem string) error {
	p, prev, mappingProblem, err := h.loadImport(c)
	if err != nil {
		return err
	}
	page := views.ImportPreviewPage{Chrome: h.chrome(c, "Import"), ID: p.ID, FileName: p.FileName, Preview: prev,
		Done: !p.ImportedAt.IsZero(), Result: p.Result, Error: cmp.Or(problem, mappingProblem)}
	return render(c, status, views.ImportPreview(page))
}

// remapImport applies the user's column assignments, refusing ones that
// leave no company name (422, with the preview as it was).
func (h *handler) remapImport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	assign := map[int]string{}
	for k, v := range form {
		if col, ok := strings.CutPrefix(k, "col_"); ok {
			n, err := strconv.Atoi(col)
			if err != nil || n < 0 {
				return &crm.ValidationError{Field: k, Message: "is not a column"}
			}
			assign[n] = v[0]
		}
	}
	ctx := c.Request().Context()
	p, err := h.store.GetPendingImport(ctx, id)
	if err != nil {
		return err
	}
	var ve *crm.ValidationError
	if _, err := crm.PreviewImport(p.Content, p.Profile, assign, h.importLimit); errors.As(err, &ve) {
		return h.renderImport(c, http.StatusUnprocessableEntity, ve.Message)
	} else if err != nil {
		return err
	}
	if err := h.store.SetImportMapping(ctx, id, assign); err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/imports/%d", id))
}

func (h *handler) commitImport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var ve *crm.ValidationError
	if _, err := h.store.ImportPending(c.Request().Context(), currentUser(c), id, h.importLimit); errors.As(err, &ve) {
		return h.renderImport(c, http.StatusUnprocessableEntity, ve.Message)
	} else if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/imports/%d", id))
}

// importReport downloads the rejected rows and warnings of an upload.
func (h *handler) importReport(c echo.Context) error {
	p, prev, _, err := h.loadImport(c)
	if err != nil {
		return err
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", p.FileName+".report.csv"))
	res.WriteHeader(http.StatusOK)
	return csvimport.WriteReport(res, prev.Rows)
}
