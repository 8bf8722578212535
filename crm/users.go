package crm

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ErrBadCredentials is returned for an unknown email, a wrong password or a
// deactivated user alike, so sign-in does not reveal which.
var ErrBadCredentials = errors.New("wrong email or password")

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// CreateUser adds a user with a bcrypt-hashed password.
func (s *Store) CreateUser(ctx context.Context, email, password string, role Role) (User, error) {
	return s.createUser(ctx, email, "", password, role)
}

// InviteUser adds a user with a generated password, returned to be shown
// once to the admin who passes it on.
func (s *Store) InviteUser(ctx context.Context, email, name string, role Role) (User, string, error) {
	password := GeneratePassword()
	u, err := s.createUser(ctx, email, name, password, role)
	if err != nil {
		return User{}, "", err
	}
	return u, password, nil
}

// MaxUserNameLen is the longest display name accepted, in characters.
const MaxUserNameLen = 100

// createUser checks and stores a new user with password.
func (s *Store) createUser(ctx context.Context, email, name, password string, role Role) (User, error) {
	email, name = strings.TrimSpace(email), strings.TrimSpace(name)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return User{}, &ValidationError{Field: "email", Message: "is not an email address"}
	}
	if utf8.RuneCountInString(name) > MaxUserNameLen {
		return User{}, &ValidationError{Field: "name", Message: fmt.Sprintf("must be at most %d characters", MaxUserNameLen)}
	}
	if !validRole(role) {
		return User{}, &ValidationError{Field: "role", Message: "must be admin or sales"}
	}
	if len(password) < MinPasswordLen || len(password) > 72 {
		return User{}, &ValidationError{Field: "password", Message: fmt.Sprintf("must be %d to 72 bytes long", MinPasswordLen)}
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return User{}, fmt.Errorf("crm: hash password: %w", err)
	}
	id, err := s.q().UserInsert(ctx, dbsqlc.UserInsertParams{Email: email, Name: name, PasswordHash: string(hash), Role: string(role)})
	if isUniqueViolation(err) {
		return User{}, &ValidationError{Field: "email", Message: "already has a user"}
	}
	if err != nil {
		return User{}, fmt.Errorf("crm: create user %q: %w", email, err)
	}
	return User{ID: id, Email: email, Role: role, Active: true}, nil
}

func validRole(r Role) bool { return r == RoleAdmin || r == RoleSales }

// Authenticate checks an email and password and returns the active user.
func (s *Store) Authenticate(ctx context.Context, email, password string) (User, error) {
	u, err := s.q().UserGetByEmail(ctx, strings.TrimSpace(email))
	if errors.Is(notFound(err), ErrNotFound) {
		// Spend the same time as a real check so timing does not reveal users.
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("crm: authenticate: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || !u.Active {
		return User{}, ErrBadCredentials
	}
	// A successful sign-in forgives the email's earlier failures.
	if err := s.q().LoginFailuresClear(ctx, failureKey(email)); err != nil {
		return User{}, fmt.Errorf("crm: clear sign-in failures: %w", err)
	}
	return User{ID: u.ID, Email: u.Email, Role: Role(u.Role), Active: u.Active}, nil
}

// dummyHash is a bcrypt hash (default cost) of a password nobody has.
var dummyHash = []byte("$2a$10$Eqi1UBE7rsPAsOnsHlozK.2wAplUvf7taCOc4.OWwVE3CAJDaYlPy")

// GetUser returns a user by id.
func (s *Store) GetUser(ctx context.Context, id int64) (User, error) {
	u, err := s.q().UserGet(ctx, id)
	if err != nil {
		return User{}, fmt.Errorf("crm: get user %d: %w", id, notFound(err))
	}
	return User{ID: u.ID, Email: u.Email, Role: Role(u.Role), Active: u.Active}, nil
}

// CountUsers tells how many users exist (the first-run hint needs it).
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	n, err := s.q().UserCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("crm: count users: %w", err)
	}
	return n, nil
}

// GeneratePassword returns a random password for a new user.
func GeneratePassword() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// UserDetail is a user as the Users page lists them.
type UserDetail struct {
	User
	Name          string
	CreatedAt     time.Time
	DeactivatedAt time.Time // zero while active
}

// ListUsers returns every user, active or not, by email.
func (s *Store) ListUsers(ctx context.Context) ([]UserDetail, error) {
	rows, err := s.q().UserList(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: list users: %w", err)
	}
	out := make([]UserDetail, 0, len(rows))
	for _, r := range rows {
		u := UserDetail{User: User{ID: r.ID, Email: r.Email, Role: Role(r.Role), Active: r.Active}, Name: r.Name, CreatedAt: r.CreatedAt}
		if r.DeactivatedAt.Valid {
			u.DeactivatedAt = r.DeactivatedAt.Time
		}
		out = append(out, u)
	}
	return out, nil
}

