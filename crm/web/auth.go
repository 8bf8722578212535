package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

const (
	userKey        = "user"
	sessionUserKey = "user_id"
)

func (h *handler) loginForm(c echo.Context) error {
	return render(c, http.StatusOK, views.Login(views.LoginPage{CSRF: csrfToken(c), Next: safeNext(c.QueryParam("next"))}))
}

func (h *handler) login(c echo.Context) error {
	ctx := c.Request().Context()
	email, next, ip := c.FormValue("email"), safeNext(c.FormValue("next")), c.RealIP()
	// Too many recent failures: refuse without looking at the password.
	wait, err := h.store.LoginBlockedFor(ctx, email, ip)
	if err != nil {
		return err
	}
	if wait > 0 {
		h.log.Warn("sign_in_throttled", "email", email, "ip", ip, "wait", wait)
		minutes := int(math.Ceil(wait.Minutes()))
		msg := fmt.Sprintf("Too many failed sign-ins; try again in %d minutes.", minutes)
		if minutes == 1 {
			msg = "Too many failed sign-ins; try again in 1 minute."
		}
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		page := views.LoginPage{CSRF: csrfToken(c), Email: email, Next: next, Error: msg}
		return render(c, http.StatusTooManyRequests, views.Login(page))
	}
	u, err := h.store.Authenticate(ctx, email, c.FormValue("password"))
	if errors.Is(err, crm.ErrBadCredentials) {
		h.log.Info("sign_in_failed", "email", email, "ip", ip)
		if err := h.store.RecordLoginFailure(ctx, email, ip); err != nil {
			return err
		}
		page := views.LoginPage{CSRF: csrfToken(c), Email: email, Next: next, Error: "Wrong email or password."}
		return render(c, http.StatusUnauthorized, views.Login(page))
	}
	if err != nil {
		return err
	}
	// A new token on sign-in defeats session fixation.
	if err := h.sessions.RenewToken(ctx); err != nil {
		return err
	}
	h.sessions.Put(ctx, sessionUserKey, u.ID)
	return seeOther(c, next)
}

func (h *handler) logout(c echo.Context) error {
	if err := h.sessions.Destroy(c.Request().Context()); err != nil {
		return err
	}
	return seeOther(c, "/login")
}

// requireUser lets only signed-in, active users through; others go to sign-in.
func (h *handler) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id := h.sessions.GetInt64(ctx, sessionUserKey)
		if id != 0 {
			u, err := h.store.GetUser(ctx, id)
			if err != nil && !errors.Is(err, crm.ErrNotFound) {
				return err
			}
			if err == nil && u.Active {
				c.Set(userKey, u)
				return next(c)
			}
		}
		login := "/login?next=" + url.QueryEscape(c.Request().URL.RequestURI())
		if isHTMX(c) {
			c.Response().Header().Set("HX-Redirect", login)
			return c.NoContent(http.StatusUnauthorized)
		}
		return c.Redirect(http.StatusSeeOther, login)
	}
}

// safeNext keeps post-sign-in redirects on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/today"
	}
	return next
}
