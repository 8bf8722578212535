package crm_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

const userPassword = "correct horse battery"

// movableClock is a store clock a test can move.
type movableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movableClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *movableClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func mustUser(t *testing.T, s *crm.Store, email string, role crm.Role) crm.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), email, userPassword, role)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func validationField(err error) string {
	var ve *crm.ValidationError
	if errors.As(err, &ve) {
		return ve.Field
	}
	return ""
}

func TestInviteListAndResetPassword(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{})
	mustUser(t, s, "boss@example.com", crm.RoleAdmin)

	u, pw, err := s.InviteUser(ctx, "  ada@example.com ", " Ada Lovelace ", crm.RoleSales)
	if err != nil || u.ID == 0 || u.Email != "ada@example.com" || u.Role != crm.RoleSales || !u.Active || len(pw) < crm.MinPasswordLen {
		t.Fatalf("invite = %+v, %d-byte password, %v", u, len(pw), err)
	}
	if _, err := s.Authenticate(ctx, "ADA@example.com", pw); err != nil {
		t.Fatalf("sign in with the generated password: %v", err)
	}
	for _, c := range []struct {
		email, name string
		role        crm.Role
		field       string
	}{
		{"not an email", "", crm.RoleSales, "email"},
		{"Ada@Example.com", "", crm.RoleSales, "email"}, // already a user, whatever the case
		{"bob@example.com", strings.Repeat("x", crm.MaxUserNameLen+1), crm.RoleSales, "name"},
		{"bob@example.com", "Bob", "owner", "role"},
	} {
		if _, _, err := s.InviteUser(ctx, c.email, c.name, c.role); validationField(err) != c.field {
			t.Errorf("invite %q %q %q = %v, want a validation error on %s", c.email, c.name, c.role, err, c.field)
		}
	}

	users, err := s.ListUsers(ctx)
	if err != nil || len(users) != 2 {
		t.Fatalf("list = %+v, %v", users, err)
	}
	if a := users[0]; a.Email != "ada@example.com" || a.Name != "Ada Lovelace" || a.CreatedAt.IsZero() || !a.DeactivatedAt.IsZero() || users[1].Email != "boss@example.com" {
		t.Errorf("list = %+v", users)
	}

	newPW, err := s.ResetPassword(ctx, u.ID)
	if err != nil || newPW == pw || len(newPW) < crm.MinPasswordLen {
		t.Fatalf("reset = %q, %v", newPW, err)
	}
	if _, err := s.Authenticate(ctx, "ada@example.com", pw); !errors.Is(err, crm.ErrBadCredentials) {
		t.Errorf("old password after reset: %v", err)
	}
	if _, err := s.Authenticate(ctx, "ada@example.com", newPW); err != nil {
		t.Errorf("new password: %v", err)
	}
	if _, err := s.ResetPassword(ctx, 999999); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("reset of a missing user: %v", err)
	}
	if err := s.SetUserRole(ctx, 999999, crm.RoleAdmin); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("role of a missing user: %v", err)
	}
	if err := s.SetUserActive(ctx, 999999, false); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("deactivating a missing user: %v", err)
	}
	if err := s.SetUserRole(ctx, u.ID, "owner"); validationField(err) != "role" {
		t.Errorf("bad role: %v", err)
	}
}

func TestDeactivatedUsersCannotSignIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := &movableClock{t: now}
	s := crmtest.Store(t, crm.StoreOptions{Now: clk.now})
	mustUser(t, s, "boss@example.com", crm.RoleAdmin)
	rep := mustUser(t, s, "rep@example.com", crm.RoleSales)

	if err := s.SetUserActive(ctx, rep.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "rep@example.com", userPassword); !errors.Is(err, crm.ErrBadCredentials) {
		t.Errorf("a deactivated user signed in: %v", err)
	}
	if u, err := s.GetUser(ctx, rep.ID); err != nil || u.Active {
		t.Errorf("deactivated user = %+v, %v; sessions check Active", u, err)
	}
	clk.advance(time.Hour)
	if err := s.SetUserActive(ctx, rep.ID, false); err != nil { // again: keeps the first date
		t.Fatal(err)
	}
	users, _ := s.ListUsers(ctx)
	if d := users[1].DeactivatedAt; !d.Equal(now) {
		t.Errorf("deactivated at %v, want %v", d, now)
	}
	if err := s.SetUserActive(ctx, rep.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "rep@example.com", userPassword); err != nil {
		t.Errorf("a reactivated user cannot sign in: %v", err)
	}
	if users, _ := s.ListUsers(ctx); !users[1].DeactivatedAt.IsZero() || !users[1].Active {
		t.Errorf("reactivated user = %+v", users[1])
	}
}