// SetUserRole makes a user an admin or a salesperson. The last active admin
// cannot be demoted: someone must be able to manage users.
func (s *Store) SetUserRole(ctx context.Context, id int64, role Role) error {
	if !validRole(role) {
		return &ValidationError{Field: "role", Message: "must be admin or sales"}
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if role != RoleAdmin {
			if err := lastAdminGuard(ctx, q, id, "role", "the last active admin cannot be demoted; make someone else an admin first"); err != nil {
				return err
			}
		}
		n, err := q.UserSetRole(ctx, dbsqlc.UserSetRoleParams{ID: id, Role: string(role)})
		if err != nil {
			return fmt.Errorf("crm: set role of user %d: %w", id, err)
		}
		if n == 0 {
			return fmt.Errorf("crm: set role of user %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// SetUserActive deactivates or reactivates a user. A deactivated user cannot
// sign in, and their open sessions stop working at the next request. The
// last active admin cannot be deactivated.
func (s *Store) SetUserActive(ctx context.Context, id int64, active bool) error {
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if !active {
			if err := lastAdminGuard(ctx, q, id, "active", "the last active admin cannot be deactivated; make someone else an admin first"); err != nil {
				return err
			}
		}
		n, err := q.UserSetActive(ctx, dbsqlc.UserSetActiveParams{ID: id, Active: active, Now: s.now()})
		if err != nil {
			return fmt.Errorf("crm: set user %d active=%v: %w", id, active, err)
		}
		if n == 0 {
			return fmt.Errorf("crm: set user %d active=%v: %w", id, active, ErrNotFound)
		}
		return nil
	})
}

// lastAdminGuard refuses, with a validation error on field, to take away
// user id's admin powers when it is the only active admin. It locks the
// active admins until the transaction ends, so concurrent changes queue.
func lastAdminGuard(ctx context.Context, q *dbsqlc.Queries, id int64, field, msg string) error {
	admins, err := q.UserLockActiveAdmins(ctx)
	if err != nil {
		return fmt.Errorf("crm: lock admins: %w", err)
	}
	if len(admins) == 1 && admins[0] == id {
		return &ValidationError{Field: field, Message: msg}
	}
	return nil
}

// ResetPassword gives a user a new generated password, returned to be shown
// once, and forgives the email's failed sign-ins.
func (s *Store) ResetPassword(ctx context.Context, id int64) (string, error) {
	password := GeneratePassword()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("crm: hash password: %w", err)
	}
	email, err := s.q().UserSetPassword(ctx, dbsqlc.UserSetPasswordParams{ID: id, PasswordHash: string(hash)})
	if err != nil {
		return "", fmt.Errorf("crm: reset password of user %d: %w", id, notFound(err))
	}
	if err := s.q().LoginFailuresClear(ctx, failureKey(email)); err != nil {
		return "", fmt.Errorf("crm: clear sign-in failures: %w", err)
	}
	return password, nil
}

// Sign-in throttling: after MaxEmailFailures failed sign-ins for one email,
// or MaxIPFailures from one address, within LoginWindow, sign-in is refused
// without checking the password until enough of them are older than the window.
const (
	LoginWindow      = 15 * time.Minute
	MaxEmailFailures = 5
	MaxIPFailures    = 20
	// loginFailureTTL is how long failures are kept at all.
	loginFailureTTL = 24 * time.Hour
)

// failureKey is how failures are filed: the email as typed, trimmed and lower-cased.
func failureKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// RecordLoginFailure notes a failed sign-in for email from ip, and deletes
// failures older than a day.
func (s *Store) RecordLoginFailure(ctx context.Context, email, ip string) error {
	now := s.now()
	err := s.q().LoginFailureInsert(ctx, dbsqlc.LoginFailureInsertParams{Email: failureKey(email), Ip: ip, At: now, Before: now.Add(-loginFailureTTL)})
	if err != nil {
		return fmt.Errorf("crm: record sign-in failure: %w", err)
	}
	return nil
}

// LoginBlockedFor tells how long sign-in for email from ip stays refused:
// zero when it is allowed, else until the oldest failure that counts
// towards the limit leaves the window.
func (s *Store) LoginBlockedFor(ctx context.Context, email, ip string) (time.Duration, error) {
	now := s.now().Truncate(time.Microsecond) // PostgreSQL's precision: since comes back exact
	r, err := s.q().LoginFailureOldestCounted(ctx, dbsqlc.LoginFailureOldestCountedParams{
		Email: failureKey(email), Ip: ip, Since: now.Add(-LoginWindow), EmailLimit: MaxEmailFailures, IpLimit: MaxIPFailures,
	})
	if err != nil {
		return 0, fmt.Errorf("crm: check sign-in failures: %w", err)
	}
	oldest := r.ByEmail
	if r.ByIp.After(oldest) {
		oldest = r.ByIp
	}
	return max(0, oldest.Add(LoginWindow).Sub(now)), nil
}
