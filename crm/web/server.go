// Package web is leadgen's HTTP interface: Echo routes, middleware and thin
// handlers that bind a request, make one crm call and render a view.
package web

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/views"
)

// Config is what the web server is built from.
type Config struct {
	Store          *crm.Store
	Logger         *slog.Logger
	SecureCookies  bool          // set when served over TLS (directly or behind a proxy)
	RequestTimeout time.Duration // per request; 0 means 30s
	ImportLimit    int64         // largest list the upload page accepts, in bytes; 0 means 20 MiB
	// TrustedProxies are the reverse proxies in front of the server, whose
	// X-Forwarded-For names the client; empty means the header is ignored.
	TrustedProxies []*net.IPNet
}

// handler holds what the handlers share.
type handler struct {
	store       *crm.Store
	log         *slog.Logger
	sessions    *scs.SessionManager
	importLimit int64
}

// New returns the HTTP handler for the whole CRM.
func New(cfg Config) *echo.Echo {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &handler{store: cfg.Store, log: log, sessions: newSessions(cfg), importLimit: cmp.Or(cfg.ImportLimit, 20<<20)}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Sign-in throttling counts failures per client address (c.RealIP).
	e.IPExtractor = clientIP(cfg.TrustedProxies)
	e.HTTPErrorHandler = h.handleError
	// Uploads may be as large as the import limit, plus the form around them.
	e.Use(middleware.BodyLimit(fmt.Sprintf("%dK", h.importLimit/1024+64)))
	e.Use(middleware.Recover(), requestLog(log))
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{
		Timeout: cmp.Or(cfg.RequestTimeout, 30*time.Second),
		// Exports stream for as long as they need.
		Skipper: func(c echo.Context) bool {
			return c.Path() == "/leads/export.csv" || c.Path() == "/api/v1/leads/export.csv"
		},
	}))

	// The read-only JSON API: a personal token in Authorization, never a
	// session, so no CSRF either; errors are JSON.
	api := e.Group("/api/v1", h.apiErrors, h.requireToken)
	api.GET("/leads", h.apiListLeads)
	api.GET("/leads/export.csv", h.apiExportLeads)
	api.GET("/companies/:id", h.apiGetCompany)

	e.GET("/healthz", h.healthz)
	e.GET("/readyz", h.readyz)
	assets, _ := fs.Sub(views.Assets, "assets") // the embedded directory always exists
	e.StaticFS("/assets", assets)

	// Errors are rendered inside the session middleware, while the request
	// and its session are still live.
	app := e.Group("", echo.WrapMiddleware(h.sessions.LoadAndSave), errorsHere, csrf(cfg.SecureCookies), varyHX)
	app.GET("/login", h.loginForm)
	app.POST("/login", h.login)
	app.POST("/logout", h.logout)

	signedIn := app.Group("", h.requireUser)
	signedIn.GET("/", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/today") })
	signedIn.GET("/today", h.today)
	signedIn.POST("/tasks/:id/done", h.completeTask)
	signedIn.POST("/tasks/:id/snooze", h.snoozeTask)
	signedIn.POST("/companies/:id/tasks", h.addTask)
	signedIn.GET("/pipeline", h.pipeline)
	signedIn.POST("/pipeline/move", h.movePipelineCard)
	signedIn.GET("/leads", h.leads)
	signedIn.GET("/dashboard", h.dashboard)
	signedIn.GET("/leads/export.csv", h.exportLeads)
	signedIn.GET("/exports", h.exports)
	signedIn.GET("/profile", h.profile)
	signedIn.POST("/profile/tokens", h.createToken)
	signedIn.POST("/profile/tokens/:id/revoke", h.revokeToken)
	signedIn.POST("/leads/bulk", h.bulk)
	signedIn.POST("/views", h.saveView)
	signedIn.POST("/views/:id/delete", h.deleteView)
	signedIn.GET("/views/:id/count", h.viewCount)
	signedIn.GET("/companies/:id", h.company)
	signedIn.POST("/companies/:id/notes", h.addNote)
	signedIn.POST("/companies/:id/calls", h.logCall)
	signedIn.POST("/companies/:id/stage", h.setStage)
	signedIn.POST("/companies/:id/owner", h.setOwner)
	signedIn.POST("/companies/:id/tags", h.addTag)
	signedIn.POST("/companies/:id/tags/remove", h.removeTag)
	signedIn.POST("/companies/:id/edit", h.editCompany)
	signedIn.POST("/companies/:id/contacts", h.addContact)
	signedIn.POST("/companies/:id/contacts/:cid", h.editContact)
	signedIn.GET("/review", h.review)
	signedIn.POST("/review/:id/merge", h.mergePair)
	signedIn.POST("/review/:id/dismiss", h.dismissPair)
	signedIn.POST("/merges/:id/undo", h.undoMerge)
	signedIn.GET("/imports/new", h.importForm)
	signedIn.POST("/imports", h.uploadImport)
	signedIn.GET("/imports/:id", h.showImport)
	signedIn.POST("/imports/:id/mapping", h.remapImport)
	signedIn.POST("/imports/:id/commit", h.commitImport)
	signedIn.GET("/imports/:id/report.csv", h.importReport)
	signedIn.GET("/crawl-runs", h.crawlRuns)
	signedIn.GET("/crawl-runs/:id", h.crawlRun)
	signedIn.POST("/queue", h.startQueue)
	signedIn.GET("/queue/:id", h.queue)
	signedIn.POST("/queue/:id/calls", h.queueCall)
	signedIn.POST("/queue/:id/skip", h.queueSkip)
	signedIn.POST("/queue/:id/renew", h.queueRenew)

	// Admin-only routes take requireAdmin one by one: a group would also
	// catch every unknown path and answer sales users 403 instead of 404.
	admin := func(method, path string, fn echo.HandlerFunc) { signedIn.Add(method, path, fn, requireAdmin) }
	admin(http.MethodGet, "/scoring", h.scoring)
	admin(http.MethodPost, "/scoring", h.saveWeights)
	admin(http.MethodPost, "/scoring/preview", h.previewWeights)
	admin(http.MethodGet, "/scoring/status", h.rescoreStatus)
	admin(http.MethodGet, "/admin/users", h.users)
	admin(http.MethodPost, "/admin/users", h.inviteUser)
	admin(http.MethodPost, "/admin/users/:id/role", h.setUserRole)
	admin(http.MethodPost, "/admin/users/:id/password", h.resetPassword)
	admin(http.MethodPost, "/admin/users/:id/deactivate", h.deactivateUser)
	admin(http.MethodPost, "/admin/users/:id/reactivate", h.reactivateUser)
	admin(http.MethodGet, "/admin/outcomes", h.outcomes)
	admin(http.MethodPost, "/admin/outcomes", h.addOutcome)
	admin(http.MethodPost, "/admin/outcomes/:name", h.editOutcome)
	admin(http.MethodPost, "/admin/outcomes/:name/up", h.moveOutcomeUp)
	admin(http.MethodPost, "/admin/outcomes/:name/down", h.moveOutcomeDown)
	admin(http.MethodPost, "/admin/outcomes/:name/deactivate", h.deactivateOutcome)
	admin(http.MethodPost, "/admin/outcomes/:name/activate", h.activateOutcome)
	return e
}

