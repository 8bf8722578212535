package web_test

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/web"
)

// access is who may use a route.
type access int

const (
	public   access = iota // anyone: only sign-in, health checks and static assets
	signedIn               // any signed-in, active user
	admin                  // signed-in admins only
	// signOut works with or without a session and always ends at /login.
	signOut
	// catchAll is what Echo registers so group middleware also runs for
	// unknown paths: they must not be reachable without a session.
	catchAll
	// token is the JSON API: only a user's API token (Authorization:
	// Bearer) lets in, never a session; without one every path, known or
	// not, is 401.
	token
)

// routes is every route the server has, with who may use it. A new route
// must be added here, deliberately, or TestEveryRouteIsClassified fails.
var routes = map[string]access{
	"GET /login":   public,
	"POST /login":  public,
	"GET /healthz": public,
	"GET /readyz":  public,
	"GET /assets*": public,

	"POST /logout": signOut,

	echo.RouteNotFound + " /":  catchAll,
	echo.RouteNotFound + " /*": catchAll,

	"GET /":                             signedIn,
	"GET /leads":                        signedIn,
	"GET /dashboard":                    signedIn,
	"GET /today":                        signedIn,
	"POST /tasks/:id/done":              signedIn,
	"POST /tasks/:id/snooze":            signedIn,
	"POST /companies/:id/tasks":         signedIn,
	"GET /pipeline":                     signedIn,
	"POST /pipeline/move":               signedIn,
	"GET /leads/export.csv":             signedIn,
	"GET /exports":                      signedIn,
	"GET /profile":                      signedIn,
	"POST /profile/tokens":              signedIn,
	"POST /profile/tokens/:id/revoke":   signedIn,
	"POST /leads/bulk":                  signedIn,
	"POST /views":                       signedIn,
	"POST /views/:id/delete":            signedIn,
	"GET /views/:id/count":              signedIn,
	"GET /companies/:id":                signedIn,
	"POST /companies/:id/notes":         signedIn,
	"POST /companies/:id/calls":         signedIn,
	"POST /companies/:id/stage":         signedIn,
	"POST /companies/:id/owner":         signedIn,
	"POST /companies/:id/tags":          signedIn,
	"POST /companies/:id/tags/remove":   signedIn,
	"POST /companies/:id/edit":          signedIn,
	"POST /companies/:id/contacts":      signedIn,
	"POST /companies/:id/contacts/:cid": signedIn,
	"GET /review":                       signedIn,
	"POST /review/:id/merge":            signedIn,
	"POST /review/:id/dismiss":          signedIn,
	"POST /merges/:id/undo":             signedIn,
	"GET /imports/new":                  signedIn,
	"POST /imports":                     signedIn,
	"GET /imports/:id":                  signedIn,
	"POST /imports/:id/mapping":         signedIn,
	"POST /imports/:id/commit":          signedIn,
	"GET /imports/:id/report.csv":       signedIn,
	"GET /crawl-runs":                   signedIn,
	"GET /crawl-runs/:id":               signedIn,
	"POST /queue":                       signedIn,
	"GET /queue/:id":                    signedIn,
	"POST /queue/:id/calls":             signedIn,
	"POST /queue/:id/skip":              signedIn,
	"POST /queue/:id/renew":             signedIn,

	"GET /api/v1/leads":               token,
	"GET /api/v1/leads/export.csv":    token,
	"GET /api/v1/companies/:id":       token,
	echo.RouteNotFound + " /api/v1":   token,
	echo.RouteNotFound + " /api/v1/*": token,

	"GET /scoring":                     admin,
	"POST /scoring":                    admin,
	"POST /scoring/preview":            admin,
	"GET /scoring/status":              admin,
	"GET /admin/users":                 admin,
	"POST /admin/users":                admin,
	"POST /admin/users/:id/role":       admin,
	"POST /admin/users/:id/password":   admin,
	"POST /admin/users/:id/deactivate": admin,
	"POST /admin/users/:id/reactivate": admin,

	"GET /admin/outcomes":                   admin,
	"POST /admin/outcomes":                  admin,
	"POST /admin/outcomes/:name":            admin,
	"POST /admin/outcomes/:name/up":         admin,
	"POST /admin/outcomes/:name/down":       admin,
	"POST /admin/outcomes/:name/deactivate": admin,
	"POST /admin/outcomes/:name/activate":   admin,
}

var pathParam = regexp.MustCompile(`:[a-z_]+`)

// sample is a concrete request path for a route: ids that do not exist, a
// real asset, a page nobody made.
func sample(path string) string {
	switch path {
	case "/assets*":
		return "/assets/app.css"
	case "/*":
		return "/no-such-page"
	case "/api/v1/*":
		return "/api/v1/no-such-thing"
	}
	return pathParam.ReplaceAllString(path, "999999")
}

// method is what a route is requested with: catch-alls answer any method,
// and no route has DELETE, so "DELETE /" reaches the catch-all, not "GET /".
func method(m string) string {
	if m == echo.RouteNotFound {
		return http.MethodDelete
	}
	return m
}

