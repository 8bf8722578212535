package crm

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strings"

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
	email = strings.TrimSpace(email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return User{}, &ValidationError{Field: "email", Message: "is not an email address"}
	}
	if role != RoleAdmin && role != RoleSales {
		return User{}, &ValidationError{Field: "role", Message: "must be admin or sales"}
	}
	if len(password) < MinPasswordLen || len(password) > 72 {
		return User{}, &ValidationError{Field: "password", Message: fmt.Sprintf("must be %d to 72 bytes long", MinPasswordLen)}
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return User{}, fmt.Errorf("crm: hash password: %w", err)
	}
	id, err := s.q().UserInsert(ctx, dbsqlc.UserInsertParams{Email: email, PasswordHash: string(hash), Role: string(role)})
	if isUniqueViolation(err) {
		return User{}, &ValidationError{Field: "email", Message: "already has a user"}
	}
	if err != nil {
		return User{}, fmt.Errorf("crm: create user %q: %w", email, err)
	}
	return User{ID: id, Email: email, Role: role, Active: true}, nil
}

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
