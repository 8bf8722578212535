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

// profilePage fills the profile page around p (what the request already knows).
func (h *handler) profilePage(c echo.Context, p views.ProfilePage) (views.ProfilePage, error) {
	p.Chrome = h.chrome(c, "Your profile")
	p.BaseURL = c.Scheme() + "://" + c.Request().Host
	var err error
	p.Tokens, err = h.store.ListAPITokens(c.Request().Context(), currentUser(c).ID)
	return p, err
}

func (h *handler) profile(c echo.Context) error {
	p, err := h.profilePage(c, views.ProfilePage{})
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(c.QueryParam("revoked"), 10, 64); err == nil {
		for _, t := range p.Tokens {
			if t.ID == id {
				p.Notice = fmt.Sprintf("Revoked the token %s: it no longer works.", t.Name)
			}
		}
	}
	return render(c, http.StatusOK, views.ProfileView(p))
}

// createToken makes an API token for the signed-in user and shows it once;
// the answer is not cached.
func (h *handler) createToken(c echo.Context) error {
	name := c.FormValue("name")
	t, token, err := h.store.CreateAPIToken(c.Request().Context(), currentUser(c).ID, name)
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		p, perr := h.profilePage(c, views.ProfilePage{Name: name, Error: fieldLabel(ve.Field) + " " + ve.Message + "."})
		if perr != nil {
			return perr
		}
		return render(c, http.StatusUnprocessableEntity, views.ProfileView(p))
	}
	if err != nil {
		return err
	}
	h.log.Info("api_token_created", "user", currentUser(c).Email, "token", t.ID, "prefix", t.Prefix)
	p, err := h.profilePage(c, views.ProfilePage{NewToken: token, NewTokenName: t.Name})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.ProfileView(p))
}

// revokeToken revokes one of the signed-in user's tokens; another user's
// token is not found.
func (h *handler) revokeToken(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return crm.ErrNotFound
	}
	if err := h.store.RevokeAPIToken(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	h.log.Info("api_token_revoked", "user", currentUser(c).Email, "token", id)
	return seeOther(c, fmt.Sprintf("/profile?revoked=%d", id))
}
