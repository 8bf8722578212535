package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// usersPage fills the Users page around p (what the request already knows).
func (h *handler) usersPage(c echo.Context, p views.UsersPage) (views.UsersPage, error) {
	p.Chrome = h.chrome(c, "Users")
	var err error
	p.Users, err = h.store.ListUsers(c.Request().Context())
	return p, err
}

// userEmail is a listed user's email, for messages about them.
func userEmail(p views.UsersPage, id int64) string {
	for _, u := range p.Users {
		if u.ID == id {
			return u.Email
		}
	}
	return ""
}

func (h *handler) users(c echo.Context) error {
	p, err := h.usersPage(c, views.UsersPage{})
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(c.QueryParam("saved"), 10, 64); err == nil {
		if email := userEmail(p, id); email != "" {
			p.Notice = fmt.Sprintf("Saved the change to %s.", email)
		}
	}
	return render(c, http.StatusOK, views.UsersView(p))
}

// inviteUser creates a user with a generated password and shows it once;
// the answer is not cached, and a reload cannot invite twice.
func (h *handler) inviteUser(c echo.Context) error {
	form := views.InviteForm{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: crm.Role(c.FormValue("role"))}
	u, password, err := h.store.InviteUser(c.Request().Context(), form.Email, form.Name, form.Role)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		form.Field, form.Error = ve.Field, fieldLabel(ve.Field)+" "+ve.Message+"."
		p, perr := h.usersPage(c, views.UsersPage{Invite: form})
		if perr != nil {
			return perr
		}
		return render(c, http.StatusUnprocessableEntity, views.UsersView(p))
	}
	if err != nil {
		return err
	}
	return h.showPassword(c, u.ID, password)
}

// resetPassword gives a user a new generated password and shows it once.
func (h *handler) resetPassword(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	password, err := h.store.ResetPassword(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.showPassword(c, id, password)
}

// showPassword renders the Users page with a new password for user id.
func (h *handler) showPassword(c echo.Context, id int64, password string) error {
	p, err := h.usersPage(c, views.UsersPage{Password: password})
	if err != nil {
		return err
	}
	p.PasswordFor = userEmail(p, id)
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.UsersView(p))
}

func (h *handler) setUserRole(c echo.Context) error {
	return h.userChange(c, func(id int64) error {
		return h.store.SetUserRole(c.Request().Context(), id, crm.Role(c.FormValue("role")))
	})
}

func (h *handler) deactivateUser(c echo.Context) error {
	return h.userChange(c, func(id int64) error { return h.store.SetUserActive(c.Request().Context(), id, false) })
}

func (h *handler) reactivateUser(c echo.Context) error {
	return h.userChange(c, func(id int64) error { return h.store.SetUserActive(c.Request().Context(), id, true) })
}

// userChange makes a change to the user in the path; a refused change is
// shown on that user's row with 422.
func (h *handler) userChange(c echo.Context, change func(id int64) error) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	err = change(id)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		p, perr := h.usersPage(c, views.UsersPage{RowErrors: map[int64]string{id: sentence(ve.Message)}})
		if perr != nil {
			return perr
		}
		return render(c, http.StatusUnprocessableEntity, views.UsersView(p))
	}
	if err != nil {
		return err
	}
	return seeOther(c, fmt.Sprintf("/admin/users?saved=%d", id))
}

func fieldLabel(field string) string {
	if field == "" {
		return ""
	}
	return strings.ToUpper(field[:1]) + field[1:]
}

func sentence(msg string) string { return fieldLabel(msg) + "." }
