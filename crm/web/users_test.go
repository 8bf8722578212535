package web_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/web"
)

// Five wrong passwords for an email lock it for 15 minutes, right password or not.
func TestSignInIsThrottled(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.csrf("/login")
	signIn := func(email, pw string) (*http.Response, string) {
		return f.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {email}, "password": {pw}}, nil)
	}
	for i := range crm.MaxEmailFailures {
		if res, _ := signIn("rep@example.com", "wrong password"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d = %d, want 401", i+1, res.StatusCode)
		}
	}
	for _, pw := range []string{"wrong password", password} {
		res, body := signIn("Rep@example.com", pw)
		d := doc(t, body)
		msg := d.Find(`[data-testid="login-error"]`).Text()
		if res.StatusCode != http.StatusTooManyRequests || msg != "Too many failed sign-ins; try again in 15 minutes." {
			t.Fatalf("sign-in after 5 failures (password %q) = %d %q, want 429", pw, res.StatusCode, msg)
		}
		if v, _ := d.Find(`input[name="email"]`).Attr("value"); v != "Rep@example.com" {
			t.Errorf("typed email lost: %q", v)
		}
		if res.Header.Get("Retry-After") == "" {
			t.Error("no Retry-After")
		}
	}
	if res, _ := f.do("GET", "/leads", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a throttled sign-in made a session: /leads = %d", res.StatusCode)
	}
	// Another user from the same address is not locked out.
	if _, err := f.store.CreateUser(context.Background(), "other@example.com", password, crm.RoleSales); err != nil {
		t.Fatal(err)
	}
	if res, body := signIn("other@example.com", password); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another user's sign-in = %d %s", res.StatusCode, body)
	}
}

// signInFrom posts the sign-in form with X-Forwarded-For xff (none if empty)
// and returns the status.
func (f *fixture) signInFrom(tok, email, pw, xff string) int {
	f.t.Helper()
	var hdr map[string]string
	if xff != "" {
		hdr = map[string]string{"X-Forwarded-For": xff}
	}
	res, _ := f.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {email}, "password": {pw}}, hdr)
	return res.StatusCode
}

// failFromAddress makes crm.MaxIPFailures failed sign-ins, each for another
// email so that no email's own limit is reached; xff(i) is the i-th one's
// X-Forwarded-For.
func (f *fixture) failFromAddress(tok string, xff func(i int) string) {
	f.t.Helper()
	for i := range crm.MaxIPFailures {
		if code := f.signInFrom(tok, fmt.Sprintf("nobody%d@example.com", i), "wrong password", xff(i)); code != http.StatusUnauthorized {
			f.t.Fatalf("failed sign-in %d = %d, want 401", i+1, code)
		}
	}
}

// Without trusted proxies X-Forwarded-For is ignored: forging a new address
// for every attempt does not escape the limit on the peer address.
func TestSignInThrottlesThePeerNotForgedHeaders(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.csrf("/login")
	f.failFromAddress(tok, func(i int) string { return fmt.Sprintf("203.0.113.%d", i+1) })
	for _, xff := range []string{"203.0.113.200", "198.51.100.7", ""} {
		if code := f.signInFrom(tok, "rep@example.com", password, xff); code != http.StatusTooManyRequests {
			t.Errorf("sign-in from the same peer with X-Forwarded-For %q = %d, want 429", xff, code)
		}
	}
}