// clientIP tells how a request's client address is found. With no trusted
// proxies it is the peer address, never a header a client could forge.
// Behind trusted proxies it is the nearest X-Forwarded-For address that is
// not one of them: each proxy appends the address it was reached from, so
// whatever a client wrote into the header itself lies further left and is
// skipped. Only the listed ranges are trusted, not loopback or private
// networks implicitly as Echo would by default.
func clientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, r := range trusted {
		opts = append(opts, echo.TrustIPRange(r))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

func newSessions(cfg Config) *scs.SessionManager {
	sm := scs.New()
	sm.Store = cfg.Store.Sessions()
	sm.Lifetime = 7 * 24 * time.Hour
	sm.IdleTimeout = 12 * time.Hour
	sm.Cookie.Name = "leadgen_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	return sm
}

// csrf checks a token on every unsafe method: a hidden _csrf form field, or
// the X-CSRF-Token header that htmx sends.
func csrf(secure bool) echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "leadgen_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteLaxMode,
		CookieSecure:   secure,
	})
}

// varyHX tells caches that htmx requests get fragments.
func varyHX(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Add("Vary", "HX-Request")
		return next(c)
	}
}

// errorsHere renders a handler's error at this point of the chain.
func errorsHere(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Error(err)
		}
		return nil
	}
}

func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			log.Info("http_request", "method", c.Request().Method, "path", c.Request().URL.Path,
				"status", c.Response().Status, "duration_ms", time.Since(start).Milliseconds())
			return nil
		}
	}
}

// DeleteExpiredSessions removes dead sessions every interval until ctx ends.
func DeleteExpiredSessions(ctx context.Context, store *crm.Store, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := store.Sessions().DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				log.Error("session_cleanup_failed", slog.Any("error", err))
			}
		}
	}
}