// toLogin reports a response that sends the browser (or htmx) to sign in.
func toLogin(res *http.Response) bool {
	if res.StatusCode == http.StatusUnauthorized && strings.HasPrefix(res.Header.Get("HX-Redirect"), "/login") {
		return true
	}
	return res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login")
}

// The table lists exactly the routes the server has.
func TestEveryRouteIsClassified(t *testing.T) {
	t.Parallel()
	e := web.New(web.Config{Store: crm.NewStore(nil, crm.StoreOptions{})}) // routes only: no request reaches the store
	seen := map[string]bool{}
	for _, r := range e.Routes() {
		key := r.Method + " " + r.Path
		seen[key] = true
		if _, ok := routes[key]; !ok {
			t.Errorf("route %s is not in the access table of routes_test.go: decide whether it is public, signed-in or admin-only", key)
		}
	}
	for key := range routes {
		if !seen[key] {
			t.Errorf("route %s is in the access table but the server no longer has it", key)
		}
	}
}

// Every route enforces the access the table gives it, with real sessions.
func TestRoutesEnforceAccess(t *testing.T) {
	t.Parallel()
	keys := make([]string, 0, len(routes))
	for k := range routes {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// Signed out: the CSRF token comes with the sign-in page, so POSTs are
	// refused for want of a session, not of a token.
	anon := setup(t)
	anonTok := anon.csrf("/login")
	sales := setup(t)
	salesTok := sales.signIn()
	boss := setup(t)
	bossTok := boss.admin()
	_, salesAPIToken, err := sales.store.CreateAPIToken(context.Background(), userID(t, sales, "rep@example.com"), "routes")
	if err != nil {
		t.Fatal(err)
	}

	request := func(f *fixture, tok, key string, hdr map[string]string) *http.Response {
		t.Helper()
		m, path, _ := strings.Cut(key, " ")
		var form url.Values
		switch method(m) {
		case http.MethodPost:
			form = url.Values{"_csrf": {tok}}
		case http.MethodDelete:
			hdr = maps.Clone(hdr)
			if hdr == nil {
				hdr = map[string]string{}
			}
			hdr["X-CSRF-Token"] = tok
		}
		res, _ := f.do(method(m), sample(path), form, hdr)
		return res
	}

	for _, key := range keys {
		kind := routes[key]
		res := request(anon, anonTok, key, nil)
		switch kind {
		case public:
			if toLogin(res) || res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 {
				t.Errorf("public %s without a session = %d → %q", key, res.StatusCode, res.Header.Get("Location"))
			}
			continue
		case signOut:
			if !toLogin(res) {
				t.Errorf("%s without a session = %d → %q, want /login", key, res.StatusCode, res.Header.Get("Location"))
			}
			continue
		case token:
			if res.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("%s without a token = %d %q, want a 401 JSON error", key, res.StatusCode, res.Header.Get("Content-Type"))
			}
			// A session is no way in, nor a token that is not one.
			if res := request(sales, salesTok, key, nil); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with a session but no token = %d, want 401", key, res.StatusCode)
			}
			if res := request(anon, anonTok, key, map[string]string{"Authorization": "Bearer lg_not-a-token"}); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with a wrong token = %d, want 401", key, res.StatusCode)
			}
			res = request(sales, salesTok, key, map[string]string{"Authorization": "Bearer " + salesAPIToken})
			if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
				t.Errorf("%s with a sales user's token = %d, want 200 or 404", key, res.StatusCode)
			}
			continue
		}
		if !toLogin(res) {
			t.Errorf("%s without a session = %d → %q, want a redirect to /login", key, res.StatusCode, res.Header.Get("Location"))
		}
		if res := request(anon, anonTok, key, map[string]string{"HX-Request": "true"}); res.StatusCode != http.StatusUnauthorized || !toLogin(res) {
			t.Errorf("htmx %s without a session = %d, HX-Redirect %q, want 401 to /login", key, res.StatusCode, res.Header.Get("HX-Redirect"))
		}

		res = request(sales, salesTok, key, nil)
		switch kind {
		case admin:
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s as a sales user = %d, want 403", key, res.StatusCode)
			}
		case signedIn:
			if res.StatusCode == http.StatusForbidden || toLogin(res) {
				t.Errorf("%s as a sales user = %d → %q, want it allowed", key, res.StatusCode, res.Header.Get("Location"))
			}
		case catchAll:
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s as a sales user = %d → %q, want 404 (an unknown page is not a forbidden one)", key, res.StatusCode, res.Header.Get("Location"))
			}
		}

		if kind == admin {
			if res := request(boss, bossTok, key, nil); res.StatusCode == http.StatusForbidden || toLogin(res) {
				t.Errorf("%s as an admin = %d → %q, want it allowed", key, res.StatusCode, res.Header.Get("Location"))
			}
		}
	}
}