// Behind a trusted proxy every client shares the proxy's address, so
// failures count against the client address the proxy forwards instead.
func TestSignInThrottlesEachClientBehindATrustedProxy(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// The same store served as if behind a proxy on loopback, where the
	// test's requests come from (::1 in case the server listens on IPv6).
	var trusted []*net.IPNet
	for _, s := range []string{"127.0.0.0/8", "::1/128"} {
		_, r, _ := net.ParseCIDR(s)
		trusted = append(trusted, r)
	}
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	f.srv = httptest.NewServer(web.New(web.Config{Store: f.store, Logger: log, TrustedProxies: trusted}))
	t.Cleanup(f.srv.Close)

	tok := f.csrf("/login")
	f.failFromAddress(tok, func(int) string { return "203.0.113.1" })
	if code := f.signInFrom(tok, "rep@example.com", password, "203.0.113.1"); code != http.StatusTooManyRequests {
		t.Fatalf("sign-in by the failing client = %d, want 429", code)
	}
	// The proxy appends the address it was reached from: what the client
	// wrote into the header itself is further left and does not count.
	if code := f.signInFrom(tok, "rep@example.com", password, "198.51.100.7, 203.0.113.1"); code != http.StatusTooManyRequests {
		t.Errorf("sign-in by the failing client with a forged X-Forwarded-For = %d, want 429", code)
	}
	if code := f.signInFrom(tok, "rep@example.com", password, "203.0.113.2"); code != http.StatusSeeOther {
		t.Fatalf("sign-in by another client through the same proxy = %d, want 303", code)
	}
}

func TestUsersPageIsForAdmins(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.signIn()
	if res, _ := f.do("GET", "/admin/users", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("sales /admin/users = %d, want 403", res.StatusCode)
	}
	if _, body := f.do("GET", "/leads", nil, nil); strings.Contains(body, `data-testid="nav-users"`) {
		t.Error("sales users are offered the Users page")
	}
	b := setup(t)
	b.admin()
	if _, body := b.do("GET", "/leads", nil, nil); doc(t, body).Find(`a[data-testid="nav-users"][href="/admin/users"]`).Length() != 1 {
		t.Error("admins are not offered the Users page")
	}
}

// row is a user's row on the Users page.
func row(d *goquery.Document, email string) *goquery.Selection {
	return d.Find(`[data-testid="user-row"][data-email="` + email + `"]`)
}