func TestTheLastActiveAdminStays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{})
	boss := mustUser(t, s, "boss@example.com", crm.RoleAdmin)
	rep := mustUser(t, s, "rep@example.com", crm.RoleSales)

	if err := s.SetUserActive(ctx, boss.ID, false); validationField(err) != "active" {
		t.Errorf("deactivating the only admin: %v", err)
	}
	if err := s.SetUserRole(ctx, boss.ID, crm.RoleSales); validationField(err) != "role" {
		t.Errorf("demoting the only admin: %v", err)
	}
	if err := s.SetUserRole(ctx, boss.ID, crm.RoleAdmin); err != nil {
		t.Errorf("keeping the only admin an admin: %v", err)
	}
	if err := s.SetUserRole(ctx, rep.ID, crm.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserRole(ctx, boss.ID, crm.RoleSales); err != nil {
		t.Fatalf("demoting one of two admins: %v", err)
	}
	// A deactivated admin does not count: rep is the last active one.
	if err := s.SetUserRole(ctx, boss.ID, crm.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, boss.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserRole(ctx, rep.ID, crm.RoleSales); validationField(err) != "role" {
		t.Errorf("demoting the last active admin beside a deactivated one: %v", err)
	}
	if err := s.SetUserActive(ctx, boss.ID, true); err != nil {
		t.Fatal(err)
	}

	// Two admins removing each other at once: one must stay.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, id := range []int64{boss.ID, rep.ID} {
		wg.Go(func() { errs[i] = s.SetUserActive(ctx, id, false) })
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) || validationField(errors.Join(errs...)) != "active" {
		t.Fatalf("concurrent deactivations = %v, want exactly one refused", errs)
	}
	users, _ := s.ListUsers(ctx)
	active := 0
	for _, u := range users {
		if u.Active && u.Role == crm.RoleAdmin {
			active++
		}
	}
	if active != 1 {
		t.Errorf("%d active admins left, want 1", active)
	}
}

func TestSignInThrottle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := &movableClock{t: now}
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clk.now})
	mustUser(t, s, "rep@example.com", crm.RoleSales)
	blocked := func(email, ip string) time.Duration {
		t.Helper()
		d, err := s.LoginBlockedFor(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	fail := func(email, ip string) {
		t.Helper()
		if err := s.RecordLoginFailure(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
	}

	// Five failures a minute apart, the email spelled differently each time.
	for i := range crm.MaxEmailFailures {
		if d := blocked("rep@example.com", "10.0.0.1"); d != 0 {
			t.Fatalf("blocked for %v after %d failures", d, i)
		}
		fail([]string{"rep@example.com", "REP@example.com", " Rep@Example.com "}[i%3], "10.0.0.1")
		clk.advance(time.Minute)
	}
	// The first failure was 5 minutes ago: it leaves the window in 10.
	if d := blocked("rep@example.com", "10.0.0.9"); d != 10*time.Minute {
		t.Fatalf("after 5 failures blocked for %v from another address, want 10m", d)
	}
	if d := blocked("other@example.com", "10.0.0.9"); d != 0 {
		t.Fatalf("another email is blocked for %v", d)
	}
	// A sixth failure: the oldest of the five most recent is now the second.
	fail("rep@example.com", "10.0.0.1")
	if d := blocked("rep@example.com", "10.0.0.1"); d != 11*time.Minute {
		t.Fatalf("after 6 failures blocked for %v, want 11m", d)
	}
	clk.advance(11*time.Minute - time.Second)
	if d := blocked("rep@example.com", "10.0.0.1"); d != time.Second {
		t.Fatalf("a second before the end, blocked for %v", d)
	}
	clk.advance(time.Second)
	if d := blocked("rep@example.com", "10.0.0.1"); d != 0 {
		t.Fatalf("after the window, blocked for %v", d)
	}

	// Twenty failures from one address, for different emails, block it for all.
	for i := range crm.MaxIPFailures {
		fail("guess"+strings.Repeat("x", i)+"@example.com", "10.0.0.2")
	}
	if d := blocked("new@example.com", "10.0.0.2"); d != crm.LoginWindow {
		t.Fatalf("after 20 failures from one address blocked for %v, want %v", d, crm.LoginWindow)
	}
	if d := blocked("new@example.com", "10.0.0.3"); d != 0 {
		t.Fatalf("another address is blocked for %v", d)
	}

	// A successful sign-in forgives the email's failures (not the address's).
	clk.advance(crm.LoginWindow)
	for range crm.MaxEmailFailures - 1 {
		fail("rep@example.com", "10.0.0.4")
	}
	if _, err := s.Authenticate(ctx, "Rep@example.com", userPassword); err != nil {
		t.Fatal(err)
	}
	fail("rep@example.com", "10.0.0.4")
	if d := blocked("rep@example.com", "10.0.0.4"); d != 0 {
		t.Fatalf("failures before a successful sign-in still count: blocked for %v", d)
	}

	// Failures older than a day are deleted as new ones arrive.
	clk.advance(25 * time.Hour)
	fail("rep@example.com", "10.0.0.5")
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM login_failures").Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d failures kept after a day, want 1 (%v)", n, err)
	}
}

func TestResetPasswordForgivesFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{})
	rep := mustUser(t, s, "rep@example.com", crm.RoleSales)
	for range crm.MaxEmailFailures {
		if err := s.RecordLoginFailure(ctx, "rep@example.com", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
	}
	if d, _ := s.LoginBlockedFor(ctx, "rep@example.com", "10.0.0.1"); d == 0 {
		t.Fatal("not blocked after 5 failures")
	}
	if _, err := s.ResetPassword(ctx, rep.ID); err != nil {
		t.Fatal(err)
	}
	if d, err := s.LoginBlockedFor(ctx, "rep@example.com", "10.0.0.1"); d != 0 || err != nil {
		t.Fatalf("after a password reset blocked for %v, %v", d, err)
	}
}