func TestUsersPageInvitesAndManagesUsers(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	tok := f.admin()
	res, body := f.do("GET", "/admin/users", nil, nil)
	d := doc(t, body)
	if res.StatusCode != 200 || d.Find(`[data-testid="user-row"]`).Length() != 2 || row(d, "rep@example.com").Find(`[data-testid="user-role"]`).Text() != "Sales" {
		t.Fatalf("users page = %d:\n%s", res.StatusCode, body)
	}
	d.Find("form[method=post]").Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Find(`input[name="_csrf"]`).Attr("value"); v == "" {
			action, _ := s.Attr("action")
			t.Errorf("form %s has no CSRF token", action)
		}
	})

	// A bad invite re-renders the form with what was typed.
	res, body = f.do("POST", "/admin/users", url.Values{"_csrf": {tok}, "email": {"ada at example"}, "name": {"Ada Lovelace"}, "role": {"admin"}}, nil)
	d = doc(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || d.Find(`[data-testid="invite-error"]`).Text() != "Email is not an email address." {
		t.Fatalf("bad invite = %d:\n%s", res.StatusCode, body)
	}
	email, _ := d.Find(`input[name="email"]`).Attr("value")
	name, _ := d.Find(`input[name="name"]`).Attr("value")
	role, _ := d.Find(`select[name="role"] option[selected]`).Attr("value")
	if email != "ada at example" || name != "Ada Lovelace" || role != "admin" {
		t.Errorf("typed values lost: %q %q %q", email, name, role)
	}

	// A good one shows the generated password once.
	res, body = f.do("POST", "/admin/users", url.Values{"_csrf": {tok}, "email": {"ada@example.com"}, "name": {"Ada Lovelace"}, "role": {"sales"}}, nil)
	d = doc(t, body)
	pw := d.Find(`[data-testid="password"]`).Text()
	if res.StatusCode != 200 || len(pw) < crm.MinPasswordLen || !strings.Contains(d.Find(`[data-testid="new-password"]`).Text(), "ada@example.com") {
		t.Fatalf("invite = %d:\n%s", res.StatusCode, body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page with a password is cacheable: Cache-Control %q", cc)
	}
	ada, err := f.store.Authenticate(ctx, "ada@example.com", pw)
	if err != nil {
		t.Fatalf("the invited user cannot sign in with the shown password: %v", err)
	}
	if !strings.Contains(row(d, "ada@example.com").Text(), "Ada Lovelace") {
		t.Errorf("invited user's row = %q", row(d, "ada@example.com").Text())
	}
	if _, body = f.do("GET", "/admin/users", nil, nil); strings.Contains(body, pw) {
		t.Error("the password is shown again")
	}

	// Role, password, deactivation and reactivation.
	path := "/admin/users/" + itoa(ada.ID)
	res, _ = f.do("POST", path+"/role", url.Values{"_csrf": {tok}, "role": {"admin"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/users?saved="+itoa(ada.ID) {
		t.Fatalf("role = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", res.Header.Get("Location"), nil, nil)
	d = doc(t, body)
	if row(d, "ada@example.com").Find(`[data-testid="user-role"]`).Text() != "Admin" || !strings.Contains(d.Find(`[data-testid="users-notice"]`).Text(), "ada@example.com") {
		t.Errorf("after making ada an admin:\n%s", body)
	}
	res, body = f.do("POST", path+"/password", url.Values{"_csrf": {tok}}, nil)
	newPW := doc(t, body).Find(`[data-testid="password"]`).Text()
	if res.StatusCode != 200 || newPW == "" || newPW == pw {
		t.Fatalf("reset = %d:\n%s", res.StatusCode, body)
	}
	if _, err := f.store.Authenticate(ctx, "ada@example.com", newPW); err != nil {
		t.Errorf("the reset password does not work: %v", err)
	}
	if res, _ := f.do("POST", path+"/deactivate", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate = %d", res.StatusCode)
	}
	_, body = f.do("GET", "/admin/users", nil, nil)
	if r := row(doc(t, body), "ada@example.com"); !strings.Contains(r.Find(`[data-testid="user-status"]`).Text(), "Deactivated") || r.Find(`[data-testid="user-reactivate"]`).Length() != 1 {
		t.Errorf("deactivated row = %q", r.Text())
	}
	if _, err := f.store.Authenticate(ctx, "ada@example.com", newPW); !errors.Is(err, crm.ErrBadCredentials) {
		t.Errorf("a deactivated user signs in: %v", err)
	}

	// The last active admin stays: the refusal shows on its row.
	boss := "/admin/users/" + itoa(userID(t, f, "boss@example.com"))
	res, body = f.do("POST", boss+"/deactivate", url.Values{"_csrf": {tok}}, nil)
	if msg := row(doc(t, body), "boss@example.com").Find(`[data-testid="user-error"]`).Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "last active admin") {
		t.Fatalf("deactivating the last admin = %d %q", res.StatusCode, msg)
	}
	if res, _ := f.do("POST", boss+"/role", url.Values{"_csrf": {tok}, "role": {"sales"}}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("demoting the last admin = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", path+"/reactivate", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reactivate = %d", res.StatusCode)
	}
	if _, err := f.store.Authenticate(ctx, "ada@example.com", newPW); err != nil {
		t.Errorf("a reactivated user cannot sign in: %v", err)
	}
	if res, _ := f.do("POST", "/admin/users/999999/deactivate", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("deactivating a missing user = %d", res.StatusCode)
	}
}

// Deactivating a user ends their sessions at the next request.
func TestDeactivatedUsersAreSignedOut(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.signIn()
	if res, _ := f.do("GET", "/leads", nil, nil); res.StatusCode != 200 {
		t.Fatalf("/leads = %d", res.StatusCode)
	}
	if err := f.store.SetUserActive(context.Background(), userID(t, f, "rep@example.com"), false); err != nil {
		t.Fatal(err)
	}
	if res, _ := f.do("GET", "/leads", nil, nil); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("a deactivated user's session: /leads = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
}
